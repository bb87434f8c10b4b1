"""How the local stack wires the sandbox: the demo company's integrations and the WhatsApp
registration that saving an integration triggers."""

from __future__ import annotations

import os

import pytest

from devstack import sandbox
from devstack.seed import DEMO_WHATSAPP, DEMO_WHATSAPP_SECRETS, seed, seed_integrations, stable_id
from shared.integrations import service
from shared.integrations.models import IntegrationUpdate


@pytest.fixture
def demo(aws, monkeypatch):
    monkeypatch.setenv("PUBLIC_API_URL", "http://127.0.0.1:8765")
    from shared.settings import get_settings

    get_settings.cache_clear()
    return seed()["tenant_id"]


def test_the_demo_company_gets_whatsapp_email_and_leads(demo):
    seed_integrations(demo, 2600)
    whatsapp = service.get_config(demo, "whatsapp")
    assert whatsapp.settings.phone_number_id == DEMO_WHATSAPP["phone_number_id"]
    assert whatsapp.settings.waba_id == DEMO_WHATSAPP["waba_id"]
    assert whatsapp.settings.auto_move_on_first_reply is True
    assert whatsapp.settings.default_owner_id == stable_id("user:vendedor@demo.local")
    assert {k: whatsapp.secret(k) for k in DEMO_WHATSAPP_SECRETS} == DEMO_WHATSAPP_SECRETS
    smtp = service.get_config(demo, "smtp")
    assert (smtp.settings.host, smtp.settings.port, smtp.settings.tls_mode) == ("127.0.0.1", 2600, "none")
    assert smtp.settings.username == "demo" and smtp.secret("password") == "demo"
    assert smtp.settings.from_email == "contato@impactedemo.com.br" and smtp.settings.from_name == "Impacte Demo"
    assert service.get_config(demo, "leads").settings.default_origin == "site"
    seed_integrations(demo, 2600)  # every start runs it again


def test_saving_whatsapp_queues_its_registration_until_the_api_listens(demo):
    box = sandbox.Sandbox(port=8765)
    config = service.configure(demo, "whatsapp", IntegrationUpdate(
        settings=DEMO_WHATSAPP, secrets=DEMO_WHATSAPP_SECRETS))
    box.on_saved(config)
    ((key, payload),) = box.pending.items()
    hook = service.get_config(demo, "whatsapp").hook_id
    assert hook and key == (demo, DEMO_WHATSAPP["phone_number_id"])
    assert payload == {**DEMO_WHATSAPP, **DEMO_WHATSAPP_SECRETS, "verified_name": "Impacte Demo",
                       "webhook_url": f"http://127.0.0.1:8765/webhooks/whatsapp/{hook}"}


def test_incomplete_whatsapp_or_other_kinds_register_nothing(demo):
    box = sandbox.Sandbox(port=8765)
    secrets = {k: v for k, v in DEMO_WHATSAPP_SECRETS.items() if k != "app_secret"}
    box.on_saved(service.configure(demo, "whatsapp", IntegrationUpdate(settings=DEMO_WHATSAPP, secrets=secrets)))
    box.on_saved(service.configure(demo, "whatsapp", IntegrationUpdate(
        enabled=False, settings=DEMO_WHATSAPP, secrets=DEMO_WHATSAPP_SECRETS)))
    box.on_saved(service.configure(demo, "ai", IntegrationUpdate(settings={"base_url": "http://127.0.0.1:1/v1",
                                                                           "model": "x"})))
    assert box.pending == {}


def test_environment_points_the_product_at_the_fakes(monkeypatch):
    for name in ("SANDBOX", "PUBLIC_API_URL", "WHATSAPP_GRAPH_URL", "CORA_STAGE_URL"):
        monkeypatch.delenv(name, raising=False)
    from shared.settings import get_settings

    assert get_settings().sandbox is False
    sandbox.configure_environment("127.0.0.1", 8123)
    try:
        settings = get_settings()
        assert settings.sandbox is True
        assert settings.public_api_url == "http://127.0.0.1:8123"
        assert settings.whatsapp_graph_url == "http://127.0.0.1:8123/sandbox/meta"
        assert settings.cora_stage_url == "http://127.0.0.1:8123/sandbox/cora"
        sandbox.configure_environment("0.0.0.0", 8124)  # listening everywhere: webhooks still need an address
        assert get_settings().public_api_url == "http://127.0.0.1:8124"
    finally:
        for name in ("SANDBOX", "PUBLIC_API_URL", "WHATSAPP_GRAPH_URL", "CORA_STAGE_URL"):
            os.environ.pop(name, None)
        get_settings.cache_clear()
