"""statemachines/document_generation.asl.json end to end on the emulator: moto's interpreter runs the
real definition and the documents function's real handler for each Task state."""

from __future__ import annotations

import email
import email.policy
import io
import time

import pytest
from pypdf import PdfReader

from shared.aws import client
from shared.settings import get_settings
from tests.support.fakes import connect_smtp, connect_whatsapp
from tests.support.http import auth_headers


@pytest.fixture
def seller(api, world):
    return auth_headers(api, world.a.emails["vendedor"])



def new_client(api, headers, **extra):
    body = {"type": "pf", "first_name": "Helena", "last_name": "Prado", "document": "52998224725",
            "email": "helena@exemplo.com.br", "whatsapp": "(11) 98765-4321", **extra}
    resp = api.post("/api/clients", headers=headers, json=body)
    assert resp.status_code == 201, resp.text
    return resp.json()


def proposal(api, headers, client_id):
    resp = api.post("/api/documents", headers=headers, json={"kind": "proposta", "client_id": client_id, "items": [
        {"description": "Site institucional", "unit_price_cents": 350_000},
        {"description": "Gestão de redes sociais", "quantity": 3, "unit_price_cents": 120_000,
         "discount_cents": 10_000}]})
    assert resp.status_code == 201, resp.text
    return resp.json()


def settled(api, headers, document_id, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        doc = api.get(f"/api/documents/{document_id}", headers=headers).json()
        if not doc["processing"]:
            return doc
        time.sleep(0.1)
    pytest.fail("the document generation did not finish")


def pdf_text(key: str) -> str:
    raw = client("s3").get_object(Bucket=get_settings().documents_bucket, Key=key)["Body"].read()
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)


def test_generate_then_send_by_email_with_the_pdf_attached(api, world, seller, smtp_server, atomic_requests):
    controller, inbox = smtp_server
    connect_smtp(world.a.tenant_id, controller.port)
    c = new_client(api, seller)
    doc = proposal(api, seller, c["id"])
    started = api.post(f"/api/documents/{doc['id']}/generate", headers=seller)
    assert started.status_code == 202 and started.json()["processing"] is True
    generated = settled(api, seller, doc["id"])
    assert generated["status"] == "gerado" and generated["has_pdf"] and generated["error"] is None
    link = api.get(f"/api/documents/{doc['id']}/download", headers=seller).json()
    assert link["filename"] == f"{doc['number']}.pdf" and "X-Amz-Signature" in link["url"]
    card = api.get(f"/api/funnel/cards/{c['card_id']}", headers=seller).json()
    assert card["stage"] == "novo_contato"  # generating alone does not move the card

    sent = api.post(f"/api/documents/{doc['id']}/send", headers=seller, json={"channel": "email"})
    assert sent.status_code == 202, sent.text
    final = settled(api, seller, doc["id"])
    assert final["status"] == "enviado" and final["sent"]["channel"] == "email"
    assert final["sent"]["to"] == "helena@exemplo.com.br"
    message = email.message_from_bytes(inbox.messages[-1].content, policy=email.policy.default)
    assert doc["number"] in message["Subject"]
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == f"{doc['number']}.pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(attachment.get_content())).pages)
    for expected in ("Helena Prado", "529.982.247-25", "Site institucional", "Gestão de redes sociais",
                     "R$ 3.500,00", "R$ 7.000,00"):
        assert expected in text, expected
    assert api.get(f"/api/funnel/cards/{c['card_id']}", headers=seller).json()["stage"] == "proposta_enviada"
    kinds = [e["kind"] for e in api.get(f"/api/clients/{c['id']}/timeline", headers=seller).json()["items"]]
    assert "document_generated" in kinds and "document_sent" in kinds
    assert "stage_moved" in kinds


def test_a_contract_for_a_card_in_negotiation_offers_closing(api, world, seller, atomic_requests):
    c = new_client(api, seller)
    moved = api.post(f"/api/funnel/cards/{c['card_id']}/move", headers=seller, json={"stage": "negociacao"})
    assert moved.status_code == 200, moved.text
    resp = api.post("/api/documents", headers=seller, json={"kind": "contrato", "client_id": c["id"], "items": [
        {"description": "Plano anual", "unit_price_cents": 1_200_000}]})
    doc = resp.json()
    api.post(f"/api/documents/{doc['id']}/generate", headers=seller)
    final = settled(api, seller, doc["id"])
    assert final["status"] == "gerado" and final["suggested_stage"] == "fechado"
    from shared.documents import service

    record = service.load(world.a.tenant_id, doc["id"])
    text = pdf_text(record.pdf_key)
    assert "Plano anual" in text and "R$ 12.000,00" in text and "doze mil reais" in text


def test_a_failed_send_ends_in_error_with_the_reason(api, world, seller, fake_meta, atomic_requests):
    """WhatsApp documents need the 24-hour window: a client who never wrote -> erro, saying why."""
    connect_whatsapp(world.a.tenant_id)
    c = new_client(api, seller)
    doc = proposal(api, seller, c["id"])
    assert api.post(f"/api/documents/{doc['id']}/send", headers=seller,
                    json={"channel": "whatsapp"}).status_code == 202
    final = settled(api, seller, doc["id"])
    assert final["status"] == "erro" and "24 horas" in final["error"] and "cabeçalho de documento" in final["error"]
    assert fake_meta.sent == []
    assert api.post(f"/api/documents/{doc['id']}/send", headers=seller, json={"channel": "email", "to": "x@"}) \
        .status_code == 422


DOCUMENT_TEMPLATE = {"name": "envio_documento", "language": "pt_BR", "category": "UTILITY", "header": "DOCUMENT",
                     "body": "Olá {{1}}, segue o documento.", "parameters": 1}


def test_whatsapp_outside_the_window_goes_as_the_document_template(api, world, seller, fake_meta, atomic_requests):
    connect_whatsapp(world.a.tenant_id, templates=[DOCUMENT_TEMPLATE])
    c = new_client(api, seller)
    doc = proposal(api, seller, c["id"])
    api.post(f"/api/documents/{doc['id']}/send", headers=seller, json={"channel": "whatsapp"})
    final = settled(api, seller, doc["id"])
    assert final["status"] == "enviado", final["error"]
    assert final["sent"] == {**final["sent"], "channel": "whatsapp", "to": "+5511987654321"}
    (sent,) = fake_meta.sent
    assert sent["to"] == "+5511987654321" and sent["template"]["name"] == "envio_documento"
    header, body = sent["template"]["components"]
    document = header["parameters"][0]["document"]
    assert document["filename"] == f"{doc['number']}.pdf" and "X-Amz-Signature" in document["link"]
    assert body["parameters"] == [{"type": "text", "text": "Helena"}]


def test_whatsapp_inside_the_window_goes_as_a_document_message(api, world, seller, fake_meta, atomic_requests):
    from shared import clock
    from shared.whatsapp import conversations

    connect_whatsapp(world.a.tenant_id)
    c = new_client(api, seller)
    conv = conversations.open_for(world.a.tenant_id, "+5511987654321")
    conversations.change(world.a.tenant_id, conv.id,
                         lambda old: old.model_copy(update={"last_inbound_at": clock.now_iso()}))
    doc = proposal(api, seller, c["id"])
    api.post(f"/api/documents/{doc['id']}/send", headers=seller, json={"channel": "whatsapp", "message": "Segue!"})
    final = settled(api, seller, doc["id"])
    assert final["status"] == "enviado", final["error"]
    (sent,) = fake_meta.sent
    assert sent["type"] == "document" and sent["document"]["caption"] == "Segue!"
    assert sent["document"]["filename"] == f"{doc['number']}.pdf"


def test_a_document_template_is_not_offered_for_typed_messages(api, world, seller, fake_meta):
    connect_whatsapp(world.a.tenant_id, templates=[DOCUMENT_TEMPLATE, {
        "name": "lembrete", "language": "pt_BR", "category": "UTILITY", "body": "Olá {{1}}!", "parameters": 1}])
    status = api.get("/api/whatsapp/status", headers=seller).json()
    assert [t["name"] for t in status["templates"]] == ["lembrete"]
    resp = api.post("/api/schedules", headers=seller, json={
        "channel": "whatsapp", "to_phone": "(11) 94444-3333", "send_at": "2030-01-01T10:00:00-03:00",
        "whatsapp_template": {"name": "envio_documento", "language": "pt_BR", "parameters": ["x"]}})
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "whatsapp_template.name"
