"""What Meta tells us about one company's number: messages that arrive and statuses of ours.

An inbound message finds its conversation (one per phone number) and its client (the conversation's,
else the one with that WhatsApp number, else a new client in Novo contato with origin WhatsApp). It is
stored in one transaction with: its wamid guard (Meta retries webhooks: stored once), the conversation's
summary and unread count, the client's timeline entry and fresh activity, and, for SAIR/PARAR/STOP,
the revoked WhatsApp consent.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from shared import clock, keys
from shared.br.phones import InvalidPhone, format_phone, normalize_phone
from shared.clients import repository as clients
from shared.clients import service as client_service
from shared.clients.models import ClientCreate, ClientRecord, ConsentEntry
from shared.db.table import Table, TransactionFailed, TransactOp
from shared.errors import NotFound
from shared.ids import new_id
from shared.integrations.service import IntegrationConfig
from shared.leads import contacts
from shared.timeline import Actor, TimelineEvent, new_event
from shared.whatsapp import content, conversations
from shared.whatsapp.models import ConversationRecord, MessageRecord

ATTEMPTS = 5
OPT_OUT_SUMMARY = "Pediu para não receber mensagens pelo WhatsApp (consentimento revogado)"


def moment(timestamp: Any) -> str:
    """Meta's epoch seconds as our ISO time; never in the future, now when absent or malformed."""
    now = clock.now()
    try:
        at = datetime.fromtimestamp(int(str(timestamp)), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return clock.iso(now)
    return clock.iso(min(at, now))


def phone_of(wa_id: Any) -> str | None:
    """A WhatsApp id (country code + number, digits) as E.164; old BR mobiles gain their ninth digit."""
    digits = re.sub(r"\D", "", str(wa_id or ""))
    try:
        return normalize_phone("+" + digits) if 8 <= len(digits) <= 15 else None
    except InvalidPhone:
        return None


def receive_message(config: IntegrationConfig, message: dict[str, Any], names: dict[str, str]) -> bool:
    """Stores one inbound message; False when it was already stored (or cannot be used)."""
    tenant = config.tenant_id
    wamid = str(message.get("id") or "")[:300]
    phone = phone_of(message.get("from"))
    if not wamid or not phone or Table().get(keys.wa_message_ref(tenant, wamid)):
        return False
    name = names.get(re.sub(r"\D", "", str(message.get("from") or "")))
    client = _client_for(config, conversations.by_phone(tenant, phone), phone, name)
    conv = conversations.open_for(tenant, phone, contact_name=name, client=client)
    found = content.extract(message)
    record = MessageRecord(id=new_id(), tenant_id=tenant, conversation_id=conv.id, direction="in", type=found.type,
                           text=found.text, caption=found.caption, media=found.media, status="received",
                           wa_message_id=wamid, created_at=moment(message.get("timestamp")))
    preview = content.preview(found.type, found.text, found.caption)
    opt_out = found.type == "text" and content.is_opt_out(found.text)
    event = None
    if client:
        event = new_event(tenant, client.id, "whatsapp_in", Actor(name=name or format_phone(phone)), text=preview,
                          data={"summary": "Mensagem recebida pelo WhatsApp", "conversation_id": conv.id,
                                "message_id": record.id})
    return _store(tenant, conv.id, record, preview, name, client, event, opt_out)


def _client_for(config: IntegrationConfig, conv: ConversationRecord | None, phone: str,
                name: str | None) -> ClientRecord | None:
    """The conversation's client, else the one with this number, else a new one (Novo contato)."""
    tenant = config.tenant_id
    found = _active(tenant, conv.client_id if conv else None) or _active(tenant, contacts.find_by_phone(tenant, phone))
    if found:
        return found
    first, last = contacts.split_name(name)
    data = ClientCreate(type="pf", first_name=first or format_phone(phone), last_name=last, whatsapp=phone,
                        origin="whatsapp", channel="WhatsApp", owner_id=config.settings.default_owner_id)
    try:
        return contacts.register(contacts.system_principal(tenant, "WhatsApp"), data)
    except clients.DuplicateClient as dup:  # registered by a message that arrived at the same moment
        return clients.get(tenant, dup.existing_client_id)


def _active(tenant: str, client_id: str | None) -> ClientRecord | None:
    try:
        client = clients.get(tenant, client_id) if client_id else None
    except NotFound:
        return None
    return client if client and not client.archived else None


def _store(tenant: str, conv_id: str, record: MessageRecord, preview: str, name: str | None,
           client: ClientRecord | None, event: TimelineEvent | None, opt_out: bool) -> bool:
    ref = keys.wa_message_ref(tenant, record.wa_message_id or "")
    for _ in range(ATTEMPTS):
        conv = conversations.get(tenant, conv_id, consistent=True)

        def ops(owner: ClientRecord | None, conv: ConversationRecord = conv) -> list[TransactOp]:
            new = conv.with_message(record, preview).linked(owner)
            if name:
                new = new.model_copy(update={"contact_name": name})
            return [TransactOp("Put", item=record.to_item(), condition="attribute_not_exists(PK)"),
                    TransactOp("Put", item=conversations.message_ref_item(record),
                               condition="attribute_not_exists(PK)"),
                    conversations.put_op(conv, new)]
        try:
            if client and event:
                contacts.change_client(tenant, client.id, lambda old: _client_change(old, event, opt_out, ops(old)))
            else:
                Table().transact(ops(None))
            return True
        except TransactionFailed:
            if Table().get(ref, consistent=True):
                return False  # the same message, stored by a concurrent delivery
    return False


def _client_change(old: ClientRecord, event: TimelineEvent, opt_out: bool, extra: list[TransactOp]):
    new = contacts.touched(old)
    events = [event]
    if opt_out and old.consent.whatsapp.status != "revoked":
        entry = ConsentEntry(status="revoked", legal_basis=old.consent.whatsapp.legal_basis,
                             updated_at=clock.now_iso())
        new = new.model_copy(update={"consent": old.consent.model_copy(update={"whatsapp": entry})})
        events.append(new_event(old.tenant_id, old.id, "whatsapp_opt_out", event_actor(event),
                                changes=client_service.diff(old, new), data={"summary": OPT_OUT_SUMMARY}))
    return new, events, extra


def event_actor(event: TimelineEvent) -> Actor:
    return Actor(id=event.actor_id, name=event.actor_name)
