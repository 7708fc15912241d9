"""Tests of the Syntec price revision (contract §1.11; RULES.md §4, C7, C8; syntec.md)."""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import math
import pickle
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms.errors import (
    EndBeforeStartError,
    FloatMoneyError,
    InvalidArgumentError,
    NonFiniteDecimalError,
    OutOfRangeError,
    TermsError,
    UnknownIndexMonthError,
    WrongTypeError,
)
from libriciel_terms.hours import BusinessHours
from libriciel_terms.revision import (
    base_month,
    exact_coefficient,
    revise_price,
    revision_coefficient,
    revision_schedule,
    syntec_revision,
)
from libriciel_terms.syntec import (
    LINK_COEFFICIENT,
    SYNTEC,
    IndexValue,
    SyntecSeries,
    publication_rule_date,
)
from tests.strategies import dates, index_values, money

K = Fraction(LINK_COEFFICIENT)
#: The ComElus anniversaries and annual prices HT (the contract's, passed explicitly).
COMELUS_ANNIVERSARIES = (dt.date(2025, 9, 1), dt.date(2026, 9, 1), dt.date(2027, 9, 1))
COMELUS_PRICES = (
    ("usage", Decimal("650.00")),
    ("traffic", Decimal("300.00")),
    ("storage", Decimal("150.00")),
    ("support", Decimal("250.00")),
)
THOUSANDTH = Fraction(1, 1000)


def hostile() -> decimal.Context:
    """A caller's context that breaks any code relying on the ambient decimal context."""
    return decimal.Context(
        prec=3,
        rounding=decimal.ROUND_FLOOR,
        traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation],
    )


def reference_coefficient(base: Decimal, current: Decimal, fixed: Decimal, mode: str) -> Decimal:
    """Slow, obviously correct: 200 significant digits, then Decimal's own quantize."""
    context = decimal.Context(prec=200)
    exact = context.add(
        fixed, context.multiply(context.subtract(1, fixed), context.divide(current, base))
    )
    rounding = {
        "ceiling": decimal.ROUND_CEILING,
        "half_up": decimal.ROUND_HALF_UP,
        "down": decimal.ROUND_DOWN,
    }[mode]
    return exact.quantize(Decimal("0.001"), rounding=rounding, context=context)


def ceil_thousandth(value: Fraction) -> Fraction:
    return Fraction(math.ceil(value * 1000), 1000)


def to_cents(value: Fraction) -> Decimal:
    """Half-up to the cent, for non-negative values, with integers only."""
    hundredths = value * 100
    whole, rest = divmod(hundredths.numerator, hundredths.denominator)
    if 2 * rest >= hundredths.denominator:
        whole += 1
    return Decimal(whole).scaleb(-2)


# --------------------------------------------------------------------------- RULES.md §4


@pytest.mark.parametrize(
    ("base", "current", "exact", "coefficient", "price", "revised"),
    [
        ("100", "103.2", Fraction("1.0272"), "1.028", "1350.00", "1387.80"),
        ("100", "98.7", Fraction("0.98895"), "0.989", "1350.00", "1335.15"),
        ("102.0", "100.2", Fraction("0.985"), "0.985", "1350.00", "1329.75"),
    ],
)
def test_rules_examples(
    base: str, current: str, exact: Fraction, coefficient: str, price: str, revised: str
) -> None:
    assert exact_coefficient(base, current) == exact
    assert revision_coefficient(base, current) == Decimal(coefficient)
    assert revise_price(Decimal(price), base, current) == Decimal(revised)


def test_floats_would_get_the_exact_thousandth_wrong() -> None:
    # Why the decision is taken on rationals: the float value lies just above 0.985.
    assert 0.15 + 0.85 * (100.2 / 102.0) == 0.9850000000000001
    assert revision_coefficient(Decimal("102.0"), Decimal("100.2")) == Decimal("0.985")


@pytest.mark.parametrize("kind", [Decimal, int, str])
def test_index_types_accepted(kind: type) -> None:
    assert revision_coefficient(kind(100), kind(103)) == Decimal("1.026")


def test_rules_examples_under_hostile_context() -> None:
    with decimal.localcontext(hostile()):
        assert revision_coefficient("100", "103.2") == Decimal("1.028")
        assert revise_price(Decimal("1350.00"), "100", "98.7") == Decimal("1335.15")
        assert revision_coefficient("102.0", "100.2") == Decimal("0.985")
        revision = syntec_revision(dt.date(2025, 9, 1), revision_date=dt.date(2025, 12, 1))
        assert revision.coefficient == Decimal("1.022")
        linked = syntec_revision(
            dt.date(2023, 6, 1),
            base_month=(2021, 12),
            current_month=(2023, 4),
            junction="continue_old",
        )
        assert linked.base_index == Decimal("271.684675")
        assert linked.coefficient == Decimal("1.095")
        assert linked.apply(Decimal("1350.00")) == Decimal("1478.25")


# --------------------------------------------------------------------------- syntec.md §5.1


def test_e1_juristique_ten_thousand_euros() -> None:
    # P1 = P0 × S1/S0 (no fixed part), S0 = Nov 2012, S1 = Nov 2013, revision on 1 Jan 2014.
    assert SYNTEC.known_on(dt.date(2014, 1, 1)) == (2013, 11)
    s0, s1 = SYNTEC.value(2012, 11), SYNTEC.value(2013, 11)
    assert (s0, s1) == (Decimal("242.6"), Decimal("245.6"))
    exact = exact_coefficient(s0, s1, fixed_part=0)
    assert to_cents(10000 * exact) == Decimal("10123.66")  # the source rounds % first: 10 124
    assert revise_price(Decimal("10000"), s0, s1, fixed_part=0) == Decimal("10130.00")


def test_e2_intendancezone() -> None:
    exact = exact_coefficient("280", "294.60")
    assert to_cents(1767 * exact) == Decimal("1845.32")  # the source's unrounded result
    assert str(float(exact))[:9] == "1.0443214"
    assert revision_coefficient("280", "294.60") == Decimal("1.045")
    assert revise_price(Decimal("1767"), "280", "294.60") == Decimal("1846.52")


@pytest.mark.parametrize(
    ("rounding", "expected"), [("ceiling", "1.066"), ("half_up", "1.065"), ("down", "1.065")]
)
def test_e3_three_readings_of_millieme_superieur(rounding: str, expected: str) -> None:
    exact = exact_coefficient("121.2", "130.5")
    assert math.floor(exact * 10**8) == 106522277  # the supplier's 1,065223, unrounded
    assert revision_coefficient("121.2", "130.5", rounding=rounding) == Decimal(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fixed_part", "expected"),
    [("0.15", "1.085"), ("0.125", "1.088"), ("0.30", "1.070"), ("0", "1.100"), ("1", "1.000")],
)
def test_e5_fixed_parts(fixed_part: str, expected: str) -> None:
    assert revision_coefficient(100, 110, fixed_part=Decimal(fixed_part)) == Decimal(expected)


def test_e6_multiply_new_reproduces_juristique_october_2025() -> None:
    revision = syntec_revision(
        dt.date(2025, 12, 1),
        base_month=(2021, 12),
        current_month=(2025, 10),
        junction="multiply_new",
    )
    assert revision.current.value == Decimal("322.2")
    assert revision.current_index == Decimal("315.67545")
    assert revision.current_index.quantize(Decimal("0.1"), decimal.ROUND_HALF_UP) == Decimal(
        "315.7"
    )


def test_e6_january_2025_corrected_value_is_the_sources_error() -> None:
    # juristique's 308.4 is December 2024 × K, not January 2025 × K (syntec.md §2.4 #1).
    assert SYNTEC.value(2025, 1) * LINK_COEFFICIENT == Decimal("308.817200")
    assert (SYNTEC.value(2024, 12) * LINK_COEFFICIENT).quantize(Decimal("0.1")) == Decimal("308.4")


# --------------------------------------------------------------------------- properties


fixed_parts = st.sampled_from([Decimal("0.15"), Decimal("0.125"), Decimal("0.30"), Decimal(0)])
roundings = st.sampled_from(["ceiling", "half_up", "down"])


@given(index_values(), index_values(), fixed_parts)
def test_ceiling_is_the_smallest_thousandth_at_or_above(
    base: Decimal, current: Decimal, fixed: Decimal
) -> None:
    exact = exact_coefficient(base, current, fixed_part=fixed)
    coefficient = Fraction(revision_coefficient(base, current, fixed_part=fixed))
    assert exact <= coefficient < exact + THOUSANDTH
    assert coefficient * 1000 == int(coefficient * 1000)


@given(index_values(), index_values(), fixed_parts, roundings)
def test_matches_the_reference(base: Decimal, current: Decimal, fixed: Decimal, mode: str) -> None:
    expected = reference_coefficient(base, current, fixed, mode)
    assert revision_coefficient(base, current, fixed_part=fixed, rounding=mode) == expected  # type: ignore[arg-type]


@given(index_values(), index_values(), fixed_parts)
def test_other_modes_bounds(base: Decimal, current: Decimal, fixed: Decimal) -> None:
    exact = exact_coefficient(base, current, fixed_part=fixed)
    down = Fraction(revision_coefficient(base, current, fixed_part=fixed, rounding="down"))
    nearest = Fraction(revision_coefficient(base, current, fixed_part=fixed, rounding="half_up"))
    assert exact - THOUSANDTH < down <= exact
    assert abs(nearest - exact) <= THOUSANDTH / 2


@given(index_values(), fixed_parts, roundings)
def test_equal_indices_give_one(index: Decimal, fixed: Decimal, mode: str) -> None:
    assert revision_coefficient(index, index, fixed_part=fixed, rounding=mode) == Decimal("1.000")  # type: ignore[arg-type]


@given(index_values(), index_values(), index_values(), fixed_parts)
def test_monotonic_in_the_current_index(
    base: Decimal, low: Decimal, high: Decimal, fixed: Decimal
) -> None:
    low, high = min(low, high), max(low, high)
    assert revision_coefficient(base, low, fixed_part=fixed) <= revision_coefficient(
        base, high, fixed_part=fixed
    )


@given(st.integers(1, 50), st.integers(1, 2000), roundings)
def test_exact_thousandths_are_not_bumped(multiple: int, tenths: int, mode: str) -> None:
    # base = 85 m and current = m j / 10 give C = 0.15 + j / 1000 exactly.
    base = Decimal(85 * multiple)
    current = Decimal(multiple * tenths).scaleb(-1)
    expected = Decimal(150 + tenths).scaleb(-3)
    assert revision_coefficient(base, current, rounding=mode) == expected  # type: ignore[arg-type]


@given(money("100000"), index_values(), index_values(), roundings)
def test_revise_price_is_price_times_coefficient_to_the_cent(
    price: Decimal, base: Decimal, current: Decimal, mode: str
) -> None:
    coefficient = revision_coefficient(base, current, rounding=mode)  # type: ignore[arg-type]
    expected = to_cents(Fraction(price) * Fraction(coefficient))
    assert revise_price(price, base, current, rounding=mode) == expected  # type: ignore[arg-type]


@given(money("100000"), index_values(), index_values(), fixed_parts, roundings)
def test_independent_of_the_ambient_context(
    price: Decimal, base: Decimal, current: Decimal, fixed: Decimal, mode: str
) -> None:
    calm = (
        revision_coefficient(base, current, fixed_part=fixed, rounding=mode),  # type: ignore[arg-type]
        revise_price(price, base, current, fixed_part=fixed, rounding=mode),  # type: ignore[arg-type]
    )
    with decimal.localcontext(hostile()):
        stormy = (
            revision_coefficient(base, current, fixed_part=fixed, rounding=mode),  # type: ignore[arg-type]
            revise_price(price, base, current, fixed_part=fixed, rounding=mode),  # type: ignore[arg-type]
        )
    assert calm == stormy


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (102.0, FloatMoneyError),
        (0, OutOfRangeError),
        ("0", OutOfRangeError),
        (Decimal("-1"), OutOfRangeError),
        (Decimal("NaN"), NonFiniteDecimalError),
        ("Infinity", NonFiniteDecimalError),
        ("abc", WrongTypeError),
        (None, WrongTypeError),
        (True, WrongTypeError),
        ([100], WrongTypeError),
    ],
)
def test_bad_index_refused(value: object, error: type[TermsError]) -> None:
    with pytest.raises(error, match="base_index"):
        revision_coefficient(value, "100")  # type: ignore[arg-type]
    with pytest.raises(error, match="current_index"):
        revise_price(Decimal("1"), "100", value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"fixed_part": Decimal("1.5")}, OutOfRangeError, "fixed_part"),
        ({"fixed_part": Decimal("-0.1")}, OutOfRangeError, "fixed_part"),
        ({"fixed_part": 0.15}, FloatMoneyError, "fixed_part"),
        ({"rounding": "up"}, InvalidArgumentError, "rounding"),
        ({"rounding": None}, InvalidArgumentError, "rounding"),
    ],
)
def test_bad_options_refused(kwargs: dict[str, object], error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        revision_coefficient("100", "101", **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("price", "error"),
    [(1350.0, FloatMoneyError), (Decimal("-1"), OutOfRangeError), ("1350", WrongTypeError)],
)
def test_bad_price_refused(price: object, error: type) -> None:
    with pytest.raises(error, match="price"):
        revise_price(price, "100", "101")  # type: ignore[arg-type]


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=True),
    st.text(max_size=5),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.tuples(st.integers(-3000, 3000), st.integers(-3, 15)),
    st.lists(st.integers(), max_size=2),
    st.dates(),
)


@given(junk, junk)
def test_junk_never_escapes_as_a_bare_error(first: object, second: object) -> None:
    try:
        mapping: object = {first: second}
    except TypeError:  # an unhashable key: pass the pairs, which with_values must refuse
        mapping = [(first, second)]
    calls = [
        lambda: revision_coefficient(first, second),  # type: ignore[arg-type]
        lambda: revise_price(first, "100", "101"),  # type: ignore[arg-type]
        lambda: SYNTEC.value(first, second),  # type: ignore[arg-type]
        lambda: SYNTEC[first],  # type: ignore[index]
        lambda: SYNTEC.known_on(first),  # type: ignore[arg-type]
        lambda: SYNTEC.publication_date(first, second),  # type: ignore[arg-type]
        lambda: SYNTEC.with_values(mapping, source="test"),
        lambda: base_month(first),  # type: ignore[arg-type]
        lambda: syntec_revision(first, revision_date=second),  # type: ignore[arg-type]
        lambda: revision_schedule(first, second, imposed_by_buyer=True),  # type: ignore[arg-type]
    ]
    for call in calls:
        with contextlib.suppress(TermsError):
            call()


# --------------------------------------------------------------------------- the snapshot


@pytest.mark.parametrize(
    ("month", "value", "series"),
    [
        ((2006, 1), "209.6", "historical"),
        ((2012, 11), "242.6", "historical"),
        ((2013, 11), "245.6", "historical"),
        ((2020, 2), "274.7", "historical"),
        ((2020, 3), "275.3", "historical"),  # re-actualised, not the frozen 274.7
        ((2020, 4), "275.1", "historical"),
        ((2020, 5), "275.2", "historical"),
        ((2020, 6), "274.9", "historical"),
        ((2020, 7), "274.9", "historical"),
        ((2020, 8), "274.4", "historical"),
        ((2020, 9), "275.2", "historical"),
        ((2020, 10), "274.4", "historical"),
        ((2020, 11), "274.8", "historical"),
        ((2022, 8), "280.6", "revised"),  # not the withdrawn old-series 286.4
        ((2023, 5), "302.7", "revised"),
        ((2023, 9), "306.0", "revised"),
        ((2024, 1), "310.5", "revised"),
        ((2024, 8), "314.1", "revised"),
        ((2025, 9), "321.7", "revised"),
        ((2025, 10), "322.2", "revised"),
    ],
)
def test_snapshot_values(month: tuple[int, int], value: str, series: str) -> None:
    assert SYNTEC.value(*month) == Decimal(value)
    assert SYNTEC[month].series == series
    assert SYNTEC[month].source.startswith("http")


def test_snapshot_shape() -> None:
    assert SYNTEC.as_of == dt.date(2025, 11, 28)
    assert len(SYNTEC) == 216
    months = list(SYNTEC)
    assert months == sorted(months)
    assert months[0] == (2006, 1)
    assert months[-1] == (2025, 10)
    assert all(SYNTEC[m].series == "historical" for m in months if m <= (2022, 7))
    assert all(SYNTEC[m].series == "revised" for m in months if m >= (2022, 8))
    assert SYNTEC[(2023, 5)].published_on == dt.date(2023, 6, 30)
    assert SYNTEC[(2024, 8)].published_on is None
    assert SYNTEC.to_records()[-1] == {
        "month": "2025-10",
        "value": Decimal("322.2"),
        "series": "revised",
        "published_on": dt.date(2025, 11, 28),
        "source": "https://www.juristique.org/en/news/syntec-index-october-2025",
        "origin": "bundled",
    }
    assert "<table>" in SYNTEC._repr_html_()
    assert "2025-09…2025-10" in repr(SYNTEC)


KNOWN_GAPS = [
    *[(2022, m) for m in range(1, 8)],
    *[(2022, m) for m in range(9, 13)],
    (2023, 12),
    (2024, 6),
    (2024, 7),
    (2024, 11),
    *[(2025, m) for m in range(2, 9)],
    (2025, 11),
    (2025, 12),
    (2026, 1),
]


@pytest.mark.parametrize("month", KNOWN_GAPS)
def test_known_gaps_are_absent_and_explained(month: tuple[int, int]) -> None:
    assert month not in SYNTEC
    assert SYNTEC.get(month) is None
    text = f"{month[0]:04d}-{month[1]:02d}"
    with pytest.raises(UnknownIndexMonthError, match=text) as caught:
        SYNTEC.value(*month)
    message = str(caught.value)
    assert "2006-01…2021-12" in message
    assert "as of 2025-11-28" in message
    assert "with_values" in message
    assert isinstance(caught.value, LookupError)


def test_snapshot_matches_the_csv() -> None:
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "shared" / "reference" / "syntec_values.csv"
    if not path.exists():  # pragma: no cover - the reference tree sits beside the repository
        pytest.skip(f"{path} is not available")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["series"] in ("historique", "revise")]
    assert len(rows) == len(SYNTEC)
    for row in rows:
        year, month = (int(part) for part in row["month"].split("-"))
        assert SYNTEC.value(year, month) == Decimal(row["value"])


@pytest.mark.parametrize(
    ("key", "error"),
    [((2025, 13), OutOfRangeError), ("2025-07", WrongTypeError), ((2025,), WrongTypeError)],
)
def test_bad_month_keys(key: object, error: type) -> None:
    with pytest.raises(error):
        SYNTEC[key]  # type: ignore[index]
    assert key not in SYNTEC
    assert SYNTEC.get(key, "absent") == "absent"  # type: ignore[arg-type]
    assert SYNTEC.get([2025, 7], "absent") == "absent"  # type: ignore[arg-type]


def test_with_values_adds_without_touching_the_snapshot() -> None:
    extended = SYNTEC.with_values(
        {(2025, 7): Decimal("321.0"), (2022, 7): "286.0"},
        source="test",
        published_on={(2025, 7): dt.date(2025, 8, 29)},
    )
    assert extended.value(2025, 7) == Decimal("321.0")
    assert extended[(2025, 7)].series == "revised"
    assert extended[(2022, 7)].series == "historical"
    assert extended[(2025, 7)].published_on == dt.date(2025, 8, 29)
    assert (2025, 7) not in SYNTEC
    assert len(extended) == len(SYNTEC) + 2
    # the same value again is accepted; a different one needs replace=True
    assert SYNTEC.with_values({(2024, 8): "314.1"}, source="again").value(2024, 8) == Decimal(
        "314.1"
    )
    with pytest.raises(InvalidArgumentError, match="replace=True"):
        SYNTEC.with_values({(2024, 8): "314.2"}, source="typo")
    replaced = SYNTEC.with_values({(2024, 8): "314.2"}, source="erratum", replace=True)
    assert replaced.value(2024, 8) == Decimal("314.2")
    assert replaced[(2024, 8)].source == "erratum"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"values": {(2025, 7): 321.0}, "source": "x"}, FloatMoneyError),
        ({"values": {(2025, 7): "321"}, "source": ""}, InvalidArgumentError),
        ({"values": [((2025, 7), "321")], "source": "x"}, WrongTypeError),
        ({"values": {(2025, 7): "321"}, "source": "x", "series": "new"}, InvalidArgumentError),
        (
            {
                "values": {(2025, 7): "321"},
                "source": "x",
                "published_on": {(2025, 6): dt.date(2025, 8, 1)},
            },
            InvalidArgumentError,
        ),
        (
            {
                "values": {(2025, 7): "321"},
                "source": "x",
                "published_on": {(2025, 7): dt.date(2025, 7, 31)},
            },
            InvalidArgumentError,
        ),
    ],
)
def test_with_values_refusals(kwargs: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        SYNTEC.with_values(**kwargs)  # type: ignore[arg-type]


def test_series_of_and_value_objects() -> None:
    mine = SyntecSeries.of({(2024, 8): 100, (2025, 7): "103.2"}, source="test", series="revised")
    assert mine.value(2025, 7) == Decimal("103.2")
    assert mine.as_of is None
    with pytest.raises(InvalidArgumentError, match="two values"):
        SyntecSeries(entries=[*mine.entries, mine[(2024, 8)]])
    with pytest.raises(WrongTypeError):
        SyntecSeries(entries=[(2024, 8)])  # type: ignore[list-item]
    with pytest.raises(OutOfRangeError):
        IndexValue(year=2024, month_number=13, value=Decimal(1), series="revised", source="x")
    with pytest.raises(FloatMoneyError):
        IndexValue(year=2024, month_number=1, value=1.0, series="revised", source="x")  # type: ignore[arg-type]


def test_pickling_and_hashing() -> None:
    copy = pickle.loads(pickle.dumps(SYNTEC))
    assert copy == SYNTEC
    assert hash(copy) == hash(SYNTEC)
    assert copy.value(2025, 10) == Decimal("322.2")
    revision = syntec_revision(dt.date(2025, 9, 1), revision_date=dt.date(2025, 12, 1))
    assert pickle.loads(pickle.dumps(revision)) == revision


# --------------------------------------------------------------------------- publication


OBSERVED = {
    (2019, 1): dt.date(2019, 2, 28),
    (2019, 4): dt.date(2019, 5, 29),
    (2020, 1): dt.date(2020, 2, 29),
    (2020, 6): dt.date(2020, 7, 31),
    (2021, 6): dt.date(2021, 7, 30),
    (2021, 8): dt.date(2021, 9, 30),
    (2022, 8): dt.date(2022, 9, 30),
    (2023, 1): dt.date(2023, 2, 28),
    (2023, 2): dt.date(2023, 3, 31),
    (2023, 3): dt.date(2023, 4, 28),
    (2023, 4): dt.date(2023, 5, 31),
    (2023, 5): dt.date(2023, 6, 30),
    (2023, 6): dt.date(2023, 7, 31),
    (2023, 7): dt.date(2023, 8, 31),
    (2023, 8): dt.date(2023, 9, 29),
    (2023, 9): dt.date(2023, 10, 31),
    (2023, 10): dt.date(2023, 11, 30),
    (2023, 11): dt.date(2023, 12, 29),
    (2024, 9): dt.date(2024, 10, 31),
    (2025, 1): dt.date(2025, 2, 28),
    (2025, 10): dt.date(2025, 11, 28),
}


def test_observed_dates_and_the_rule() -> None:
    # syntec.md §4.2: the rule matches 19 of the 21 observed dates.
    for month, published in OBSERVED.items():
        assert SYNTEC.publication_date(*month) == published
    mismatches = {m for m, d in OBSERVED.items() if publication_rule_date(*m) != d}
    assert mismatches == {(2019, 4), (2020, 1)}


@given(st.integers(2000, 2099), st.integers(1, 12))
def test_rule_is_the_last_working_day_of_the_next_month(year: int, month: int) -> None:
    hours = BusinessHours.comelus()
    published = publication_rule_date(year, month)
    assert hours.is_working_day(published)
    assert (published.year, published.month) == ((year, month + 1) if month < 12 else (year + 1, 1))
    day = published + dt.timedelta(days=1)
    while day.month == published.month:
        assert not hours.is_working_day(day)
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "known", "why"),
    [
        (dt.date(2025, 8, 28), (2025, 6), "July is published on Friday 29 August"),
        (dt.date(2025, 8, 29), (2025, 7), "publication day"),
        (dt.date(2025, 8, 31), (2025, 7), "weekend after"),
        (dt.date(2025, 9, 1), (2025, 7), "the ComElus anniversary"),
        (dt.date(2025, 9, 29), (2025, 7), "August is published on Tuesday 30 September"),
        (dt.date(2025, 9, 30), (2025, 8), "publication day"),
        (dt.date(2025, 11, 27), (2025, 9), "the day before the observed publication"),
        (dt.date(2025, 11, 28), (2025, 10), "observed publication, Friday 28 November"),
        (dt.date(2026, 1, 1), (2025, 11), "syntec.md §4.3's example"),
        (dt.date(2004, 5, 27), (2004, 3), "Whit Monday 31 May 2004 moves April's to the 28th"),
        (dt.date(2004, 5, 28), (2004, 4), "the last working day of May 2004"),
        (dt.date(2019, 5, 28), (2019, 3), "the day before the observed early publication"),
        (dt.date(2019, 5, 29), (2019, 4), "observed: before Ascension and its bridge day"),
        (dt.date(2020, 2, 28), (2019, 12), "observed 29 February 2020 (as the source says)"),
        (dt.date(2014, 1, 1), (2013, 11), "juristique's E1"),
    ],
)
def test_known_on(day: dt.date, known: tuple[int, int], why: str) -> None:
    assert SYNTEC.known_on(day) == known, why


def test_known_on_by_the_rule_alone() -> None:
    assert SYNTEC.known_on(dt.date(2019, 5, 29), publication="rule") == (2019, 3)
    assert SYNTEC.known_on(dt.date(2020, 2, 28), publication="rule") == (2020, 1)
    with pytest.raises(InvalidArgumentError, match="publication"):
        SYNTEC.known_on(dt.date(2020, 2, 28), publication="guess")  # type: ignore[arg-type]


@given(dates(dt.date(2001, 1, 1), dt.date(2098, 12, 31)), st.sampled_from(["observed", "rule"]))
def test_known_on_properties(day: dt.date, publication: str) -> None:
    known = SYNTEC.known_on(day, publication=publication)  # type: ignore[arg-type]
    assert SYNTEC.publication_date(*known, publication=publication) <= day  # type: ignore[arg-type]
    following = (known[0], known[1] + 1) if known[1] < 12 else (known[0] + 1, 1)
    assert SYNTEC.publication_date(*following, publication=publication) > day  # type: ignore[arg-type]
    lag = (day.year * 12 + day.month) - (known[0] * 12 + known[1])
    assert lag in (1, 2)
    later = SYNTEC.known_on(day + dt.timedelta(days=1), publication=publication)  # type: ignore[arg-type]
    assert later >= known


def test_known_on_refuses_datetimes_and_far_years() -> None:
    with pytest.raises(WrongTypeError, match="day"):
        SYNTEC.known_on(dt.datetime(2025, 9, 1, tzinfo=dt.UTC))
    with pytest.raises(OutOfRangeError):
        SYNTEC.known_on(dt.date(1, 1, 1))


# --------------------------------------------------------------------------- months from dates


@pytest.mark.parametrize(
    ("anniversary", "m0"),
    [
        (dt.date(2025, 9, 1), (2024, 8)),
        (dt.date(2026, 9, 1), (2025, 8)),
        (dt.date(2027, 9, 1), (2026, 8)),
        (dt.date(2025, 1, 1), (2023, 12)),
        (dt.date(2024, 2, 29), (2023, 1)),  # previous year starts 2023-02-28
    ],
)
def test_base_month(anniversary: dt.date, m0: tuple[int, int]) -> None:
    assert base_month(anniversary) == m0


def test_comelus_2025_needs_july_2025_which_the_snapshot_lacks() -> None:
    with pytest.raises(UnknownIndexMonthError) as caught:
        syntec_revision(dt.date(2025, 9, 1))
    message = str(caught.value)
    assert message.startswith("Syn(n) is 2025-07 (the latest index published on 2025-09-01")
    assert "2025-08-29" in message
    assert "with_values" in message


def test_comelus_2025_with_a_supplied_july_value() -> None:
    series = SYNTEC.with_values({(2025, 7): "321.0"}, source="test value")
    revision = syntec_revision(dt.date(2025, 9, 1), series=series)
    assert (revision.base_month, revision.current_month) == ((2024, 8), (2025, 7))
    assert revision.junction is None
    expected = Fraction("0.15") + Fraction("0.85") * Fraction("321.0") / Fraction("314.1")
    assert revision.exact_coefficient == expected
    assert revision.coefficient == Decimal(str(float(ceil_thousandth(expected))))
    assert revision.coefficient == Decimal("1.019")


def test_comelus_2025_notified_on_1_december() -> None:
    revision = syntec_revision(dt.date(2025, 9, 1), revision_date=dt.date(2025, 12, 1))
    assert revision.current_month == (2025, 10)
    assert revision.current.value == Decimal("322.2")
    assert revision.coefficient == Decimal("1.022")
    assert "observed" in revision.current_month_reason(lang="en")
    assert "2024-09-01" in revision.base_month_reason(lang="en")
    assert [revision.apply(p) for _, p in COMELUS_PRICES] == [
        Decimal("664.30"),
        Decimal("306.60"),
        Decimal("153.30"),
        Decimal("255.50"),
    ]
    text = revision.explain(lang="en")
    assert "Syn(o) = 2024-08 = 314.1" in text
    assert "Syn(n) = 2025-10 = 322.2" in text
    assert "→ 1.022 (ceiling)" in text


def test_explicit_months_override_the_dates() -> None:
    revision = syntec_revision(dt.date(2025, 9, 1), base_month=(2024, 9), current_month=(2025, 9))
    assert (revision.base.value, revision.current.value) == (Decimal("314.5"), Decimal("321.7"))
    assert revision.base_month_reason(lang="en") == "given explicitly (base_month)"
    assert revision.current_month_reason(lang="en") == "given explicitly (current_month)"
    with pytest.raises(WrongTypeError, match="base_month"):
        syntec_revision(dt.date(2025, 9, 1), base_month="2024-09")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the 2022 junction


def straddling(junction: str | None) -> object:
    return syntec_revision(
        dt.date(2023, 6, 1),
        base_month=(2021, 12),
        current_month=(2023, 4),
        junction=junction,  # type: ignore[arg-type]
    )


def test_junction_must_be_chosen_when_straddled() -> None:
    with pytest.raises(InvalidArgumentError, match=r"continue_old.*multiply_new"):
        straddling(None)
    with pytest.raises(InvalidArgumentError, match="junction"):
        straddling("divide")


def test_junction_continue_old() -> None:
    revision = straddling("continue_old")
    old, new = Fraction("277.3"), Fraction("301.9")
    assert revision.junction == "continue_old"  # type: ignore[attr-defined]
    assert revision.base_index == Decimal("271.684675")  # type: ignore[attr-defined]
    assert revision.current_index == Decimal("301.9")  # type: ignore[attr-defined]
    # multiplying the old base by K is continuing the old series (dividing the new value by K)
    expected = Fraction("0.15") + Fraction("0.85") * (new / K) / old
    assert revision.exact_coefficient == expected  # type: ignore[attr-defined]
    assert revision.coefficient == Decimal("1.095")  # type: ignore[attr-defined]


def test_junction_multiply_new() -> None:
    revision = straddling("multiply_new")
    old, new = Fraction("277.3"), Fraction("301.9")
    assert revision.current_index == Decimal("295.786525")  # type: ignore[attr-defined]
    expected = Fraction("0.15") + Fraction("0.85") * (new * K) / old
    assert revision.exact_coefficient == expected  # type: ignore[attr-defined]
    assert revision.coefficient == Decimal("1.057")  # type: ignore[attr-defined]


def test_the_two_readings_differ_by_k_squared() -> None:
    chain = straddling("continue_old")
    literal = straddling("multiply_new")
    ratio_chain = Fraction(chain.current_index) / Fraction(chain.base_index)  # type: ignore[attr-defined]
    ratio_literal = Fraction(literal.current_index) / Fraction(literal.base_index)  # type: ignore[attr-defined]
    assert ratio_literal / ratio_chain == K * K


def test_continue_old_reproduces_the_withdrawn_august_2022_value() -> None:
    # K = 280.6 / 286.4: the revised August 2022 value continues the old series at 286.40.
    assert round(Fraction("280.6") / K, 2) == Fraction("286.40")


@pytest.mark.parametrize("junction", [None, "continue_old", "multiply_new"])
def test_no_link_within_one_series(junction: str | None) -> None:
    revision = syntec_revision(
        dt.date(2025, 9, 1),
        base_month=(2023, 1),
        current_month=(2025, 10),
        junction=junction,  # type: ignore[arg-type]
    )
    assert revision.junction is None
    assert revision.coefficient == revision_coefficient("293.9", "322.2")
    historical = syntec_revision(
        dt.date(2021, 9, 1),
        base_month=(2020, 8),
        current_month=(2021, 7),
        junction=junction,  # type: ignore[arg-type]
    )
    assert historical.junction is None


def test_revised_base_with_historical_current_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="after the base month"):
        syntec_revision(dt.date(2023, 6, 1), base_month=(2023, 4), current_month=(2021, 12))


# --------------------------------------------------------------------------- schedules


SERIES = SyntecSeries.of(
    {
        (2024, 8): "100",
        (2025, 7): "103.2",
        (2025, 8): "104",
        (2026, 7): "98.7",
        (2026, 8): "99",
        (2027, 7): "102",
    },
    source="test series",
)


def test_chained_schedule() -> None:
    schedule = revision_schedule(
        COMELUS_ANNIVERSARIES, COMELUS_PRICES, imposed_by_buyer=True, series=SERIES
    )
    assert schedule.basis == "chained"
    first, second, third = schedule.rows
    assert first.revision is not None
    assert second.revision is not None
    assert third.revision is not None
    assert (first.revision.base_month, first.revision.current_month) == ((2024, 8), (2025, 7))
    assert (second.revision.base_month, second.revision.current_month) == ((2025, 8), (2026, 7))
    assert (third.revision.base_month, third.revision.current_month) == ((2026, 8), (2027, 7))
    assert first.revision.coefficient == Decimal("1.028")
    assert dict(first.prices) == {
        "usage": Decimal("668.20"),
        "traffic": Decimal("308.40"),
        "storage": Decimal("154.20"),
        "support": Decimal("257.00"),
    }
    assert first.total == Decimal("1387.80")
    # each year from the previous year's rounded prices, against that year's M0
    previous = dict(COMELUS_PRICES)
    for row, (m0, mn) in zip(
        schedule.rows, [("100", "103.2"), ("104", "98.7"), ("99", "102")], strict=True
    ):
        c = ceil_thousandth(Fraction("0.15") + Fraction("0.85") * Fraction(mn) / Fraction(m0))
        expected = {label: to_cents(Fraction(p) * c) for label, p in previous.items()}
        assert dict(row.prices) == expected
        previous = expected


def test_fixed_base_schedule() -> None:
    schedule = revision_schedule(
        COMELUS_ANNIVERSARIES,
        COMELUS_PRICES,
        imposed_by_buyer=True,
        series=SERIES,
        basis="fixed_base",
    )
    coefficients = [row.revision.coefficient for row in schedule.rows]  # type: ignore[union-attr]
    assert coefficients == [Decimal("1.028"), Decimal("0.989"), Decimal("1.017")]
    assert [row.revision.base_month for row in schedule.rows] == [(2024, 8)] * 3  # type: ignore[union-attr]
    assert "fixed base" in schedule.rows[1].revision.base_month_reason(lang="en")  # type: ignore[union-attr]
    assert [row.total for row in schedule.rows] == [
        Decimal("1387.80"),
        Decimal("1335.15"),
        Decimal("1372.95"),
    ]


def test_not_imposed_keeps_prices_firm() -> None:
    schedule = revision_schedule(COMELUS_ANNIVERSARIES, COMELUS_PRICES, imposed_by_buyer=False)
    assert [row.revision for row in schedule.rows] == [None, None, None]
    assert all(row.prices == COMELUS_PRICES for row in schedule.rows)
    record = schedule.to_records()[0]
    assert record["coefficient"] is None
    assert record["total"] == Decimal("1350.00")
    with pytest.raises(WrongTypeError, match="imposed_by_buyer"):
        revision_schedule(COMELUS_ANNIVERSARIES, COMELUS_PRICES, imposed_by_buyer="yes")  # type: ignore[arg-type]


def test_schedule_records_and_html() -> None:
    schedule = revision_schedule(
        (dt.date(2025, 9, 1),),
        {"usage": Decimal("650.00"), "support": Decimal("250.00")},
        imposed_by_buyer=True,
        series=SERIES,
    )
    assert schedule.to_records() == [
        {
            "anniversary": dt.date(2025, 9, 1),
            "revision_date": dt.date(2025, 9, 1),
            "base_month": "2024-08",
            "base_value": Decimal("100"),
            "current_month": "2025-07",
            "current_value": Decimal("103.2"),
            "junction": None,
            "exact_coefficient": Fraction("1.0272"),
            "coefficient": Decimal("1.028"),
            "usage": Decimal("668.20"),
            "support": Decimal("257.00"),
            "total": Decimal("925.20"),
        }
    ]
    page = schedule._repr_html_()
    assert page.startswith("<table>")
    assert "<td>1,0272</td>" in page  # French by default (issue 16)
    assert "<td>668,20\u00a0€</td>" in page


def test_schedule_overrides_per_anniversary() -> None:
    schedule = revision_schedule(
        (dt.date(2025, 9, 1), dt.date(2026, 9, 1)),
        COMELUS_PRICES,
        imposed_by_buyer=True,
        series=SERIES,
        revision_dates={dt.date(2025, 9, 1): dt.date(2025, 9, 30)},
        current_months={dt.date(2026, 9, 1): (2026, 8)},
    )
    first, second = (row.revision for row in schedule.rows)
    assert first is not None
    assert second is not None
    assert first.current_month == (2025, 8)  # August is published on 30 September 2025
    assert second.current_month == (2026, 8)


@pytest.mark.parametrize(
    ("args", "kwargs", "error"),
    [
        (((dt.date(2026, 9, 1), dt.date(2025, 9, 1)), COMELUS_PRICES), {}, EndBeforeStartError),
        (((), COMELUS_PRICES), {}, InvalidArgumentError),
        ((dt.date(2025, 9, 1), COMELUS_PRICES), {}, WrongTypeError),
        ((COMELUS_ANNIVERSARIES, {"usage": 650.0}), {}, FloatMoneyError),
        (
            (COMELUS_ANNIVERSARIES, [("usage", Decimal(1)), ("usage", Decimal(2))]),
            {},
            InvalidArgumentError,
        ),
        ((COMELUS_ANNIVERSARIES, [("usage",)]), {}, WrongTypeError),
        ((COMELUS_ANNIVERSARIES, []), {}, InvalidArgumentError),
        ((COMELUS_ANNIVERSARIES, "usage"), {}, WrongTypeError),
        ((COMELUS_ANNIVERSARIES, COMELUS_PRICES), {"basis": "compound"}, InvalidArgumentError),
        (
            (COMELUS_ANNIVERSARIES, COMELUS_PRICES),
            {"revision_dates": {dt.date(2025, 9, 2): dt.date(2025, 9, 2)}},
            InvalidArgumentError,
        ),
        (
            (COMELUS_ANNIVERSARIES, COMELUS_PRICES),
            {"series": {(2024, 8): Decimal(1)}},
            WrongTypeError,
        ),
    ],
)
def test_schedule_refusals(
    args: tuple[object, ...], kwargs: dict[str, object], error: type
) -> None:
    with pytest.raises(error):
        revision_schedule(*args, imposed_by_buyer=True, **kwargs)  # type: ignore[arg-type]


def test_comelus_schedule_from_the_snapshot_names_the_missing_month() -> None:
    with pytest.raises(UnknownIndexMonthError, match="Syn\\(n\\) is 2025-07"):
        revision_schedule(COMELUS_ANNIVERSARIES, COMELUS_PRICES, imposed_by_buyer=True)
