"""WhatsApp conversations and messages: as stored, as answered, and the requests of the inbox."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared import clock, keys
from shared.clients.errors import FieldError
from shared.db.records import Record
from shared.integrations.models import WhatsAppTemplate

if TYPE_CHECKING:  # annotations only: the client models are not built at cold start for these
    from shared.clients.models import ClientRecord

Direction = Literal["in", "out"]
MessageStatus = Literal["received", "sending", "sent", "delivered", "read", "failed"]
# A status never goes back: Meta's webhooks arrive out of order (read before delivered).
STATUS_RANK: dict[str, int] = {"received": 0, "sending": 0, "sent": 1, "delivered": 2, "read": 3, "failed": 4}
WINDOW = timedelta(hours=24)
InboxFilter = Literal["all", "mine", "unassigned"]


class MessageError(BaseModel):
    code: int | None = None
    title: str | None = None
    message: str | None = None


class TemplateRef(BaseModel):
    name: str
    language: str
    parameters: list[str] = Field(default_factory=list)


class MessageRecord(Record):
    entity = "wa_message"

    id: str
    tenant_id: str
    conversation_id: str
    direction: Direction
    type: str = "text"
    text: str | None = None
    caption: str | None = None
    media: dict[str, Any] | None = None  # Meta's media id, mime type, file name (not downloaded)
    template: TemplateRef | None = None
    status: MessageStatus
    status_rank: int = 0
    error: MessageError | None = None
    sender_id: str | None = None
    sender_name: str | None = None
    schedule_id: str | None = None  # sent by a scheduled message (Agendamentos)
    wa_message_id: str | None = None
    created_at: str
    status_at: str | None = None

    def keys(self) -> dict[str, str]:
        return dict(keys.wa_message(self.tenant_id, self.conversation_id, self.created_at, self.id))

    def with_status(self, status: MessageStatus, **update: Any) -> MessageRecord:
        return self.model_copy(update={"status": status, "status_rank": STATUS_RANK[status],
                                       "status_at": clock.now_iso(), **update})


class ConversationRecord(Record):
    """One per company and phone number (guarded); written whole, conditioned on its version."""

    entity = "wa_conversation"

    id: str
    tenant_id: str
    phone: str
    contact_name: str | None = None
    client_id: str | None = None
    client_owner_id: str | None = None  # copy of the client's owner: the own-scope inbox (GSI3)
    assignee_id: str | None = None
    last_message_at: str | None = None
    last_message_preview: str | None = None
    last_direction: Direction | None = None
    unread_count: int = 0
    last_inbound_at: str | None = None
    first_reply_at: str | None = None
    created_at: str
    version: int = 1

    def keys(self) -> dict[str, str]:
        return {**keys.wa_conversation(self.tenant_id, self.id),
                **keys.wa_conversation_gsis(self.tenant_id, self.id, self.last_message_at or self.created_at,
                                            assignee_id=self.assignee_id, client_owner_id=self.client_owner_id)}

    @property
    def sort_key(self) -> str:
        return f"{self.last_message_at or self.created_at}#{self.id}"

    def window_expires(self) -> datetime | None:
        """The 24-hour customer-service window: free text only until 24 h after the last inbound."""
        if not self.last_inbound_at:
            return None
        return datetime.fromisoformat(self.last_inbound_at) + WINDOW

    def window_open(self) -> bool:
        expires = self.window_expires()
        return bool(expires and clock.now() < expires)

    def with_message(self, message: MessageRecord, preview: str) -> ConversationRecord:
        """This conversation after `message` (a late-arriving older message does not become the last)."""
        update: dict[str, Any] = {}
        if not self.last_message_at or message.created_at >= self.last_message_at:
            update = {"last_message_at": message.created_at, "last_message_preview": preview[:160],
                      "last_direction": message.direction}
        if message.direction == "in":
            update["unread_count"] = self.unread_count + 1
            if not self.last_inbound_at or message.created_at > self.last_inbound_at:
                update["last_inbound_at"] = message.created_at
        else:
            update["unread_count"] = 0  # answering reads the conversation
        return self.model_copy(update=update)

    def linked(self, client: ClientRecord | None) -> ConversationRecord:
        if client is None:
            return self
        return self.model_copy(update={"client_id": client.id, "client_owner_id": client.owner_id})


class ConversationPublic(BaseModel):
    id: str
    phone: str
    contact_name: str | None
    client_id: str | None
    client_name: str | None
    card_id: str | None
    assignee_id: str | None
    assignee_name: str | None
    last_message_at: str | None
    last_message_preview: str | None
    last_direction: Direction | None
    unread_count: int
    window_open: bool
    window_expires_at: str | None
    opted_out: bool

    @classmethod
    def of(cls, conv: ConversationRecord, client: ClientRecord | None, names: dict[str, str]) -> ConversationPublic:
        expires = conv.window_expires()
        return cls(id=conv.id, phone=conv.phone, contact_name=conv.contact_name,
                   client_id=client.id if client else None, client_name=client.display_name if client else None,
                   card_id=client.card_id if client and not client.archived else None,
                   assignee_id=conv.assignee_id, assignee_name=names.get(conv.assignee_id or ""),
                   last_message_at=conv.last_message_at, last_message_preview=conv.last_message_preview,
                   last_direction=conv.last_direction, unread_count=conv.unread_count,
                   window_open=conv.window_open(), window_expires_at=clock.iso(expires) if expires else None,
                   opted_out=bool(client and client.consent.whatsapp.status == "revoked"))


class MessagePublic(BaseModel):
    id: str
    conversation_id: str
    direction: Direction
    type: str
    text: str | None
    caption: str | None
    template: TemplateRef | None
    status: MessageStatus
    error: MessageError | None
    sender_id: str | None
    sender_name: str | None
    wa_message_id: str | None
    created_at: str
    status_at: str | None

    @classmethod
    def of(cls, message: MessageRecord) -> MessagePublic:
        return cls.model_validate(message.model_dump(include=set(cls.model_fields)))


# --- requests ------------------------------------------------------------------------------------

class TemplateSend(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=512)]
    language: Annotated[str | None, Field(max_length=20)] = None
    parameters: Annotated[list[Annotated[str, Field(max_length=1024)]], Field(max_length=20)] = \
        Field(default_factory=list)


class SendMessage(BaseModel):
    """Free text (inside the 24-hour window) or an approved template (any time)."""

    model_config = ConfigDict(extra="forbid")

    text: Annotated[str | None, Field(max_length=4096)] = None
    template: TemplateSend | None = None

    @model_validator(mode="after")
    def _one_of(self) -> SendMessage:
        if self.text is not None and not self.text.strip():
            self.text = None
        if (self.text is None) == (self.template is None):
            raise FieldError("text", "escreva a mensagem ou escolha um modelo aprovado (um dos dois)")
        return self


class StartConversation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client_id: Annotated[str, Field(max_length=40)]


class LinkConversation(StartConversation):
    pass


class AssignConversation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_id: Annotated[str | None, Field(max_length=40)] = None


class SandboxInbound(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phone: Annotated[str, Field(min_length=1, max_length=30)]
    name: Annotated[str | None, Field(max_length=120)] = None
    text: Annotated[str, Field(min_length=1, max_length=4096)]


class SandboxDelivery(BaseModel):
    delivered: bool
    status: int | None = None


class WhatsAppStatus(BaseModel):
    configured: bool
    sandbox: bool
    display_phone_number: str | None
    auto_move_on_first_reply: bool
    templates: list[WhatsAppTemplate]
