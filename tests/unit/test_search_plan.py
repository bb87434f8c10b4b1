from shared.clients.models import ClientRecord
from shared.clients.search import matches_words, plan, terms
from shared.ids import new_id


def client(**kw):
    now = "2026-12-01T12:00:00.000+00:00"
    base = dict(id=new_id(), tenant_id=new_id(), card_id=new_id(), type="pf", origin="site", stage="novo_contato",
                stage_entered_at=now, last_activity_at=now, created_at=now, updated_at=now)
    return ClientRecord(**{**base, **kw})


def test_terms_cover_names_digits_and_email():
    c = client(first_name="José", last_name="da Conceição", document="52998224725", whatsapp="+5511987654321",
               email="jose@x.com.br")
    t = terms(c)
    assert {"n:jose da conceicao", "w:jose", "w:da", "w:conceicao", "x:52998224725", "x:11987654321",
            "x:987654321", "e:jose@x.com.br"} <= t


def test_archived_clients_have_no_terms():
    assert terms(client(first_name="Ana", status="archived")) == set()


def test_plans():
    assert plan("MARIA da").prefix == "w:maria" and plan("MARIA da").words == ("da",)
    assert plan("529.982.247").prefix == "x:529982247"
    assert plan("+55 11 98765-4321").prefix == "x:11987654321"
    assert plan("fulano@EMPRESA").prefix == "e:fulano@empresa"
    assert plan("   ") is None


def test_every_word_must_match_a_name_word():
    c = client(first_name="Maria", last_name="Silva")
    assert matches_words(c, ("sil",))
    assert not matches_words(c, ("souza",))
