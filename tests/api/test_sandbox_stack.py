"""The local stack's app with its sandbox, served over real HTTP: any company that saves its WhatsApp
integration gets its webhook verified by the fake Meta, Testar learns the number, a simulated
message arrives signed, and a reply comes back sent -> delivered -> read."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
import uvicorn

from devstack import sandbox
from devstack.emulator import free_port
from devstack.sandbox import meta
from shared.integrations import service
from tests.support.world import PASSWORD, build_world

PNID, WABA = "555000111222", "555000111333"
SECRETS = {"access_token": "tok-outra", "app_secret": "secret-outra", "verify_token": "verify-outra"}


@pytest.fixture
def stack(aws, atomic_requests, monkeypatch):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    monkeypatch.setenv("SANDBOX", "1")
    monkeypatch.setenv("PUBLIC_API_URL", base)
    monkeypatch.setenv("WHATSAPP_GRAPH_URL", f"{base}/sandbox/meta")
    from shared.settings import get_settings

    get_settings.cache_clear()
    world = build_world()
    box = sandbox.Sandbox(port=port)
    monkeypatch.setattr(service, "_after_save", [box.on_saved])
    monkeypatch.setattr(meta.META, "status_delay", 0.05)
    meta.META.reset()

    from devstack.server import build_local_app

    server = uvicorn.Server(uvicorn.Config(build_local_app(box), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    box.when_ready(timeout=30)
    assert box.listening.wait(30), "the API did not answer"
    yield {"base": base, "world": world, "box": box}
    server.should_exit = True
    thread.join(timeout=10)
    meta.META.reset()


def login(base: str, email: str) -> dict[str, str]:
    resp = httpx.post(f"{base}/api/auth/login", json={"email": email, "password": PASSWORD}, timeout=30)
    assert resp.status_code == 200, resp.text
    return {"Authorization": f"Bearer {resp.json()['access_token']}"}


def test_a_company_connects_whatsapp_to_the_sandbox_and_talks_to_a_lead(stack):
    base, company = stack["base"], stack["world"].b
    admin = login(base, company.emails["administrador"])

    saved = httpx.put(f"{base}/api/integrations/whatsapp", headers=admin, timeout=60, json={
        "enabled": True, "settings": {"phone_number_id": PNID, "waba_id": WABA}, "secrets": SECRETS})
    assert saved.status_code == 200, saved.text
    number = meta.META.numbers[PNID]
    assert number.webhook_url == saved.json()["webhook_url"]  # verified by the handshake, during the save
    assert number.verified_name == "Outra Empresa Ltda"

    tested = httpx.post(f"{base}/api/integrations/whatsapp/test", headers=admin, timeout=60).json()
    assert tested["ok"] is True, tested
    assert tested["message"] == "Conectado: Outra Empresa Ltda +55 11 4000-1222"
    status = httpx.get(f"{base}/api/whatsapp/status", headers=admin, timeout=30).json()
    assert status["sandbox"] is True and status["display_phone_number"] == "+55 11 4000-1222"
    # the document-header template (envio_documento) is for Documentos, not offered for typed messages
    assert [t["name"] for t in status["templates"]] == ["retorno_proposta", "lembrete_reuniao", "boas_vindas"]

    simulated = httpx.post(f"{base}/api/whatsapp/sandbox/inbound", headers=admin, timeout=60,
                           json={"phone": "11 98888-7777", "name": "Fulano de Tal", "text": "Oi, quero um orçamento"})
    assert simulated.status_code == 202, simulated.text
    assert simulated.json()["delivered"] is True
    (conv,) = httpx.get(f"{base}/api/whatsapp/conversations", headers=admin, timeout=30).json()["items"]
    assert conv["phone"] == "+5511988887777" and conv["unread_count"] == 1 and conv["window_open"] is True

    reply = httpx.post(f"{base}/api/whatsapp/conversations/{conv['id']}/messages", headers=admin, timeout=60,
                       json={"text": "Olá, Fulano! Já te mando os valores."})
    assert reply.status_code == 201, reply.text
    assert reply.json()["status"] in ("sent", "delivered", "read")
    deadline, status = time.monotonic() + 15, None
    while time.monotonic() < deadline:
        items = httpx.get(f"{base}/api/whatsapp/conversations/{conv['id']}/messages", headers=admin,
                          timeout=30).json()["items"]
        status = next(m["status"] for m in items if m["id"] == reply.json()["id"])
        if status == "read":
            break
        time.sleep(0.1)
    assert status == "read"
    kinds = [d["kind"] for d in meta.META.deliveries if d["phone_number_id"] == PNID]
    assert kinds == ["inbound", "status:sent", "status:delivered", "status:read"]
    assert all(d["status"] == 200 for d in meta.META.deliveries)


def test_a_wrong_verify_token_leaves_the_webhook_unverified(stack):
    base, company = stack["base"], stack["world"].b
    admin = login(base, company.emails["administrador"])
    httpx.put(f"{base}/api/integrations/whatsapp", headers=admin, timeout=60, json={
        "settings": {"phone_number_id": PNID}, "secrets": SECRETS}).raise_for_status()
    assert meta.META.numbers[PNID].webhook_url
    # the Meta side keeps the old verify token: the product now expects another one
    config = service.get_config(company.tenant_id, "whatsapp")
    ok, reason = meta.META.verify_webhook(config.webhook_url, "not-the-token")
    assert not ok and "403" in reason
