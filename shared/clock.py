"""Time: stored in UTC ISO 8601, shown to people in America/Sao_Paulo."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SAO_PAULO = ZoneInfo("America/Sao_Paulo")


def now() -> datetime:
    return datetime.now(UTC)


def now_iso() -> str:
    return iso(now())


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def epoch_seconds() -> int:
    return int(now().timestamp())


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(SAO_PAULO)


def local_day_start(day: date, *, days_after: int = 0) -> datetime:
    """Midnight in São Paulo of `day` (+ `days_after`), as an aware datetime."""
    return datetime.combine(day + timedelta(days=days_after), time.min, tzinfo=SAO_PAULO)
