"""Generating (and optionally sending) a document as the Step Functions state machine
`statemachines/document_generation.asl.json`: render -> PDF -> store -> send -> record, and on any
failure `fail` marks the document erro with the reason.

`start` is called by the API; `run_step` is the documents function's entry point for the machine's
Task states (`{"step": ..., "document": {"tenant_id", "id", "actor_id"}, ...}`). The tenant in a step
event comes from our own API's start call (the state machine is not reachable from outside).
"""

from __future__ import annotations

import json
from typing import Any

from shared import clock
from shared.auth.principal import Principal, build_principal, load_account
from shared.clients import repository as clients
from shared.clients import service as client_service
from shared.clients.models import ClientRecord
from shared.documents import service, storage
from shared.documents.context import KINDS
from shared.documents.models import DocumentRecord, SendRequest, SentInfo
from shared.errors import AppError, Conflict, Unavailable, ValidationFailed
from shared.funnel.stages import PROGRESSION
from shared.observability import logger
from shared.settings import get_settings
from shared.timeline import append, new_event

STEPS = ("render", "pdf", "send", "record", "fail")
INTERNAL = "Falha interna ao gerar o documento. Tente de novo; se persistir, fale com o suporte."


class StepFailed(Exception):
    """A reason people can act on (pt-BR), as the document's error."""


def is_step(event: Any) -> bool:
    return isinstance(event, dict) and event.get("step") in STEPS and isinstance(event.get("document"), dict)


# --- starting -------------------------------------------------------------------------------------

def _target(record: DocumentRecord, client: ClientRecord, send: SendRequest) -> str:
    """Where it goes: the given address or number, else the client's; checked before starting."""
    from pydantic import TypeAdapter, ValidationError

    from shared.br.phones import InvalidPhone, normalize_phone
    from shared.validation import Email

    if send.channel == "email":
        to = send.to or client.email
        if not to:
            raise ValidationFailed("O cliente não tem e-mail cadastrado: informe um endereço.", field="to")
        try:
            return TypeAdapter(Email).validate_python(to)
        except ValidationError:
            raise ValidationFailed("E-mail inválido.", field="to") from None
    if client.consent.whatsapp.status == "revoked":
        raise ValidationFailed("O cliente revogou o consentimento para WhatsApp.", field="channel")
    raw = send.to or client.whatsapp
    if not raw:
        raise ValidationFailed("O cliente não tem WhatsApp cadastrado: informe um número.", field="to")
    try:
        return normalize_phone(raw)
    except InvalidPhone as exc:
        raise ValidationFailed(f"Telefone: {exc}.", field="to") from None


def start(principal: Principal, document_id: str, send: SendRequest | None = None) -> DocumentRecord:
    record = service.get(principal, document_id)
    if record.processing:
        raise Conflict("Este documento já está sendo gerado. Aguarde alguns segundos.")
    client = clients.get(record.tenant_id, record.client_id)
    sending = None
    if send:
        sending = {"channel": send.channel, "to": _target(record, client, send), "message": send.message}
    running = service.replace(record, record.model_copy(update={"processing": True, "error": None}))
    payload: dict[str, Any] = {"document": {"tenant_id": record.tenant_id, "id": record.id,
                                            "actor_id": principal.user_id}, "mode": "send" if sending else "generate"}
    if sending:
        payload["send"] = sending
    try:
        _client().start_execution(stateMachineArn=get_settings().document_state_machine_arn,
                                  name=f"{record.id}-{running.version}", input=json.dumps(payload))
    except Exception:
        service.replace(running, running.model_copy(update={"processing": False}))
        logger.exception("document generation did not start")
        raise Unavailable("Não foi possível iniciar a geração do documento. Tente de novo.") from None
    return running


def _client():
    from shared.aws import client

    return client("stepfunctions")


# --- the state machine's steps --------------------------------------------------------------------

def run_step(event: dict[str, Any]) -> dict[str, Any]:
    ref = event["document"]
    step = event["step"]
    try:
        record = service.load(ref["tenant_id"], ref["id"])
        if step == "render":
            return _render(record)
        if step == "pdf":
            return _pdf(record, event["rendered"])
        if step == "send":
            return _send(record, ref.get("actor_id"), event["stored"], event["send"])
        if step == "record":
            return _record(record, ref.get("actor_id"), event["stored"], event.get("sent") or {})
        return _fail(record, event.get("error") or {})
    except AppError as exc:
        raise StepFailed(exc.detail) from None


def _render(record: DocumentRecord) -> dict[str, Any]:
    html = service.render_html(record)
    key = storage.object_key(record.tenant_id, record.id, "html")
    storage.put(key, html.encode(), "text/html; charset=utf-8")
    return {"html_key": key}


def _pdf(record: DocumentRecord, rendered: dict[str, Any]) -> dict[str, Any]:
    html = storage.read(rendered["html_key"]).decode()
    pdf = service.pdf_bytes(record, html)
    key = storage.object_key(record.tenant_id, record.id, "pdf")
    storage.put(key, pdf, "application/pdf")
    return {"pdf_key": key, "size": len(pdf)}


def _principal(tenant_id: str, user_id: str | None) -> Principal:
    if not user_id:
        raise AppError("Sem usuário responsável pelo envio.")
    user, tenant, roles, _ = load_account(tenant_id, user_id)
    if user is None:
        raise AppError("O usuário que pediu o envio não existe mais.")
    return build_principal(user, tenant, roles, session_id="")


def _send(record: DocumentRecord, actor_id: str | None, stored: dict[str, Any], send: dict[str, Any]) -> dict:
    from shared import email

    filename = f"{record.number}.pdf"
    client = clients.get(record.tenant_id, record.client_id)
    label = KINDS[record.kind]
    if send["channel"] == "email":
        text = send.get("message") or f"Olá, {client.display_name}!\n\nSegue em anexo: {label} {record.number}.\n"
        message_id = email.send(record.tenant_id, email.Email(
            to=[send["to"]], subject=f"{label} {record.number}", text=text,
            attachments=[email.Attachment(filename=filename, content=storage.read(stored["pdf_key"]),
                                          mime_type="application/pdf")]))
    else:
        message_id = _whatsapp(record, actor_id, client, stored, send, filename)
    return {"channel": send["channel"], "to": send["to"], "message_id": message_id, "at": clock.now_iso()}


def _whatsapp(record, actor_id, client, stored, send, filename) -> str:
    from shared.integrations.service import get_config
    from shared.whatsapp import conversations, sending

    principal = _principal(record.tenant_id, actor_id)
    linked = client if client.whatsapp == send["to"] else None
    conversation_id = conversations.id_for(record.tenant_id, send["to"], contact_name=client.display_name,
                                           client=linked)
    link = storage.presigned(stored["pdf_key"], filename, storage.WHATSAPP_LINK_SECONDS)
    sent = sending.send_document(principal, get_config(record.tenant_id, "whatsapp"), conversation_id, send["to"],
                                 linked, link=link, filename=filename, caption=send.get("message"),
                                 name=client.first_name or client.display_name)
    if sent.status == "failed":
        from shared.schedules.outcomes import whatsapp_failure

        raise AppError(f"WhatsApp: {whatsapp_failure(sent.error)}")
    return sent.wa_message_id or sent.id


def _record(record: DocumentRecord, actor_id: str | None, stored: dict[str, Any], sent: dict[str, Any]) -> dict:
    now = clock.now_iso()
    sent_info = SentInfo(channel=sent["channel"], at=sent["at"], to=sent["to"],
                         message_id=sent.get("message_id")) if sent.get("channel") else None
    client = clients.get(record.tenant_id, record.client_id)
    suggested = "fechado" if record.kind == "contrato" and client.stage == "negociacao" else None
    final = service.replace(record, record.model_copy(update={
        "status": "enviado" if sent_info or record.status == "enviado" else "gerado",
        "processing": False, "pdf_key": stored["pdf_key"], "pdf_size": stored.get("size"), "generated_at": now,
        "sent": sent_info or record.sent, "error": None, "suggested_stage": suggested}))
    principal = _principal(record.tenant_id, actor_id) if actor_id else None
    actor = client_service.actor(principal) if principal else None
    label = f"{KINDS[record.kind]} {record.number}"
    text = f"{label} enviado por {'e-mail' if sent_info.channel == 'email' else 'WhatsApp'} para {sent_info.to}" \
        if sent_info else f"{label} gerado"
    append(new_event(record.tenant_id, record.client_id, "document_sent" if sent_info else "document_generated",
                     actor, text=text, data={"document_id": record.id, "number": record.number,
                                             "kind": record.kind}))
    if sent_info and record.kind == "proposta" and principal:
        _advance_to_proposal_sent(principal, client)
    return {"status": final.status, "number": final.number}


def _advance_to_proposal_sent(principal: Principal, client: ClientRecord) -> None:
    """Sending a proposal moves a card that is before Proposta enviada to it."""
    from shared.funnel import service as funnel
    from shared.funnel.models import MoveRequest

    target = "proposta_enviada"
    if client.stage not in PROGRESSION or PROGRESSION.index(client.stage) >= PROGRESSION.index(target):
        return
    try:
        funnel.move(principal, client.card_id, MoveRequest(stage=target))
    except AppError as exc:  # the document stands even if the card cannot move (e.g. not the sender's)
        logger.warning("document sent: card not moved", extra={"reason": exc.detail})


def _fail(record: DocumentRecord, error: dict[str, Any]) -> dict[str, Any]:
    reason = INTERNAL
    try:
        cause = json.loads(error.get("Cause") or "{}")
    except ValueError:
        cause = {}
    if isinstance(cause, dict) and cause.get("errorType") == StepFailed.__name__ and cause.get("errorMessage"):
        reason = str(cause["errorMessage"])[:500]
    else:
        logger.error("document generation failed", extra={"error": error.get("Error"), "document_id": record.id})
    service.replace(record, record.model_copy(update={"status": "erro", "processing": False, "error": reason}))
    return {"status": "erro", "error": reason}
