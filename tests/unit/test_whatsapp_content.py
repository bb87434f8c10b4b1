"""WhatsApp pure rules: Meta's signature, message content and previews, opt-out words, numbers, payloads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shared import clock
from shared.integrations.models import WhatsAppTemplate
from shared.leads.contacts import is_mobile, split_name
from shared.whatsapp import content, graph
from shared.whatsapp.inbound import moment, phone_of
from shared.whatsapp.models import ConversationRecord, MessageRecord, SendMessage
from shared.whatsapp.sending import render

VECTOR_BODY = b'{"object":"whatsapp_business_account","entry":[]}'
VECTOR_SIGNATURE = "sha256=02fe0c96d28c59ddb7cf81eff0ca05809b360ba73b63c28210b5906a0a107d1f"


def test_signature_matches_the_documented_vector():
    assert graph.signature("app_secret_123", VECTOR_BODY) == VECTOR_SIGNATURE
    assert graph.valid_signature("app_secret_123", VECTOR_BODY, VECTOR_SIGNATURE)


@pytest.mark.parametrize(("secret", "body", "header"), [
    ("app_secret_123", VECTOR_BODY + b" ", VECTOR_SIGNATURE),  # one byte more
    ("outro_segredo", VECTOR_BODY, VECTOR_SIGNATURE),
    ("app_secret_123", VECTOR_BODY, None),
    ("app_secret_123", VECTOR_BODY, ""),
    ("app_secret_123", VECTOR_BODY, VECTOR_SIGNATURE.removeprefix("sha256=")),
    (None, VECTOR_BODY, VECTOR_SIGNATURE),
])
def test_any_other_signature_is_invalid(secret, body, header):
    assert not graph.valid_signature(secret, body, header)


@pytest.mark.parametrize("text", ["SAIR", "sair", "Sair!", " PARAR ", "parár.", "Stop", "S.A.I.R"])
def test_opt_out_words(text):
    assert content.is_opt_out(text)


@pytest.mark.parametrize("text", ["sair daqui", "Quero parar de receber? talvez", "stopp", "", None, "SAIRR"])
def test_not_opt_out(text):
    assert not content.is_opt_out(text)


@pytest.mark.parametrize(("message", "expected"), [
    ({"type": "text", "text": {"body": " Olá "}}, ("text", "Olá", None)),
    ({"type": "image", "image": {"id": "1", "caption": "foto"}}, ("image", None, "foto")),
    ({"type": "video", "video": {"id": "1"}}, ("video", None, None)),
    ({"type": "contacts", "contacts": [{"name": {"formatted_name": "João"}}, "x"]}, ("contacts", None, "João")),
    ({"type": "interactive", "interactive": {"button_reply": {"id": "b1", "title": "Sim"}}},
     ("interactive", "Sim", None)),
    ({"type": "button", "button": {"text": "Quero"}}, ("button", "Quero", None)),
    ({"type": "text", "text": "não é um objeto"}, ("text", None, None)),
    ({"type": 42}, ("unsupported", None, None)),
    ({}, ("unsupported", None, None)),
])
def test_content_of_any_message_shape(message, expected):
    found = content.extract(message)
    assert (found.type, found.text, found.caption) == expected


def test_previews_are_short_and_labelled():
    assert content.preview("image", None, "Foto") == "[Imagem] Foto"
    assert content.preview("audio", None, None) == "[Áudio]"
    assert content.preview("text", "a\n b", None) == "a b"
    long = content.preview("text", "x" * 500, None)
    assert len(long) == 160 and long.endswith("…")


@pytest.mark.parametrize(("wa_id", "e164"), [
    ("5511987654321", "+5511987654321"),
    ("551187654321", "+5511987654321"),  # older id without the ninth digit
    ("551134567890", "+551134567890"),  # landline stays
    ("14155552671", "+14155552671"),
    ("abc", None), ("", None), (None, None),
])
def test_whatsapp_ids_become_e164(wa_id, e164):
    assert phone_of(wa_id) == e164


def test_meta_timestamps_never_land_in_the_future():
    now = clock.now()
    assert moment(str(int(now.timestamp()) + 3600)) <= clock.iso(now + timedelta(seconds=1))
    assert moment("1700000000") == clock.iso(datetime.fromtimestamp(1700000000, UTC))
    assert moment("nope")[:4] == str(now.year)


def test_names_and_mobiles():
    assert split_name("  Maria   da  Silva ") == ("Maria", "da Silva")
    assert split_name("Cher") == ("Cher", None)
    assert split_name(None) == (None, None)
    assert is_mobile("+5511987654321") and not is_mobile("+551134567890") and not is_mobile("+14155552671")


def test_send_payloads():
    assert graph.text_payload("+5511987654321", "Oi") == {
        "to": "+5511987654321", "type": "text", "text": {"preview_url": False, "body": "Oi"}}
    assert graph.template_payload("+55", "boas_vindas", "pt_BR", []) == {
        "to": "+55", "type": "template", "template": {"name": "boas_vindas", "language": {"code": "pt_BR"}}}


def test_template_rendering():
    t = WhatsAppTemplate(name="x", body="Olá {{1}}, até {{ 2 }}! {{3}}", parameters=2)
    assert render(t, ["Ana", "amanhã"]) == "Olá Ana, até amanhã! {{3}}"
    assert render(WhatsAppTemplate(name="vazio"), []) == "[Modelo vazio]"


def test_a_message_is_text_or_template():
    with pytest.raises(ValueError):
        SendMessage()
    with pytest.raises(ValueError):
        SendMessage(text="a", template={"name": "x"})
    assert SendMessage(text="oi").text == "oi"


def _conv(**kw):
    return ConversationRecord(id="01ARZ3NDEKTSV4RRFFQ69G5FAV", tenant_id="01ARZ3NDEKTSV4RRFFQ69G5FAW",
                              phone="+5511987654321", created_at="2026-12-01T10:00:00.000+00:00", **kw)


def _msg(direction, at):
    return MessageRecord(id="01ARZ3NDEKTSV4RRFFQ69G5FAX", tenant_id="01ARZ3NDEKTSV4RRFFQ69G5FAW",
                         conversation_id="01ARZ3NDEKTSV4RRFFQ69G5FAV", direction=direction,
                         status="received" if direction == "in" else "sending", created_at=at)


def test_window_and_late_messages(monkeypatch):
    conv = _conv().with_message(_msg("in", "2026-12-01T10:00:00.000+00:00"), "oi")
    assert conv.unread_count == 1 and conv.last_inbound_at == "2026-12-01T10:00:00.000+00:00"
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 2, 9, 59, tzinfo=UTC))
    assert conv.window_open()
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 2, 10, 0, 1, tzinfo=UTC))
    assert not conv.window_open()
    late = conv.with_message(_msg("in", "2026-12-01T09:00:00.000+00:00"), "antiga")
    assert late.last_message_preview == "oi" and late.last_inbound_at == conv.last_inbound_at
    replied = conv.with_message(_msg("out", "2026-12-01T11:00:00.000+00:00"), "resposta")
    assert replied.unread_count == 0 and replied.last_direction == "out"
