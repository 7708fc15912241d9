"""Contract term, renewals, notice and late termination (contract §1.7, §1.9, CP; RULES.md §3)."""

from __future__ import annotations

import calendar
import datetime as dt
import decimal
import itertools
import pickle
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from libriciel_terms.errors import (
    EndBeforeStartError,
    FloatMoneyError,
    InvalidArgumentError,
    OutOfRangeError,
    OutsideTermError,
    TermsError,
    WrongTypeError,
)
from libriciel_terms.term import ContractTerm, LateTermination, Period, late_termination
from tests.strategies import contract_terms, money

D = dt.date
ANNUAL = Decimal("1350.00")
TERM = ContractTerm.comelus()


def _minus_months(day: dt.date, months: int) -> dt.date:
    """Reference: ``months`` calendar months before ``day``, clipped to the month's end."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return D(year, month + 1, min(day.day, last))


# --- periods ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "start", "end", "days"),
    [
        (1, D(2024, 9, 1), D(2025, 8, 31), 365),
        (2, D(2025, 9, 1), D(2026, 8, 31), 365),
        (3, D(2026, 9, 1), D(2027, 8, 31), 365),
        (4, D(2027, 9, 1), D(2028, 8, 31), 366),
    ],
)
def test_comelus_periods(number: int, start: dt.date, end: dt.date, days: int) -> None:
    period = TERM.periods[number - 1]
    assert (period.number, period.start, period.end, period.days) == (number, start, end, days)
    assert period.is_initial is (number == 1)


def test_comelus_term_shape() -> None:
    assert len(TERM.periods) == 4
    assert TERM.anniversaries == (D(2025, 9, 1), D(2026, 9, 1), D(2027, 9, 1))
    assert TERM.latest_end == D(2028, 8, 31)
    assert TERM.months == 48
    assert (TERM.start, TERM.period_months, TERM.renewals, TERM.notice_months) == (
        D(2024, 9, 1),
        12,
        3,
        2,
    )


def test_billing_dates_match_the_cp_table() -> None:
    # CP "Périodicités": T1 30/11, T2 28/02 (29/02/28), T3 31/05, T4 31/08 of every period.
    expected = []
    for year in (2024, 2025, 2026, 2027):
        feb = 29 if calendar.isleap(year + 1) else 28
        expected += [D(year, 11, 30), D(year + 1, 2, feb), D(year + 1, 5, 31), D(year + 1, 8, 31)]
    assert TERM.billing_dates() == tuple(expected)
    assert D(2028, 2, 29) in TERM.billing_dates()


def test_quarters_cover_each_period() -> None:
    quarters = TERM.quarters()
    assert [(q.period, q.number) for q in quarters[:5]] == [(1, 1), (1, 2), (1, 3), (1, 4), (2, 1)]
    assert (quarters[0].start, quarters[0].end) == (D(2024, 9, 1), D(2024, 11, 30))
    assert (quarters[-1].start, quarters[-1].end) == (D(2028, 6, 1), D(2028, 8, 31))


@pytest.mark.parametrize(
    ("day", "number"),
    [(D(2024, 9, 1), 1), (D(2025, 8, 31), 1), (D(2025, 9, 1), 2), (D(2028, 8, 31), 4)],
)
def test_period_of(day: dt.date, number: int) -> None:
    assert TERM.period_of(day).number == number


@pytest.mark.parametrize("day", [D(2024, 8, 31), D(2028, 9, 1)])
def test_period_of_outside_the_term(day: dt.date) -> None:
    with pytest.raises(OutsideTermError, match="outside the term 2024-09-01…2028-08-31"):
        TERM.period_of(day)


def test_records_for_the_term_sheet() -> None:
    records = TERM.to_records()
    assert [r["notice_deadline"] for r in records] == [
        D(2025, 7, 1),
        D(2026, 7, 1),
        D(2027, 7, 1),
        None,
    ]
    assert [r["notice_deadline_decision"] for r in records] == [
        D(2025, 6, 30),
        D(2026, 6, 30),
        D(2027, 6, 30),
        None,
    ]
    assert records[3]["renews_on"] is None
    assert records[3]["days"] == 366
    html = TERM._repr_html_()
    assert html.startswith("<table>")
    assert "<td>2028-08-31</td>" in html


@given(contract_terms())
def test_periods_tile_the_term(term: Any) -> None:
    periods = term.periods
    assert len(periods) == term.renewals + 1
    assert periods[0].start == term.start
    assert periods[-1].end == term.latest_end
    for before, after in itertools.pairwise(periods):
        assert after.start == before.end + dt.timedelta(days=1)  # no gap, no overlap
    for k, period in enumerate(periods):
        assert period.start <= period.end
        # period k starts k × period_months after the term's start (reference arithmetic)
        assert period.start == _minus_months(term.start, -k * term.period_months)
    assert sum(p.days for p in periods) == (term.latest_end - term.start).days + 1


@given(contract_terms())
def test_quarters_tile_each_period(term: Any) -> None:
    quarters = term.quarters()
    assert len(quarters) == (term.renewals + 1) * term.period_months // 3
    assert quarters[0].start == term.start
    assert quarters[-1].end == term.latest_end
    for before, after in itertools.pairwise(quarters):
        assert after.start == before.end + dt.timedelta(days=1)
    for period in term.periods:
        mine = [q for q in quarters if q.period == period.number]
        assert mine[0].start == period.start
        assert mine[-1].end == period.end


# --- notice ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("anniversary", "anniversary_reading", "decision_reading"),
    [
        (D(2025, 9, 1), D(2025, 7, 1), D(2025, 6, 30)),
        (D(2026, 9, 1), D(2026, 7, 1), D(2026, 6, 30)),
        (D(2027, 9, 1), D(2027, 7, 1), D(2027, 6, 30)),
    ],
)
def test_notice_deadline_both_readings(
    anniversary: dt.date, anniversary_reading: dt.date, decision_reading: dt.date
) -> None:
    assert TERM.notice_deadline(anniversary) == anniversary_reading
    assert TERM.notice_deadline(anniversary, reading="anniversary") == anniversary_reading
    assert TERM.notice_deadline(anniversary, reading="end_of_year") == decision_reading


def test_notice_deadline_clips_to_the_month_end() -> None:
    term = ContractTerm(start=D(2024, 4, 30), renewals=2)
    assert term.notice_deadline(D(2025, 4, 30)) == D(2025, 2, 28)
    term = ContractTerm(start=D(2023, 12, 31), renewals=1, notice_months=2)
    assert term.notice_deadline(D(2024, 12, 31)) == D(2024, 10, 31)
    assert term.notice_deadline(D(2024, 12, 31), reading="end_of_year") == D(2024, 10, 30)


@given(contract_terms())
def test_notice_deadline_is_notice_months_before_the_anniversary(term: Any) -> None:
    for anniversary in term.anniversaries:
        assert term.notice_deadline(anniversary) == _minus_months(anniversary, term.notice_months)
        assert term.notice_deadline(anniversary, reading="end_of_year") == _minus_months(
            anniversary - dt.timedelta(days=1), term.notice_months
        )


@pytest.mark.parametrize("bad", [D(2028, 9, 1), D(2024, 9, 1), D(2025, 9, 2)])
def test_notice_deadline_needs_a_renewal_date(bad: dt.date) -> None:
    with pytest.raises(OutsideTermError, match="not a renewal date"):
        TERM.notice_deadline(bad)


# --- late termination (§1.9) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("received_on", "outcome", "effective_on", "days_owed", "year_days", "balance"),
    [
        # RULES.md §3: received 2025-08-10 → effective 2025-10-10, 40 days, 147.95 HT
        (D(2025, 8, 10), "late", D(2025, 10, 10), 40, 365, Decimal("147.95")),
        (D(2025, 7, 1), "timely", D(2025, 8, 31), 0, 365, Decimal("0.00")),
        (D(2024, 9, 1), "timely", D(2025, 8, 31), 0, 365, Decimal("0.00")),
        (D(2025, 7, 2), "late", D(2025, 9, 2), 2, 365, Decimal("7.40")),
        (D(2025, 8, 31), "late", D(2025, 10, 31), 61, 365, Decimal("225.62")),
        (D(2025, 9, 1), "timely", D(2026, 8, 31), 0, 365, Decimal("0.00")),
        # the renewed year 2027-09-01…2028-08-31 has 366 days
        (D(2027, 8, 10), "late", D(2027, 10, 10), 40, 366, Decimal("147.54")),
        (D(2028, 8, 10), "term_expires", D(2028, 8, 31), 0, 366, Decimal("0.00")),
        (D(2027, 9, 1), "term_expires", D(2028, 8, 31), 0, 366, Decimal("0.00")),
    ],
)
def test_late_termination_examples(
    received_on: dt.date,
    outcome: str,
    effective_on: dt.date,
    days_owed: int,
    year_days: int,
    balance: Decimal,
) -> None:
    result = late_termination(TERM, received_on, ANNUAL)
    assert isinstance(result, LateTermination)
    assert result.outcome == outcome
    assert result.effective_on == effective_on
    assert result.days_owed == days_owed
    assert result.year_days == year_days
    assert result.balance == balance
    assert result.timely is (outcome != "late")
    assert str(result.balance) == str(balance)  # two decimals, as Decimal('0.00')


def test_late_termination_rules_example_details() -> None:
    result = late_termination(TERM, D(2025, 8, 10), ANNUAL)
    assert result.anniversary == D(2025, 9, 1)
    assert result.deadline == D(2025, 7, 1)
    assert result.period.number == 1
    assert result.balance == Decimal("147.95")
    record = result.to_records()[0]
    assert record["effective_on"] == D(2025, 10, 10)
    assert record["balance_ht"] == Decimal("147.95")
    assert "<td>147.95</td>" in result._repr_html_()


def test_decision_reading_makes_1_july_late() -> None:
    result = late_termination(TERM, D(2025, 7, 1), ANNUAL, reading="end_of_year")
    assert (result.outcome, result.deadline, result.effective_on) == (
        "late",
        D(2025, 6, 30),
        D(2025, 9, 1),
    )
    assert result.balance == Decimal("3.70")  # 1350 × 1 / 365 = 3.6986…


@pytest.mark.parametrize(
    ("basis", "balance"),
    [
        ("days", Decimal("147.95")),  # 1350 × 40/365
        ("months", Decimal("148.79")),  # 1350 × (1 + 10/31) / 12
        ("started_months", Decimal("225.00")),  # 1350 × 2/12
    ],
)
def test_balance_bases(basis: Any, balance: Decimal) -> None:
    assert late_termination(TERM, D(2025, 8, 10), ANNUAL, basis=basis).balance == balance


def test_balance_by_months_on_a_whole_month() -> None:
    # received 2025-07-31 → runs through 2025-09-30: exactly one month, every basis agrees on it
    # except "days" (30/365)
    for basis in ("months", "started_months"):
        result = late_termination(TERM, D(2025, 7, 31), ANNUAL, basis=basis)  # type: ignore[arg-type]
        assert result.effective_on == D(2025, 9, 30)
        assert result.balance == Decimal("112.50")
    assert late_termination(TERM, D(2025, 7, 31), ANNUAL).balance == Decimal("110.96")


def test_start_of_day_effect() -> None:
    result = late_termination(TERM, D(2025, 8, 10), ANNUAL, effect="start_of_day")
    assert (result.effective_on, result.days_owed, result.balance) == (
        D(2025, 10, 9),
        39,
        Decimal("144.25"),
    )


@given(contract_terms(), st.data(), money("100000"))
def test_late_termination_properties(term: Any, data: st.DataObject, annual: Decimal) -> None:
    received_on = data.draw(st.dates(term.start, term.latest_end))
    basis = data.draw(st.sampled_from(["days", "months", "started_months"]))
    result = late_termination(term, received_on, annual, basis=basis)
    period = term.period_of(received_on)
    assert result.period == period
    assert result.effective_on >= period.end
    assert Decimal(0) <= result.balance <= annual
    if result.outcome == "late":
        assert received_on > result.deadline
        assert result.anniversary == period.end + dt.timedelta(days=1)
        assert result.effective_on >= result.anniversary
        assert result.days_owed == (result.effective_on - result.anniversary).days + 1
        if basis == "days":
            exact = Fraction(annual) * result.days_owed / result.year_days
            assert abs(Fraction(result.balance) - exact) <= Fraction(1, 200)
    else:
        assert result.balance == 0
        assert result.effective_on == period.end


@given(st.dates(D(2025, 7, 2), D(2025, 8, 31)), st.dates(D(2025, 7, 2), D(2025, 8, 31)))
def test_later_notice_never_costs_less(first: dt.date, second: dt.date) -> None:
    assume(first <= second)
    a = late_termination(TERM, first, ANNUAL)
    b = late_termination(TERM, second, ANNUAL)
    assert a.balance <= b.balance
    assert a.effective_on <= b.effective_on


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: late_termination(TERM, D(2024, 8, 31), ANNUAL), OutsideTermError, "received_on"),
        (lambda: late_termination(TERM, D(2028, 9, 1), ANNUAL), OutsideTermError, "received_on"),
        (lambda: late_termination(TERM, D(2025, 8, 10), 1350.0), FloatMoneyError, "annual"),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), Decimal("-1")),
            OutOfRangeError,
            "annual",
        ),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), Decimal("NaN")),
            TermsError,
            "annual",
        ),
        (lambda: late_termination(TERM, "2025-08-10", ANNUAL), WrongTypeError, "received_on"),
        (
            lambda: late_termination(TERM, dt.datetime(2025, 8, 10), ANNUAL),
            WrongTypeError,
            "received_on",
        ),
        (lambda: late_termination("comelus", D(2025, 8, 10), ANNUAL), WrongTypeError, "term"),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), ANNUAL, basis="weeks"),
            InvalidArgumentError,
            "basis",
        ),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), ANNUAL, reading="calendar"),
            InvalidArgumentError,
            "reading",
        ),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), ANNUAL, effect="noon"),
            InvalidArgumentError,
            "effect",
        ),
        (lambda: TERM.notice_deadline("2025-09-01"), WrongTypeError, "anniversary"),
        (lambda: TERM.notice_deadline(D(2025, 9, 1), reading="x"), InvalidArgumentError, "reading"),
        (lambda: ContractTerm(start="2024-09-01"), WrongTypeError, "start"),
        (lambda: ContractTerm(start=D(2024, 9, 1), renewals=-1), OutOfRangeError, "renewals"),
        (lambda: ContractTerm(start=D(2024, 9, 1), renewals=True), WrongTypeError, "renewals"),
        (
            lambda: ContractTerm(start=D(2024, 9, 1), period_months=0),
            OutOfRangeError,
            "period_months",
        ),
        (
            lambda: ContractTerm(start=D(2024, 9, 1), period_months=2),
            InvalidArgumentError,
            "notice_months",
        ),
        (
            lambda: ContractTerm(start=D(2024, 9, 1), period_months=4).quarters(),
            InvalidArgumentError,
            "period_months",
        ),
        (
            lambda: Period(number=1, start=D(2025, 1, 2), end=D(2025, 1, 1)),
            EndBeforeStartError,
            "end",
        ),
        (lambda: TERM.periods[0].contains("2025-01-01"), WrongTypeError, "day"),
        (lambda: ContractTerm(start=D(9999, 1, 1)), OutOfRangeError, "start"),
    ],
)
def test_bad_input_is_a_terms_error(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as caught:
        call()
    assert isinstance(caught.value, TermsError)
    assert isinstance(caught.value, ValueError)


# --- purity ---------------------------------------------------------------------------------


def test_results_ignore_a_hostile_decimal_context() -> None:
    expected = [
        late_termination(TERM, D(2025, 8, 10), ANNUAL, basis=basis)  # type: ignore[arg-type]
        for basis in ("days", "months", "started_months")
    ]
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        ctx.traps[decimal.Inexact] = True
        ctx.traps[decimal.Rounded] = True
        got = [
            late_termination(TERM, D(2025, 8, 10), ANNUAL, basis=basis)  # type: ignore[arg-type]
            for basis in ("days", "months", "started_months")
        ]
        records = TERM.to_records()
    assert got == expected
    assert [r.balance for r in got] == [Decimal("147.95"), Decimal("148.79"), Decimal("225.00")]
    assert records == TERM.to_records()


def test_values_pickle_and_evolve() -> None:
    result = late_termination(TERM, D(2025, 8, 10), ANNUAL)
    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(TERM)) == TERM
    assert attrs.evolve(TERM, renewals=1).latest_end == D(2026, 8, 31)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        TERM.renewals = 5  # type: ignore[misc]
