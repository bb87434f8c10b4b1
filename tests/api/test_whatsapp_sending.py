"""Replies through the Cloud API: the 24-hour window, templates, retries, failures, statuses, opt-out
and the first reply's card move."""

from __future__ import annotations

from datetime import timedelta

import pytest

from shared import clock
from tests.api.test_whatsapp_support import (
    ACCESS_TOKEN,
    APP_SECRET,
    PHONE_NUMBER_ID,
    deliver,
    fake_meta,
    inbound,
    meta_error,
    setup_whatsapp,
    status_update,
)
from tests.support.http import auth_headers


@pytest.fixture
def admin(api, world):
    return auth_headers(api, world.a.emails["administrador"])


@pytest.fixture
def meta(monkeypatch):
    return fake_meta(monkeypatch)


@pytest.fixture
def hook(world):
    return setup_whatsapp(world.a.tenant_id)


@pytest.fixture
def conv(api, hook, admin):
    """A conversation whose client wrote just now (the 24-hour window is open)."""
    deliver(api, hook, inbound("5511987654321", "Oi, tudo bem?"))
    return api.get("/api/whatsapp/conversations", headers=admin).json()["items"][0]


def send(api, headers, conversation_id, **body):
    return api.post(f"/api/whatsapp/conversations/{conversation_id}/messages", headers=headers, json=body)


def listed(api, headers, conversation_id):
    return api.get(f"/api/whatsapp/conversations/{conversation_id}/messages", headers=headers).json()["items"]


def test_a_reply_inside_the_window_is_sent_and_recorded(api, world, admin, meta, conv):
    resp = send(api, admin, conv["id"], text="Olá! Tudo ótimo, como posso ajudar?")
    assert resp.status_code == 201, resp.text
    message = resp.json()
    assert message["status"] == "sent" and message["wa_message_id"] == "wamid.OUT1" and message["direction"] == "out"
    assert message["sender_id"] == world.a.user_ids["administrador"] and message["sender_name"] == "Ana Administradora"
    [request] = meta.requests
    assert request.url.path.endswith("/109876543210/messages")
    assert request.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert meta.bodies()[0] == {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "+5511987654321",
                                "type": "text", "text": {"preview_url": False, "body": "Olá! Tudo ótimo, como posso ajudar?"}}
    assert [m["direction"] for m in listed(api, admin, conv["id"])] == ["out", "in"]  # newest first
    after = api.get(f"/api/whatsapp/conversations/{conv['id']}", headers=admin).json()
    assert after["last_direction"] == "out" and after["unread_count"] == 0
    timeline = api.get(f"/api/clients/{conv['client_id']}/timeline", headers=admin).json()["items"]
    assert timeline[0]["kind"] == "whatsapp_out" and timeline[0]["actor_name"] == "Ana Administradora"


def test_outside_the_24_hour_window_only_templates_go(api, world, admin, meta, conv, monkeypatch):
    later = clock.now() + timedelta(hours=24, minutes=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    refused = send(api, admin, conv["id"], text="Oi de novo")
    assert refused.status_code == 422
    assert "janela de 24 horas" in refused.json()["detail"] and "modelo aprovado" in refused.json()["detail"]
    assert api.get(f"/api/whatsapp/conversations/{conv['id']}", headers=admin).json()["window_open"] is False
    assert meta.requests == []
    ok = send(api, admin, conv["id"], template={"name": "retomar_contato", "language": "pt_BR",
                                               "parameters": ["Maria", "o orçamento"]})
    assert ok.status_code == 201 and ok.json()["status"] == "sent"
    assert ok.json()["text"] == "Olá Maria, podemos retomar nossa conversa sobre o orçamento?"
    assert ok.json()["template"] == {"name": "retomar_contato", "language": "pt_BR",
                                     "parameters": ["Maria", "o orçamento"]}
    assert meta.bodies()[0]["template"] == {"name": "retomar_contato", "language": {"code": "pt_BR"}, "components": [
        {"type": "body", "parameters": [{"type": "text", "text": "Maria"}, {"type": "text", "text": "o orçamento"}]}]}


def test_window_is_still_open_just_before_24_hours(api, world, admin, meta, conv, monkeypatch):
    later = clock.now() + timedelta(hours=23, minutes=59)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert send(api, admin, conv["id"], text="Ainda dá").status_code == 201


@pytest.mark.parametrize(("template", "field"), [
    ({"name": "nao_existe"}, "template.name"),
    ({"name": "retomar_contato", "language": "en_US", "parameters": ["a", "b"]}, "template.name"),
    ({"name": "retomar_contato", "parameters": ["só um"]}, "template.parameters"),
    ({"name": "retomar_contato", "parameters": ["a", " "]}, "template.parameters"),
])
def test_templates_must_be_approved_and_complete(api, world, admin, meta, conv, template, field):
    resp = send(api, admin, conv["id"], template=template)
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == field
    assert meta.requests == []


@pytest.mark.parametrize("body", [{}, {"text": "  "}, {"text": "a", "template": {"name": "boas_vindas"}},
                                  {"text": "x" * 4097}])
def test_a_message_is_text_or_template(api, world, admin, meta, conv, body):
    assert send(api, admin, conv["id"], **body).status_code == 422


def test_provider_500_then_200_sends_exactly_one_message(api, world, admin, meta, conv):
    meta.responses = [meta_error(500, 1, "An unknown error occurred", "OAuthException")]
    resp = send(api, admin, conv["id"], text="Resposta com instabilidade")
    assert resp.status_code == 201 and resp.json()["status"] == "sent"
    assert len(meta.requests) == 2 and meta.sent == 1
    outgoing = [m for m in listed(api, admin, conv["id"]) if m["direction"] == "out"]
    assert len(outgoing) == 1 and outgoing[0]["wa_message_id"] == "wamid.OUT1"


def test_provider_rate_limit_is_retried_too(api, world, admin, meta, conv):
    meta.responses = [meta_error(400, 131056, "Pair rate limit hit"), meta_error(429, 130429, "Rate limit hit")]
    assert send(api, admin, conv["id"], text="Oi").json()["status"] == "sent"
    assert meta.sent == 1


def test_provider_400_is_stored_as_failed_with_metas_reason(api, world, admin, meta, conv):
    meta.responses = [meta_error(400, 131009, "Parameter value is not valid", "OAuthException")]
    resp = send(api, admin, conv["id"], text="Oi")
    assert resp.status_code == 201
    message = resp.json()
    assert message["status"] == "failed" and message["wa_message_id"] is None
    assert message["error"] == {"code": 131009, "title": "OAuthException", "message": "Parameter value is not valid"}
    assert listed(api, admin, conv["id"])[0]["status"] == "failed"
    assert len(meta.requests) == 1  # not retried


def test_statuses_move_forward_only(api, world, admin, meta, conv, hook):
    first = send(api, admin, conv["id"], text="Um").json()["wa_message_id"]
    second = send(api, admin, conv["id"], text="Dois").json()["wa_message_id"]
    third = send(api, admin, conv["id"], text="Três").json()["wa_message_id"]
    for wamid, status in ((first, "delivered"), (first, "read"), (second, "read"), (second, "delivered"),
                          (second, "sent")):
        assert deliver(api, hook, status_update(wamid, status)).status_code == 200
    errors = [{"code": 131026, "title": "Message undeliverable", "message": "Message undeliverable",
               "error_data": {"details": "Receiver is incapable of receiving this message"}}]
    deliver(api, hook, status_update(third, "failed", errors=errors))
    by_wamid = {m["wa_message_id"]: m for m in listed(api, admin, conv["id"])}
    assert by_wamid[first]["status"] == "read" and by_wamid[first]["status_at"]
    assert by_wamid[second]["status"] == "read"  # read, then a late "delivered": stays read
    assert by_wamid[third]["status"] == "failed"
    assert by_wamid[third]["error"] == {"code": 131026, "title": "Message undeliverable",
                                        "message": "Receiver is incapable of receiving this message"}
    assert deliver(api, hook, status_update("wamid.desconhecido", "read")).status_code == 200


def test_a_status_reported_before_the_send_is_recorded_is_kept(api, world, admin, meta, conv, hook):
    assert deliver(api, hook, status_update("wamid.OUT1", "delivered")).status_code == 200  # Meta was quicker
    assert send(api, admin, conv["id"], text="Oi").json()["wa_message_id"] == "wamid.OUT1"
    assert listed(api, admin, conv["id"])[0]["status"] == "delivered"
    deliver(api, hook, status_update("wamid.OUT1", "read"))
    assert listed(api, admin, conv["id"])[0]["status"] == "read"


def test_opt_out_blocks_later_sends(api, world, admin, meta, conv, hook):
    deliver(api, hook, inbound("5511987654321", "SAIR", wamid="wamid.SAIR"))
    resp = send(api, admin, conv["id"], text="Mas temos uma promoção!")
    assert resp.status_code == 422 and "consentimento revogado" in resp.json()["detail"]
    template = send(api, admin, conv["id"], template={"name": "boas_vindas"})
    assert template.status_code == 422
    assert meta.requests == []


def test_revoked_consent_set_on_the_client_blocks_sending(api, world, admin, meta, conv):
    patch = api.patch(f"/api/clients/{conv['client_id']}", headers=admin,
                      json={"consent": {"whatsapp": {"status": "revoked"}}})
    assert patch.status_code == 200
    assert send(api, admin, conv["id"], text="Oi").status_code == 422
    assert api.get(f"/api/whatsapp/conversations/{conv['id']}", headers=admin).json()["opted_out"] is True


def test_first_reply_moves_the_card_when_the_company_wants(api, world, admin, meta):
    hook = setup_whatsapp(world.a.tenant_id, auto_move_on_first_reply=True)
    deliver(api, hook, inbound("5511987654321"))
    conv = api.get("/api/whatsapp/conversations", headers=admin).json()["items"][0]
    assert send(api, admin, conv["id"], text="Olá!").status_code == 201
    client = api.get(f"/api/clients/{conv['client_id']}", headers=admin).json()
    assert client["stage"] == "contato_com_resposta"
    api.post(f"/api/funnel/cards/{client['card_id']}/move", headers=admin, json={"stage": "novo_contato"})
    send(api, admin, conv["id"], text="Segunda resposta")
    assert api.get(f"/api/clients/{conv['client_id']}", headers=admin).json()["stage"] == "novo_contato"


def test_without_the_setting_the_card_stays(api, world, admin, meta, conv):
    send(api, admin, conv["id"], text="Olá!")
    assert api.get(f"/api/clients/{conv['client_id']}", headers=admin).json()["stage"] == "novo_contato"


def test_sending_needs_a_configured_number(api, world, admin, meta, conv):
    from shared.integrations.models import IntegrationUpdate
    from shared.integrations.service import configure

    configure(world.a.tenant_id, "whatsapp", IntegrationUpdate(
        settings={"phone_number_id": PHONE_NUMBER_ID, "waba_id": "200300400500600"}, secrets={"access_token": None}))
    resp = send(api, admin, conv["id"], text="Oi")
    assert resp.status_code == 422 and "Integrações" in resp.json()["detail"]


def test_secrets_stay_out_of_logs_while_sending(api, world, admin, meta, conv, capsys, caplog):
    meta.responses = [meta_error(400, 190, "Invalid OAuth access token")]
    failed = send(api, admin, conv["id"], text="Oi")
    ok = send(api, admin, conv["id"], text="Oi de novo")
    captured = capsys.readouterr()
    everything = captured.out + captured.err + caplog.text + failed.text + ok.text
    assert ACCESS_TOKEN not in everything and APP_SECRET not in everything
