"""Contract term, renewals and the notice deadline (contract §1.7, §1.9, CP)."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import pickle
import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms import term as term_module
from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    OutOfRangeError,
    OutsideTermError,
    TermsError,
    WrongTypeError,
)
from libriciel_terms.term import MAX_TERM_MONTHS, ContractTerm, Period, Quarter, Slice
from tests.strategies import contract_terms

D = dt.date
TERM = ContractTerm.comelus()
NBSP = "\u00a0"


def _minus_months(day: dt.date, months: int) -> dt.date:
    """Reference: ``months`` calendar months before ``day``, clipped to the month's end."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return D(year, month + 1, min(day.day, last))


def _term(**changes: Any) -> ContractTerm:
    fields = {"start": D(2024, 9, 1), "period_months": 12, "renewals": 3, "notice_months": 2}
    return ContractTerm(**{**fields, **changes})


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
    # the template's readings
    assert (TERM.reading, TERM.notice_event, TERM.after_renewal, TERM.basis, TERM.effect) == (
        "anniversary",
        "received",
        "next_renewal",
        "days",
        "end_of_day",
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
    assert all(isinstance(q, Quarter) and q.billed_on == q.end for q in quarters)


def test_slices_of_any_length() -> None:
    halves = TERM.slices(6)
    assert [(s.period, s.number, s.start, s.end) for s in halves[:3]] == [
        (1, 1, D(2024, 9, 1), D(2025, 2, 28)),
        (1, 2, D(2025, 3, 1), D(2025, 8, 31)),
        (2, 1, D(2025, 9, 1), D(2026, 2, 28)),
    ]
    assert len(TERM.slices(1)) == 48
    assert [s.end for s in TERM.slices(12)] == [p.end for p in TERM.periods]
    assert type(halves[0]) is Slice


@pytest.mark.parametrize(
    ("months", "message"),
    [
        (5, r"^period_months=12 is not a whole number of slices of 5 months; billing every 5 "),
        (0, r"^months=0 is below 1"),
        (MAX_TERM_MONTHS + 1, r"^months=1201 is above 1200"),
    ],
)
def test_slices_refused(months: int, message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        TERM.slices(months)


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
    with pytest.raises(OutsideTermError, match=r"^received_on=datetime\.date"):
        TERM.period_of(day, name="received_on")


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
    assert [r["notice_deadline_calendar_year"] for r in records] == [
        D(2024, 10, 31),
        D(2025, 10, 31),
        D(2026, 10, 31),
        None,
    ]
    assert records[3]["renews_on"] is None
    assert records[3]["days"] == 366
    assert records[0] == {
        "period": 1,
        "start": D(2024, 9, 1),
        "end": D(2025, 8, 31),
        "days": 365,
        "renews_on": D(2025, 9, 1),
        "notice_deadline": D(2025, 7, 1),
        "notice_deadline_decision": D(2025, 6, 30),
        "notice_deadline_calendar_year": D(2024, 10, 31),
    }
    html = TERM._repr_html_()
    assert html.startswith("<table>")
    assert "<td>2028-08-31</td>" in html


def test_records_follow_the_terms_reading() -> None:
    records = _term(reading="end_of_year").to_records()
    assert records[0]["notice_deadline"] == D(2025, 6, 30)
    # no 31 December between the start and the first renewal: no calendar-year deadline
    halves = ContractTerm(start=D(2025, 1, 1), period_months=6, renewals=2, notice_months=1)
    assert [r["notice_deadline_calendar_year"] for r in halves.to_records()] == [
        None,
        D(2025, 11, 30),
        None,
    ]


def test_text_for_people() -> None:
    assert TERM.headline() == (
        f"Durée{NBSP}: 4 périodes de 12 mois du 1er septembre 2024 au 31 août 2028 (48 mois)"
    )
    assert TERM.headline(lang="en") == (
        "Term: 4 periods of 12 months from 1 September 2024 to 31 August 2028 (48 months)"
    )
    one = ContractTerm(start=D(2025, 1, 1), period_months=1, renewals=0, notice_months=0)
    assert (
        one.headline(lang="en")
        == "Term: 1 period of 1 month from 1 January 2025 to 31 January 2025 (1 month)"
    )
    assert (
        one.headline()
        == f"Durée{NBSP}: 1 période de 1 mois du 1er janvier 2025 au 31 janvier 2025 (1 mois)"
    )
    two = _term(renewals=1)
    assert two.headline().startswith(f"Durée{NBSP}: 2 périodes de 12 mois du")
    assert two.headline(lang="en").startswith("Term: 2 periods of 12 months from")
    with pytest.raises(InvalidArgumentError, match=r"^lang='de' is not one of 'fr', 'en'"):
        TERM.headline(lang="de")  # type: ignore[arg-type]
    text = TERM.to_text()
    assert text.splitlines()[1].split() == [
        "période",
        "début",
        "fin",
        "jours",
        "reconduction",
        "préavis",
        "au",
        "plus",
        "tard",
        "préavis",
        "(décision,",
        "année",
        "du",
        "contrat)",
        "préavis",
        "(décision,",
        "année",
        "civile)",
    ]
    assert "notice (decision, calendar year)" in TERM.to_text(lang="en")
    assert str(TERM) == text
    assert repr(TERM).startswith("ContractTerm(start=datetime.date(2024, 9, 1), period_months=12")


@given(contract_terms(any_length=True))
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
    assert term.anniversaries == tuple(p.start for p in periods[1:])


@given(contract_terms(any_length=True), st.data())
def test_period_of_is_the_period_containing_the_day(term: Any, data: st.DataObject) -> None:
    day = data.draw(st.dates(term.start, term.latest_end))
    expected = next(p for p in term.periods if p.start <= day <= p.end)
    assert term.period_of(day) == expected


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
        assert [q.number for q in mine] == list(range(1, len(mine) + 1))


def test_any_period_length() -> None:
    term = ContractTerm(start=D(2025, 1, 31), period_months=7, renewals=2, notice_months=6)
    assert [(p.start, p.end) for p in term.periods] == [
        (D(2025, 1, 31), D(2025, 8, 30)),
        (D(2025, 8, 31), D(2026, 3, 30)),
        (D(2026, 3, 31), D(2026, 10, 30)),
    ]
    assert term.months == 21
    assert term.notice_deadline(D(2025, 8, 31)) == D(2025, 2, 28)
    with pytest.raises(InvalidArgumentError, match="not a whole number of slices of 3 months"):
        term.quarters()


# --- notice ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("anniversary", "anniversary_reading", "decision_reading", "calendar_reading", "ends_on"),
    [
        (D(2025, 9, 1), D(2025, 7, 1), D(2025, 6, 30), D(2024, 10, 31), D(2024, 12, 31)),
        (D(2026, 9, 1), D(2026, 7, 1), D(2026, 6, 30), D(2025, 10, 31), D(2025, 12, 31)),
        (D(2027, 9, 1), D(2027, 7, 1), D(2027, 6, 30), D(2026, 10, 31), D(2026, 12, 31)),
    ],
)
def test_notice_deadline_every_reading(
    anniversary: dt.date,
    anniversary_reading: dt.date,
    decision_reading: dt.date,
    calendar_reading: dt.date,
    ends_on: dt.date,
) -> None:
    assert TERM.notice_deadline(anniversary) == anniversary_reading
    assert TERM.notice_deadline(anniversary, reading="anniversary") == anniversary_reading
    assert TERM.notice_deadline(anniversary, reading="end_of_year") == decision_reading
    # the decision's "fin de l'année en cours" read as the calendar year: notice by 31 October
    assert TERM.notice_deadline(anniversary, reading="end_of_calendar_year") == calendar_reading
    assert TERM.ends_on(anniversary, reading="end_of_calendar_year") == ends_on
    assert TERM.ends_on(anniversary) == anniversary - dt.timedelta(days=1)
    assert TERM.ends_on(anniversary, reading="end_of_year") == anniversary - dt.timedelta(days=1)


def test_the_terms_reading_is_the_default_and_a_keyword_overrides_it() -> None:
    decision = _term(reading="end_of_year")
    assert decision.notice_deadline(D(2025, 9, 1)) == D(2025, 6, 30)
    assert decision.notice_deadline(D(2025, 9, 1), reading="anniversary") == D(2025, 7, 1)
    calendar_year = _term(reading="end_of_calendar_year")
    assert calendar_year.notice_deadline(D(2025, 9, 1)) == D(2024, 10, 31)
    assert calendar_year.ends_on(D(2025, 9, 1)) == D(2024, 12, 31)
    assert calendar_year.ends_on(D(2025, 9, 1), reading="anniversary") == D(2025, 8, 31)


def test_calendar_year_reading_on_a_calendar_year_term() -> None:
    # a term that follows the calendar year: both decision readings agree
    term = ContractTerm(start=D(2025, 1, 1), period_months=12, renewals=2, notice_months=2)
    assert term.notice_deadline(D(2026, 1, 1), reading="end_of_calendar_year") == D(2025, 10, 31)
    assert term.notice_deadline(D(2026, 1, 1), reading="end_of_year") == D(2025, 10, 31)
    assert term.notice_deadline(D(2026, 1, 1)) == D(2025, 11, 1)


def test_calendar_year_reading_needs_a_31_december_before_the_anniversary() -> None:
    term = ContractTerm(start=D(2025, 1, 1), period_months=6, renewals=1, notice_months=2)
    with pytest.raises(
        OutsideTermError,
        match=r"^anniversary=datetime\.date\(2025, 7, 1\): no 31 December falls between the "
        r"term's start 2025-01-01 and it",
    ):
        term.notice_deadline(D(2025, 7, 1), reading="end_of_calendar_year")


def test_notice_deadline_clips_to_the_month_end() -> None:
    term = _term(start=D(2024, 4, 30), renewals=2)
    assert term.notice_deadline(D(2025, 4, 30)) == D(2025, 2, 28)
    term = _term(start=D(2023, 12, 31), renewals=1, notice_months=2)
    assert term.notice_deadline(D(2024, 12, 31)) == D(2024, 10, 31)
    assert term.notice_deadline(D(2024, 12, 31), reading="end_of_year") == D(2024, 10, 30)


@given(contract_terms(any_length=True))
def test_notice_deadline_is_notice_months_before_the_anniversary(term: Any) -> None:
    for anniversary in term.anniversaries:
        assert term.notice_deadline(anniversary) == _minus_months(anniversary, term.notice_months)
        assert term.notice_deadline(anniversary, reading="end_of_year") == _minus_months(
            anniversary - dt.timedelta(days=1), term.notice_months
        )
        december = D(anniversary.year - 1, 12, 31)
        if december >= term.start:
            assert term.notice_deadline(
                anniversary, reading="end_of_calendar_year"
            ) == _minus_months(december, term.notice_months)


@pytest.mark.parametrize("bad", [D(2028, 9, 1), D(2024, 9, 1), D(2025, 9, 2), D(2020, 1, 1)])
def test_notice_deadline_needs_a_renewal_date(bad: dt.date) -> None:
    expected = (
        f"anniversary={bad!r} is not a renewal date of this term; pass one of "
        f"2025-09-01, 2026-09-01, 2027-09-01"
    )
    with pytest.raises(OutsideTermError, match=f"^{re.escape(expected)}$"):
        TERM.notice_deadline(bad)


def test_renewal_dates_listed_when_refused() -> None:
    none = _term(renewals=0)
    with pytest.raises(OutsideTermError, match=r"pass one of \(none: the term has no renewal\)$"):
        none.notice_deadline(D(2025, 9, 1))
    many = ContractTerm(start=D(2025, 1, 1), period_months=1, renewals=10, notice_months=0)
    with pytest.raises(OutsideTermError, match=r"2025-06-01, 2025-07-01…$"):
        many.ends_on(D(2025, 1, 15))


# --- bounds and speed -----------------------------------------------------------------------


def test_the_longest_term_is_a_hundred_years() -> None:
    longest = ContractTerm(start=D(2024, 9, 1), period_months=1, renewals=1199, notice_months=0)
    assert longest.months == MAX_TERM_MONTHS
    assert longest.latest_end == D(2124, 8, 31)
    with pytest.raises(
        OutOfRangeError,
        match=r"^renewals=600 of period_months=2 make a term of 1202 months; pass a term of at "
        r"most 1200 months \(a hundred years\)$",
    ):
        ContractTerm(start=D(2024, 9, 1), period_months=2, renewals=600, notice_months=0)
    with pytest.raises(OutOfRangeError, match=r"^renewals=1200 is above 1199"):
        ContractTerm(start=D(2024, 9, 1), period_months=1, renewals=1200, notice_months=0)


def test_records_are_linear_in_the_number_of_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: 400 monthly renewals took 10 s (each record rebuilt every period)."""
    calls = 0
    add_months = term_module.add_months

    def counting(day: dt.date, months: int) -> dt.date:
        nonlocal calls
        calls += 1
        return add_months(day, months)

    monkeypatch.setattr(term_module, "add_months", counting)
    term = ContractTerm(start=D(2024, 9, 1), period_months=1, renewals=400, notice_months=0)
    records = term.to_records()
    assert len(records) == 401
    assert records[-2]["notice_deadline"] == D(2058, 1, 1)
    assert calls <= 8 * 401
    calls = 0
    assert term.period_of(D(2050, 6, 15)).start == D(2050, 6, 1)
    assert calls <= 2


def test_dates_near_the_end_of_the_calendar() -> None:
    late = ContractTerm(start=D(9997, 1, 1), period_months=12, renewals=0, notice_months=11)
    assert late.latest_end == D(9997, 12, 31)
    with pytest.raises(
        OutOfRangeError,
        match=r"^start=datetime\.date\(9998, 1, 1\) with a term of 12 months ends too close to "
        r"9999-12-31",
    ):
        ContractTerm(start=D(9998, 1, 1), period_months=12, renewals=0, notice_months=0)


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: TERM.notice_deadline("2025-09-01"), WrongTypeError, r"^anniversary='2025-09-01'"),
        (
            lambda: TERM.notice_deadline(D(2025, 9, 1), reading="x"),
            InvalidArgumentError,
            r"^reading='x' is not one of 'anniversary', 'end_of_year', 'end_of_calendar_year'",
        ),
        (lambda: TERM.ends_on(D(2025, 9, 1), reading="x"), InvalidArgumentError, "^reading='x'"),
        (lambda: _term(start="2024-09-01"), WrongTypeError, "^start="),
        (lambda: _term(renewals=-1), OutOfRangeError, r"^renewals=-1 is below 0"),
        (lambda: _term(renewals=True), WrongTypeError, "^renewals=True"),
        (lambda: _term(period_months=0), OutOfRangeError, r"^period_months=0 is below 1"),
        (lambda: _term(period_months=1201), OutOfRangeError, r"^period_months=1201 is above 1200"),
        (lambda: _term(notice_months=-1), OutOfRangeError, r"^notice_months=-1 is below 0"),
        (
            lambda: _term(period_months=2),
            InvalidArgumentError,
            r"^notice_months=2 is not shorter than period_months=2; pass a notice shorter than "
            r"a period$",
        ),
        (
            lambda: _term(period_months=4).quarters(),
            InvalidArgumentError,
            "^period_months=4 is not a whole number of slices of 3 months; billing every 3 months "
            "needs a multiple of 3$",
        ),
        (lambda: _term(reading="calendar"), InvalidArgumentError, "^reading='calendar'"),
        (lambda: _term(notice_event="sent"), InvalidArgumentError, "^notice_event='sent'"),
        (lambda: _term(after_renewal="x"), InvalidArgumentError, "^after_renewal='x'"),
        (lambda: _term(basis="weeks"), InvalidArgumentError, "^basis='weeks'"),
        (lambda: _term(effect="noon"), InvalidArgumentError, "^effect='noon'"),
        (
            lambda: Period(number=1, start=D(2025, 1, 2), end=D(2025, 1, 1)),
            EndBeforeStartError,
            r"^end=datetime\.date\(2025, 1, 1\) is before start",
        ),
        (
            lambda: Period(number=0, start=D(2025, 1, 1), end=D(2025, 1, 1)),
            OutOfRangeError,
            "^number=0",
        ),
        (lambda: Period(number=1, start=None, end=D(2025, 1, 1)), WrongTypeError, "^start=None"),
        (
            lambda: Slice(period=1, number=1, start=D(2025, 1, 2), end=D(2025, 1, 1)),
            EndBeforeStartError,
            "^end=",
        ),
        (
            lambda: Quarter(period=0, number=1, start=D(2025, 1, 1), end=D(2025, 1, 1)),
            OutOfRangeError,
            "^period=0",
        ),
        (lambda: TERM.periods[0].contains("2025-01-01"), WrongTypeError, "^day='2025-01-01'"),
        (lambda: _term(start=D(9999, 1, 1)), OutOfRangeError, "^start="),
    ],
)
def test_bad_input_is_refused(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as caught:
        call()
    assert isinstance(caught.value, TermsError)
    assert isinstance(caught.value, ValueError)


def test_period_contains() -> None:
    period = TERM.periods[0]
    assert period.contains(D(2024, 9, 1))
    assert period.contains(D(2025, 8, 31))
    assert not period.contains(D(2025, 9, 1))
    assert not period.contains(D(2024, 8, 31))


# --- purity ---------------------------------------------------------------------------------


def test_values_pickle_and_evolve() -> None:
    assert pickle.loads(pickle.dumps(TERM)) == TERM
    assert hash(pickle.loads(pickle.dumps(TERM))) == hash(TERM)
    assert attrs.evolve(TERM, renewals=1).latest_end == D(2026, 8, 31)
    assert TERM.latest_end == D(2028, 8, 31)  # the original keeps its cached periods
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        TERM.renewals = 5  # type: ignore[misc]
    assert isinstance(TERM.periods, tuple)
