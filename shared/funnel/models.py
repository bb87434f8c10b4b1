"""Funnel cards: the board's projection of a client, and the shapes of the funnel API."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared import clock, keys
from shared.clients.models import ClientRecord
from shared.funnel.stages import STAGES


def card_item(client: ClientRecord) -> dict[str, Any]:
    """The card item of an active client (rewritten in every transaction that changes the client)."""
    return {
        **keys.card(client.tenant_id, client.card_id),
        **keys.board_gsis(client.tenant_id, client.card_id, client.stage, client.owner_id, client.last_activity_at),
        "entity": "card",
        "id": client.card_id,
        "client_id": client.id,
        "stage": client.stage,
        "display_name": client.display_name,
        "trade_name": client.trade_name,
        "owner_id": client.owner_id,
        "value_cents": client.values.opportunity_value_cents or 0,
        "installments": client.values.installments,
        "first_due_date": client.values.first_due_date.isoformat() if client.values.first_due_date else None,
        "expected_close_date": client.expected_close_date.isoformat() if client.expected_close_date else None,
        "next_step": client.next_step,
        "next_step_due": client.next_step_due.isoformat() if client.next_step_due else None,
        "loss_reason": client.loss_reason,
        "stage_entered_at": client.stage_entered_at,
        "last_activity_at": client.last_activity_at,
    }


class CardFlags(BaseModel):
    no_next_step: bool
    next_step_overdue: bool
    stalled: bool
    stalled_days: int | None


class CardPublic(BaseModel):
    id: str
    client_id: str
    stage: str
    display_name: str
    trade_name: str | None = None
    owner_id: str | None = None
    owner_name: str | None = None
    value_cents: int = 0
    installments: int | None = None
    first_due_date: date | None = None
    expected_close_date: date | None = None
    next_step: str | None = None
    next_step_due: date | None = None
    loss_reason: str | None = None
    stage_entered_at: str
    last_activity_at: str
    flags: CardFlags

    @classmethod
    def of(cls, item: dict[str, Any], stalled_days: dict[str, int | None],
           owner_names: dict[str, str] | None = None) -> CardPublic:
        today = clock.to_local(clock.now()).date()
        due = date.fromisoformat(item["next_step_due"]) if item.get("next_step_due") else None
        idle_days = (clock.now() - datetime.fromisoformat(item["last_activity_at"])).days
        limit = stalled_days.get(item["stage"])
        stalled = limit is not None and idle_days >= limit
        flags = CardFlags(no_next_step=not item.get("next_step"),
                          next_step_overdue=bool(due and due < today),
                          stalled=stalled, stalled_days=idle_days if stalled else None)
        data = {k: v for k, v in item.items() if k in cls.model_fields}
        return cls(**data, flags=flags, owner_name=(owner_names or {}).get(item.get("owner_id") or ""))


def stalled_before(days: int) -> str:
    """The last-activity timestamp older than which a card in a stage with this limit is stalled."""
    return clock.iso(clock.now() - timedelta(days=days))


class CardUpdate(BaseModel):
    """The card drawer's Aplicar: the opportunity's values, dates and next step."""

    model_config = ConfigDict(extra="forbid")

    value_cents: int | None = Field(default=None, ge=0, le=10_000_000_000)
    installments: int | None = Field(default=None, ge=1, le=360)
    first_due_date: date | None = None
    expected_close_date: date | None = None
    next_step: str | None = Field(default=None, max_length=200)
    next_step_due: date | None = None

    @field_validator("next_step", mode="before")
    @classmethod
    def _blank(cls, value: Any) -> Any:
        return (value.strip() or None) if isinstance(value, str) else value


class MoveRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stage: str
    loss_reason: str | None = Field(default=None, max_length=120)
    value_cents: int | None = Field(default=None, ge=0, le=10_000_000_000)

    @field_validator("stage")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in STAGES:
            raise ValueError(f"etapa desconhecida (use {', '.join(STAGES)})")
        return value


class FunnelSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    loss_reasons: list[str]
    stalled_days: dict[str, int | None]

    @field_validator("loss_reasons")
    @classmethod
    def _reasons(cls, value: list[str]) -> list[str]:
        reasons = list(dict.fromkeys(r.strip() for r in value if r.strip()))
        if not reasons:
            raise ValueError("informe pelo menos um motivo de perda")
        if len(reasons) > 30 or any(len(r) > 120 for r in reasons):
            raise ValueError("no máximo 30 motivos, de até 120 caracteres")
        return reasons

    @field_validator("stalled_days")
    @classmethod
    def _days(cls, value: dict[str, int | None]) -> dict[str, int | None]:
        unknown = set(value) - set(STAGES)
        if unknown:
            raise ValueError(f"etapa desconhecida: {', '.join(sorted(unknown))}")
        if any(v is not None and not 1 <= v <= 365 for v in value.values()):
            raise ValueError("os dias devem estar entre 1 e 365")
        return {stage: value.get(stage) for stage in STAGES}


class StageColumn(BaseModel):
    key: str
    label: str
    count: int
    value_cents: int
    cards: list[CardPublic]
    next_cursor: str | None = None


class Board(BaseModel):
    stages: list[StageColumn]
