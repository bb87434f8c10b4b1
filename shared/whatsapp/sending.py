"""Replies from the inbox through the company's own Cloud API number.

Free text only inside the 24-hour customer-service window (24 h since the client's last message);
approved templates any time. Never to a client who revoked WhatsApp consent. The message is stored
("sending") before Meta is called, then becomes "sent" with Meta's id — with the client's timeline
entry and fresh activity in the same transaction — or "failed" with Meta's code, title and message.
"""

from __future__ import annotations

import re

from shared import clock
from shared.auth.principal import Principal
from shared.clients import repository as clients
from shared.clients import service as client_service
from shared.clients.models import ClientRecord
from shared.db.table import Table, TransactionFailed, TransactOp
from shared.errors import AppError, NotFound, ValidationFailed
from shared.funnel import service as funnel
from shared.funnel.models import MoveRequest
from shared.funnel.stages import FIRST_STAGE
from shared.ids import new_id
from shared.integrations.models import WhatsAppTemplate
from shared.integrations.service import IntegrationConfig, get_config
from shared.leads import contacts
from shared.observability import logger
from shared.timeline import new_event
from shared.whatsapp import content, conversations, graph, inbox, statuses
from shared.whatsapp.models import (
    ConversationRecord,
    MessageError,
    MessagePublic,
    MessageRecord,
    SendMessage,
    TemplateRef,
    TemplateSend,
)

NOT_CONFIGURED = ("O WhatsApp da empresa ainda não está configurado (número e token de acesso). "
                  "Peça ao administrador para configurá-lo em Integrações.")
WINDOW_CLOSED = ("A janela de 24 horas para mensagens livres está fechada: o cliente não escreve há mais de 24 horas "
                 "(ou ainda não escreveu). Para retomar a conversa, use um modelo aprovado.")
OPTED_OUT = ("O cliente pediu para não receber mensagens pelo WhatsApp (consentimento revogado). "
             "O envio foi bloqueado.")
REPLIED_STAGE = "contato_com_resposta"


def send(principal: Principal, conversation_id: str, body: SendMessage) -> MessagePublic:
    """A reply from the inbox."""
    conv, client = inbox.visible_conversation(principal, conversation_id)
    return deliver(principal, get_config(conv.tenant_id, "whatsapp"), conv.id, conv.phone, client, body,
                   conversation=conv)


def _token(config: IntegrationConfig) -> str:
    token = config.secret("access_token") if inbox.is_configured(config) else None
    if not token:
        raise ValidationFailed(NOT_CONFIGURED)
    return token


def _window(tenant: str, conversation_id: str, conversation: ConversationRecord | None, field: str) -> None:
    conversation = conversation or conversations.get(tenant, conversation_id, consistent=True)
    if not conversation.window_open():
        raise ValidationFailed(WINDOW_CLOSED, field=field)


def deliver(principal: Principal, config: IntegrationConfig, conversation_id: str, phone: str,
            client: ClientRecord | None, body: SendMessage, *,
            conversation: ConversationRecord | None = None, schedule_id: str | None = None) -> MessagePublic:
    """Sends `body` in a conversation the caller may use, with the company's WhatsApp `config`.
    The conversation itself is read only for free text (its 24-hour window) unless given: a
    template needs nothing of it, so a dispatcher run costs no read per conversation."""
    token = _token(config)
    _check_client(client)
    if body.template:
        template = approved(config, body.template)
        text = render(template, body.template.parameters)
        ref = TemplateRef(name=template.name, language=template.language, parameters=body.template.parameters)
        payload = graph.template_payload(phone, ref.name, ref.language, ref.parameters)
    else:
        _window(config.tenant_id, conversation_id, conversation, "text")
        text, ref = body.text or "", None
        payload = graph.text_payload(phone, text)
    message = _outgoing(principal, config.tenant_id, conversation_id, "template" if ref else "text", text,
                        template=ref, schedule_id=schedule_id)
    return _transmit(principal, config, token, client, message, payload)


NO_DOCUMENT_TEMPLATE = (" Para enviar documentos a quem não escreveu nas últimas 24 horas, aprove na Meta um modelo "
                        "com cabeçalho de documento (e no máximo um parâmetro, o nome) e sincronize os modelos em "
                        "Integrações.")


def send_document(principal: Principal, config: IntegrationConfig, conversation_id: str, phone: str,
                  client: ClientRecord | None, *, link: str, filename: str, caption: str | None,
                  name: str) -> MessagePublic:
    """A PDF that Meta downloads from `link`: a document message inside the 24-hour window; outside
    it, the company's approved template with a document header (its one parameter, if any, `name`)."""
    token = _token(config)
    _check_client(client)
    media = {"filename": filename, "mime_type": "application/pdf"}
    conversation = conversations.get(config.tenant_id, conversation_id, consistent=True)
    if conversation.window_open():
        message = _outgoing(principal, config.tenant_id, conversation_id, "document", None,
                            caption=caption or filename, media=media)
        return _transmit(principal, config, token, client, message,
                         graph.document_payload(phone, link, filename, caption))
    template = next((t for t in config.settings.templates if t.header == "DOCUMENT" and t.parameters <= 1), None)
    if template is None:
        raise ValidationFailed(WINDOW_CLOSED + NO_DOCUMENT_TEMPLATE, field="channel")
    parameters = [name] if template.parameters else []
    ref = TemplateRef(name=template.name, language=template.language, parameters=parameters)
    message = _outgoing(principal, config.tenant_id, conversation_id, "template", render(template, parameters),
                        template=ref, media=media)
    return _transmit(principal, config, token, client, message, graph.template_payload(
        phone, ref.name, ref.language, parameters, document={"link": link, "filename": filename}))


def _outgoing(principal: Principal, tenant: str, conversation_id: str, kind: str, text: str | None,
              **extra) -> MessageRecord:
    return MessageRecord(id=new_id(), tenant_id=tenant, conversation_id=conversation_id, direction="out",
                         type=kind, text=text, status="sending", sender_id=principal.user_id,
                         sender_name=principal.name, created_at=clock.now_iso(), **extra)


def _transmit(principal: Principal, config: IntegrationConfig, token: str, client: ClientRecord | None,
              message: MessageRecord, payload: dict) -> MessagePublic:
    """Stores the message as "sending", calls Meta, and records "sent" (or "failed" with Meta's reason)."""
    preview = content.preview(message.type, message.text, message.caption)
    try:
        Table().transact(conversations.outgoing_ops(message, preview))
    except TransactionFailed:
        raise NotFound(conversations.NOT_FOUND) from None  # the conversation is gone
    try:
        wamid = graph.send_message(config.settings.phone_number_id or "", token, payload)
    except graph.GraphError as exc:
        failed = message.with_status("failed", error=MessageError(**exc.as_dict()))
        Table().put(failed.to_item())
        logger.warning("whatsapp send failed", extra={"code": exc.code, "http_status": exc.status})
        return MessagePublic.of(failed)
    sent = message.with_status("sent", wa_message_id=wamid)
    _record_sent(principal, sent, client, preview)
    _first_reply(principal, config, config.tenant_id, message.conversation_id, client)
    return MessagePublic.of(sent)


def _check_client(client: ClientRecord | None) -> None:
    if client is None:
        return
    if client.status == "anonymized":
        raise ValidationFailed("Este cliente foi anonimizado (LGPD): não é possível enviar mensagens a ele.")
    if client.consent.whatsapp.status == "revoked":
        raise ValidationFailed(OPTED_OUT, field="text")


def approved(config: IntegrationConfig, wanted: TemplateSend, *, field: str = "template") -> WhatsAppTemplate:
    found = next((t for t in config.settings.templates
                  if t.name == wanted.name and wanted.language in (None, t.language)), None)
    if found is None:
        raise ValidationFailed("Modelo não encontrado entre os aprovados da empresa. Sincronize os modelos em "
                               "Integrações.", field=f"{field}.name")
    if found.header and found.header != "TEXT":
        raise ValidationFailed(f"O modelo {found.name} tem cabeçalho de mídia ({found.header.lower()}): ele só "
                               "serve para enviar documentos pela tela de Documentos.", field=f"{field}.name")
    if len(wanted.parameters) != found.parameters or any(not p.strip() for p in wanted.parameters):
        raise ValidationFailed(f"O modelo {found.name} pede {found.parameters} parâmetro(s), todos preenchidos.",
                               field=f"{field}.parameters")
    return found


def render(template: WhatsAppTemplate, parameters: list[str]) -> str:
    """The template's body as the client reads it ({{1}} -> first parameter...)."""
    def value(match: re.Match) -> str:
        index = int(match.group(1)) - 1
        return parameters[index] if 0 <= index < len(parameters) else match.group(0)

    return re.sub(r"\{\{\s*(\d+)\s*\}\}", value, template.body or "") or f"[Modelo {template.name}]"


def _record_sent(principal: Principal, sent: MessageRecord, client: ClientRecord | None, preview: str) -> None:
    """The message as sent, its wamid ref and the client's timeline entry and fresh activity, together.
    Normally no read: the ref is written on condition that no status of Meta's arrived first; when one
    did (Meta reports at once), the write is repeated without it and the waiting status applied."""
    event = new_event(sent.tenant_id, client.id, "whatsapp_out", client_service.actor(principal), text=preview,
                      data={"summary": "Mensagem enviada pelo WhatsApp", "conversation_id": sent.conversation_id,
                            "message_id": sent.id}) if client else None
    for unless_pending in (True, False):
        ops = [TransactOp("Put", item=sent.to_item()),
               conversations.message_ref_op(sent, unless_pending=unless_pending)]
        try:
            _write_sent(sent, client, event, ops, strict=unless_pending)
        except TransactionFailed:
            if unless_pending:
                continue
            raise
        if not unless_pending:
            statuses.settle_pending(sent)
        return


def _write_sent(sent: MessageRecord, client: ClientRecord | None, event, ops: list[TransactOp], *,
                strict: bool) -> None:
    """`strict`: a failed condition of `ops` reaches the caller instead of dropping the client's part."""
    if client and event:
        try:
            contacts.change_client(sent.tenant_id, client.id, lambda old: (contacts.touched(old), [event], ops),
                                   current=client)
            return
        except TransactionFailed:
            if strict:
                raise
            logger.warning("whatsapp send: client timeline not updated")
        except AppError:  # the message went out: record it even if the client can't change
            logger.warning("whatsapp send: client timeline not updated")
    Table().transact(ops)


def _first_reply(principal: Principal, config: IntegrationConfig, tenant: str, conversation_id: str,
                 client: ClientRecord | None) -> None:
    """The team's first reply may move the card from Novo contato to Contato com resposta."""
    if not conversations.claim_first_reply(tenant, conversation_id) or not client \
            or not config.settings.auto_move_on_first_reply:
        return
    try:
        if clients.get(client.tenant_id, client.id).stage == FIRST_STAGE:
            funnel.move(principal, client.card_id, MoveRequest(stage=REPLIED_STAGE))
    except AppError as exc:  # e.g. the card is not the sender's to move: the reply stands
        logger.warning("whatsapp first reply: card not moved", extra={"reason": exc.detail})
