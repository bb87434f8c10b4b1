"""The inbox: the company's conversations as the caller may see them, and what the team does to them
(read, assign, link to a client, start one with a client). Sending is in `sending`."""

from __future__ import annotations

from shared.auth.principal import Principal
from shared.br.phones import InvalidPhone, normalize_phone
from shared.clients import repository as clients
from shared.clients import service as client_service
from shared.clients.models import ClientRecord
from shared.errors import NotFound, ProviderError, ValidationFailed
from shared.integrations.service import get_config
from shared.settings import get_settings
from shared.users import repository as users
from shared.users.repository import names as user_names
from shared.whatsapp import conversations, graph
from shared.whatsapp.models import (
    ConversationPublic,
    ConversationRecord,
    MessagePublic,
    SandboxDelivery,
    SandboxInbound,
    WhatsAppStatus,
)


def _tenant(principal: Principal) -> str:
    return principal.tenant_id or ""


def status(principal: Principal) -> WhatsAppStatus:
    config = get_config(_tenant(principal), "whatsapp")
    s = config.settings
    return WhatsAppStatus(configured=is_configured(config), sandbox=get_settings().sandbox,
                          display_phone_number=s.display_phone_number,
                          auto_move_on_first_reply=s.auto_move_on_first_reply,
                          # templates with a media header carry documents (Documentos), not typed messages
                          templates=[t for t in s.templates if not t.header or t.header == "TEXT"])


def is_configured(config) -> bool:
    return bool(config.enabled and config.settings.phone_number_id and "access_token" in config.secret_updated)


def _clients(tenant: str, convs: list[ConversationRecord]) -> dict[str, ClientRecord]:
    ids = sorted({c.client_id for c in convs if c.client_id})
    return {c.id: c for c in clients.get_many(tenant, ids)}


def _client(tenant: str, client_id: str | None) -> ClientRecord | None:
    if not client_id:
        return None
    try:
        return clients.get(tenant, client_id)
    except NotFound:
        return None


def public(principal: Principal, conv: ConversationRecord, client: ClientRecord | None) -> ConversationPublic:
    return ConversationPublic.of(conv, client, user_names(_tenant(principal)))


def visible_conversation(principal: Principal, conversation_id: str) -> tuple[ConversationRecord, ClientRecord | None]:
    """The conversation and its client, or 404 (another company's, or not the caller's to see)."""
    conv = conversations.get(_tenant(principal), conversation_id)
    client = _client(conv.tenant_id, conv.client_id)
    if not conversations.visible(principal, conv, client):
        raise NotFound(conversations.NOT_FOUND)
    return conv, client


def list_conversations(principal: Principal, inbox_filter: str, *, cursor: str | None,
                       limit: int) -> tuple[list[ConversationPublic], str | None]:
    convs, next_cursor = conversations.list_page(principal, inbox_filter, cursor=cursor, limit=limit)
    found = _clients(_tenant(principal), convs)
    names = user_names(_tenant(principal))
    shown = [(c, found.get(c.client_id or "")) for c in convs]
    return [ConversationPublic.of(c, client, names) for c, client in shown
            if conversations.visible(principal, c, client)], next_cursor


def get(principal: Principal, conversation_id: str) -> ConversationPublic:
    return public(principal, *visible_conversation(principal, conversation_id))


def start(principal: Principal, client_id: str) -> ConversationPublic:
    """The conversation with the client's WhatsApp number (opened and linked the first time)."""
    client = client_service.get(principal, client_id)
    if not client.whatsapp or client.archived:
        raise ValidationFailed("Este cliente não tem um número de WhatsApp cadastrado.", field="client_id")
    conv = conversations.open_for(_tenant(principal), client.whatsapp, contact_name=client.display_name,
                                  client=client)
    if not conv.client_id:
        conv = conversations.change(conv.tenant_id, conv.id, lambda c: c.linked(client))
    return get(principal, conv.id)


def mark_read(principal: Principal, conversation_id: str) -> ConversationPublic:
    conv, client = visible_conversation(principal, conversation_id)
    if conv.unread_count:
        conv = conversations.change(conv.tenant_id, conv.id, lambda c: c.model_copy(update={"unread_count": 0}))
    return public(principal, conv, client)


def assign(principal: Principal, conversation_id: str, user_id: str | None) -> ConversationPublic:
    conv, client = visible_conversation(principal, conversation_id)
    if user_id is not None and not _active(conv.tenant_id, user_id):
        raise ValidationFailed("Usuário não encontrado ou desativado.", field="user_id")
    conv = conversations.change(conv.tenant_id, conv.id, lambda c: c.model_copy(update={"assignee_id": user_id}))
    return public(principal, conv, client)


def _active(tenant_id: str, user_id: str) -> bool:
    try:
        return users.get(tenant_id, user_id).status == "active"
    except NotFound:
        return False


def link(principal: Principal, conversation_id: str, client_id: str) -> ConversationPublic:
    conv, _ = visible_conversation(principal, conversation_id)
    client = client_service.get(principal, client_id)
    if client.archived:
        raise ValidationFailed("Restaure o cliente arquivado antes de vinculá-lo.", field="client_id")
    conv = conversations.change(conv.tenant_id, conv.id, lambda c: c.linked(client))
    return public(principal, conv, client)


def messages(principal: Principal, conversation_id: str, *, cursor: str | None,
             limit: int) -> tuple[list[MessagePublic], str | None]:
    conv, _ = visible_conversation(principal, conversation_id)
    found, next_cursor = conversations.messages_page(conv, cursor=cursor, limit=limit)
    return [MessagePublic.of(m) for m in found], next_cursor


def simulate_inbound(principal: Principal, body: SandboxInbound) -> SandboxDelivery:
    """Local sandbox: the fake Meta delivers a signed inbound message for the company's number."""
    if not get_settings().sandbox:
        raise NotFound("Recurso não encontrado.")
    config = get_config(_tenant(principal), "whatsapp")
    if not config.settings.phone_number_id:
        raise ValidationFailed("Configure o número do WhatsApp (Phone number ID) em Integrações antes de simular.")
    try:
        phone = normalize_phone(body.phone)
    except InvalidPhone as exc:
        raise ValidationFailed(f"Telefone: {exc}.", field="phone") from None
    try:
        answer = graph.simulate_inbound(config.settings.phone_number_id, phone.lstrip("+"), body.name, body.text)
    except graph.GraphError as exc:
        raise ProviderError(exc.message) from None
    status = answer.get("status")
    return SandboxDelivery(delivered=bool(answer.get("delivered")), status=status if isinstance(status, int) else None)
