"""The Dashboard: figures of a period read from the day counters, the current board and a few
stalled cards. The items read depend on the period's days, never on how many clients exist."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel

from shared import keys
from shared.auth.principal import Principal
from shared.clients.vocab import ORIGINS
from shared.dashboard.counters import today
from shared.db.table import Table
from shared.errors import ValidationFailed
from shared.funnel import service as funnel
from shared.funnel.models import CardPublic
from shared.funnel.stages import NEGOTIATION_STAGES, STAGES
from shared.tasks.service import overdue_count

MAX_DAYS = 366
MILESTONES = ("replied", "proposals", "closed", "activated", "lost")


class CountByKey(BaseModel):
    key: str
    label: str
    count: int


class DayFigures(BaseModel):
    date: date
    leads: int
    closed: int
    value_closed_cents: int


class StageFigures(BaseModel):
    stage: str
    label: str
    count: int
    value_cents: int


class StalledSummary(BaseModel):
    count: int
    more: bool
    items: list[CardPublic]


class ChargeFigures(BaseModel):
    """Cobranças: still to receive (not yet due), overdue (now), and received in the period."""

    pending_count: int
    pending_cents: int
    overdue_count: int
    overdue_cents: int
    received_count: int
    received_cents: int


class Dashboard(BaseModel):
    date_from: date
    date_to: date
    owner_id: str | None
    leads: int
    replied: int
    proposals: int
    closed: int
    activated: int
    lost: int
    value_in_negotiation_cents: int
    value_closed_cents: int
    by_origin: list[CountByKey]
    by_campaign: list[CountByKey]
    daily: list[DayFigures]
    board: list[StageFigures]
    stalled: StalledSummary
    tasks_overdue: int
    charges: ChargeFigures | None = None  # for those who see the company's charges


def dashboard(principal: Principal, *, date_from: date | None, date_to: date | None,
              owner_id: str | None) -> Dashboard:
    tenant = principal.tenant_id or ""
    date_to = date_to or date.fromisoformat(today())
    date_from = date_from or date_to - timedelta(days=29)
    if date_from > date_to:
        raise ValidationFailed("A data inicial deve ser anterior à final.", field="date_from")
    if (date_to - date_from).days >= MAX_DAYS:
        raise ValidationFailed(f"Escolha um período de até {MAX_DAYS} dias.", field="date_from")
    owner = owner_id if principal.data_scope == "all" else principal.user_id
    suffix = f"@{owner}" if owner else ""

    table = Table()
    days = table.query_all(keys.stats_pk(tenant), sk_between=(f"DAY#{date_from}", f"DAY#{date_to}"))
    board_item = table.get(keys.board_stats(tenant)) or {}

    totals = {name: 0 for name in ("leads", *MILESTONES, "value_closed_cents")}
    origins: dict[str, int] = {}
    campaigns: dict[str, int] = {}
    per_day: dict[str, dict] = {}
    for item in days:
        day = item["SK"].removeprefix("DAY#")
        per_day[day] = item
        for name in totals:
            totals[name] += int(item.get(f"{name}{suffix}", 0))
        for attr, value in item.items():
            if not attr.endswith(suffix) or (suffix == "" and "@" in attr):
                continue
            base = attr[: len(attr) - len(suffix)] if suffix else attr
            if base.startswith("origin:"):
                origins[base[7:]] = origins.get(base[7:], 0) + int(value)
            elif base.startswith("campaign:"):
                campaigns[base[9:]] = campaigns.get(base[9:], 0) + int(value)

    daily = []
    cursor = date_from
    while cursor <= date_to:
        item = per_day.get(cursor.isoformat(), {})
        daily.append(DayFigures(date=cursor, leads=int(item.get(f"leads{suffix}", 0)),
                                closed=int(item.get(f"closed{suffix}", 0)),
                                value_closed_cents=int(item.get(f"value_closed_cents{suffix}", 0))))
        cursor += timedelta(days=1)

    board = [StageFigures(stage=s, label=label, count=max(0, int(board_item.get(f"count_{s}{suffix}", 0))),
                          value_cents=max(0, int(board_item.get(f"value_{s}{suffix}", 0))))
             for s, label in STAGES.items()]
    stalled_items, more = funnel.stalled(principal, cursor=None, limit=5, owner_id=owner)
    return Dashboard(
        date_from=date_from, date_to=date_to, owner_id=owner, **{k: totals[k] for k in ("leads", *MILESTONES)},
        value_in_negotiation_cents=sum(b.value_cents for b in board if b.stage in NEGOTIATION_STAGES),
        value_closed_cents=totals["value_closed_cents"],
        by_origin=sorted((CountByKey(key=k, label=ORIGINS.get(k, k), count=v) for k, v in origins.items()),
                         key=lambda c: -c.count),
        by_campaign=sorted((CountByKey(key=k, label=k, count=v) for k, v in campaigns.items()),
                           key=lambda c: -c.count)[:20],
        daily=daily, board=board,
        stalled=StalledSummary(count=len(stalled_items), more=more is not None, items=stalled_items),
        tasks_overdue=overdue_count(tenant, owner),
        charges=_charges(principal, days) if "cobrancas:read" in principal.permissions
        and principal.data_scope == "all" else None,
    )


def _charges(principal: Principal, days: list[dict]) -> ChargeFigures:
    """Open charges from their running counter, the overdue ones from the open-charges index (due before
    today: only those are read), received from the period's day counters (company-wide figures)."""
    tenant = principal.tenant_id or ""
    table = Table()
    stats = table.get(keys.charge_stats(tenant)) or {}
    overdue = table.query_all(keys.open_charges_pk(tenant), index="GSI3", sk_before=f"{today()}#")
    overdue_cents = sum(int(i.get("amount_cents", 0)) for i in overdue)
    open_count, open_cents = int(stats.get("open_count", 0)), int(stats.get("open_cents", 0))
    return ChargeFigures(pending_count=max(0, open_count - len(overdue)),
                         pending_cents=max(0, open_cents - overdue_cents), overdue_count=len(overdue),
                         overdue_cents=overdue_cents, received_count=sum(int(d.get("received_count", 0)) for d in days),
                         received_cents=sum(int(d.get("received_cents", 0)) for d in days))
