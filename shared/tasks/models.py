"""Tasks as stored and as answered."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared import keys
from shared.db.records import Record
from shared.validation import optional_text

TaskStatus = Literal["a_fazer", "em_andamento", "concluida", "cancelada"]
Priority = Literal["baixa", "media", "alta", "urgente"]
OPEN = ("a_fazer", "em_andamento")
STATUS_LABELS = {"a_fazer": "A fazer", "em_andamento": "Em andamento", "concluida": "Concluída",
                 "cancelada": "Cancelada"}
PRIORITY_LABELS = {"baixa": "Baixa", "media": "Média", "alta": "Alta", "urgente": "Urgente"}


class TaskRecord(Record):
    entity = "task"

    id: str
    tenant_id: str
    title: str
    notes: str | None = None
    owner_id: str
    due_at: str  # UTC ISO 8601
    due_has_time: bool = True
    status: TaskStatus = "a_fazer"
    priority: Priority = "media"
    client_id: str | None = None
    card_id: str | None = None
    created_by: str | None = None
    created_at: str
    updated_at: str
    completed_at: str | None = None
    version: int = 1

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def keys(self) -> dict[str, str]:
        return {**keys.task(self.tenant_id, self.id),
                **keys.task_gsis(self.tenant_id, self.id, self.owner_id, self.client_id, self.due_at,
                                 open_=self.is_open, closed_at=self.completed_at or self.updated_at)}


class TaskCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    notes: optional_text(5000) = None
    owner_id: str | None = None  # default: the caller
    due_at: datetime  # ISO 8601 with offset; a date-only deadline is sent as 23:59 of that day
    due_has_time: bool = True
    priority: Priority = "media"
    client_id: str | None = None
    card_id: str | None = None
    set_as_next_step: bool = False  # also becomes the card's next step ("Criar retorno")

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("informe o título")
        return value

    @field_validator("due_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("informe a data com fuso horário (ISO 8601 com offset)")
        return value


class TaskUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=200)
    notes: optional_text(5000) = None
    owner_id: str | None = None
    due_at: datetime | None = None
    due_has_time: bool | None = None
    status: TaskStatus | None = None
    priority: Priority | None = None
    client_id: str | None = None
    card_id: str | None = None

    _aware = field_validator("due_at")(classmethod(lambda cls, v: TaskCreate._aware(v) if v else v))


class TaskPublic(BaseModel):
    id: str
    title: str
    notes: str | None
    owner_id: str
    owner_name: str | None
    due_at: str
    due_has_time: bool
    status: TaskStatus
    priority: Priority
    client_id: str | None
    client_name: str | None
    card_id: str | None
    overdue: bool
    created_by: str | None
    created_at: str
    updated_at: str
    completed_at: str | None

    @classmethod
    def of(cls, task: TaskRecord, *, now_iso: str, owner_names: dict[str, str],
           client_names: dict[str, str] | None = None) -> TaskPublic:
        data: dict[str, Any] = task.model_dump()
        return cls(**data, owner_name=owner_names.get(task.owner_id),
                   client_name=(client_names or {}).get(task.client_id or ""),
                   overdue=task.is_open and task.due_at < now_iso)


class Notifications(BaseModel):
    overdue: list[TaskPublic]
    due_soon: list[TaskPublic]
    count: int
