"""Helpers of the WhatsApp tests: a company's integration, Meta's signed webhooks, a fake Graph API."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import httpx

from shared.integrations import models as integration_models
from shared.integrations.service import configure, ensure_hook, get_config, record_test
from shared.whatsapp import graph

PHONE_NUMBER_ID = "109876543210"
ACCESS_TOKEN = "EAAG-token-de-acesso-muito-secreto"
APP_SECRET = "app-secret-da-empresa-a"
VERIFY_TOKEN = "token-de-verificacao-a"
TEMPLATES = [
    {"name": "retomar_contato", "language": "pt_BR", "category": "MARKETING",
     "body": "Olá {{1}}, podemos retomar nossa conversa sobre {{2}}?", "parameters": 2},
    {"name": "boas_vindas", "language": "pt_BR", "category": "UTILITY", "body": "Bem-vindo!", "parameters": 0},
]


def setup_whatsapp(tenant_id: str, *, phone_number_id: str = PHONE_NUMBER_ID, app_secret: str = APP_SECRET,
                   templates: list[dict] | None = None, **settings) -> str:
    """Configures the company's WhatsApp integration (as Integrações would) and returns its route id."""
    config = configure(tenant_id, "whatsapp", integration_models.IntegrationUpdate(
        settings={"phone_number_id": phone_number_id, "waba_id": "200300400500600", **settings},
        secrets={"access_token": ACCESS_TOKEN, "app_secret": app_secret, "verify_token": VERIFY_TOKEN}))
    record_test(config, integration_models.TestResult(ok=True, message="ok"),
                {"templates": TEMPLATES if templates is None else templates, "display_phone_number": "+55 11 4000-0000"})
    return ensure_hook(get_config(tenant_id, "whatsapp")).hook_id or ""


def inbound(wa_id: str, text: str | None = "Olá, quero um orçamento", *, wamid: str = "wamid.A1", name: str = "Maria da Silva",
            timestamp: int | None = None, phone_number_id: str = PHONE_NUMBER_ID, message: dict | None = None) -> dict:
    """A Cloud API webhook with one inbound message (text unless `message` gives another shape)."""
    body = message or {"type": "text", "text": {"body": text}}
    msg = {"from": wa_id, "id": wamid, "timestamp": str(timestamp or 1_700_000_000), **body}
    if timestamp is None:
        msg.pop("timestamp")
    return _envelope(phone_number_id, {"contacts": [{"profile": {"name": name}, "wa_id": wa_id}], "messages": [msg]})


def status_update(wamid: str, status: str, *, errors: list[dict] | None = None,
                  phone_number_id: str = PHONE_NUMBER_ID) -> dict:
    entry = {"id": wamid, "status": status, "timestamp": "1700000100", "recipient_id": "5511987654321"}
    if errors:
        entry["errors"] = errors
    return _envelope(phone_number_id, {"statuses": [entry]})


def _envelope(phone_number_id: str, value: dict) -> dict:
    return {"object": "whatsapp_business_account", "entry": [{"id": "WABA1", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "551140000000", "phone_number_id": phone_number_id}, **value}}]}]}


def deliver(api, hook_id: str, payload: dict | bytes, *, secret: str | None = APP_SECRET):
    """POSTs a webhook as Meta does: raw bytes, signed with `secret` (None: unsigned)."""
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Hub-Signature-256"] = graph.signature(secret, raw)
    return api.post(f"/webhooks/whatsapp/{hook_id}", content=raw, headers=headers)


@dataclass
class FakeMeta:
    """The Graph API as the tests need it: answers queued responses (then success) and records calls."""

    responses: list[httpx.Response] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)
    sent: int = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.responses:
            return self.responses.pop(0)
        self.sent += 1
        return httpx.Response(200, json={"messaging_product": "whatsapp",
                                         "contacts": [{"input": "+5511987654321", "wa_id": "5511987654321"}],
                                         "messages": [{"id": f"wamid.OUT{self.sent}"}]})

    def bodies(self) -> list[dict]:
        return [json.loads(r.content) for r in self.requests]


def meta_error(status: int, code: int, message: str, title: str = "OAuthException") -> httpx.Response:
    return httpx.Response(status, json={"error": {"message": message, "type": title, "code": code,
                                                  "error_data": {"messaging_product": "whatsapp", "details": message},
                                                  "fbtrace_id": "Axyz"}})


def fake_meta(monkeypatch) -> FakeMeta:
    """Swaps the Graph client's transport for a FakeMeta (and backoff sleeps for nothing)."""
    fake = FakeMeta()
    monkeypatch.setattr(graph, "http_client", lambda: httpx.Client(transport=httpx.MockTransport(fake.handle)))
    monkeypatch.setattr(graph, "sleep", lambda seconds: None)
    return fake
