"""Agendamentos: validated scheduling, and a dispatcher that sends each message once, at its minute,
through the company's own providers, recording the outcome."""

from __future__ import annotations

import email
import email.policy
import threading
from datetime import datetime, timedelta

import httpx
import pytest

from shared import clock
from shared.schedules import dispatcher
from tests.support.fakes import connect_smtp, connect_whatsapp
from tests.support.http import auth_headers

BRT = clock.SAO_PAULO


@pytest.fixture
def seller(api, world):
    return auth_headers(api, world.a.emails["vendedor"])


def frozen(monkeypatch, moment: datetime):
    monkeypatch.setattr(clock, "now", lambda: moment.astimezone(clock.SAO_PAULO))


def future(minutes=10):
    return (clock.to_local(clock.now()) + timedelta(minutes=minutes)).replace(second=0, microsecond=0)


def client(api, headers, **extra):
    body = {"type": "pf", "first_name": "Marta", "last_name": "Reis", "whatsapp": "(11) 97777-6666",
            "email": "marta@exemplo.com.br", "values": {"opportunity_value_cents": 123456,
                                                        "first_due_date": "2027-01-10"}, **extra}
    resp = api.post("/api/clients", headers=headers, json=body)
    assert resp.status_code == 201, resp.text
    return resp.json()


def schedule(api, headers, **body):
    resp = api.post("/api/schedules", headers=headers, json=body)
    assert resp.status_code == 201, resp.text
    return resp.json()


def get(api, headers, schedule_id):
    return api.get(f"/api/schedules/{schedule_id}", headers=headers).json()


@pytest.mark.parametrize(("body", "field"), [
    ({"channel": "whatsapp", "to_phone": "(11) 98888-7777", "body": "oi", "send_at": "2020-01-01T10:00:00-03:00"}, "send_at"),
    ({"channel": "whatsapp", "to_phone": "123", "body": "oi"}, "to_phone"),
    ({"channel": "email", "to_email": "x@", "subject": "a", "body": "oi"}, "to_email"),
    ({"channel": "email", "to_email": "a@b.com.br", "body": "oi"}, "subject"),
    ({"channel": "whatsapp", "body": "oi"}, "to_phone"),
    ({"channel": "whatsapp", "to_phone": "(11) 98888-7777"}, "body"),
    ({"channel": "whatsapp", "to_phone": "(11) 98888-7777", "body": "Olá {{ apelido }}"}, "body"),
    ({"channel": "whatsapp", "to_phone": "(11) 98888-7777", "body": "{{ cliente.__class__ }}"}, "body"),
    ({"channel": "sms", "to_phone": "(11) 98888-7777", "body": "oi"}, "channel"),
])
def test_bad_schedules_are_422_naming_the_field(api, world, seller, body, field):
    body.setdefault("send_at", future().isoformat())
    resp = api.post("/api/schedules", headers=seller, json=body)
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["field"] == field


def test_client_without_whatsapp_is_422(api, world, seller):
    c = client(api, seller, whatsapp=None)
    resp = api.post("/api/schedules", headers=seller, json={"channel": "whatsapp", "client_id": c["id"], "body": "oi",
                                                            "send_at": future().isoformat()})
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "client_id"


def test_sent_at_its_minute_in_brasilia_time_once(api, world, seller, fake_meta, monkeypatch):
    connect_whatsapp(world.a.tenant_id)
    c = client(api, seller)
    send_at = datetime(2027, 3, 10, 10, 0, tzinfo=BRT)
    frozen(monkeypatch, send_at - timedelta(hours=1))
    s = schedule(api, seller, channel="whatsapp", client_id=c["id"], send_at=send_at.isoformat(),
                 whatsapp_template={"name": "lembrete", "language": "pt_BR", "parameters": ["Marta"]},
                 purpose="lembrete_reuniao")
    assert s["send_at"] == "2027-03-10T13:00:00.000+00:00" and s["status"] == "agendado"
    frozen(monkeypatch, send_at - timedelta(seconds=1))
    assert dispatcher.run().found == 0 and fake_meta.sent == []
    frozen(monkeypatch, send_at + timedelta(seconds=5))
    report = dispatcher.run()
    assert report.sent == 1
    assert fake_meta.sent[0]["template"]["name"] == "lembrete" and fake_meta.sent[0]["to"] == "+5511977776666"
    done = get(api, seller, s["id"])
    assert done["status"] == "enviado" and done["late"] is False
    assert done["outcomes"]["whatsapp"]["message_id"] == "wamid.TEST1"
    frozen(monkeypatch, send_at + timedelta(minutes=1, seconds=5))
    assert dispatcher.run().found == 0 and len(fake_meta.sent) == 1
    assert api.delete(f"/api/schedules/{s['id']}", headers=seller).status_code == 409


def test_two_overlapping_runs_send_once(api, world, seller, fake_meta, monkeypatch, atomic_requests):
    connect_whatsapp(world.a.tenant_id)
    send_at = future(5)
    for n in range(4):
        schedule(api, seller, channel="whatsapp", to_phone=f"(11) 9666{n}-0000", send_at=send_at.isoformat(),
                 whatsapp_template={"name": "lembrete", "language": "pt_BR", "parameters": ["x"]})
    frozen(monkeypatch, send_at + timedelta(seconds=1))
    reports = []
    threads = [threading.Thread(target=lambda: reports.append(dispatcher.run())) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.sent for r in reports) == 4
    assert sorted(m["to"] for m in fake_meta.sent) == [f"+55119666{n}0000" for n in range(4)]


def test_outage_sends_late_and_marks_it(api, world, seller, fake_meta, monkeypatch):
    connect_whatsapp(world.a.tenant_id)
    send_at = future(5)
    s = schedule(api, seller, channel="whatsapp", to_phone="(11) 95555-4444", send_at=send_at.isoformat(),
                 whatsapp_template={"name": "lembrete", "language": "pt_BR", "parameters": ["x"]})
    frozen(monkeypatch, send_at - timedelta(minutes=3))
    dispatcher.run()  # the last run before the outage
    frozen(monkeypatch, send_at + timedelta(hours=3))
    assert dispatcher.run().sent == 1
    done = get(api, seller, s["id"])
    assert done["status"] == "enviado" and done["late"] is True


def test_provider_failure_is_recorded_and_retry_succeeds(api, world, seller, fake_meta, monkeypatch):
    connect_whatsapp(world.a.tenant_id)
    fake_meta.responses = [httpx.Response(400, json={"error": {"message": "Template name does not exist",
                                                               "code": 132001, "type": "OAuthException"}})]
    send_at = future(2)
    s = schedule(api, seller, channel="whatsapp", to_phone="(11) 94444-3333", send_at=send_at.isoformat(),
                 whatsapp_template={"name": "lembrete", "language": "pt_BR", "parameters": ["x"]})
    frozen(monkeypatch, send_at)
    assert dispatcher.run().failed == 1
    failed = get(api, seller, s["id"])
    assert failed["status"] == "erro" and "132001" in failed["error"] and "Template name" in failed["error"]
    retried = api.post(f"/api/schedules/{s['id']}/retry", headers=seller).json()
    assert retried["status"] == "agendado"
    assert dispatcher.run().sent == 1
    assert get(api, seller, s["id"])["status"] == "enviado"


def test_free_text_outside_the_window_ends_in_error(api, world, seller, fake_meta, monkeypatch):
    connect_whatsapp(world.a.tenant_id)
    c = client(api, seller)
    send_at = future(2)
    s = schedule(api, seller, channel="whatsapp", client_id=c["id"], body="Oi {{ nome }}", send_at=send_at.isoformat())
    frozen(monkeypatch, send_at)
    dispatcher.run()
    failed = get(api, seller, s["id"])
    assert failed["status"] == "erro" and "24 horas" in failed["error"] and fake_meta.sent == []


def test_revoked_consent_is_not_sent(api, world, seller, fake_meta, smtp_server, monkeypatch):
    controller, inbox = smtp_server
    connect_smtp(world.a.tenant_id, controller.port)
    c = client(api, seller, consent={"email": {"status": "revoked", "legal_basis": "consentimento"}})
    send_at = future(2)
    s = schedule(api, seller, channel="email", client_id=c["id"], subject="Oi", body="Texto", send_at=send_at.isoformat())
    frozen(monkeypatch, send_at)
    dispatcher.run()
    failed = get(api, seller, s["id"])
    assert failed["status"] == "erro" and "consentimento" in failed["error"] and inbox.messages == []


def test_email_with_variables_filled_at_send_time(api, world, seller, smtp_server, monkeypatch):
    controller, inbox = smtp_server
    connect_smtp(world.a.tenant_id, controller.port)
    c = client(api, seller)
    send_at = future(3)
    s = schedule(api, seller, channel="email", client_id=c["id"], subject="Proposta para {{ cliente }}",
                 body="Olá {{ nome }}, o valor é {{ valor }} com vencimento em {{ vencimento }}. {{ vendedor }}",
                 send_at=send_at.isoformat(), purpose="retorno_proposta")
    api.patch(f"/api/clients/{c['id']}", headers=seller, json={"first_name": "Martinha"})  # changed before sending
    frozen(monkeypatch, send_at)
    dispatcher.run()
    assert get(api, seller, s["id"])["status"] == "enviado"
    message = email.message_from_bytes(inbox.messages[0].content, policy=email.policy.default)
    assert message["Subject"] == "Proposta para Martinha Reis"
    assert message.get_body().get_content().strip() == \
        "Olá Martinha, o valor é R$ 1.234,56 com vencimento em 10/01/2027. Vitor Vendedor"
    kinds = [e["kind"] for e in api.get(f"/api/clients/{c['id']}/timeline", headers=seller).json()["items"]]
    assert "email_sent" in kinds


def test_both_channels_record_each_outcome(api, world, seller, fake_meta, smtp_server, monkeypatch):
    controller, inbox = smtp_server
    connect_smtp(world.a.tenant_id, controller.port)
    connect_whatsapp(world.a.tenant_id)
    fake_meta.responses = [httpx.Response(500, json={"error": {"message": "down"}})] * 4
    send_at = future(2)
    s = schedule(api, seller, channel="both", to_phone="(11) 93333-2222", to_email="a@b.com.br", subject="Oi",
                 body="Texto", whatsapp_template={"name": "lembrete", "language": "pt_BR", "parameters": ["x"]},
                 send_at=send_at.isoformat())
    frozen(monkeypatch, send_at)
    dispatcher.run()
    failed = get(api, seller, s["id"])
    assert failed["status"] == "erro"
    assert failed["outcomes"]["email"]["status"] == "enviado" and failed["outcomes"]["whatsapp"]["status"] == "erro"
    api.post(f"/api/schedules/{s['id']}/retry", headers=seller)
    dispatcher.run()
    assert get(api, seller, s["id"])["status"] == "enviado"
    assert len(inbox.messages) == 1  # the e-mail that already went out is not sent again


def test_repetition_creates_the_next_occurrence(api, world, seller, fake_meta, monkeypatch):
    connect_whatsapp(world.a.tenant_id)
    send_at = datetime(2027, 1, 31, 9, 0, tzinfo=BRT)
    frozen(monkeypatch, send_at - timedelta(days=1))
    schedule(api, seller, channel="whatsapp", to_phone="(11) 92222-1111", send_at=send_at.isoformat(),
             whatsapp_template={"name": "lembrete", "language": "pt_BR", "parameters": ["x"]},
             repeat={"every": "monthly", "until": "2027-03-31"})
    sent_times = []
    for moment in (send_at, datetime(2027, 2, 28, 9, 0, tzinfo=BRT), datetime(2027, 3, 28, 9, 0, tzinfo=BRT)):
        frozen(monkeypatch, moment + timedelta(seconds=10))
        if dispatcher.run().sent:
            sent_times.append(moment)
    listed = api.get("/api/schedules", headers=seller).json()["items"]
    assert [x["status"] for x in listed] == ["enviado", "enviado", "enviado"]
    assert [x["occurrence"] for x in listed] == [1, 2, 3]
    assert len(fake_meta.sent) == 3


def test_edit_and_cancel_while_waiting(api, world, seller):
    s = schedule(api, seller, channel="whatsapp", to_phone="(11) 98888-7777", body="oi", send_at=future(30).isoformat())
    edited = api.put(f"/api/schedules/{s['id']}", headers=seller, json={
        "channel": "whatsapp", "to_phone": "(11) 98888-7777", "body": "olá", "send_at": future(40).isoformat()})
    assert edited.status_code == 200 and edited.json()["body"] == "olá"
    assert api.delete(f"/api/schedules/{s['id']}", headers=seller).json()["status"] == "cancelado"
    assert dispatcher.run().found == 0


def test_templates_and_preview(api, world, seller):
    created = api.post("/api/schedules/templates", headers=seller, json={
        "name": "Retorno", "channel": "both", "subject": "Olá {{ nome }}", "body": "Oi {{ cliente }}, tudo bem?"})
    assert created.status_code == 201
    assert api.post("/api/schedules/templates", headers=seller, json={"name": "x", "body": "{{ oops"}).status_code == 422
    listed = api.get("/api/schedules/templates", headers=seller).json()
    assert [t["name"] for t in listed["items"]] == ["Retorno"] and "cliente" in listed["variables"]
    c = client(api, seller)
    preview = api.post("/api/schedules/preview", headers=seller, json={"body": "Oi {{ cliente }}, {{ valor }}",
                                                                     "client_id": c["id"]}).json()
    assert preview["body"] == "Oi Marta Reis, R$ 1.234,56"


def test_other_company_and_other_seller_schedules_are_404(api, world, seller):
    s = schedule(api, seller, channel="whatsapp", to_phone="(11) 98888-7777", body="oi", send_at=future(30).isoformat())
    b = auth_headers(api, world.b.emails["administrador"])
    assert api.get(f"/api/schedules/{s['id']}", headers=b).status_code == 404
    assert api.delete(f"/api/schedules/{s['id']}", headers=b).status_code == 404
    other_seller = auth_headers(api, world.a.emails["atendente"])
    assert api.get(f"/api/schedules/{s['id']}", headers=other_seller).status_code == 404


def test_messages_join_the_numbers_conversation_known_or_opened_meanwhile(api, world, seller, fake_meta,
                                                                             monkeypatch):
    """The conversation recorded at scheduling is used; one opened after scheduling (the customer
    wrote in) is found at send time; either way the inbox shows one conversation per number."""
    from shared.whatsapp import conversations

    tenant = world.a.tenant_id
    connect_whatsapp(tenant)
    known = conversations.open_for(tenant, "+5511966660001")
    send_at = future(5)
    template = {"name": "lembrete", "language": "pt_BR", "parameters": ["x"]}
    first = schedule(api, seller, channel="whatsapp", to_phone="(11) 96666-0001", send_at=send_at.isoformat(),
                     whatsapp_template=template)
    second = schedule(api, seller, channel="whatsapp", to_phone="(11) 96666-0002", send_at=send_at.isoformat(),
                      whatsapp_template=template)
    opened = conversations.open_for(tenant, "+5511966660002")  # after scheduling
    frozen(monkeypatch, send_at + timedelta(seconds=1))
    assert dispatcher.run().sent == 2
    for conv, s in ((known, first), (opened, second)):
        assert get(api, seller, s["id"])["status"] == "enviado"
        after = conversations.get(tenant, conv.id, consistent=True)
        assert after.last_direction == "out" and after.last_message_at and after.version > conv.version
        messages, _ = conversations.messages_page(after, cursor=None, limit=10)
        assert [m.status for m in messages] == ["sent"] and messages[0].template.name == "lembrete"
    assert conversations.known_id(tenant, "+5511966660001") == known.id
    assert conversations.known_id(tenant, "+5511966660002") == opened.id


def test_a_failure_meta_reports_after_accepting_turns_the_schedule_to_error(api, world, seller, fake_meta,
                                                                             monkeypatch):
    from shared.whatsapp import statuses

    connect_whatsapp(world.a.tenant_id)
    send_at = future(2)
    s = schedule(api, seller, channel="whatsapp", to_phone="(11) 94444-3999", send_at=send_at.isoformat(),
                 whatsapp_template={"name": "lembrete", "language": "pt_BR", "parameters": ["x"]})
    frozen(monkeypatch, send_at)
    assert dispatcher.run().sent == 1
    sent = get(api, seller, s["id"])
    wamid = sent["outcomes"]["whatsapp"]["message_id"]
    assert sent["status"] == "enviado" and wamid
    assert statuses.apply_status(world.a.tenant_id, {
        "id": wamid, "status": "failed", "timestamp": str(int(send_at.timestamp()) + 5),
        "errors": [{"code": 131026, "title": "Message undeliverable",
                    "error_data": {"details": "Número sem WhatsApp"}}]})
    failed = get(api, seller, s["id"])
    assert failed["status"] == "erro" and failed["outcomes"]["whatsapp"]["status"] == "erro"
    assert "Número sem WhatsApp" in failed["error"] and "131026" in failed["error"]
    assert api.post(f"/api/schedules/{s['id']}/retry", headers=seller).json()["status"] == "agendado"


@pytest.mark.parametrize(("template", "field"), [
    ({"name": "lembrete", "language": "pt_BR", "parameters": []}, "whatsapp_template.parameters"),
    ({"name": "nao_existe", "language": "pt_BR", "parameters": ["x"]}, "whatsapp_template.name"),
])
def test_whatsapp_templates_are_checked_when_scheduled(api, world, seller, template, field):
    connect_whatsapp(world.a.tenant_id)
    resp = api.post("/api/schedules", headers=seller, json={
        "channel": "whatsapp", "to_phone": "(11) 94444-3333", "send_at": future(5).isoformat(),
        "whatsapp_template": template})
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["field"] == field


def test_errors_on_a_field_called_body_name_it(api, world, seller):
    resp = api.post("/api/schedules/templates", headers=seller, json={"name": "X", "channel": "both", "body": ""})
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "body"
    missing = api.post("/api/schedules", headers=seller, json={
        "channel": "whatsapp", "to_phone": "(11) 94444-3333", "send_at": future(5).isoformat()})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "body"
    assert missing.json()["detail"].startswith("Mensagem:")
