"""Clients: validated registration, duplicates, search and filters, timeline, data scope."""

from __future__ import annotations

import threading

import pytest

from tests.support.http import auth_headers

CPF = "529.982.247-25"
CPF2 = "111.444.777-35"
CNPJ = "11.222.333/0001-81"


def person(**overrides):
    return {"type": "pf", "first_name": "Maria", "last_name": "da Conceição", "document": CPF,
            "phone": "(11) 3456-7890", "whatsapp": "(11) 98765-4321", "email": "maria@exemplo.com.br",
            "address": {"cep": "01310-100", "street": "Av. Paulista", "number": "1000", "district": "Bela Vista",
                        "city": "São Paulo", "state": "sp"},
            "origin": "site", "channel": "formulário", "campaign": "Black Friday", "utm_source": "google",
            "contract": {"number": "C-1", "start_date": "2026-12-01", "end_date": "2027-11-30"},
            "values": {"opportunity_value_cents": 150000, "monthly_value_cents": 12500, "installments": 12,
                       "first_due_date": "2027-01-10"},
            "tags": ["VIP", "vip", "Indicação"], "notes": "Prefere contato à tarde.",
            "consent": {"whatsapp": {"status": "granted", "legal_basis": "consentimento"}},
            **overrides}


@pytest.fixture
def seller(api, world):
    return auth_headers(api, world.a.emails["vendedor"])


@pytest.fixture
def admin(api, world):
    return auth_headers(api, world.a.emails["administrador"])


def test_register_a_lead_with_full_validated_data(api, world, seller):
    resp = api.post("/api/clients", headers=seller, json=person())
    assert resp.status_code == 201, resp.text
    c = resp.json()
    assert c["document"] == "52998224725"
    assert c["phone"] == "+551134567890" and c["whatsapp"] == "+5511987654321"
    assert c["address"]["cep"] == "01310100" and c["address"]["state"] == "SP"
    assert c["tags"] == ["VIP", "Indicação"]
    assert c["stage"] == "novo_contato" and c["card_id"] and c["card_id"] != c["id"]
    assert c["owner_id"] == world.a.user_ids["vendedor"] and c["owner_name"] == "Vitor Vendedor"
    assert c["display_name"] == "Maria da Conceição"
    assert c["consent"]["whatsapp"]["status"] == "granted" and c["consent"]["whatsapp"]["updated_at"]
    assert c["consent"]["email"]["status"] == "unknown" and c["consent"]["email"]["updated_at"] is None
    assert api.get(f"/api/clients/{c['id']}", headers=seller).json() == c


def test_company_client_needs_a_valid_cnpj(api, world, seller):
    ok = api.post("/api/clients", headers=seller, json={"type": "pj", "trade_name": "Padaria Sol",
                                                        "legal_name": "Sol Pães Ltda", "document": CNPJ})
    assert ok.status_code == 201 and ok.json()["display_name"] == "Padaria Sol"
    alnum = api.post("/api/clients", headers=seller, json={"type": "pj", "trade_name": "Nova",
                                                           "document": "12.ABC.345/01DE-35"})
    assert alnum.status_code == 201 and alnum.json()["document"] == "12ABC34501DE35"
    bad = api.post("/api/clients", headers=seller, json={"type": "pj", "trade_name": "X", "document": CPF})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "document"


@pytest.mark.parametrize(("patch", "field", "words"), [
    ({"document": "529.982.247-24"}, "document", "CPF inválido"),
    ({"whatsapp": "123"}, "whatsapp", "telefone"),
    ({"email": "maria@"}, "email", "e-mail"),
    ({"address": {"cep": "123"}}, "address.cep", "CEP"),
    ({"address": {"state": "XX"}}, "address.state", "UF"),
    ({"origin": "radio"}, "origin", "origem"),
    ({"first_name": ""}, "first_name", "nome"),
    ({"values": {"installments": 0}}, "values.installments", "maior"),
    ({"contract": {"start_date": "2027-01-01", "end_date": "2026-01-01"}}, "contract", "fim"),
    ({"owner_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"}, "owner_id", None),
])
def test_bad_client_input_is_422_naming_the_field(api, world, admin, patch, field, words):
    resp = api.post("/api/clients", headers=admin, json=person(**patch))
    assert resp.status_code == 422, resp.text
    body = resp.json()
    assert body["errors"][0]["field"] == field
    if words:
        assert words.lower() in body["detail"].lower()


def test_duplicates_are_409_naming_the_existing_client(api, world, seller, admin):
    first = api.post("/api/clients", headers=seller, json=person()).json()
    for field, value in (("document", CPF), ("whatsapp", "+55 11 98765-4321"), ("email", "MARIA@exemplo.com.br")):
        other = {"document": CPF2, "whatsapp": "(21) 99999-8888", "email": "outra@exemplo.com.br", field: value}
        resp = api.post("/api/clients", headers=admin, json=person(first_name="Outra", **other))
        assert resp.status_code == 409, (field, resp.text)
        assert resp.json()["existing_client_id"] == first["id"]
        assert "Maria da Conceição" in resp.json()["detail"]
        assert resp.json()["errors"][0]["field"] == field


def test_editing_into_a_duplicate_is_409_and_changes_nothing(api, world, admin):
    a = api.post("/api/clients", headers=admin, json=person()).json()
    b = api.post("/api/clients", headers=admin, json=person(
        first_name="Bia", document=CPF2, whatsapp="(21) 99999-8888", email="bia@exemplo.com.br")).json()
    resp = api.patch(f"/api/clients/{b['id']}", headers=admin, json={"email": "maria@exemplo.com.br",
                                                                    "first_name": "Beatriz"})
    assert resp.status_code == 409
    assert api.get(f"/api/clients/{b['id']}", headers=admin).json()["first_name"] == "Bia"
    # releasing a value frees it
    assert api.patch(f"/api/clients/{a['id']}", headers=admin, json={"email": None}).status_code == 200
    assert api.patch(f"/api/clients/{b['id']}", headers=admin, json={"email": "maria@exemplo.com.br"}).status_code == 200


def test_simultaneous_creates_with_the_same_cpf_only_one_passes(api, world, admin, atomic_requests):
    results = []

    def create(n):
        body = person(first_name=f"Pessoa {n}", whatsapp=f"(11) 9{n:04d}-0000", email=f"p{n}@exemplo.com.br")
        results.append(api.post("/api/clients", headers=admin, json=body).status_code)

    threads = [threading.Thread(target=create, args=(n,)) for n in range(6)]  # no check-then-write window
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [201] + [409] * 5
    found = api.get("/api/clients", headers=admin, params={"q": "529982"}).json()["items"]
    assert len(found) == 1


def test_partial_update_keeps_other_fields_and_lands_in_the_timeline(api, world, seller):
    c = api.post("/api/clients", headers=seller, json=person()).json()
    resp = api.patch(f"/api/clients/{c['id']}", headers=seller,
                     json={"last_name": "Souza", "address": {"cep": "20040-020", "city": "Rio de Janeiro",
                                                              "state": "RJ"}})
    assert resp.status_code == 200
    updated = resp.json()
    assert updated["last_name"] == "Souza" and updated["email"] == c["email"] and updated["tags"] == c["tags"]
    timeline = api.get(f"/api/clients/{c['id']}/timeline", headers=seller).json()["items"]
    assert [e["kind"] for e in timeline] == ["updated", "created"]
    changes = {ch["field"]: ch for ch in timeline[0]["changes"]}
    assert changes["last_name"]["before"] == "da Conceição" and changes["last_name"]["after"] == "Souza"
    assert changes["address.city"]["label"] == "Cidade" and changes["address.city"]["after"] == "Rio de Janeiro"
    assert "Sobrenome" in timeline[0]["summary"]


def test_switching_type_revalidates_the_document(api, world, seller):
    c = api.post("/api/clients", headers=seller, json=person()).json()
    resp = api.patch(f"/api/clients/{c['id']}", headers=seller, json={"type": "pj", "trade_name": "Maria ME"})
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "document"


def test_notes_and_timeline_paging_newest_first(api, world, seller):
    c = api.post("/api/clients", headers=seller, json=person()).json()
    for n in range(5):
        assert api.post(f"/api/clients/{c['id']}/notes", headers=seller, json={"text": f"nota {n}"}).status_code == 201
    first = api.get(f"/api/clients/{c['id']}/timeline", headers=seller, params={"limit": 3}).json()
    assert [e["text"] for e in first["items"]] == ["nota 4", "nota 3", "nota 2"]
    rest = api.get(f"/api/clients/{c['id']}/timeline", headers=seller,
                   params={"limit": 3, "cursor": first["next_cursor"]}).json()
    assert [e["kind"] for e in rest["items"]] == ["note", "note", "created"]
    assert api.post(f"/api/clients/{c['id']}/notes", headers=seller, json={"text": "  "}).status_code == 422


def test_search_by_name_document_phone_and_email(api, world, admin):
    maria = api.post("/api/clients", headers=admin, json=person()).json()
    api.post("/api/clients", headers=admin, json={"type": "pj", "trade_name": "Açaí do João", "document": CNPJ,
                                                  "email": "contato@acai.com.br"})
    cases = {"maria": maria, "MARIA DA": maria, "concei": maria, "529.982": maria, "52998224725": maria,
             "98765": maria, "11987654321": maria, "+55 11 98765-4321": maria, "maria@exem": maria,
             "acai": None, "joao": None, "11222333": None}
    for q, expected in cases.items():
        items = api.get("/api/clients", headers=admin, params={"q": q}).json()["items"]
        names = [i["display_name"] for i in items]
        if expected:
            assert [i["id"] for i in items] == [maria["id"]], (q, names)
        else:
            assert names == ["Açaí do João"], (q, names)
    assert api.get("/api/clients", headers=admin, params={"q": "zzz"}).json()["items"] == []


def test_filters_sort_and_pagination(api, world, admin):
    ids = []
    for n, (origin, tag) in enumerate([("site", "vip"), ("whatsapp", "frio"), ("site", "frio"), ("indicacao", "vip")]):
        body = {"type": "pf", "first_name": f"Cliente {chr(68 - n)}", "origin": origin, "tags": [tag],
                "campaign": "Verão" if n % 2 else None, "owner_id": world.a.user_ids["gerente" if n == 3 else "vendedor"]}
        ids.append(api.post("/api/clients", headers=admin, json=body).json()["id"])

    def listed(**params):
        return [i["id"] for i in api.get("/api/clients", headers=admin, params=params).json()["items"]]

    assert listed() == ids[::-1]  # newest first
    assert listed(sort="created_asc") == ids
    assert listed(sort="name") == [ids[3], ids[2], ids[1], ids[0]]  # Cliente A..D
    assert listed(origin="site") == [ids[2], ids[0]]
    assert listed(tag="VIP") == [ids[3], ids[0]]
    assert listed(campaign="verão") == [ids[3], ids[1]]
    assert listed(owner_id=world.a.user_ids["gerente"]) == [ids[3]]
    assert listed(stage="novo_contato", origin="site") == [ids[2], ids[0]]
    assert listed(stage="negociacao") == []
    assert listed(created_from="2020-01-01", created_to="2020-12-31") == []
    seen, cursor = [], None
    while True:
        page = api.get("/api/clients", headers=admin, params={"limit": 1, **({"cursor": cursor} if cursor else {})}).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ids[::-1]


def test_custom_fields_in_forms_filters_and_validation(api, world, admin):
    saved = api.put("/api/clients/custom-fields", headers=admin, json={"items": [
        {"label": "Segmento", "type": "choice", "options": ["Varejo", "Serviços"]},
        {"label": "Nº de funcionários", "type": "number"},
    ]})
    assert saved.status_code == 200
    keys = [f["key"] for f in saved.json()["items"]]
    assert keys == ["segmento", "no_de_funcionarios"]
    ok = api.post("/api/clients", headers=admin, json={"type": "pf", "first_name": "Ana",
                                                       "custom_fields": {"segmento": "Varejo", "no_de_funcionarios": "12"}})
    assert ok.status_code == 201 and ok.json()["custom_fields"] == {"segmento": "Varejo", "no_de_funcionarios": 12}
    bad = api.post("/api/clients", headers=admin, json={"type": "pf", "first_name": "Bia",
                                                        "custom_fields": {"segmento": "Indústria"}})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "custom_fields.segmento"
    unknown = api.post("/api/clients", headers=admin, json={"type": "pf", "first_name": "Cid", "custom_fields": {"x": 1}})
    assert unknown.status_code == 422
    found = api.get("/api/clients", headers=admin, params={"cf.segmento": "Varejo"}).json()["items"]
    assert [c["id"] for c in found] == [ok.json()["id"]]
    seller = auth_headers(api, world.a.emails["vendedor"])
    assert api.put("/api/clients/custom-fields", headers=seller, json={"items": []}).status_code == 403


def test_archive_hides_releases_duplicates_and_restore_reclaims(api, world, admin):
    c = api.post("/api/clients", headers=admin, json=person()).json()
    archived = api.delete(f"/api/clients/{c['id']}", headers=admin)
    assert archived.status_code == 200 and archived.json()["status"] == "archived"
    assert api.get("/api/clients", headers=admin).json()["items"] == []
    assert [i["id"] for i in api.get("/api/clients", headers=admin, params={"archived": True}).json()["items"]] == [c["id"]]
    assert api.get("/api/clients", headers=admin, params={"q": "maria"}).json()["items"] == []
    twin = api.post("/api/clients", headers=admin, json=person())
    assert twin.status_code == 201  # the archived client no longer holds the CPF
    assert api.post(f"/api/clients/{c['id']}/restore", headers=admin).status_code == 409
    api.delete(f"/api/clients/{twin.json()['id']}", headers=admin)
    assert api.post(f"/api/clients/{c['id']}/restore", headers=admin).json()["status"] == "active"
    kinds = [e["kind"] for e in api.get(f"/api/clients/{c['id']}/timeline", headers=admin).json()["items"]]
    assert kinds == ["restored", "archived", "created"]
    assert api.patch(f"/api/clients/{twin.json()['id']}", headers=admin, json={"notes": "x"}).status_code == 422


def test_seller_sees_only_own_clients(api, world, admin, seller):
    mine = api.post("/api/clients", headers=seller, json={"type": "pf", "first_name": "Meu"}).json()
    theirs = api.post("/api/clients", headers=admin, json={"type": "pf", "first_name": "Dele",
                                                           "owner_id": world.a.user_ids["gerente"]}).json()
    assert [c["id"] for c in api.get("/api/clients", headers=seller).json()["items"]] == [mine["id"]]
    assert api.get("/api/clients", headers=seller, params={"q": "dele"}).json()["items"] == []
    assert api.get("/api/clients", headers=seller, params={"owner_id": world.a.user_ids["gerente"]}).json()["items"] == []
    assert api.get(f"/api/clients/{theirs['id']}", headers=seller).status_code == 404
    assert api.patch(f"/api/clients/{theirs['id']}", headers=seller, json={"notes": "x"}).status_code == 404
    assert api.get(f"/api/clients/{theirs['id']}/timeline", headers=seller).status_code == 404
    handover = api.post("/api/clients", headers=seller, json={"type": "pf", "first_name": "Outro",
                                                            "owner_id": world.a.user_ids["gerente"]})
    assert handover.status_code == 403
    # the manager sees both
    manager = auth_headers(api, world.a.emails["gerente"])
    assert len(api.get("/api/clients", headers=manager).json()["items"]) == 2


def test_attendant_without_write_permission_is_refused(api, world):
    support = auth_headers(api, world.a.emails["suporte"])
    assert api.post("/api/clients", headers=support, json={"type": "pf", "first_name": "X"}).status_code == 403
    assert api.get("/api/clients", headers=support).status_code == 200
