"""Values written for people in Brazil: money, dates (dd/mm/aaaa, São Paulo calendar)."""

from __future__ import annotations

from datetime import date, datetime

from shared import clock


def decimal_brl(cents: int | None) -> str:
    """1234567 -> "12.345,67" ("" for None)."""
    if cents is None:
        return ""
    return f"{cents / 100:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def brl(cents: int | None) -> str:
    """1234567 -> "R$ 12.345,67" ("" for None)."""
    return "" if cents is None else f"R$ {decimal_brl(cents)}"


def day(value: date | str | None) -> str:
    """A date, or an ISO moment shown as its São Paulo calendar day: dd/mm/aaaa ("" for None)."""
    if not value:
        return ""
    if isinstance(value, str):
        value = clock.to_local(datetime.fromisoformat(value)).date() if "T" in value else date.fromisoformat(value)
    return value.strftime("%d/%m/%Y")


def moment(value: str | None) -> str:
    """An ISO moment as dd/mm/aaaa HH:MM in São Paulo."""
    if not value:
        return ""
    return clock.to_local(datetime.fromisoformat(value)).strftime("%d/%m/%Y %H:%M")
