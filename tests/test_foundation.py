"""The private foundation every rule builds on: validation, dates, intervals, text, reports.

(``_exact`` has its own module, tests/test_exact.py.)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import itertools
import time
from decimal import Decimal
from typing import Literal
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms import _dates, _intervals, _text, _validate
from libriciel_terms._report import Column, Report, table_html
from libriciel_terms.errors import (
    ContractFileError,
    EndBeforeStartError,
    FloatMoneyError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
    Problem,
    TermsError,
    UnknownKeyError,
    WrongTypeError,
)

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC

# -- validation -----------------------------------------------------------------------------------


def test_fold_aware_ordering() -> None:
    """The October fold: 02:15 (second pass) is 45 minutes after 02:30 (first pass)."""
    first = dt.datetime(2025, 10, 26, 2, 30, tzinfo=PARIS)
    second = dt.datetime(2025, 10, 26, 2, 15, tzinfo=PARIS, fold=1)
    assert _validate.utc(second) - _validate.utc(first) == dt.timedelta(minutes=45)
    _validate.ordered("a", first, "b", second)  # no error: b is later
    with pytest.raises(EndBeforeStartError, match=r"^b=datetime.datetime\(2025, 10, 26, 2, 30"):
        _validate.ordered("a", second, "b", first)


@pytest.mark.parametrize(
    "value",
    [
        Decimal("1E-999999999"),
        Decimal("1E+999999999"),
        Decimal("-1E+999999999"),
        Decimal("1E+15"),
        Decimal("1E-29"),
        10**60,
        "1E+40",
    ],
)
def test_extreme_decimals_are_refused_at_once(value: object) -> None:
    started = time.perf_counter()
    with pytest.raises(OutOfRangeError, match=r"at most 15 digits before the decimal point and 28"):
        _validate.decimal("x", value, accept=(int, str))
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0E-999999999"), Decimal(0)),
        (Decimal("1.50000000000000000000000000000000"), Decimal("1.5")),
        (Decimal("999999999999999.9"), Decimal("999999999999999.9")),
        (Decimal("1E-28"), Decimal("1E-28")),
        ("  12.50 ", Decimal("12.50")),
        (7, Decimal(7)),
    ],
)
def test_decimals_within_bounds(value: object, expected: Decimal) -> None:
    result = _validate.decimal("x", value, accept=(int, str))
    assert result == expected
    assert str(result) == str(expected)


def test_float_message_suggests_only_accepted_types() -> None:
    with pytest.raises(FloatMoneyError, match=r'as a Decimal or an int, e.g. Decimal\("1.5"\)'):
        _validate.money("amount", 1.5)
    with pytest.raises(FloatMoneyError, match=r"as a Decimal, an int or a str"):
        _validate.decimal("index", 1.5, accept=(int, str))
    with pytest.raises(WrongTypeError, match=r"as a Decimal, e.g."):
        _validate.decimal("rate", "1.5")


def test_money_bounds() -> None:
    assert _validate.money("a", Decimal("1000000000000")) == Decimal("1E+12")
    with pytest.raises(OutOfRangeError, match=r"a=1000000000001 is above 1000000000000"):
        _validate.money("a", 10**12 + 1)
    with pytest.raises(OutOfRangeError, match=r"is below 0"):
        _validate.money("a", -1)
    assert _validate.money("a", -1, allow_negative=True) == Decimal(-1)


def test_integers_accept_exact_integer_types() -> None:
    class Index:
        def __index__(self) -> int:
            return 42

    assert _validate.integer("n", Index()) == 42
    for bad in (True, 1.0, "3", None):
        with pytest.raises(WrongTypeError, match=r"^n="):
            _validate.integer("n", bad)
    with pytest.raises(OutOfRangeError, match=r"n=11 is above 10; pass an int <= 10"):
        _validate.integer("n", 11, maximum=10)


def test_aware_refuses_naive_and_nanoseconds() -> None:
    with pytest.raises(
        NaiveDatetimeError, match=r"^at=datetime.datetime\(2024, 1, 2, 10, 0\) is naive"
    ):
        _validate.aware("at", dt.datetime(2024, 1, 2, 10, 0))

    class Nanos(dt.datetime):
        nanosecond = 5

    with pytest.raises(
        InvalidArgumentError,
        match=r"at=.* has 5 ns; this library counts whole microseconds: round it first, e\.g\. at",
    ):
        _validate.aware("at", Nanos(2024, 1, 2, tzinfo=UTC))

    class Stamp(dt.datetime):
        nanosecond = 0

    plain = _validate.aware("at", Stamp(2024, 1, 2, 3, 4, 5, 6, tzinfo=UTC, fold=1))
    assert type(plain) is dt.datetime
    assert plain == dt.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=UTC)
    assert plain.fold == 1


def test_text_check() -> None:
    assert _validate.text("name", "ComElus") == "ComElus"
    with pytest.raises(InvalidArgumentError, match=r"line break"):
        _validate.text("name", "a\nb")
    with pytest.raises(InvalidArgumentError, match=r"is empty"):
        _validate.text("name", "  ", empty=False)
    with pytest.raises(WrongTypeError, match=r"name=1 is a int, not a str"):
        _validate.text("name", 1)


Mode = Literal["a", "b"]


@attrs.frozen(kw_only=True)
class _Sample:
    mode: Mode = attrs.field(validator=_validate.choice(Mode))
    days: tuple[dt.date, ...] = attrs.field(
        converter=_validate.as_tuple, validator=_validate.each(dt.date)
    )
    count: int = attrs.field(validator=_validate.instance_of(int))


def test_attrs_idiom_raises_terms_errors() -> None:
    sample = _Sample(mode="a", days=[dt.date(2025, 1, 1)], count=1)
    assert sample.days == (dt.date(2025, 1, 1),)
    with pytest.raises(InvalidArgumentError, match=r"mode='c' is not one of 'a', 'b'"):
        _Sample(mode="c", days=(), count=1)
    with pytest.raises(WrongTypeError, match=r"days\[1\]='x' is a str, not date"):
        _Sample(mode="a", days=[dt.date(2025, 1, 1), "x"], count=1)
    with pytest.raises(WrongTypeError, match=r"days='2025' is a str, not an iterable of date"):
        _Sample(mode="a", days="2025", count=1)
    with pytest.raises(WrongTypeError, match=r"^count='1': 'count' must be <class 'int'>"):
        _Sample(mode="a", days=(), count="1")


# -- errors ---------------------------------------------------------------------------------------


def test_unknown_key_error_is_a_key_error_with_a_readable_message() -> None:
    error = UnknownKeyError("schedule='psg' is not a schedule of this contract")
    assert isinstance(error, KeyError)
    assert isinstance(error, TermsError)
    assert str(error) == "schedule='psg' is not a schedule of this contract"


def test_file_error_lists_every_problem() -> None:
    problems = [
        Problem(
            path="term.renewal", value=3, expected="a known key", fix='did you mean "renewals"?'
        ),
        Problem(path="prices.vat_percent", value=20.0, expected="a decimal in a string"),
    ]
    error = ContractFileError("x.toml", problems)
    assert str(error).splitlines() == [
        "x.toml: 2 problems",
        '- term.renewal = 3: expected a known key; did you mean "renewals"?',
        "- prices.vat_percent = 20.0: expected a decimal in a string",
    ]
    assert error.problems == tuple(problems)


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2024, 8, 31), 6, dt.date(2025, 2, 28)),
        (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),
        (dt.date(2025, 9, 1), -2, dt.date(2025, 7, 1)),
        (dt.date(2025, 3, 31), -1, dt.date(2025, 2, 28)),
    ],
)
def test_add_months(start: dt.date, months: int, expected: dt.date) -> None:
    assert _dates.add_months(start, months) == expected


@given(st.dates(), st.dates())
def test_whole_months_is_the_largest_fitting_count(start: dt.date, end: dt.date) -> None:
    months = _dates.whole_months(start, end)
    if months == 0:
        assert start >= end or _dates.add_months(start, 1) > end
        return
    assert _dates.add_months(start, months) <= end
    with contextlib.suppress(OutOfRangeError):
        assert _dates.add_months(start, months + 1) > end


@given(st.integers(1, 9999), st.integers(1, 12), st.integers(-1000, 1000))
def test_year_month_shift_round_trip(year: int, month: int, n: int) -> None:
    ym = _dates.YearMonth(year, month)
    try:
        shifted = ym.shift(n)
    except OutOfRangeError:
        return
    assert shifted.shift(-n) == ym
    assert _dates.whole_months(ym.first_day, shifted.first_day) == max(n, 0)
    assert shifted.last_day.month == shifted.month
    if shifted != (9999, 12):
        assert (shifted.last_day + dt.timedelta(days=1)).day == 1


def test_year_month_is_a_tuple_and_parses() -> None:
    assert _dates.YearMonth(2024, 8) == (2024, 8)
    assert _dates.YearMonth.parse("2024-08") == (2024, 8)
    with pytest.raises(
        WrongTypeError, match=r"month='2024-13' is not a month; write it as YYYY-MM"
    ):
        _dates.YearMonth.parse("2024-13")


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        # RULES' conventions: 48 elapsed hours across the spring change; days keep wall time.
        (dt.datetime(2025, 3, 28, 16, tzinfo=PARIS), 48, "hours", "2025-03-30T17:00:00+02:00"),
        (dt.datetime(2025, 3, 22, 23, tzinfo=PARIS), 15, "days", "2025-04-06T23:00:00+02:00"),
        # A wall time that does not exist (02:30 on 2025-03-30) moves forward by the gap.
        (dt.datetime(2025, 3, 29, 2, 30, tzinfo=PARIS), 1, "days", "2025-03-30T03:30:00+02:00"),
        (dt.datetime(2024, 8, 31, 12, tzinfo=UTC), 6, "months", "2025-02-28T14:00:00+01:00"),
    ],
)
def test_shift_instant(
    start: dt.datetime, amount: int, unit: _dates.CalendarUnit, expected: str
) -> None:
    assert _dates.shift_instant(start, amount, unit, PARIS).isoformat() == expected


def test_shift_out_of_range() -> None:
    with pytest.raises(OutOfRangeError, match=r"outside the years 1–9999"):
        _dates.shift_day(dt.date(9999, 12, 1), 1, "months")
    with pytest.raises(OutOfRangeError, match=r"outside the years 1–9999"):
        _dates.shift_instant(dt.datetime(9999, 12, 31, 23, tzinfo=UTC), 2, "hours", PARIS)


# -- intervals ------------------------------------------------------------------------------------

_BASE = dt.datetime(2024, 10, 16, tzinfo=UTC)


def _minutes(a: int, b: int) -> tuple[dt.datetime, dt.datetime]:
    return (_BASE + dt.timedelta(minutes=a), _BASE + dt.timedelta(minutes=b))


_pairs = st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 60)).map(lambda p: _minutes(p[0], p[0] + p[1])),
    max_size=8,
)


def _minute_set(intervals: object) -> set[int]:
    covered: set[int] = set()
    for s, e in intervals:  # type: ignore[attr-defined]
        covered.update(
            range(
                int((s - _BASE) / dt.timedelta(minutes=1)),
                int((e - _BASE) / dt.timedelta(minutes=1)),
            )
        )
    return covered


@given(_pairs, _pairs)
def test_interval_algebra_against_minute_sets(pieces: list, holes: list) -> None:  # type: ignore[type-arg]
    merged, merged_holes = _intervals.merge(pieces), _intervals.merge(holes)
    assert _minute_set(merged) == _minute_set(pieces)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(merged))
    difference = _intervals.subtract(merged, merged_holes)
    assert _minute_set(difference) == _minute_set(pieces) - _minute_set(holes)
    clipped = _intervals.clip(merged, *_minutes(30, 120))
    assert _minute_set(clipped) == _minute_set(pieces) & set(range(30, 120))
    assert _intervals.total(difference) == dt.timedelta(minutes=len(_minute_set(difference)))


def test_checked_intervals_are_in_utc_and_fold_aware() -> None:
    first = dt.datetime(2025, 10, 26, 2, 30, tzinfo=PARIS)
    second = dt.datetime(2025, 10, 26, 2, 15, tzinfo=PARIS, fold=1)
    [(start, end)] = _intervals.checked("frozen", [(first, second)])
    assert end - start == dt.timedelta(minutes=45)
    assert start.tzinfo is UTC
    with pytest.raises(EndBeforeStartError, match=r"frozen\[0\]\[1\]="):
        _intervals.checked("frozen", [(second, first)])
    with pytest.raises(WrongTypeError, match=r"frozen='x' is not an iterable"):
        _intervals.checked("frozen", "x")


# -- text -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "fr", "en"),
    [
        (Decimal("1350"), "1\u202f350,00\u00a0€", "€1,350.00"),
        (Decimal("0.005"), "0,01\u00a0€", "€0.01"),
        (Decimal("-1234567.891"), "-1\u202f234\u202f567,89\u00a0€", "-€1,234,567.89"),
        (40, "40,00\u00a0€", "€40.00"),
    ],
)
def test_money_typography(amount: Decimal, fr: str, en: str) -> None:
    assert _text.money(amount, "fr") == fr
    assert _text.money(amount, "en") == en


def test_text_does_not_depend_on_the_decimal_context(hostile_decimal: decimal.Context) -> None:
    assert _text.money(Decimal("1350.005"), "fr") == "1\u202f350,01\u00a0€"
    assert _text.percent(Decimal("98.447"), "fr", places=1) == "98,4\u202f%"


@pytest.mark.parametrize(
    ("microseconds", "fr", "en"),
    [
        (64 * 3_600_000_000, "64\u00a0h ouvrées", "64 business hours"),
        (3_600_000_000, "1\u00a0h ouvrée", "1 business hour"),
        (90 * 60_000_000, "1\u00a0h 30\u00a0min ouvrées", "1 h 30 min of business time"),
        (-45 * 60_000_000, "-45\u00a0min ouvrées", "-45 min of business time"),
        (0, "0\u00a0h ouvrée", "0 business hours"),
    ],
)
def test_business_duration_text(microseconds: int, fr: str, en: str) -> None:
    assert _text.business_duration(microseconds, "fr") == fr
    assert _text.business_duration(microseconds, "en") == en


def test_instant_text_uses_no_locale() -> None:
    at = dt.datetime(2024, 10, 15, 8, 0, 30, tzinfo=UTC)
    assert _text.instant(at, "fr", zone=PARIS) == "mar. 2024-10-15 10:00:30"
    assert _text.instant(at, "en", zone=PARIS) == "Tue 2024-10-15 10:00:30"


# -- reports --------------------------------------------------------------------------------------


@attrs.frozen
class _Invoices(Report):
    rows: tuple[tuple[str, Decimal], ...]
    COLUMNS = (
        Column("label", "libellé", "label", "text"),
        Column("ttc", "TTC", "incl. VAT", "money"),
    )

    def to_records(self) -> list[dict[str, object]]:
        return [{"label": label, "ttc": amount} for label, amount in self.rows]

    def headline(self, *, lang: _text.Lang = "fr") -> str:
        return _text.pick("Factures", "Invoices", lang)

    def notes(self, *, lang: _text.Lang = "fr") -> tuple[str, ...]:
        return (_text.pick("<échu>", "<in arrears>", lang),)


def test_report_protocol_renders_every_form() -> None:
    report = _Invoices(rows=(("T1 <b>", Decimal("405.00")),))
    assert report.to_text() == "Factures\nlibellé  TTC\nT1 <b>   405,00\u00a0€\n• <échu>"
    assert report.to_text(lang="en").splitlines()[1:3] == ["label   incl. VAT", "T1 <b>  €405.00"]
    assert str(report) == report.to_text()
    assert report._repr_html_() == (
        "<table><caption>Factures</caption><thead><tr><th>libellé</th><th>TTC</th></tr></thead>"
        "<tbody><tr><td>T1 &lt;b&gt;</td><td>405,00\u00a0€</td></tr></tbody></table>"
        "<p>&lt;échu&gt;</p>"
    )
    assert repr(report).startswith("_Invoices(rows=")
    with pytest.raises(InvalidArgumentError, match=r"lang='de'"):
        report.to_text(lang="de")  # type: ignore[arg-type]


def test_empty_html_table() -> None:
    assert table_html([], (), "fr", caption="x") == "<table><caption>x</caption></table>"


def test_business_hours_cells() -> None:
    from libriciel_terms._report import cell

    assert cell(Decimal("64"), "fr", "business_hours") == "64\u00a0h ouvrées"
    assert cell(Decimal("2.5"), "en", "business_hours") == "2 h 30 min of business time"
    assert cell(Decimal("1350"), "fr", "number") == "1\u202f350"
    assert cell(True, "fr") == "oui"
    assert cell(True, "en") == "yes"
    assert cell(False, "en") == "no"
    assert cell(False, "fr") == "non"
    assert cell(None, "en") == ""
