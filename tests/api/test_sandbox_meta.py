"""The local stack's fake Meta Graph API and fake Cora, over real HTTP, driven by the product's own
client code (`shared.whatsapp.graph`, Testar of Cora) against a webhook receiver that checks
signatures like the real one must."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse, Response

from devstack.emulator import free_port
from devstack.sandbox import cora, meta
from shared.whatsapp import graph

PNID, WABA = "100200300400500", "200300400500600"
TOKEN, APP_SECRET, VERIFY = "tok-abc", "app-secret-xyz", "verify-123"


class Receiver:
    """Plays the product's webhook: verification handshake and signed POSTs."""

    def __init__(self):
        self.posts: list[dict] = []
        self.verifications: list[dict] = []
        self.verify_token = VERIFY
        self.lock = threading.Lock()

    def wait_for(self, predicate, timeout=10.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                found = [p for p in self.posts if predicate(p)]
            if found:
                return found
            time.sleep(0.02)
        return []

    def statuses(self) -> list[str]:
        with self.lock:
            return [s["status"] for p in self.posts
                    for e in p["json"]["entry"] for c in e["changes"] for s in c["value"].get("statuses", [])]


@pytest.fixture
def sandbox():
    fake = meta.FakeMeta(status_delay=0.05)
    receiver = Receiver()
    app = FastAPI()
    app.include_router(meta.router(fake))
    app.include_router(cora.router())

    @app.get("/hook")
    def verify(request: Request):
        q = request.query_params
        with receiver.lock:
            receiver.verifications.append(dict(q))
        if q.get("hub.mode") == "subscribe" and q.get("hub.verify_token") == receiver.verify_token:
            return PlainTextResponse(q.get("hub.challenge", ""))
        return Response(status_code=403)

    @app.post("/hook")
    async def webhook(request: Request):
        raw = await request.body()
        with receiver.lock:
            receiver.posts.append({"raw": raw, "json": json.loads(raw),
                                   "signature": request.headers.get("x-hub-signature-256")})
        return Response(status_code=200)

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    base = f"http://127.0.0.1:{port}"
    yield {"fake": fake, "receiver": receiver, "base": base, "hook": f"{base}/hook"}
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def graph_at(sandbox, monkeypatch):
    monkeypatch.setenv("WHATSAPP_GRAPH_URL", f"{sandbox['base']}/sandbox/meta")
    from shared.settings import get_settings

    get_settings.cache_clear()
    return sandbox


def register(sandbox, **overrides) -> httpx.Response:
    body = {"phone_number_id": PNID, "waba_id": WABA, "access_token": TOKEN, "app_secret": APP_SECRET,
            "verify_token": VERIFY, "webhook_url": sandbox["hook"], "verified_name": "Impacte Demo", **overrides}
    return httpx.post(f"{sandbox['base']}/sandbox/meta/sandbox/register", json=body, timeout=10)


def inbound(sandbox, sender="5511987650001", text="Oi, quero saber mais") -> httpx.Response:
    return httpx.post(f"{sandbox['base']}/sandbox/meta/sandbox/simulate-inbound", timeout=10,
                      json={"phone_number_id": PNID, "from": sender, "name": "Maria Teste", "text": text})


def test_register_performs_the_verification_handshake(sandbox):
    resp = register(sandbox)
    assert resp.status_code == 200, resp.text
    assert resp.json()["registered"] is True
    (check,) = sandbox["receiver"].verifications
    assert check["hub.mode"] == "subscribe"
    assert check["hub.verify_token"] == VERIFY
    assert check["hub.challenge"].isdigit()


def test_register_refuses_a_webhook_that_fails_the_handshake(sandbox):
    sandbox["receiver"].verify_token = "something-else"
    resp = register(sandbox)
    assert resp.status_code == 400
    assert resp.json()["registered"] is False
    assert "403" in resp.json()["detail"]
    # the number exists (Testar can look it up) but nothing is delivered to an unverified webhook
    assert inbound(sandbox).status_code == 409
    assert sandbox["receiver"].posts == []


def test_register_refuses_incomplete_bodies(sandbox):
    resp = register(sandbox, app_secret="")
    assert resp.status_code == 400
    assert "app_secret" in resp.json()["detail"]


def test_phone_lookup_needs_the_registered_token(graph_at):
    register(graph_at)
    phone = graph.lookup_phone(PNID, TOKEN)
    assert phone == {"display_phone_number": "+55 11 4000-0500", "verified_name": "Impacte Demo",
                     "quality_rating": "GREEN", "id": PNID}
    with pytest.raises(graph.GraphError) as wrong:
        graph.lookup_phone(PNID, "not-the-token")
    assert (wrong.value.status, wrong.value.code, wrong.value.title) == (401, 190, "OAuthException")
    raw = httpx.get(f"{graph_at['base']}/sandbox/meta/v21.0/{PNID}", headers={"Authorization": "Bearer nope"})
    error = raw.json()["error"]
    assert raw.status_code == 401 and error["type"] == "OAuthException" and error["code"] == 190
    assert error["fbtrace_id"] and error["message"]


def test_templates_lists_only_approved_pt_br_templates(graph_at):
    register(graph_at)
    templates = graph.approved_templates(WABA, TOKEN)
    names = [t["name"] for t in templates]
    assert names == ["retorno_proposta", "lembrete_reuniao", "boas_vindas", "envio_documento"]
    assert templates[-1]["components"][0] == {"type": "HEADER", "format": "DOCUMENT"}
    first = templates[0]
    assert first["language"] == "pt_BR" and first["status"] == "APPROVED" and first["category"]
    assert first["components"] == [{"type": "BODY", "text": "Olá {{1}}, tudo bem? Podemos conversar sobre a "
                                                            "proposta que enviamos?"}]
    with pytest.raises(graph.GraphError) as wrong:
        graph.approved_templates(WABA, "other")
    assert wrong.value.code == 190


def test_inbound_is_signed_and_shaped_like_meta(graph_at):
    register(graph_at)
    resp = inbound(graph_at)
    assert resp.json()["delivered"] is True and resp.json()["status"] == 200
    (post,) = graph_at["receiver"].posts
    assert graph.valid_signature(APP_SECRET, post["raw"], post["signature"])
    assert not graph.valid_signature("another-secret", post["raw"], post["signature"])
    value = post["json"]["entry"][0]["changes"][0]["value"]
    assert post["json"]["object"] == "whatsapp_business_account"
    assert value["messaging_product"] == "whatsapp"
    assert value["metadata"] == {"display_phone_number": "551140000500", "phone_number_id": PNID}
    assert value["contacts"] == [{"profile": {"name": "Maria Teste"}, "wa_id": "5511987650001"}]
    (message,) = value["messages"]
    assert message["from"] == "5511987650001" and message["type"] == "text"
    assert message["text"] == {"body": "Oi, quero saber mais"}
    assert message["id"].startswith("wamid.") and message["timestamp"].isdigit()
    assert resp.json()["message_id"] == message["id"]


def test_a_reply_gets_signed_sent_delivered_read_statuses(graph_at):
    register(graph_at)
    inbound(graph_at)  # opens the 24-hour window
    wamid = graph.send_message(PNID, TOKEN, {"to": "+5511987650001", "type": "text", "text": {"body": "Olá!"}})
    assert wamid.startswith("wamid.")
    receiver = graph_at["receiver"]
    assert receiver.wait_for(lambda p: '"read"' in p["raw"].decode())
    assert receiver.statuses() == ["sent", "delivered", "read"]
    for post in receiver.posts[1:]:
        assert graph.valid_signature(APP_SECRET, post["raw"], post["signature"])
        (status,) = post["json"]["entry"][0]["changes"][0]["value"]["statuses"]
        assert status["id"] == wamid and status["recipient_id"] == "5511987650001"
        assert status["timestamp"].isdigit()


def test_send_answers_like_meta(graph_at):
    register(graph_at)
    resp = httpx.post(f"{graph_at['base']}/sandbox/meta/v21.0/{PNID}/messages", headers={"Authorization": f"Bearer {TOKEN}"},
                      json={"messaging_product": "whatsapp", "to": "+55 11 98765-0001", "type": "template",
                            "template": {"name": "boas_vindas", "language": {"code": "pt_BR"}}})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["messaging_product"] == "whatsapp"
    assert body["contacts"] == [{"input": "+55 11 98765-0001", "wa_id": "5511987650001"}]
    assert body["messages"][0]["id"].startswith("wamid.")


def test_free_text_outside_the_window_fails_with_131047(graph_at):
    register(graph_at)
    wamid = graph.send_message(PNID, TOKEN, {"to": "5511900000001", "type": "text", "text": {"body": "Oi"}})
    (post,) = graph_at["receiver"].wait_for(lambda p: "failed" in p["raw"].decode())
    (status,) = post["json"]["entry"][0]["changes"][0]["value"]["statuses"]
    assert status["id"] == wamid and status["status"] == "failed"
    assert status["errors"][0]["code"] == 131047


@pytest.mark.parametrize(("payload", "code"), [
    ({"to": "5511987650001", "type": "text", "text": {"body": "x" * 4097}}, 100),
    ({"to": "5511987650001", "type": "text", "text": {}}, 100),
    ({"to": "5511987650001", "type": "template", "template": {"name": "boas_vindas"}}, 100),
    ({"to": "5511987650001", "type": "template", "template": {"language": {"code": "pt_BR"}}}, 100),
    ({"to": "5511987650001", "type": "template", "template": {"name": "nao_existe", "language": {"code": "pt_BR"}}},
     132001),
    ({"to": "5511987650001", "type": "template", "template": {"name": "retorno_proposta", "language": {"code": "pt_BR"}}},
     132000),
])
def test_invalid_messages_are_refused_with_meta_codes(graph_at, payload, code):
    register(graph_at)
    with pytest.raises(graph.GraphError) as refused:
        graph.send_message(PNID, TOKEN, payload)
    assert refused.value.code == code
    assert refused.value.status in (400, 404)
    assert graph_at["fake"].sent == {}


def test_text_of_exactly_4096_characters_is_accepted(graph_at):
    register(graph_at)
    assert graph.send_message(PNID, TOKEN, {"to": "5511987650001", "type": "text", "text": {"body": "x" * 4096}})


def test_template_with_its_parameters_is_accepted(graph_at):
    register(graph_at)
    wamid = graph.send_message(PNID, TOKEN, {"to": "5511900000002", "type": "template", "template": {
        "name": "retorno_proposta", "language": {"code": "pt_BR"},
        "components": [{"type": "body", "parameters": [{"type": "text", "text": "Maria"}]}]}})
    graph_at["receiver"].wait_for(lambda p: '"read"' in p["raw"].decode())
    assert graph_at["receiver"].statuses() == ["sent", "delivered", "read"]  # templates open conversations
    assert graph_at["fake"].sent[wamid].type == "template"


def test_cora_token_checks_the_client_id(sandbox):
    ok = httpx.post(f"{sandbox['base']}/sandbox/cora/token",
                    data={"grant_type": "client_credentials", "client_id": "int-6f2Demo"})
    assert ok.status_code == 200
    body = ok.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 86400 and body["access_token"]
    bad = httpx.post(f"{sandbox['base']}/sandbox/cora/token",
                     data={"grant_type": "client_credentials", "client_id": "abc-123"})
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_client"


def self_signed_pair() -> tuple[str, str]:
    """A throwaway certificate + key in PEM, like the pair Cora issues (cryptography comes with moto)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "int-sandbox")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM).decode(),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()).decode())


@pytest.mark.parametrize(("client_id", "ok"), [("int-6f2Demo", True), ("6f2Demo", False)])
def test_cora_testar_runs_against_the_fake(aws, sandbox, monkeypatch, client_id, ok):
    from shared.auth.principal import Principal
    from shared.integrations import testers
    from shared.integrations.models import IntegrationUpdate
    from shared.integrations.service import configure
    from shared.settings import get_settings

    monkeypatch.setenv("CORA_STAGE_URL", f"{sandbox['base']}/sandbox/cora")
    get_settings.cache_clear()
    tenant = "01JD0000000000000000000001"
    certificate, private_key = self_signed_pair()
    configure(tenant, "cora", IntegrationUpdate(settings={"client_id": client_id, "environment": "stage"},
                                                 secrets={"certificate": certificate, "private_key": private_key}))
    caller = Principal.from_context({"user_id": "u", "tenant_id": tenant, "session_id": "s", "role": "administrador"})
    result = testers.run(caller, "cora")
    assert result.ok is ok, result.message
    if not ok:
        assert "recusou a autenticação (401)" in result.message


def test_a_document_header_template_needs_the_document(graph_at):
    register(graph_at)
    body = {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}
    with pytest.raises(graph.GraphError) as missing:
        graph.send_message(PNID, TOKEN, {"to": "+5511987654321", "type": "template", "template": {
            "name": "envio_documento", "language": {"code": "pt_BR"}, "components": [body]}})
    assert missing.value.code == 132012
    wamid = graph.send_message(PNID, TOKEN, graph.template_payload(
        "+5511987654321", "envio_documento", "pt_BR", ["Ana"],
        document={"link": "https://arquivos.exemplo/proposta.pdf", "filename": "PROP-2026-0001.pdf"}))
    assert wamid.startswith("wamid.")
