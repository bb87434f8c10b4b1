"""Integrações: settings shown back, secrets write-only (never in responses or logs), Testar with each
provider's real protocol against local fakes, webhook routes per company and their rotation."""

from __future__ import annotations

import json

import httpx
import pytest

from devstack.certificates import self_signed_pair
from shared.aws import client as aws_client
from shared.charges import cora as cora_client
from shared.integrations import service
from shared.settings import get_settings
from shared.whatsapp import graph
from tests.support.fakes import smtp_settings
from tests.support.http import auth_headers

TOKEN = "EAAG-token-super-secreto-123"
APP_SECRET = "app-secret-muito-secreto-456"
VERIFY = "verify-token-789"


@pytest.fixture
def admin(api, world):
    return auth_headers(api, world.a.emails["administrador"])


def whatsapp_body(**settings):
    return {"enabled": True,
            "settings": {"phone_number_id": "123456789", "waba_id": "987654321", **settings},
            "secrets": {"access_token": TOKEN, "app_secret": APP_SECRET, "verify_token": VERIFY}}


def by_kind(resp):
    return {i["kind"]: i for i in resp.json()["items"]}


def test_lists_every_integration_with_webhook_routes(api, world, admin):
    first = by_kind(api.get("/api/integrations", headers=admin))
    assert set(first) == {"whatsapp", "smtp", "ai", "leads", "cora"}
    assert first["whatsapp"]["configured"] is False
    assert first["whatsapp"]["secrets"]["access_token"] == {"label": "Token de acesso", "set": False, "updated_at": None}
    for kind, path in (("whatsapp", "/webhooks/whatsapp/"), ("leads", "/webhooks/leads/"), ("cora", "/webhooks/cora/")):
        assert first[kind]["webhook_url"].startswith(get_settings().public_api_url + path)
    assert first["smtp"]["webhook_url"] is None
    again = by_kind(api.get("/api/integrations", headers=admin))
    assert again["whatsapp"]["webhook_url"] == first["whatsapp"]["webhook_url"]  # stable


def test_secrets_are_write_only_and_stored_per_company(api, world, admin):
    resp = api.put("/api/integrations/whatsapp", headers=admin, json=whatsapp_body(auto_move_on_first_reply=True))
    assert resp.status_code == 200, resp.text
    assert TOKEN not in resp.text and APP_SECRET not in resp.text and VERIFY not in resp.text
    saved = resp.json()
    assert saved["configured"] is True and saved["settings"]["auto_move_on_first_reply"] is True
    assert all(s["set"] and s["updated_at"] for s in saved["secrets"].values())
    listed = api.get("/api/integrations", headers=admin)
    assert TOKEN not in listed.text and APP_SECRET not in listed.text

    name = f"{get_settings().secrets_prefix}/tenants/{world.a.tenant_id}/whatsapp"
    stored = json.loads(aws_client("secretsmanager").get_secret_value(SecretId=name)["SecretString"])
    assert stored == {"access_token": TOKEN, "app_secret": APP_SECRET, "verify_token": VERIFY}

    # saving again without secrets keeps them; null removes one; a new value replaces it
    kept = api.put("/api/integrations/whatsapp", headers=admin,
                   json={"settings": {"phone_number_id": "123456789"}, "secrets": {"verify_token": None}}).json()
    assert kept["secrets"]["access_token"]["set"] is True and kept["secrets"]["verify_token"]["set"] is False
    config = service.get_config(world.a.tenant_id, "whatsapp")
    assert config.secret("access_token") == TOKEN and config.secret("verify_token") is None

    other = by_kind(api.get("/api/integrations", headers=auth_headers(api, world.b.emails["administrador"])))
    assert other["whatsapp"]["configured"] is False and other["whatsapp"]["settings"]["phone_number_id"] is None
    assert service.get_config(world.b.tenant_id, "whatsapp").secret("access_token") is None


def test_secrets_never_reach_the_logs(api, world, admin, capsys, caplog, monkeypatch):
    monkeypatch.setattr(graph, "http_client", lambda: httpx.Client(transport=httpx.MockTransport(
        lambda req: httpx.Response(401, json={"error": {"message": "Invalid OAuth access token", "code": 190}}))))
    api.put("/api/integrations/whatsapp", headers=admin, json=whatsapp_body())
    api.post("/api/integrations/whatsapp/test", headers=admin)
    api.put("/api/integrations/smtp", headers=admin, json={"settings": {"host": "127.0.0.1", "port": 1, "tls_mode": "none",
                                                                        "username": "u", "from_email": "a@b.com.br"},
                                                           "secrets": {"password": "senha-smtp-secreta"}})
    api.post("/api/integrations/smtp/test", headers=admin)
    output = capsys.readouterr().out + capsys.readouterr().err + caplog.text
    for secret in (TOKEN, APP_SECRET, VERIFY, "senha-smtp-secreta"):
        assert secret not in output


@pytest.mark.parametrize(("kind", "body", "field"), [
    ("smtp", {"settings": {"port": 70000}}, "settings.port"),
    ("smtp", {"settings": {"from_email": "sem-arroba"}}, "settings.from_email"),
    ("smtp", {"settings": {"tls_mode": "quantum"}}, "settings.tls_mode"),
    ("whatsapp", {"settings": {"phone_number_id": "abc"}}, "settings.phone_number_id"),
    ("whatsapp", {"settings": {"default_owner_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"}}, "settings.default_owner_id"),
    ("whatsapp", {"secrets": {"senha": "x"}}, "secrets.senha"),
    ("leads", {"settings": {"default_origin": "radio"}}, "settings.default_origin"),
    ("ai", {"settings": {"base_url": "ftp://x"}}, "settings.base_url"),
])
def test_bad_settings_are_422_naming_the_field(api, world, admin, kind, body, field):
    resp = api.put(f"/api/integrations/{kind}", headers=admin, json=body)
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["field"] == field


def test_owner_of_another_company_is_refused(api, world, admin):
    resp = api.put("/api/integrations/whatsapp", headers=admin,
                   json={"settings": {"default_owner_id": world.b.user_ids["vendedor"]}})
    assert resp.status_code == 422
    ok = api.put("/api/integrations/whatsapp", headers=admin,
                 json={"settings": {"default_owner_id": world.a.user_ids["vendedor"]}})
    assert ok.status_code == 200


def test_unknown_kind_is_404_and_permissions_are_checked(api, world, admin):
    assert api.get("/api/integrations/telegram", headers=admin).status_code == 404
    assert api.put("/api/integrations/telegram", headers=admin, json={}).status_code == 404
    seller = auth_headers(api, world.a.emails["vendedor"])
    assert api.get("/api/integrations", headers=seller).status_code == 403
    manager = auth_headers(api, world.a.emails["gerente"])
    assert api.get("/api/integrations", headers=manager).status_code == 200
    assert api.put("/api/integrations/smtp", headers=manager, json={}).status_code == 403


def test_whatsapp_test_calls_meta_and_learns_the_number(api, world, admin, monkeypatch):
    seen = []

    def meta(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/message_templates"):
            return httpx.Response(200, json={"data": [{"name": "retorno", "language": "pt_BR", "status": "APPROVED",
                                                       "category": "UTILITY",
                                                       "components": [{"type": "BODY", "text": "Olá {{1}}!"}]}]})
        return httpx.Response(200, json={"display_phone_number": "+55 11 4000-0000", "verified_name": "Impacte",
                                         "quality_rating": "GREEN", "id": "123456789"})

    monkeypatch.setattr(graph, "http_client", lambda: httpx.Client(transport=httpx.MockTransport(meta)))
    api.put("/api/integrations/whatsapp", headers=admin, json=whatsapp_body())
    result = api.post("/api/integrations/whatsapp/test", headers=admin).json()
    assert result["ok"] is True and "+55 11 4000-0000" in result["message"]
    assert seen[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert seen[0].url.path.endswith("/123456789")
    item = by_kind(api.get("/api/integrations", headers=admin))["whatsapp"]
    assert item["last_test"]["ok"] is True and item["settings"]["display_phone_number"] == "+55 11 4000-0000"
    assert item["settings"]["templates"] == [{"name": "retorno", "language": "pt_BR", "category": "UTILITY",
                                              "body": "Olá {{1}}!", "parameters": 1, "header": None}]


def test_whatsapp_test_failure_shows_metas_reason(api, world, admin, monkeypatch):
    monkeypatch.setattr(graph, "http_client", lambda: httpx.Client(transport=httpx.MockTransport(
        lambda req: httpx.Response(401, json={"error": {"message": "Invalid OAuth access token.",
                                                        "type": "OAuthException", "code": 190}}))))
    api.put("/api/integrations/whatsapp", headers=admin, json=whatsapp_body())
    result = api.post("/api/integrations/whatsapp/test", headers=admin)
    assert result.status_code == 200
    assert result.json()["ok"] is False
    assert "Invalid OAuth access token" in result.json()["message"] and "190" in result.json()["message"]


def test_whatsapp_test_without_settings_says_what_is_missing(api, world, admin):
    result = api.post("/api/integrations/whatsapp/test", headers=admin).json()
    assert result["ok"] is False and "Preencha" in result["message"]


smtp_body = smtp_settings


def test_smtp_test_logs_in_and_sends_a_test_email(api, world, admin, smtp_server):
    controller, inbox = smtp_server
    api.put("/api/integrations/smtp", headers=admin, json=smtp_body(controller.port))
    result = api.post("/api/integrations/smtp/test", headers=admin).json()
    assert result["ok"] is True, result
    sent = api.post("/api/integrations/smtp/test-email", headers=admin, json={"to": "gestor@loja.com.br"}).json()
    assert sent["ok"] is True
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message.rcpt_tos == ["gestor@loja.com.br"] and message.mail_from == "contato@loja.com.br"
    assert b"Teste de e-mail do Impacte+" in message.content


def test_smtp_wrong_password_shows_the_servers_refusal(api, world, admin, smtp_server):
    controller, _ = smtp_server
    api.put("/api/integrations/smtp", headers=admin, json=smtp_body(controller.port, "errada"))
    result = api.post("/api/integrations/smtp/test", headers=admin).json()
    assert result["ok"] is False and "senha" in result["message"]
    bad_email = api.post("/api/integrations/smtp/test-email", headers=admin, json={"to": "x"})
    assert bad_email.status_code == 422


def test_smtp_unreachable_server(api, world, admin):
    from devstack.emulator import free_port

    api.put("/api/integrations/smtp", headers=admin, json=smtp_body(free_port()))
    result = api.post("/api/integrations/smtp/test", headers=admin).json()
    assert result["ok"] is False and "conectar" in result["message"]


def test_cora_test_requests_a_token_with_client_credentials(api, world, admin, monkeypatch):
    cert, key = self_signed_pair("int-abc123")
    requests = []

    def cora(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json={"access_token": "tok", "token_type": "Bearer", "expires_in": 86400})

    monkeypatch.setattr(cora_client, "http_client", lambda verify: httpx.Client(transport=httpx.MockTransport(cora)))
    resp = api.put("/api/integrations/cora", headers=admin, json={
        "settings": {"client_id": "int-abc123", "environment": "stage"},
        "secrets": {"certificate": cert, "private_key": key}})
    assert cert not in resp.text and key not in resp.text
    result = api.post("/api/integrations/cora/test", headers=admin).json()
    assert result["ok"] is True
    assert str(requests[0].url) == get_settings().cora_stage_url + "/token"
    assert requests[0].content == b"grant_type=client_credentials&client_id=int-abc123"

    monkeypatch.setattr(cora_client, "http_client", lambda verify: httpx.Client(transport=httpx.MockTransport(
        lambda req: httpx.Response(401, json={"error": "invalid_client"}))))
    refused = api.post("/api/integrations/cora/test", headers=admin).json()
    assert refused["ok"] is False and "invalid_client" in refused["message"]


def test_cora_with_a_broken_certificate(api, world, admin):
    api.put("/api/integrations/cora", headers=admin, json={
        "settings": {"client_id": "int-abc123"}, "secrets": {"certificate": "não é PEM", "private_key": "nem isso"}})
    result = api.post("/api/integrations/cora/test", headers=admin).json()
    assert result["ok"] is False and "PEM" in result["message"]


def test_webhook_routes_map_to_their_company_and_rotate(api, world, admin):
    url = by_kind(api.get("/api/integrations", headers=admin))["leads"]["webhook_url"]
    hook_id = url.rsplit("/", 1)[-1]
    assert service.tenant_for_hook(hook_id, "leads") == world.a.tenant_id
    assert service.tenant_for_hook(hook_id, "whatsapp") is None  # a route serves one integration
    rotated = api.post("/api/integrations/leads/rotate-webhook", headers=admin).json()["webhook_url"]
    new_id = rotated.rsplit("/", 1)[-1]
    assert new_id != hook_id
    assert service.tenant_for_hook(hook_id, "leads") is None
    assert service.tenant_for_hook(new_id, "leads") == world.a.tenant_id
    b_url = by_kind(api.get("/api/integrations", headers=auth_headers(api, world.b.emails["administrador"])))
    assert service.tenant_for_hook(b_url["leads"]["webhook_url"].rsplit("/", 1)[-1], "leads") == world.b.tenant_id
    assert api.post("/api/integrations/smtp/rotate-webhook", headers=admin).status_code == 404
