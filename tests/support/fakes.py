"""Real-protocol stand-ins for the providers, for API tests."""

from __future__ import annotations

import httpx
import pytest

from shared.integrations import service as integrations
from shared.integrations.models import IntegrationUpdate, TestResult


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) that accepts only user `loja` / `senha-certa`."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    from devstack.emulator import free_port

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == b"loja" and auth_data.password == b"senha-certa"
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), authenticator=authenticator,
                            auth_require_tls=False)
    controller.start()
    yield controller, inbox
    controller.stop()


def smtp_settings(port: int, password: str = "senha-certa") -> dict:
    return {"settings": {"host": "127.0.0.1", "port": port, "tls_mode": "none", "username": "loja",
                         "from_name": "Loja Demo", "from_email": "contato@loja.com.br"},
            "secrets": {"password": password}}


def connect_smtp(tenant_id: str, port: int) -> None:
    integrations.configure(tenant_id, "smtp", IntegrationUpdate(**smtp_settings(port)))


class FakeMeta:
    """Answers the Graph API calls of one test; `responses` can script failures before success."""

    def __init__(self):
        self.sent: list[dict] = []
        self.responses: list[httpx.Response] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        import json

        if self.responses:
            return self.responses.pop(0)
        if request.method == "POST" and request.url.path.endswith("/messages"):
            self.sent.append(json.loads(request.content))
            return httpx.Response(200, json={"messaging_product": "whatsapp",
                                             "messages": [{"id": f"wamid.TEST{len(self.sent)}"}]})
        return httpx.Response(200, json={"display_phone_number": "+55 11 4000-0000", "id": "100"})


@pytest.fixture
def fake_meta(monkeypatch):
    from shared.whatsapp import graph

    meta = FakeMeta()
    monkeypatch.setattr(graph, "http_client", lambda: httpx.Client(transport=httpx.MockTransport(meta)))
    monkeypatch.setattr(graph, "sleep", lambda seconds: None)
    return meta


def connect_whatsapp(tenant_id: str, templates: list[dict] | None = None) -> None:
    integrations.configure(tenant_id, "whatsapp", IntegrationUpdate(
        settings={"phone_number_id": "100", "waba_id": "200"},
        secrets={"access_token": "token-teste", "app_secret": "segredo-teste", "verify_token": "verificar"}))
    config = integrations.get_config(tenant_id, "whatsapp")
    integrations.record_test(config, TestResult(ok=True, message="ok"), {"templates": templates or [
        {"name": "lembrete", "language": "pt_BR", "category": "UTILITY", "body": "Olá {{1}}!", "parameters": 1}]})


class CoraSandbox:
    """The sandbox's fake Cora reached through our real Cora client (tests swap only the transport).

    Webhooks it delivers go to the API under test; `calls` counts requests per path."""

    BASE = "http://cora.test/sandbox/cora"

    def __init__(self, fake, app_client):
        self.fake = fake
        self.api = app_client
        self.calls: list[tuple[str, str, str]] = []  # (method, path, Authorization)

    def deliveries(self) -> list[dict]:
        return list(self.fake.deliveries)


@pytest.fixture
def fake_cora(monkeypatch, api):
    """A fresh fake Cora (devstack/sandbox/cora.py): our client talks to it over its HTTP routes, and
    its webhooks are posted to the API under test synchronously."""
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from devstack.sandbox import cora as sandbox_cora
    from shared.charges import cora as cora_client
    from shared.settings import get_settings

    def poster(url: str, headers: dict[str, str]) -> int:
        return sandbox.api.post(httpx.URL(url).path, headers=headers).status_code

    fake = sandbox_cora.FakeCora(poster=poster, spawn=lambda fn: fn())
    app = FastAPI()
    app.include_router(sandbox_cora.router(fake))
    sandbox = CoraSandbox(fake, api)

    def record(request: httpx.Request) -> None:
        sandbox.calls.append((request.method, request.url.path, request.headers.get("authorization", "")))

    def client(verify) -> httpx.Client:
        session = TestClient(app, raise_server_exceptions=False)
        session.event_hooks = {"request": [record], "response": []}
        return session

    monkeypatch.setenv("CORA_STAGE_URL", CoraSandbox.BASE)
    monkeypatch.setenv("PUBLIC_API_URL", "http://testserver")
    get_settings.cache_clear()
    monkeypatch.setattr(cora_client, "http_client", client)
    monkeypatch.setattr(cora_client, "_tokens", {})
    return sandbox


def connect_cora(tenant_id: str, client_id: str = "int-empresa-a", environment: str = "stage") -> None:
    from devstack.certificates import self_signed_pair

    cert, key = self_signed_pair(client_id)
    integrations.configure(tenant_id, "cora", IntegrationUpdate(
        settings={"client_id": client_id, "environment": environment},
        secrets={"certificate": cert, "private_key": key}))
