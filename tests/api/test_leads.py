"""Lead capture: JSON and forms, new and known contacts, rate limit, validation, routes."""

from __future__ import annotations

import pytest

from shared.integrations.models import IntegrationUpdate
from shared.integrations.service import configure, ensure_hook, get_config
from tests.support.http import auth_headers

LEAD = {"name": "Joana Prado Lima", "phone": "(11) 98765-4321", "email": "joana@exemplo.com.br",
        "message": "Quero saber o preço do plano anual", "campaign": "Black Friday", "utm_source": "google",
        "utm_medium": "cpc", "utm_campaign": "bf-2026", "utm_term": "crm", "utm_content": "anuncio-1"}


def lead_hook(tenant_id: str, **settings) -> str:
    """The company's lead route; with `settings`, the integration saved as on Integrações first."""
    if settings:
        configure(tenant_id, "leads", IntegrationUpdate(
            enabled=settings.pop("enabled", True), settings={"default_campaign": "Site institucional", **settings}))
    return ensure_hook(get_config(tenant_id, "leads")).hook_id or ""


@pytest.fixture
def admin(api, world):
    return auth_headers(api, world.a.emails["administrador"])


@pytest.fixture
def hook(world):
    return lead_hook(world.a.tenant_id)


def post(api, hook, **kwargs):
    return api.post(f"/webhooks/leads/{hook}", **kwargs)


def timeline(api, headers, client_id):
    return api.get(f"/api/clients/{client_id}/timeline", headers=headers).json()["items"]


def test_a_json_lead_becomes_a_client_in_novo_contato(api, world, hook, admin):
    resp = post(api, hook, json=LEAD)
    assert resp.status_code == 202, resp.text
    assert resp.json()["status"] == "accepted"
    client = api.get(f"/api/clients/{resp.json()['client_id']}", headers=admin).json()
    assert (client["first_name"], client["last_name"]) == ("Joana", "Prado Lima")
    assert client["whatsapp"] == "+5511987654321" and client["email"] == "joana@exemplo.com.br"
    assert client["stage"] == "novo_contato" and client["origin"] == "site" and client["campaign"] == "Black Friday"
    assert (client["utm_source"], client["utm_medium"], client["utm_campaign"]) == ("google", "cpc", "bf-2026")
    assert client["owner_id"] is None
    events = timeline(api, admin, client["id"])
    assert [e["kind"] for e in events] == ["lead_received", "created"]
    assert events[0]["text"] == LEAD["message"] and events[0]["summary"] == "Lead recebido: Site · Black Friday"
    assert events[0]["data"]["utm_source"] == "google" and events[0]["data"]["origin"] == "site"


@pytest.mark.parametrize("kind", ["urlencoded", "multipart"])
def test_forms_are_accepted(api, world, hook, admin, kind):
    fields = {"name": "Rafael", "phone": "21 3456-7890", "message": "Me liguem", "submit": "Enviar"}
    if kind == "urlencoded":
        resp = post(api, hook, data=fields)
    else:
        resp = post(api, hook, files={k: (None, v) for k, v in fields.items()})
    assert resp.status_code == 202, resp.text
    client = api.get(f"/api/clients/{resp.json()['client_id']}", headers=admin).json()
    assert client["first_name"] == "Rafael" and client["phone"] == "+552134567890" and client["whatsapp"] is None


def test_a_known_contact_is_updated_not_duplicated(api, world, hook, admin):
    first = post(api, hook, json={"name": "Joana", "phone": "11 98765-4321"}).json()["client_id"]
    again = post(api, hook, json={**LEAD, "phone": "+55 11 8765-4321"})  # old number, without the ninth digit
    assert again.status_code == 202 and again.json()["client_id"] == first
    by_email = post(api, hook, json={"email": "JOANA@exemplo.com.br", "utm_source": "instagram"})
    assert by_email.json()["client_id"] == first
    client = api.get(f"/api/clients/{first}", headers=admin).json()
    assert client["last_name"] == "Prado Lima" and client["email"] == "joana@exemplo.com.br"
    assert client["utm_source"] == "instagram" and client["campaign"] == "Black Friday"
    assert len(api.get("/api/clients", headers=admin).json()["items"]) == 1
    kinds = [e["kind"] for e in timeline(api, admin, first)]
    assert kinds == ["lead_received", "updated", "lead_received", "updated", "lead_received", "created"]


def test_a_client_known_by_its_landline_is_found(api, world, hook, admin):
    known = api.post("/api/clients", headers=admin, json={"type": "pf", "first_name": "Loja",
                                                          "phone": "(31) 3333-4444"}).json()
    assert post(api, hook, json={"phone": "3133334444"}).json()["client_id"] == known["id"]


def test_a_lead_never_takes_another_clients_email(api, world, hook, admin):
    ana = post(api, hook, json={"name": "Ana", "phone": "11 91111-1111"}).json()["client_id"]
    bia = post(api, hook, json={"name": "Bia", "email": "bia@exemplo.com.br"}).json()["client_id"]
    resp = post(api, hook, json={"name": "Ana Souza", "phone": "11 91111-1111", "email": "bia@exemplo.com.br"})
    assert resp.status_code == 202 and resp.json()["client_id"] == ana
    assert api.get(f"/api/clients/{ana}", headers=admin).json()["email"] is None
    assert api.get(f"/api/clients/{ana}", headers=admin).json()["last_name"] == "Souza"
    assert api.get(f"/api/clients/{bia}", headers=admin).json()["email"] == "bia@exemplo.com.br"


def test_company_defaults_and_origins(api, world, admin):
    seller = world.a.user_ids["vendedor"]
    hook = lead_hook(world.a.tenant_id, default_origin="campanha", default_owner_id=seller)
    plain = api.get(f"/api/clients/{post(api, hook, json={'phone': '11 92222-2222'}).json()['client_id']}",
                    headers=admin).json()
    assert (plain["origin"], plain["campaign"], plain["owner_id"]) == ("campanha", "Site institucional", seller)
    labelled = post(api, hook, json={"phone": "11 93333-3333", "origin": "Indicação"}).json()["client_id"]
    assert api.get(f"/api/clients/{labelled}", headers=admin).json()["origin"] == "indicacao"
    odd = post(api, hook, json={"phone": "11 94444-4444", "origin": "panfleto"}).json()["client_id"]
    assert api.get(f"/api/clients/{odd}", headers=admin).json()["origin"] == "campanha"
    assert timeline(api, admin, odd)[0]["data"]["origin_sent"] == "panfleto"


def test_rate_limit_per_minute_answers_429(api, world):
    hook = lead_hook(world.a.tenant_id, rate_limit_per_minute=2)
    assert post(api, hook, json={"phone": "11 95555-0001"}).status_code == 202
    assert post(api, hook, json={"phone": "11 95555-0002"}).status_code == 202
    resp = post(api, hook, json={"phone": "11 95555-0003"})
    assert resp.status_code == 429
    assert 1 <= int(resp.headers["Retry-After"]) <= 60 and "Tente novamente" in resp.json()["detail"]


@pytest.mark.parametrize(("body", "field"), [
    ({"name": "Sem contato", "message": "Oi"}, "phone"),
    ({"phone": "123"}, "phone"),
    ({"email": "joana@"}, "email"),
    ({"phone": "11 98765-4321", "name": "x" * 121}, "name"),
])
def test_invalid_leads_are_422_naming_the_field(api, world, hook, admin, body, field):
    resp = post(api, hook, json=body)
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["field"] == field and resp.json()["detail"]
    assert api.get("/api/clients", headers=admin).json()["items"] == []


@pytest.mark.parametrize("kwargs", [{"content": b"{nao e json"}, {"json": ["lista"]}, {"content": b""},
                                    {"content": b"--x\r\n", "headers": {"Content-Type": "multipart/form-data"}}])
def test_malformed_bodies_are_422(api, world, hook, kwargs):
    resp = post(api, hook, **kwargs)
    assert resp.status_code == 422 and resp.json()["detail"]


def test_unknown_disabled_or_other_routes_are_404(api, world):
    assert post(api, None, json=LEAD).status_code == 404
    assert post(api, "nao-existe", json=LEAD).status_code == 404
    whatsapp_hook = ensure_hook(get_config(world.a.tenant_id, "whatsapp")).hook_id
    assert post(api, whatsapp_hook, json=LEAD).status_code == 404
    disabled = lead_hook(world.a.tenant_id, enabled=False)
    resp = post(api, disabled, json=LEAD)
    assert resp.status_code == 404 and resp.json()["detail"]
