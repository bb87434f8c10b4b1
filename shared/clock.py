"""Time: stored in UTC ISO 8601, shown to people in America/Sao_Paulo."""

from __future__ import annotations

from datetime import UTC, datetime
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
