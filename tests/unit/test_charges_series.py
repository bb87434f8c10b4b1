"""Installment series: exact split, remainder on the first, due dates from the first date."""

from datetime import date

import pytest

from shared.charges import series
from shared.charges.series import Installment


def test_split_puts_remainder_on_first():
    got = series.split_total(10000, 3, date(2026, 1, 10))
    assert [i.amount_cents for i in got] == [3334, 3333, 3333]
    assert [i.number for i in got] == [1, 2, 3]
    assert [i.due_date for i in got] == [date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10)]
    assert got[0] == Installment(number=1, due_date=date(2026, 1, 10), amount_cents=3334)


@pytest.mark.parametrize(("total", "n"), [(500, 1), (1000, 2), (1001, 2), (100000, 7), (60000, 120), (99999, 13)])
def test_split_adds_up_exactly(total, n):
    got = series.split_total(total, n, date(2026, 1, 1))
    amounts = [i.amount_cents for i in got]
    assert sum(amounts) == total
    assert len(amounts) == n
    assert all(a == amounts[1] for a in amounts[1:])
    assert 0 <= amounts[0] - amounts[-1] < n


def test_split_exact_division_has_no_extra():
    assert [i.amount_cents for i in series.split_total(1500, 3, date(2026, 1, 1))] == [500, 500, 500]


def test_end_of_month_clamping_from_the_first_date():
    got = series.due_dates(date(2026, 1, 31), 5)
    # 2026 is not a leap year; March comes back to 31 because it is computed from January, not from 28/02
    assert got == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)]


def test_leap_year_february():
    assert series.due_dates(date(2028, 1, 31), 2) == [date(2028, 1, 31), date(2028, 2, 29)]
    # starting on 29/02: next month keeps day 29; next February in a common year clamps to 28
    assert series.due_dates(date(2028, 2, 29), 13)[1] == date(2028, 3, 29)
    assert series.due_dates(date(2028, 2, 29), 13)[12] == date(2029, 2, 28)


def test_interval_and_year_turn():
    got = series.due_dates(date(2026, 11, 30), 3, interval_months=3)
    assert got == [date(2026, 11, 30), date(2027, 2, 28), date(2027, 5, 30)]


def test_add_months():
    assert series.add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert series.add_months(date(2026, 8, 31), 1) == date(2026, 9, 30)
    assert series.add_months(date(2026, 1, 31), 24 + 1) == date(2028, 2, 29)


def test_repeat_amount():
    got = series.repeat_amount(2590, 4, date(2026, 3, 31))
    assert [i.amount_cents for i in got] == [2590] * 4
    assert [i.due_date for i in got] == [date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31), date(2026, 6, 30)]


@pytest.mark.parametrize("n", [0, 121, -1, 1.5, True, "3"])
def test_installment_count_limits(n):
    with pytest.raises(series.SeriesError) as exc:
        series.split_total(1_000_000, n, date(2026, 1, 1))
    assert exc.value.field == "installments"
    assert isinstance(exc.value, ValueError)


def test_boundary_counts_accepted():
    assert len(series.split_total(500, 1, date(2026, 1, 1))) == 1
    assert len(series.split_total(120 * 500, 120, date(2026, 1, 1))) == 120


def test_minimum_per_installment_names_total():
    # 1499 / 3 = 499 per installment (+2 on the first): the smaller ones are below R$ 5,00
    with pytest.raises(series.SeriesError) as exc:
        series.split_total(1499, 3, date(2026, 1, 1))
    assert exc.value.field == "total_cents"
    assert "R$ 5,00" in exc.value.detail
    assert "R$ 15,00" in exc.value.detail


@pytest.mark.parametrize("total", [0, -100, 12.5, None])
def test_total_must_be_positive_int(total):
    with pytest.raises(series.SeriesError) as exc:
        series.split_total(total, 1, date(2026, 1, 1))
    assert exc.value.field == "total_cents"


def test_repeat_amount_minimum():
    with pytest.raises(series.SeriesError) as exc:
        series.repeat_amount(499, 2, date(2026, 1, 1))
    assert exc.value.field == "installment_cents"
    assert series.repeat_amount(500, 2, date(2026, 1, 1))[1].amount_cents == 500


@pytest.mark.parametrize("interval", [0, 13, -1])
def test_interval_limits(interval):
    with pytest.raises(series.SeriesError) as exc:
        series.split_total(1000, 2, date(2026, 1, 1), interval_months=interval)
    assert exc.value.field == "interval_months"


def test_first_due_date_in_the_past_refused_when_today_given():
    with pytest.raises(series.SeriesError) as exc:
        series.split_total(1000, 2, date(2026, 1, 1), today=date(2026, 1, 2))
    assert exc.value.field == "first_due_date"
    assert series.split_total(1000, 2, date(2026, 1, 2), today=date(2026, 1, 2))[0].due_date == date(2026, 1, 2)
