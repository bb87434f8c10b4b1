"""Merging duplicate clients, and LGPD requests (a copy of the data, anonymization)."""

from __future__ import annotations

import pytest

from tests.support.http import auth_headers

CPF = "529.982.247-25"
CPF2 = "111.444.777-35"


@pytest.fixture
def admin(api, world):
    return auth_headers(api, world.a.emails["administrador"])


def new_client(api, headers, **fields) -> dict:
    resp = api.post("/api/clients", headers=headers, json={"type": "pf", **fields})
    assert resp.status_code == 201, resp.text
    return resp.json()


def board_count(api, headers, stage: str = "novo_contato") -> int:
    return next(s["count"] for s in api.get("/api/funnel", headers=headers).json()["stages"] if s["key"] == stage)


def timeline(api, headers, client_id: str) -> list[dict]:
    return api.get(f"/api/clients/{client_id}/timeline", headers=headers, params={"limit": 100}).json()["items"]


def test_merge_takes_the_chosen_fields_keeps_both_timelines_and_archives_the_loser(api, world, admin):
    target = new_client(api, admin, first_name="Maria", last_name="Souza", document=CPF, email="maria@exemplo.com.br",
                        whatsapp="(11) 98765-4321", tags=["vip"], notes="cliente antiga")
    source = new_client(api, admin, first_name="Mariana", document=CPF2, email="mariana@exemplo.com.br",
                        whatsapp="(21) 99999-8888", phone="(21) 3333-4444", tags=["frio", "VIP"],
                        address={"city": "Rio de Janeiro", "state": "RJ"})
    api.post(f"/api/clients/{target['id']}/notes", headers=admin, json={"text": "nota do alvo"})
    api.post(f"/api/clients/{source['id']}/notes", headers=admin, json={"text": "nota da origem"})
    assert board_count(api, admin) == 2
    resp = api.post(f"/api/clients/{target['id']}/merge", headers=admin, json={
        "source_id": source["id"], "fields": {"email": "source", "whatsapp": "source", "phone": "source",
                                              "address": "source", "first_name": "target"}})
    assert resp.status_code == 200, resp.text
    merged = resp.json()
    assert (merged["id"], merged["card_id"], merged["status"]) == (target["id"], target["card_id"], "active")
    assert (merged["first_name"], merged["document"], merged["notes"]) == ("Maria", "52998224725", "cliente antiga")
    assert (merged["email"], merged["whatsapp"], merged["phone"]) == ("mariana@exemplo.com.br", "+5521999998888",
                                                                      "+552133334444")
    assert merged["address"]["city"] == "Rio de Janeiro" and merged["tags"] == ["vip", "frio"]

    loser = api.get(f"/api/clients/{source['id']}/lgpd-export", headers=admin).json()["client"]
    assert (loser["status"], loser["merged_into"]) == ("archived", target["id"])
    assert board_count(api, admin) == 1
    # Guards: the moved e-mail and WhatsApp now point at the target; the loser's CPF is free again.
    dup = api.post("/api/clients", headers=admin, json={"type": "pf", "first_name": "X", "email": "mariana@exemplo.com.br"})
    assert dup.status_code == 409 and dup.json()["existing_client_id"] == target["id"]
    assert new_client(api, admin, first_name="Nova", document=CPF2)["document"] == "11144477735"
    assert new_client(api, admin, first_name="Outra", email="maria@exemplo.com.br")["email"] == "maria@exemplo.com.br"
    found = api.get("/api/clients", headers=admin, params={"q": "21999998888"}).json()["items"]
    assert [c["id"] for c in found] == [target["id"]]

    events = timeline(api, admin, target["id"])
    assert events[0]["kind"] == "merged" and events[0]["data"]["role"] == "target"
    assert events[0]["data"]["other_id"] == source["id"] and "Mariana" in events[0]["summary"]
    copied = [e for e in events if e["data"].get("merged_from") == source["id"]]
    assert sorted(e["kind"] for e in copied) == ["created", "note"]
    assert {e["text"] for e in events if e["kind"] == "note"} == {"nota do alvo", "nota da origem"}
    assert any(e["kind"] == "updated" for e in events)
    own = timeline(api, admin, source["id"])
    assert own[0]["kind"] == "merged" and own[0]["data"]["role"] == "source" and "arquivado" in own[0]["summary"]


def test_merge_refusals(api, world, admin):
    target = new_client(api, admin, first_name="Alvo", document=CPF)
    source = new_client(api, admin, first_name="Fonte", email="fonte@exemplo.com.br")
    url = f"/api/clients/{target['id']}/merge"

    def merge(body, headers=admin):
        return api.post(url, headers=headers, json=body)

    for body, status, field in (
        ({"source_id": target["id"]}, 422, "source_id"),
        ({"source_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"}, 404, "source_id"),
        ({"source_id": source["id"], "fields": {"salario": "source"}}, 422, "fields.salario"),
        ({"source_id": source["id"], "fields": {"email": "ambos"}}, 422, "fields.email"),
    ):
        resp = merge(body)
        assert resp.status_code == status and resp.json()["errors"][0]["field"] == field, (body, resp.text)
    company = new_client(api, admin, first_name="Empresa", document=None)
    api.patch(f"/api/clients/{company['id']}", headers=admin, json={"type": "pj", "trade_name": "Empresa Ltda"})
    wrong = api.post(f"/api/clients/{company['id']}/merge", headers=admin,
                     json={"source_id": target["id"], "fields": {"document": "source"}})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "document"  # a CPF on a company
    assert api.get(f"/api/clients/{target['id']}", headers=admin).json()["status"] == "active"  # nothing written
    seller = auth_headers(api, world.a.emails["vendedor"])
    assert merge({"source_id": source["id"]}, seller).status_code == 403
    other = auth_headers(api, world.b.emails["administrador"])
    assert merge({"source_id": source["id"]}, other).status_code == 404
    b_client = new_client(api, other, first_name="De B")
    assert merge({"source_id": b_client["id"]}).status_code == 404
    api.delete(f"/api/clients/{source['id']}", headers=admin)
    archived = merge({"source_id": source["id"]})
    assert archived.status_code == 422 and archived.json()["errors"][0]["field"] == "source_id"
    manager = auth_headers(api, world.a.emails["gerente"])
    api.post(f"/api/clients/{source['id']}/restore", headers=admin)
    assert merge({"source_id": source["id"]}, manager).status_code == 200


def test_a_failed_merge_puts_the_source_back(api, world, admin):
    target = new_client(api, admin, first_name="Alvo")
    source = new_client(api, admin, first_name="Fonte", email="fonte@exemplo.com.br",
                        owner_id=world.a.user_ids["gerente"])
    assert api.post(f"/api/users/{world.a.user_ids['gerente']}/disable", headers=admin).status_code == 200
    resp = api.post(f"/api/clients/{target['id']}/merge", headers=admin,
                    json={"source_id": source["id"], "fields": {"owner_id": "source", "email": "source"}})
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "owner_id"
    back = api.get(f"/api/clients/{source['id']}", headers=admin).json()
    assert (back["status"], back["email"]) == ("active", "fonte@exemplo.com.br")
    assert [e["kind"] for e in timeline(api, admin, source["id"])] == ["created"]
    dup = api.post("/api/clients", headers=admin, json={"type": "pf", "first_name": "X", "email": "fonte@exemplo.com.br"})
    assert dup.status_code == 409 and dup.json()["existing_client_id"] == source["id"]


def test_lgpd_export_has_the_client_the_card_and_the_whole_timeline(api, world, admin):
    client = new_client(api, admin, first_name="Joana", document=CPF, email="joana@exemplo.com.br",
                        consent={"email": {"status": "granted", "legal_basis": "consentimento"}})
    api.post(f"/api/clients/{client['id']}/notes", headers=admin, json={"text": "ligar na segunda"})
    resp = api.get(f"/api/clients/{client['id']}/lgpd-export", headers=admin)
    assert resp.status_code == 200
    assert resp.headers["content-disposition"] == f'attachment; filename="cliente-{client["id"]}.json"'
    data = resp.json()
    assert data["exported_at"]
    assert {k: data["client"][k] for k in ("id", "document", "email", "first_name", "tenant_id")} == {
        "id": client["id"], "document": "52998224725", "email": "joana@exemplo.com.br", "first_name": "Joana",
        "tenant_id": world.a.tenant_id}
    assert data["client"]["consent"]["email"]["status"] == "granted"
    assert data["card"]["stage"] == "novo_contato" and data["card"]["stage_label"] == "Novo contato"
    assert data["card"]["card_id"] == client["card_id"] and data["card"]["on_board"] is True
    assert [(e["kind"], e["text"]) for e in data["timeline"]] == [("note", "ligar na segunda"), ("created", None)]
    assert data["timeline"][0]["summary"] == "Nota adicionada"
    manager = auth_headers(api, world.a.emails["gerente"])
    assert api.get(f"/api/clients/{client['id']}/lgpd-export", headers=manager).status_code == 403
    other = auth_headers(api, world.b.emails["administrador"])
    assert api.get(f"/api/clients/{client['id']}/lgpd-export", headers=other).status_code == 404


def test_anonymize_removes_personal_data_everywhere_and_for_good(api, world, admin):
    api.put("/api/clients/custom-fields", headers=admin, json={"items": [{"label": "Apelido", "type": "text"}]})
    client = new_client(api, admin, first_name="Joana", last_name="Prado", document=CPF,
                        email="joana@exemplo.com.br", whatsapp="(11) 98765-4321", phone="(11) 3456-7890",
                        address={"cep": "01310-100", "street": "Av. Paulista"}, tags=["vip"], notes="mora perto",
                        utm_source="google", campaign="Black Friday", custom_fields={"apelido": "Jojo"},
                        contract={"number": "C-1", "start_date": "2026-01-01"},
                        values={"opportunity_value_cents": 50000})
    api.patch(f"/api/clients/{client['id']}", headers=admin, json={"last_name": "Prado Lima"})
    api.post(f"/api/clients/{client['id']}/notes", headers=admin, json={"text": "CPF confirmado por telefone"})
    before = board_count(api, admin)
    assert [c["id"] for c in api.get("/api/clients", headers=admin, params={"q": "joana"}).json()["items"]] == [client["id"]]

    seller = auth_headers(api, world.a.emails["vendedor"])
    assert api.post(f"/api/clients/{client['id']}/anonymize", headers=seller).status_code == 403
    manager = auth_headers(api, world.a.emails["gerente"])
    assert api.post(f"/api/clients/{client['id']}/anonymize", headers=manager).status_code == 403
    other = auth_headers(api, world.b.emails["administrador"])
    assert api.post(f"/api/clients/{client['id']}/anonymize", headers=other).status_code == 404

    resp = api.post(f"/api/clients/{client['id']}/anonymize", headers=admin)
    assert resp.status_code == 200, resp.text
    gone = resp.json()
    assert (gone["status"], gone["display_name"], gone["last_name"]) == ("anonymized", "Cliente anonimizado", None)
    for field in ("document", "email", "whatsapp", "phone", "address", "notes", "utm_source"):
        assert gone[field] is None, field
    assert (gone["tags"], gone["custom_fields"], gone["contract"]["number"]) == ([], {}, None)
    assert (gone["campaign"], gone["values"]["opportunity_value_cents"]) == ("Black Friday", 50000)  # figures stay
    assert board_count(api, admin) == before - 1
    for q in ("joana", "52998224725", "98765", "joana@exemplo"):
        assert api.get("/api/clients", headers=admin, params={"q": q}).json()["items"] == [], q
    events = timeline(api, admin, client["id"])
    assert events[0]["kind"] == "anonymized" and events[0]["summary"] == "Dados pessoais anonimizados (LGPD)"
    assert [e["text"] for e in events if e["kind"] == "note"] == ["[removido]"]
    [update] = [e for e in events if e["kind"] == "updated"]
    assert update["changes"][0]["before"] == "[removido]" and update["changes"][0]["after"] == "[removido]"
    copy = api.get(f"/api/clients/{client['id']}/lgpd-export", headers=admin).text
    for personal in ("Joana", "Prado", "52998224725", "joana@", "98765", "Paulista", "Jojo", "mora perto", "C-1"):
        assert personal not in copy, personal

    assert api.patch(f"/api/clients/{client['id']}", headers=admin, json={"first_name": "Joana"}).status_code == 422
    assert api.post(f"/api/clients/{client['id']}/restore", headers=admin).status_code == 422
    target = new_client(api, admin, first_name="Outra")
    merge = api.post(f"/api/clients/{target['id']}/merge", headers=admin, json={"source_id": client["id"]})
    assert merge.status_code == 422
    again = api.post(f"/api/clients/{client['id']}/anonymize", headers=admin)
    assert again.status_code == 200 and again.json()["status"] == "anonymized"
    assert new_client(api, admin, first_name="Joana", document=CPF, email="joana@exemplo.com.br")["id"] != client["id"]
