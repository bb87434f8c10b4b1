"""The inbox: order, unread counts, filters, assignment, linking, starting a conversation, own scope."""

from __future__ import annotations

import httpx
import pytest

from tests.api.test_whatsapp_support import deliver, fake_meta, inbound, setup_whatsapp
from tests.support.http import auth_headers


@pytest.fixture
def hook(world):
    return setup_whatsapp(world.a.tenant_id)


@pytest.fixture
def users(api, world):
    return {role: auth_headers(api, world.a.emails[role]) for role in ("administrador", "vendedor", "atendente",
                                                                       "suporte")}


def listed(api, headers, **params):
    resp = api.get("/api/whatsapp/conversations", headers=headers, params=params)
    assert resp.status_code == 200, resp.text
    return resp.json()


def names(api, headers, **params):
    return [c["contact_name"] for c in listed(api, headers, **params)["items"]]


def write_in(api, hook, number: int, name: str, text: str = "Oi"):
    deliver(api, hook, inbound(f"55119876500{number:02d}", text, wamid=f"wamid.{name}.{text}", name=name))


def by_name(api, headers, name):
    return next(c for c in listed(api, headers)["items"] if c["contact_name"] == name)


def test_newest_conversation_first_with_unread_counts_and_read(api, world, hook, users):
    admin = users["administrador"]
    write_in(api, hook, 1, "Ana")
    write_in(api, hook, 2, "Bruno")
    write_in(api, hook, 1, "Ana", "Ainda aí?")
    assert names(api, admin) == ["Ana", "Bruno"]
    ana = by_name(api, admin, "Ana")
    assert ana["unread_count"] == 2 and ana["last_message_preview"] == "Ainda aí?"
    read = api.post(f"/api/whatsapp/conversations/{ana['id']}/read", headers=admin)
    assert read.status_code == 200 and read.json()["unread_count"] == 0
    assert by_name(api, admin, "Ana")["unread_count"] == 0


def test_pages_follow_the_cursor(api, world, hook, users):
    for n in range(5):
        write_in(api, hook, n, f"Pessoa {n}")
    seen, cursor = [], None
    while True:
        page = listed(api, users["administrador"], limit=2, **({"cursor": cursor} if cursor else {}))
        seen += [c["contact_name"] for c in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [f"Pessoa {n}" for n in range(4, -1, -1)]
    assert api.get("/api/whatsapp/conversations", headers=users["administrador"],
                   params={"cursor": "adulterado"}).status_code == 422


def test_assign_and_filters(api, world, hook, users):
    admin, support = users["administrador"], users["suporte"]
    write_in(api, hook, 1, "Ana")
    write_in(api, hook, 2, "Bruno")
    ana = by_name(api, admin, "Ana")
    seller_id = world.a.user_ids["vendedor"]
    resp = api.post(f"/api/whatsapp/conversations/{ana['id']}/assign", headers=support, json={"user_id": seller_id})
    assert resp.status_code == 200 and resp.json()["assignee_name"] == "Vitor Vendedor"
    assert names(api, admin, filter="unassigned") == ["Bruno"]
    assert names(api, admin, filter="mine") == []
    assert names(api, users["vendedor"], filter="mine") == ["Ana"]
    assert names(api, admin, filter="all") == ["Bruno", "Ana"]
    back = api.post(f"/api/whatsapp/conversations/{ana['id']}/assign", headers=admin, json={"user_id": None})
    assert back.json()["assignee_id"] is None and names(api, admin, filter="unassigned") == ["Bruno", "Ana"]
    for bad in ("01ARZ3NDEKTSV4RRFFQ69G5FAV", world.b.user_ids["vendedor"], "x"):
        refused = api.post(f"/api/whatsapp/conversations/{ana['id']}/assign", headers=admin, json={"user_id": bad})
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "user_id"
    assert api.post(f"/api/whatsapp/conversations/{ana['id']}/assign", headers=users["vendedor"],
                    json={"user_id": None}).status_code == 403
    assert api.get("/api/whatsapp/conversations", headers=admin, params={"filter": "outros"}).status_code == 422


def test_own_scope_sees_assigned_unassigned_and_own_clients_only(api, world, hook, users):
    admin, seller = users["administrador"], users["vendedor"]
    seller_id, manager_id = world.a.user_ids["vendedor"], world.a.user_ids["gerente"]
    api.post("/api/clients", headers=seller, json={"type": "pf", "first_name": "Cliente do Vitor",
                                                   "whatsapp": "(11) 98765-0003"})
    for n, name in ((1, "Livre"), (2, "Do Gerente"), (3, "Cliente do Vitor"), (4, "Para o Vitor")):
        write_in(api, hook, n, name)
    convs = {c["contact_name"]: c for c in listed(api, admin)["items"]}
    for name, user in (("Do Gerente", manager_id), ("Cliente do Vitor", manager_id), ("Para o Vitor", seller_id)):
        api.post(f"/api/whatsapp/conversations/{convs[name]['id']}/assign", headers=admin, json={"user_id": user})
    assert sorted(names(api, seller)) == ["Cliente do Vitor", "Livre", "Para o Vitor"]
    assert names(api, seller, limit=1) == ["Para o Vitor"]
    page = listed(api, seller, limit=1)
    rest = listed(api, seller, cursor=page["next_cursor"])
    assert [c["contact_name"] for c in rest["items"]] == ["Cliente do Vitor", "Livre"]
    hidden = convs["Do Gerente"]["id"]
    for path in ("", "/messages"):
        assert api.get(f"/api/whatsapp/conversations/{hidden}{path}", headers=seller).status_code == 404
    assert api.post(f"/api/whatsapp/conversations/{hidden}/read", headers=seller).status_code == 404
    assert api.post(f"/api/whatsapp/conversations/{hidden}/messages", headers=seller,
                    json={"text": "Oi"}).status_code == 404
    assert len(listed(api, admin)["items"]) == 4


def test_link_or_change_the_client(api, world, hook, users):
    admin = users["administrador"]
    write_in(api, hook, 1, "Ana")
    conv = by_name(api, admin, "Ana")
    other = api.post("/api/clients", headers=admin, json={"type": "pf", "first_name": "Ana Paula"}).json()
    linked = api.post(f"/api/whatsapp/conversations/{conv['id']}/link", headers=admin, json={"client_id": other["id"]})
    assert linked.status_code == 200
    assert linked.json()["client_id"] == other["id"] and linked.json()["client_name"] == "Ana Paula"
    write_in(api, hook, 1, "Ana", "Nova mensagem")  # later messages go to the linked client
    kinds = [e["kind"] for e in api.get(f"/api/clients/{other['id']}/timeline", headers=admin).json()["items"]]
    assert kinds[0] == "whatsapp_in"
    b_admin = auth_headers(api, world.b.emails["administrador"])
    b_client = api.post("/api/clients", headers=b_admin, json={"type": "pf", "first_name": "De B"}).json()
    assert api.post(f"/api/whatsapp/conversations/{conv['id']}/link", headers=admin,
                    json={"client_id": b_client["id"]}).status_code == 404
    api.delete(f"/api/clients/{other['id']}", headers=admin)
    assert api.post(f"/api/whatsapp/conversations/{conv['id']}/link", headers=admin,
                    json={"client_id": other["id"]}).status_code == 422


def test_start_a_conversation_with_a_client(api, world, hook, users):
    seller = users["vendedor"]
    client = api.post("/api/clients", headers=seller, json={"type": "pf", "first_name": "Carla",
                                                            "whatsapp": "(21) 99876-1234"}).json()
    started = api.post("/api/whatsapp/conversations", headers=seller, json={"client_id": client["id"]})
    assert started.status_code == 200, started.text
    conv = started.json()
    assert conv["phone"] == "+5521998761234" and conv["client_id"] == client["id"] and conv["window_open"] is False
    again = api.post("/api/whatsapp/conversations", headers=seller, json={"client_id": client["id"]}).json()
    assert again["id"] == conv["id"]
    deliver(api, hook, inbound("5521998761234", "Oi Carla aqui"))
    assert listed(api, seller)["items"][0]["id"] == conv["id"]
    no_phone = api.post("/api/clients", headers=seller, json={"type": "pf", "first_name": "Sem Zap"}).json()
    refused = api.post("/api/whatsapp/conversations", headers=seller, json={"client_id": no_phone["id"]})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "client_id"
    assert api.post("/api/whatsapp/conversations", headers=seller,
                    json={"client_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"}).status_code == 404


def test_status_tells_whether_whatsapp_is_configured(api, world, users):
    status = api.get("/api/whatsapp/status", headers=users["vendedor"])
    assert status.status_code == 200
    assert status.json() == {"configured": False, "sandbox": False, "display_phone_number": None,
                             "auto_move_on_first_reply": False, "templates": []}
    setup_whatsapp(world.a.tenant_id, auto_move_on_first_reply=True)
    configured = api.get("/api/whatsapp/status", headers=users["vendedor"]).json()
    assert configured["configured"] is True and configured["auto_move_on_first_reply"] is True
    assert [t["name"] for t in configured["templates"]] == ["retomar_contato", "boas_vindas"]


def test_sandbox_inbound_only_in_sandbox_mode(api, world, hook, users, monkeypatch):
    admin = users["administrador"]
    body = {"phone": "(11) 98765-4321", "name": "Cliente Teste", "text": "Oi"}
    assert api.post("/api/whatsapp/sandbox/inbound", headers=admin, json=body).status_code == 404
    from shared.settings import get_settings

    monkeypatch.setenv("SANDBOX", "true")
    get_settings.cache_clear()
    meta = fake_meta(monkeypatch)
    meta.responses = [httpx.Response(200, json={"delivered": True, "status": 200})]
    resp = api.post("/api/whatsapp/sandbox/inbound", headers=admin, json=body)
    assert resp.status_code == 202 and resp.json() == {"delivered": True, "status": 200}
    assert meta.requests[0].url.path.endswith("/sandbox/simulate-inbound")
    assert meta.bodies()[0] == {"phone_number_id": "109876543210", "from": "5511987654321", "name": "Cliente Teste",
                                "text": "Oi"}
    meta.responses = [httpx.Response(409, json={"delivered": False, "detail": "Webhook não verificado."})]
    failed = api.post("/api/whatsapp/sandbox/inbound", headers=admin, json=body)
    assert failed.status_code == 502 and "Webhook não verificado" in failed.json()["detail"]
    assert api.get("/api/whatsapp/status", headers=admin).json()["sandbox"] is True


def test_whatsapp_module_off_is_403(api, world, users):
    from shared import keys
    from shared.db.table import Table

    Table().update(keys.tenant(world.a.tenant_id), "SET plan_modules = :m", values={":m": ["clientes", "funil"]})
    resp = api.get("/api/whatsapp/conversations", headers=users["administrador"])
    assert resp.status_code == 403 and "WhatsApp" in resp.json()["detail"]
