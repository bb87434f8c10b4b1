"""Scheduled messages and message templates: as stored, as sent in, as answered."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from shared import keys
from shared.db.records import Record
from shared.validation import Email, optional_text
from shared.whatsapp.models import TemplateSend

Channel = Literal["whatsapp", "email", "both"]
ScheduleStatus = Literal["agendado", "enviando", "enviado", "erro", "cancelado"]
Purpose = Literal["retorno_proposta", "lembrete_reuniao", "aviso_vencimento", "pos_venda", "reativacao", "outro"]
PURPOSES = {"retorno_proposta": "Retorno de proposta", "lembrete_reuniao": "Lembrete de reunião",
            "aviso_vencimento": "Aviso de vencimento", "pos_venda": "Pós-venda", "reativacao": "Reativação",
            "outro": "Outro"}
STATUSES = {"agendado": "Agendado", "enviando": "Enviando", "enviado": "Enviado", "erro": "Erro",
            "cancelado": "Cancelado"}


class Repeat(BaseModel):
    model_config = ConfigDict(extra="forbid")

    every: Literal["daily", "weekly", "monthly"]
    until: date | None = None


class ChannelOutcome(BaseModel):
    status: Literal["enviado", "erro"]
    at: str
    message_id: str | None = None
    error: str | None = None
    code: str | None = None


class ScheduleRecord(Record):
    entity = "schedule"

    id: str
    tenant_id: str
    channel: Channel
    client_id: str | None = None
    to_phone: str | None = None
    to_email: str | None = None
    subject: str | None = None
    body: str | None = None
    template_id: str | None = None
    whatsapp_template: TemplateSend | None = None
    send_at: str  # UTC ISO, whole minute
    purpose: Purpose = "outro"
    repeat: Repeat | None = None
    card_id: str | None = None
    charge_id: str | None = None
    conversation_id: str | None = None  # the WhatsApp conversation with `conversation_phone`, when known
    conversation_phone: str | None = None
    status: ScheduleStatus = "agendado"
    outcomes: dict[str, ChannelOutcome] = Field(default_factory=dict)
    error: str | None = None
    late: bool = False
    lease_until: str | None = None
    sent_at: str | None = None
    occurrence: int = 1
    series_id: str | None = None
    created_by: str
    created_at: str
    updated_at: str
    version: int = 1

    @property
    def channels(self) -> list[str]:
        return ["whatsapp", "email"] if self.channel == "both" else [self.channel]

    def keys(self) -> dict[str, str]:
        due = None
        if self.status == "agendado":
            due = self.send_at[:16]
        elif self.status == "enviando" and self.lease_until:
            due = self.lease_until[:16]  # reappears for the dispatcher if the sender died
        return {**keys.schedule(self.tenant_id, self.id),
                **keys.schedule_gsis(self.tenant_id, self.id, self.send_at, self.client_id, due_minute=due)}


class ScheduleFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel: Channel
    client_id: str | None = None
    to_phone: optional_text(40) = None
    to_email: Email | None = None
    subject: optional_text(200) = None
    body: optional_text(4096) = None
    template_id: str | None = None
    whatsapp_template: TemplateSend | None = None
    send_at: datetime
    purpose: Purpose = "outro"
    repeat: Repeat | None = None
    card_id: str | None = None
    charge_id: str | None = None

    @field_validator("send_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("informe data e hora com fuso horário (ISO 8601 com offset)")
        return value.replace(second=0, microsecond=0)

    @model_validator(mode="after")
    def _target(self) -> ScheduleFields:
        from shared.clients.models import FieldError

        if not self.client_id:
            if self.channel in ("whatsapp", "both") and not self.to_phone:
                raise FieldError("to_phone", "informe o cliente ou um telefone")
            if self.channel in ("email", "both") and not self.to_email:
                raise FieldError("to_email", "informe o cliente ou um e-mail")
        if self.channel in ("email", "both") and not self.subject and not self.template_id:
            raise FieldError("subject", "informe o assunto do e-mail")
        if not self.body and not self.template_id and not (self.channel == "whatsapp" and self.whatsapp_template):
            raise FieldError("body", "escreva a mensagem ou escolha um modelo")
        return self


class ScheduleCreate(ScheduleFields):
    pass


class SchedulePublic(BaseModel):
    id: str
    channel: Channel
    client_id: str | None
    client_name: str | None
    to_phone: str | None
    to_email: str | None
    subject: str | None
    body: str | None
    template_id: str | None
    whatsapp_template: TemplateSend | None
    send_at: str
    purpose: Purpose
    repeat: Repeat | None
    card_id: str | None
    charge_id: str | None
    status: ScheduleStatus
    outcomes: dict[str, ChannelOutcome]
    error: str | None
    late: bool
    sent_at: str | None
    occurrence: int
    created_by: str
    created_by_name: str | None
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, record: ScheduleRecord, *, names: dict[str, str], clients: dict[str, str]) -> SchedulePublic:
        data: dict[str, Any] = record.model_dump()
        return cls(**data, client_name=clients.get(record.client_id or ""),
                   created_by_name=names.get(record.created_by))


class MessageTemplateFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=80)
    channel: Channel = "both"
    subject: optional_text(200) = None
    body: str = Field(min_length=1, max_length=4096)


class MessageTemplate(MessageTemplateFields):
    model_config = ConfigDict(extra="ignore")  # stored items carry their keys

    id: str
    updated_at: str


class PreviewRequest(BaseModel):
    body: str = Field(max_length=4096)
    subject: str | None = Field(default=None, max_length=200)
    client_id: str | None = None


class Preview(BaseModel):
    body: str
    subject: str | None
    variables: dict[str, str]
