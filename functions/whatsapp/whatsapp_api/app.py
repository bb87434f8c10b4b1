"""WhatsApp function: status, inbox (conversations, messages, read, assign, link), replies, the local
sandbox's simulated inbound message, and Meta's webhooks (webhooks.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from shared.auth.principal import Principal
from shared.http.app import Page, create_app, lambda_handler, new_router
from shared.http.security import requires
from shared.whatsapp.models import (
    AssignConversation,
    ConversationPublic,
    InboxFilter,
    LinkConversation,
    MessagePublic,
    SandboxDelivery,
    SandboxInbound,
    SendMessage,
    StartConversation,
    WhatsAppStatus,
)
from whatsapp_api import webhooks

# The inbox and sending (and the clients, funnel and integrations code behind them) load on the first
# request that needs them, not at import: the function's cold start stays light.

router = new_router(tags=["whatsapp"])
api = new_router(prefix="/api/whatsapp")
Reader = Annotated[Principal, requires("whatsapp:read")]
Writer = Annotated[Principal, requires("whatsapp:write")]
Assigner = Annotated[Principal, requires("whatsapp:assign")]
Cursor = Annotated[str | None, Query(max_length=2000)]


@api.get("/status")
def whatsapp_status(caller: Reader) -> WhatsAppStatus:
    from shared.whatsapp import inbox

    return inbox.status(caller)


@api.get("/conversations")
def list_conversations(caller: Reader, filter: InboxFilter = "all", cursor: Cursor = None,
                       limit: Annotated[int, Query(ge=1, le=100)] = 30) -> Page[ConversationPublic]:
    from shared.whatsapp import inbox

    items, next_cursor = inbox.list_conversations(caller, filter, cursor=cursor, limit=limit)
    return Page(items=items, next_cursor=next_cursor)


@api.post("/conversations")
def start_conversation(caller: Writer, body: StartConversation) -> ConversationPublic:
    from shared.whatsapp import inbox

    return inbox.start(caller, body.client_id)


@api.get("/conversations/{conversation_id}")
def get_conversation(caller: Reader, conversation_id: str) -> ConversationPublic:
    from shared.whatsapp import inbox

    return inbox.get(caller, conversation_id)


@api.get("/conversations/{conversation_id}/messages")
def list_messages(caller: Reader, conversation_id: str, cursor: Cursor = None,
                  limit: Annotated[int, Query(ge=1, le=100)] = 50) -> Page[MessagePublic]:
    from shared.whatsapp import inbox

    items, next_cursor = inbox.messages(caller, conversation_id, cursor=cursor, limit=limit)
    return Page(items=items, next_cursor=next_cursor)


@api.post("/conversations/{conversation_id}/messages", status_code=201)
def send_message(caller: Writer, conversation_id: str, body: SendMessage) -> MessagePublic:
    from shared.whatsapp import sending

    return sending.send(caller, conversation_id, body)


@api.post("/conversations/{conversation_id}/read")
def mark_read(caller: Writer, conversation_id: str) -> ConversationPublic:
    from shared.whatsapp import inbox

    return inbox.mark_read(caller, conversation_id)


@api.post("/conversations/{conversation_id}/assign")
def assign_conversation(caller: Assigner, conversation_id: str, body: AssignConversation) -> ConversationPublic:
    from shared.whatsapp import inbox

    return inbox.assign(caller, conversation_id, body.user_id)


@api.post("/conversations/{conversation_id}/link")
def link_client(caller: Writer, conversation_id: str, body: LinkConversation) -> ConversationPublic:
    from shared.whatsapp import inbox

    return inbox.link(caller, conversation_id, body.client_id)


@api.post("/sandbox/inbound", status_code=202)
def sandbox_inbound(caller: Writer, body: SandboxInbound) -> SandboxDelivery:
    from shared.whatsapp import inbox

    return inbox.simulate_inbound(caller, body)


router.include_router(api)
router.include_router(webhooks.router)
app = create_app(router)
handler = lambda_handler(app)
