"""Installment series (parcelamento) for charges: amounts that add up exactly and monthly due dates.

Amounts: `split_total(total_cents, installments, ...)` gives each installment total // n centavos and
puts the remainder (total % n, always fewer than n centavos) on the FIRST installment, so R$ 100,00 in
3 is 33,34 + 33,33 + 33,33. `repeat_amount(installment_cents, installments, ...)` makes n equal ones.

Due dates: installment k (1-based) is due on first_due_date + (k - 1) × interval_months months, always
computed from the first date (never from the previous one), clamped to the last day of a shorter month:
31/01 -> 28/02 (29/02 in leap years) -> 31/03 -> 30/04 -> 31/05.

Limits: 1..120 installments; each at least R$ 5,00 (500 centavos, Cora's minimum invoice amount).
Errors are SeriesError (a ValueError) with a pt-BR message and the offending `field`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from shared.br.format import brl
from shared.charges import ChargeInputError

MIN_INSTALLMENTS = 1
MAX_INSTALLMENTS = 120
MIN_INSTALLMENT_CENTS = 500  # Cora refuses invoices below R$ 5,00


class SeriesError(ChargeInputError):
    """An installment plan that cannot be issued."""


@dataclass(frozen=True)
class Installment:
    number: int  # 1-based
    due_date: date
    amount_cents: int


def add_months(start: date, months: int) -> date:
    """`start` moved by `months` calendar months, the day clamped to the target month's last day."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1]))


def due_dates(first_due_date: date, installments: int, *, interval_months: int = 1) -> list[date]:
    """Due dates of `installments` installments, each computed from `first_due_date`."""
    _check_count(installments)
    _check_interval(interval_months)
    return [add_months(first_due_date, k * interval_months) for k in range(installments)]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_count(installments: int) -> None:
    if not _is_int(installments) or not MIN_INSTALLMENTS <= installments <= MAX_INSTALLMENTS:
        raise SeriesError(f"Número de parcelas deve ser um inteiro de {MIN_INSTALLMENTS} a {MAX_INSTALLMENTS}.",
                          field="installments")


def _check_interval(interval_months: int) -> None:
    if not _is_int(interval_months) or not 1 <= interval_months <= 12:
        raise SeriesError("Intervalo entre parcelas deve ser de 1 a 12 meses.", field="interval_months")


def _check_first(first_due_date: date, today: date | None) -> None:
    if not isinstance(first_due_date, date):
        raise SeriesError("Informe a data do primeiro vencimento.", field="first_due_date")
    if today is not None and first_due_date < today:
        raise SeriesError("O primeiro vencimento não pode ser anterior a hoje.", field="first_due_date")


def _build(amounts: list[int], first_due_date: date, interval_months: int) -> list[Installment]:
    dates = due_dates(first_due_date, len(amounts), interval_months=interval_months)
    return [Installment(number=i + 1, due_date=d, amount_cents=a) for i, (d, a) in enumerate(zip(dates, amounts,
                                                                                                     strict=True))]


def split_total(total_cents: int, installments: int, first_due_date: date, *, interval_months: int = 1,
                today: date | None = None) -> list[Installment]:
    """Split `total_cents` into `installments` that add up exactly; the remainder centavos go to the
    first installment. `today`, when given, refuses a first due date in the past (Cora does)."""
    _check_count(installments)
    _check_interval(interval_months)
    _check_first(first_due_date, today)
    if not _is_int(total_cents) or total_cents <= 0:
        raise SeriesError("Valor total deve ser um número inteiro positivo de centavos.", field="total_cents")
    base, remainder = divmod(total_cents, installments)
    if base < MIN_INSTALLMENT_CENTS:
        raise SeriesError(f"Cada parcela deve ser de pelo menos {brl(MIN_INSTALLMENT_CENTS)}: em {installments} "
                          f"parcela(s) o valor total mínimo é {brl(MIN_INSTALLMENT_CENTS * installments)}.",
                          field="total_cents")
    amounts = [base + remainder] + [base] * (installments - 1)
    return _build(amounts, first_due_date, interval_months)


def repeat_amount(installment_cents: int, installments: int, first_due_date: date, *, interval_months: int = 1,
                  today: date | None = None) -> list[Installment]:
    """`installments` installments of `installment_cents` each (total = n × amount)."""
    _check_count(installments)
    _check_interval(interval_months)
    _check_first(first_due_date, today)
    if not _is_int(installment_cents) or installment_cents < MIN_INSTALLMENT_CENTS:
        raise SeriesError(f"Valor da parcela deve ser de pelo menos {brl(MIN_INSTALLMENT_CENTS)}.",
                          field="installment_cents")
    return _build([installment_cents] * installments, first_due_date, interval_months)
