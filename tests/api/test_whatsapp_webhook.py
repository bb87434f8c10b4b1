"""Meta's webhook: verification, signatures, inbound messages (new and known clients, media, retries,
opt-out) and what is ignored."""

from __future__ import annotations

import threading

import pytest

from shared.whatsapp import graph
from tests.api.test_whatsapp_support import (
    ACCESS_TOKEN,
    APP_SECRET,
    VERIFY_TOKEN,
    deliver,
    inbound,
    setup_whatsapp,
)
from tests.support.http import auth_headers


@pytest.fixture
def admin(api, world):
    return auth_headers(api, world.a.emails["administrador"])


@pytest.fixture
def hook(world):
    return setup_whatsapp(world.a.tenant_id)


def conversations(api, headers, **params):
    return api.get("/api/whatsapp/conversations", headers=headers, params=params).json()["items"]


def messages(api, headers, conversation_id):
    return api.get(f"/api/whatsapp/conversations/{conversation_id}/messages", headers=headers).json()["items"]


def clients(api, headers, q=None):
    return api.get("/api/clients", headers=headers, params={"q": q} if q else {}).json()["items"]


def test_verification_echoes_the_challenge_only_with_the_company_token(api, world, hook):
    ok = api.get(f"/webhooks/whatsapp/{hook}", params={"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN,
                                                       "hub.challenge": "1158201444"})
    assert ok.status_code == 200 and ok.text == "1158201444"
    assert ok.headers["content-type"].startswith("text/plain")
    for params in ({"hub.mode": "subscribe", "hub.verify_token": "errado", "hub.challenge": "1"},
                   {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1"}, {}):
        refused = api.get(f"/webhooks/whatsapp/{hook}", params=params)
        assert refused.status_code == 403 and refused.json()["detail"]
    unknown = api.get("/webhooks/whatsapp/nao-existe", params={"hub.mode": "subscribe",
                                                               "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1"})
    assert unknown.status_code == 404


def test_bad_or_missing_signature_is_401_and_stores_nothing(api, world, hook, admin):
    payload = inbound("5511987654321")
    assert deliver(api, hook, payload, secret=None).status_code == 401
    assert deliver(api, hook, payload, secret="outro-segredo").status_code == 401
    raw = b'{"object":"whatsapp_business_account","entry":[]}'
    tampered = api.post(f"/webhooks/whatsapp/{hook}", content=raw + b" ",
                        headers={"X-Hub-Signature-256": "sha256=" + "0" * 64})
    assert tampered.status_code == 401 and "Assinatura" in tampered.json()["detail"]
    assert conversations(api, admin) == [] and clients(api, admin) == []


def test_a_webhook_signed_for_company_a_is_refused_on_company_b_route(api, world, hook):
    hook_b = setup_whatsapp(world.b.tenant_id, phone_number_id="555000111", app_secret="segredo-de-b")
    resp = deliver(api, hook_b, inbound("5511987654321", phone_number_id="555000111"), secret=APP_SECRET)
    assert resp.status_code == 401
    b_admin = auth_headers(api, world.b.emails["administrador"])
    assert conversations(api, b_admin) == []
    assert deliver(api, "rota-girada", inbound("5511987654321")).status_code == 404


def test_unknown_number_becomes_a_new_client_in_novo_contato(api, world, hook, admin):
    resp = deliver(api, hook, inbound("5511987654321", "Olá, quero um orçamento", name="Maria da Silva Souza"))
    assert resp.status_code == 200
    [conv] = conversations(api, admin)
    assert conv["phone"] == "+5511987654321" and conv["contact_name"] == "Maria da Silva Souza"
    assert conv["unread_count"] == 1 and conv["last_direction"] == "in" and conv["window_open"] is True
    assert conv["last_message_preview"] == "Olá, quero um orçamento" and conv["opted_out"] is False
    client = api.get(f"/api/clients/{conv['client_id']}", headers=admin).json()
    assert (client["first_name"], client["last_name"]) == ("Maria", "da Silva Souza")
    assert client["origin"] == "whatsapp" and client["stage"] == "novo_contato" and client["whatsapp"] == conv["phone"]
    assert client["owner_id"] is None and conv["card_id"] == client["card_id"]
    timeline = api.get(f"/api/clients/{client['id']}/timeline", headers=admin).json()["items"]
    assert [e["kind"] for e in timeline] == ["whatsapp_in", "created"]
    assert timeline[0]["text"] == "Olá, quero um orçamento" and "WhatsApp" in timeline[0]["summary"]
    [message] = messages(api, admin, conv["id"])
    assert message["direction"] == "in" and message["status"] == "received" and message["wa_message_id"] == "wamid.A1"


def test_default_owner_of_the_integration_owns_new_whatsapp_clients(api, world, admin):
    seller = world.a.user_ids["vendedor"]
    hook = setup_whatsapp(world.a.tenant_id, default_owner_id=seller)
    deliver(api, hook, inbound("5521999998888"))
    [conv] = conversations(api, admin)
    assert api.get(f"/api/clients/{conv['client_id']}", headers=admin).json()["owner_id"] == seller


def test_meta_retries_store_the_message_once(api, world, hook, admin, atomic_requests):
    payload = inbound("5511987654321", wamid="wamid.RETRY")
    results = []
    threads = [threading.Thread(target=lambda: results.append(deliver(api, hook, payload).status_code))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert deliver(api, hook, payload).status_code == 200
    assert results == [200] * 4
    [conv] = conversations(api, admin)
    assert conv["unread_count"] == 1 and len(messages(api, admin, conv["id"])) == 1
    assert len(clients(api, admin)) == 1
    timeline = api.get(f"/api/clients/{conv['client_id']}/timeline", headers=admin).json()["items"]
    assert [e["kind"] for e in timeline] == ["whatsapp_in", "created"]


@pytest.mark.parametrize("wa_id", ["5511987654321", "551187654321"])  # with and without the ninth digit
def test_known_number_is_linked_to_its_client(api, world, hook, admin, wa_id):
    known = api.post("/api/clients", headers=admin, json={"type": "pf", "first_name": "Joana",
                                                          "whatsapp": "(11) 98765-4321"}).json()
    deliver(api, hook, inbound(wa_id, "Bom dia", name="Jo"))
    [conv] = conversations(api, admin)
    assert conv["client_id"] == known["id"] and conv["client_name"] == "Joana" and conv["phone"] == "+5511987654321"
    assert len(clients(api, admin)) == 1
    kinds = [e["kind"] for e in api.get(f"/api/clients/{known['id']}/timeline", headers=admin).json()["items"]]
    assert kinds == ["whatsapp_in", "created"]


def test_a_client_known_by_another_phone_field_is_found_too(api, world, hook, admin):
    known = api.post("/api/clients", headers=admin, json={"type": "pf", "first_name": "Pedro",
                                                          "phone": "(31) 99876-5432"}).json()
    deliver(api, hook, inbound("5531998765432"))
    assert conversations(api, admin)[0]["client_id"] == known["id"]


@pytest.mark.parametrize(("message", "type_", "caption", "preview"), [
    ({"type": "image", "image": {"id": "m1", "mime_type": "image/jpeg", "caption": "Foto do produto"}},
     "image", "Foto do produto", "[Imagem] Foto do produto"),
    ({"type": "audio", "audio": {"id": "m2", "mime_type": "audio/ogg"}}, "audio", None, "[Áudio]"),
    ({"type": "document", "document": {"id": "m3", "filename": "orcamento.pdf"}}, "document", "orcamento.pdf",
     "[Documento] orcamento.pdf"),
    ({"type": "location", "location": {"latitude": -23.5, "longitude": -46.6, "name": "Loja"}}, "location", "Loja",
     "[Localização] Loja"),
    ({"type": "sticker", "sticker": {"id": "m4"}}, "sticker", None, "[Figurinha]"),
    ({"type": "reaction", "reaction": {"message_id": "wamid.X", "emoji": "👍"}}, "reaction", "👍", "[Reação] 👍"),
    ({"type": "nova_coisa_da_meta"}, "unsupported", None, "[Mensagem não suportada]"),
])
def test_media_and_other_types_are_stored_as_placeholders(api, world, hook, admin, message, type_, caption, preview):
    assert deliver(api, hook, inbound("5511987654321", message=message)).status_code == 200
    [conv] = conversations(api, admin)
    assert conv["last_message_preview"] == preview
    [stored] = messages(api, admin, conv["id"])
    assert (stored["type"], stored["caption"], stored["text"]) == (type_, caption, None)


@pytest.mark.parametrize("word", ["SAIR", "sair", "Parar!", " stop. ", "PARÁR"])
def test_opt_out_words_revoke_whatsapp_consent(api, world, hook, admin, word):
    deliver(api, hook, inbound("5511987654321", "Oi", wamid="wamid.1"))
    deliver(api, hook, inbound("5511987654321", word, wamid="wamid.2"))
    [conv] = conversations(api, admin)
    assert conv["opted_out"] is True
    client = api.get(f"/api/clients/{conv['client_id']}", headers=admin).json()
    assert client["consent"]["whatsapp"]["status"] == "revoked" and client["consent"]["whatsapp"]["updated_at"]
    timeline = api.get(f"/api/clients/{client['id']}/timeline", headers=admin).json()["items"]
    assert timeline[0]["kind"] == "whatsapp_opt_out" and "consentimento revogado" in timeline[0]["summary"]
    [change] = timeline[0]["changes"]
    assert change["field"] == "consent.whatsapp" and change["after"]["status"] == "revoked"


def test_sentences_with_the_words_are_not_an_opt_out(api, world, hook, admin):
    deliver(api, hook, inbound("5511987654321", "Quero sair para almoçar, falo depois"))
    assert conversations(api, admin)[0]["opted_out"] is False


@pytest.mark.parametrize("raw", [b"not json", b"[]", b'{"entry": "x"}', b'{"entry": [{"changes": [{"value": 1}]}]}',
                                 b'{"entry": [{"changes": [{"value": {"metadata": {"phone_number_id": "109876543210"},'
                                 b' "messages": [{"id": "w", "from": "abc"}, 7, {"from": "5511987654321"}]}}]}]}'])
def test_signed_but_unusable_payloads_are_acknowledged_and_ignored(api, world, hook, admin, raw):
    resp = api.post(f"/webhooks/whatsapp/{hook}", content=raw,
                    headers={"X-Hub-Signature-256": graph.signature(APP_SECRET, raw)})
    assert resp.status_code == 200
    assert conversations(api, admin) == []


def test_entries_of_other_numbers_are_ignored(api, world, hook, admin):
    assert deliver(api, hook, inbound("5511987654321", phone_number_id="999999")).status_code == 200
    assert conversations(api, admin) == []


def test_secrets_never_reach_logs_or_responses(api, world, hook, admin, capsys, caplog):
    resp = deliver(api, hook, inbound("5511987654321"))
    deliver(api, hook, inbound("5511987654321"), secret="errado")
    status = api.get("/api/whatsapp/status", headers=admin)
    captured = capsys.readouterr()
    everything = captured.out + captured.err + caplog.text + resp.text + status.text
    for secret in (ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN):
        assert secret not in everything
    assert status.json()["configured"] is True and status.json()["templates"][0]["name"] == "retomar_contato"
