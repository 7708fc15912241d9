"""Tests of the Syntec price revision (contract §1.11; RULES.md §4, C7, C8; syntec.md)."""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import math
import time
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
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
from libriciel_terms.revision import (
    RevisionClause,
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
    SyntecSeries,
)
from tests.strategies import extreme_decimals, index_values, money

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
    """Slow, obviously correct: the exact rational value, rounded with integers only.

    (A 200-digit ``Decimal`` is not enough: 0.30 + 0.70 × 78.85 / 6.65 is exactly 8.6, but its
    200-digit quotient rounds to 8.6000…01, whose ceiling is 8.601.)
    """
    exact = Fraction(fixed) + (1 - Fraction(fixed)) * Fraction(current) / Fraction(base)
    thousandths = exact * 1000
    whole, rest = divmod(thousandths.numerator, thousandths.denominator)
    if (mode == "ceiling" and rest) or (mode == "half_up" and 2 * rest >= thousandths.denominator):
        whole += 1
    return Decimal(whole).scaleb(-3)


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
@example(Decimal("6.65"), Decimal("78.85"), Decimal("0.30"), "ceiling")  # exactly 8.600
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
    with pytest.raises(error, match=r"^base_index="):
        revision_coefficient(value, "100")  # type: ignore[arg-type]
    with pytest.raises(error, match=r"^current_index="):
        revise_price(Decimal("1"), "100", value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"fixed_part": Decimal("1.5")},
            OutOfRangeError,
            r"^fixed_part=Decimal\('1\.5'\) is above 1; pass a fixed part <= 1$",
        ),
        (
            {"fixed_part": Decimal("-0.1")},
            OutOfRangeError,
            r"^fixed_part=Decimal\('-0\.1'\) is below 0; pass a fixed part >= 0$",
        ),
        (
            {"fixed_part": 0.15},
            FloatMoneyError,
            r"^fixed_part=0\.15 is a float; pass the fixed part",
        ),
        ({"rounding": "up"}, InvalidArgumentError, r"^rounding='up' is not one of 'ceiling', "),
        ({"rounding": None}, InvalidArgumentError, r"^rounding=None is not one of"),
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
    with pytest.raises(error, match=r"^price="):
        revise_price(price, "100", "101")  # type: ignore[arg-type]
    revision = syntec_revision(dt.date(2025, 9, 1), revision_date=dt.date(2025, 12, 1))
    with pytest.raises(error, match=r"^price="):
        revision.apply(price)  # type: ignore[arg-type]


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


# --------------------------------------------------------------------------- the clause


def test_the_comelus_clause_holds_the_templates_figures() -> None:
    clause = RevisionClause.comelus()
    assert clause == RevisionClause()
    assert (clause.fixed_part, clause.rounding, clause.imposed_by_buyer) == (
        Decimal("0.15"),
        "ceiling",
        False,
    )
    assert (clause.basis, clause.junction, clause.publication) == ("chained", None, "observed")
    assert clause.index is SYNTEC


def test_clause_methods_and_per_call_overrides() -> None:
    clause = RevisionClause(fixed_part="0.125", rounding="down")
    assert clause.fixed_part == Decimal("0.125")
    assert clause.coefficient(100, 110) == revision_coefficient(
        100, 110, fixed_part=Decimal("0.125"), rounding="down"
    )
    assert clause.coefficient(100, 110, fixed_part=0, rounding="ceiling") == Decimal("1.100")
    assert clause.revised_price(Decimal("1000"), 100, 110) == Decimal("1087.00")
    assert clause.revised_price(Decimal("1000"), 100, 110, rounding="half_up") == Decimal("1088.00")
    revision = clause.revision(dt.date(2025, 9, 1), revision_date=dt.date(2025, 12, 1))
    assert (revision.fixed_part, revision.rounding) == (Decimal("0.125"), "down")
    overridden = clause.revision(
        dt.date(2025, 9, 1),
        revision_date=dt.date(2025, 12, 1),
        fixed_part="0.15",
        rounding="ceiling",
    )
    assert overridden == syntec_revision(dt.date(2025, 9, 1), revision_date=dt.date(2025, 12, 1))
    assert clause.fixed_part == Decimal("0.125")  # the field is unchanged


def test_the_clause_schedule_follows_its_fields() -> None:
    firm = RevisionClause(index=SERIES)
    assert firm.schedule(COMELUS_ANNIVERSARIES, COMELUS_PRICES).imposed_by_buyer is False
    imposed = firm.schedule(COMELUS_ANNIVERSARIES, COMELUS_PRICES, imposed_by_buyer=True)
    assert imposed == revision_schedule(
        COMELUS_ANNIVERSARIES, COMELUS_PRICES, imposed_by_buyer=True, series=SERIES
    )
    fixed = RevisionClause(index=SERIES, imposed_by_buyer=True, basis="fixed_base")
    assert [row.total for row in fixed.schedule(COMELUS_ANNIVERSARIES, COMELUS_PRICES).rows] == [
        Decimal("1387.80"),
        Decimal("1335.15"),
        Decimal("1372.95"),
    ]
    chained = fixed.schedule(COMELUS_ANNIVERSARIES, COMELUS_PRICES, basis="chained")
    assert chained.basis == "chained"
    with pytest.raises(WrongTypeError, match=r"^imposed_by_buyer=1 is not a bool"):
        firm.schedule(COMELUS_ANNIVERSARIES, COMELUS_PRICES, imposed_by_buyer=1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"index": {}}, WrongTypeError, r"^index=\{\} is not a SyntecSeries; pass SYNTEC"),
        ({"fixed_part": 0.15}, FloatMoneyError, "^fixed_part=0.15 is a float"),
        ({"fixed_part": "1.01"}, OutOfRangeError, r"^fixed_part='1\.01' is above 1"),
        ({"rounding": "up"}, InvalidArgumentError, "^rounding='up' is not one of"),
        ({"imposed_by_buyer": None}, WrongTypeError, "^imposed_by_buyer=None is not a bool"),
        ({"basis": "compound"}, InvalidArgumentError, "^basis='compound'"),
        ({"junction": "both"}, InvalidArgumentError, "^junction='both'"),
        ({"publication": "guess"}, InvalidArgumentError, "^publication='guess'"),
    ],
)
def test_clause_fields_refused(kwargs: dict[str, object], error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        RevisionClause(**kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- explanations


def test_explain_in_french_and_in_english() -> None:
    revision = syntec_revision(dt.date(2025, 9, 1), revision_date=dt.date(2025, 12, 1))
    assert revision.explain() == (
        "révision au 1er décembre 2025 (anniversaire du 1er septembre 2025)\n"
        "Syn(o) = 2024-08 = 314,1 (révisé)\u00a0: M0, le mois précédant le 1er septembre 2024, début "
        "de l'année de maintenance précédente\n"
        "Syn(n) = 2025-10 = 322,2 (révisé)\u00a0: le dernier indice publié le 1er décembre 2025\u202f; il "
        "est paru le 28 novembre 2025 (date observée)\n"
        "pas de raccordement (les deux valeurs sont dans la même série)\n"
        "C = 0,15 + 0,85 × 322,2 / 314,1 = 1,0219197… → 1,022 (arrondi au millième supérieur)"
    )
    assert revision.explain(lang="en") == (
        "revision on 2025-12-01 (anniversary 2025-09-01)\n"
        "Syn(o) = 2024-08 = 314.1 (revised): M0, the month before 2024-09-01, when the previous "
        "maintenance year started\n"
        "Syn(n) = 2025-10 = 322.2 (revised): the latest index published on 2025-12-01; it came "
        "out on 2025-11-28, observed\n"
        "no link (both values in the same series)\n"
        "C = 0.15 + 0.85 × 322.2 / 314.1 = 1.0219197… → 1.022 (ceiling)"
    )
    with pytest.raises(InvalidArgumentError, match=r"^lang='de'"):
        revision.explain(lang="de")  # type: ignore[arg-type]


def test_explain_by_the_rule_and_other_roundings() -> None:
    by_rule = syntec_revision(
        dt.date(2025, 9, 1), revision_date=dt.date(2025, 12, 1), publication="rule", rounding="down"
    )
    assert not by_rule.current_publication_observed
    assert by_rule.current_month_reason() == (
        "le dernier indice publié le 1er décembre 2025 ; il est paru le 28 novembre 2025 "
        "(selon la règle : dernier jour ouvré du mois suivant)"
    )
    assert by_rule.current_month_reason(lang="en").endswith(
        "by the rule: last jour ouvré of the following month"
    )
    assert by_rule.explain().endswith("→ 1,021 (tronqué au millième)")
    assert by_rule.explain(lang="en").endswith("→ 1.021 (down)")
    nearest = syntec_revision(
        dt.date(2025, 9, 1), revision_date=dt.date(2025, 12, 1), rounding="half_up"
    )
    assert nearest.explain().endswith("(arrondi au millième le plus proche)")
    explicit = syntec_revision(dt.date(2025, 9, 1), base_month=(2024, 9), current_month=(2025, 9))
    assert explicit.base_month_reason() == "donné explicitement (base_month)"
    assert explicit.current_month_reason() == "donné explicitement (current_month)"
    assert (explicit.base_rule, explicit.current_rule) == ("explicit", "explicit")


@pytest.mark.parametrize(
    ("junction", "fr", "en"),
    [
        (
            "continue_old",
            "raccordement (prolonger l'ancienne série)\u00a0: Syn(o) × 0,97975 = 271,684675",
            "link continue_old: Syn(o) × 0.97975 = 271.684675",
        ),
        (
            "multiply_new",
            "raccordement (multiplier la nouvelle valeur)\u00a0: Syn(n) × 0,97975 = 295,786525",
            "link multiply_new: Syn(n) × 0.97975 = 295.786525",
        ),
    ],
)
def test_explain_across_the_junction(junction: str, fr: str, en: str) -> None:
    """Mutation note 12: the explanation of a revision across the 2022 junction."""
    revision = straddling(junction)
    assert revision.explain().splitlines()[3] == fr  # type: ignore[attr-defined]
    assert revision.explain(lang="en").splitlines()[3] == en  # type: ignore[attr-defined]
    assert "(historique)" in revision.explain()  # type: ignore[attr-defined]
    assert "(historical)" in revision.explain(lang="en")  # type: ignore[attr-defined]


def test_explain_ignores_the_ambient_decimal_context(hostile_decimal: decimal.Context) -> None:
    """Regression (issue 17): Revision.explain() depended on the ambient decimal context."""
    revision = straddling("continue_old")
    with decimal.localcontext(decimal.Context(prec=28)):
        calm = (revision.explain(), revision.explain(lang="en"), revision.to_text())  # type: ignore[attr-defined]
    with decimal.localcontext(hostile_decimal):
        assert (revision.explain(), revision.explain(lang="en"), revision.to_text()) == calm  # type: ignore[attr-defined]
        again = straddling("continue_old")
    assert again == revision


def test_a_revision_is_a_report() -> None:
    revision = syntec_revision(dt.date(2025, 9, 1), revision_date=dt.date(2025, 12, 1))
    assert [r["index"] for r in revision.to_records()] == ["Syn(o)", "Syn(n)"]
    assert revision.to_records()[1] == {
        "index": "Syn(n)",
        "month": "2025-10",
        "value": Decimal("322.2"),
        "series": "revised",
        "published_on": dt.date(2025, 11, 28),
        "source": "https://www.juristique.org/en/news/syntec-index-october-2025",
        "origin": "bundled",
    }
    assert revision.headline() == "Révision au 1er décembre 2025\u00a0: C = 1,022"
    assert revision.headline(lang="en") == "Revision on 2025-12-01: C = 1.022"
    text = revision.to_text()
    assert text.splitlines()[1].split() == [
        "indice",
        "mois",
        "valeur",
        "série",
        "publié",
        "le",
        "source",
        "origine",
    ]
    assert text.splitlines()[-1] == "• " + revision.explain().splitlines()[-1]
    assert (
        "<caption>Révision au 1er décembre 2025\u00a0: C = 1,022</caption>"
        in revision._repr_html_()
    )
    assert repr(revision).startswith("Revision(anniversary=datetime.date(2025, 9, 1), ")


def test_schedule_texts() -> None:
    schedule = revision_schedule(
        COMELUS_ANNIVERSARIES[:1], COMELUS_PRICES, imposed_by_buyer=True, series=SERIES
    )
    assert (
        schedule.headline()
        == "Révision Syntec imposée par l'acheteur, base chaînée\u00a0: 1 anniversaire"
    )
    assert (
        schedule.headline(lang="en")
        == "Syntec revision imposed by the buyer, chained basis: 1 anniversary"
    )
    assert schedule.notes(lang="en") == (
        "Computed with index values supplied by the user: explain() says which.",
    )
    assert schedule.explain() == schedule.rows[0].revision.explain()  # type: ignore[union-attr]
    lines = schedule.to_text().splitlines()
    assert lines[1].split()[:4] == ["anniversaire", "date", "de", "révision"]
    assert lines[2].endswith(
        "668,20\u00a0€  308,40\u00a0€  154,20\u00a0€  257,00\u00a0€  1\u202f387,80\u00a0€"
    )
    firm = revision_schedule(COMELUS_ANNIVERSARIES, COMELUS_PRICES, imposed_by_buyer=False)
    assert (
        firm.headline()
        == "Prix fermes (révision non imposée par l'acheteur)\u00a0: 3 anniversaires"
    )
    assert (
        firm.headline(lang="en")
        == "Firm prices (revision not imposed by the buyer): 3 anniversaries"
    )
    assert (
        firm.explain()
        == "Prix fermes et définitifs\u00a0: la révision n'est pas imposée par l'acheteur (§1.11, C8)."
    )
    assert (
        firm.explain(lang="en")
        == "Firm prices: the buyer does not impose the revision (§1.11, C8)."
    )
    assert firm.notes() == ()
    assert not firm.uses_user_values
    fixed = revision_schedule(
        COMELUS_ANNIVERSARIES,
        COMELUS_PRICES,
        imposed_by_buyer=True,
        series=SERIES,
        basis="fixed_base",
    )
    assert (
        fixed.headline(lang="en")
        == "Syntec revision imposed by the buyer, fixed base: 3 anniversaries"
    )
    assert (
        fixed.headline()
        == "Révision Syntec imposée par l'acheteur, base fixe\u00a0: 3 anniversaires"
    )
    assert fixed.rows[1].revision.base_month_reason() == (  # type: ignore[union-attr]
        "base fixe : M0 de la première révision (2024-08), le mois précédant le début du contrat"
    )
    linked = revision_schedule(
        (dt.date(2023, 1, 1),),
        {"x": Decimal("100.00")},
        imposed_by_buyer=True,
        current_months={dt.date(2023, 1, 1): (2022, 8)},
        junction="multiply_new",
        basis="fixed_base",
    )
    assert linked.to_records()[0]["junction"] == "multiply_new"
    assert "multiplier la nouvelle valeur" in linked.to_text()


def test_schedule_passes_the_publication_reading_on() -> None:
    """Mutation note 5: revision_schedule(publication="rule") reaches each revision."""
    day = dt.date(2019, 5, 29)  # April 2019 was published early that day (observed)
    prices = {"x": Decimal("100.00")}
    observed = revision_schedule((day,), prices, imposed_by_buyer=True)
    by_rule = revision_schedule((day,), prices, imposed_by_buyer=True, publication="rule")
    assert observed.rows[0].revision.current_month == (2019, 4)  # type: ignore[union-attr]
    assert by_rule.rows[0].revision.current_month == (2019, 3)  # type: ignore[union-attr]
    clause = RevisionClause(publication="rule", imposed_by_buyer=True)
    assert clause.schedule((day,), prices).rows[0].revision.current_month == (2019, 3)  # type: ignore[union-attr]
    assert clause.schedule((day,), prices, publication="observed").rows[
        0
    ].revision.current_month == (2019, 4)  # type: ignore[union-attr]


# --------------------------------------------------------------------------- money to the cent


def test_firm_prices_are_to_the_cent() -> None:
    """Regression (issue 17): the firm schedule returned 650.001 and an unrounded 650."""
    schedule = revision_schedule(
        COMELUS_ANNIVERSARIES[:1], {"usage": Decimal("650")}, imposed_by_buyer=False
    )
    ((label, amount),) = schedule.rows[0].prices
    assert (label, str(amount), str(schedule.rows[0].total)) == ("usage", "650.00", "650.00")
    assert schedule.initial_prices == (("usage", Decimal("650.00")),)
    with pytest.raises(
        InvalidArgumentError,
        match=r"^prices\['usage'\]=Decimal\('650\.001'\) has more than two decimals; a price of "
        r"the price list is in euros and cents: pass e\.g\. Decimal\('650\.00'\)$",
    ):
        revision_schedule(
            COMELUS_ANNIVERSARIES[:1], {"usage": Decimal("650.001")}, imposed_by_buyer=False
        )


@given(money("1000000"), index_values(), index_values())
def test_every_schedule_price_is_to_the_cent(
    price: Decimal, base: Decimal, current: Decimal
) -> None:
    series = SyntecSeries.of({(2024, 8): base, (2025, 7): current}, source="t")
    for imposed in (True, False):
        schedule = revision_schedule(
            COMELUS_ANNIVERSARIES[:1], {"p": price}, imposed_by_buyer=imposed, series=series
        )
        for _, amount in schedule.rows[0].prices:
            assert amount.as_tuple().exponent == -2
        assert schedule.rows[0].total.as_tuple().exponent == -2


def test_price_line_messages() -> None:
    with pytest.raises(WrongTypeError, match=r"^price label=3 is a int, not a str"):
        revision_schedule(COMELUS_ANNIVERSARIES, {3: Decimal(1)}, imposed_by_buyer=False)  # type: ignore[dict-item]
    with pytest.raises(InvalidArgumentError, match=r"^price label 'total' is repeated or reserved"):
        revision_schedule(COMELUS_ANNIVERSARIES, {"total": Decimal(1)}, imposed_by_buyer=False)
    with pytest.raises(InvalidArgumentError, match=r"^prices is empty"):
        revision_schedule(COMELUS_ANNIVERSARIES, {}, imposed_by_buyer=False)
    with pytest.raises(WrongTypeError, match=r"^prices holds \('usage',\), which is not a"):
        revision_schedule(COMELUS_ANNIVERSARIES, [("usage",)], imposed_by_buyer=False)  # type: ignore[list-item]
    with pytest.raises(WrongTypeError, match=r"^prices='usage' is not a mapping"):
        revision_schedule(COMELUS_ANNIVERSARIES, "usage", imposed_by_buyer=False)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"^anniversaries=datetime.date"):
        revision_schedule(dt.date(2025, 9, 1), COMELUS_PRICES, imposed_by_buyer=False)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match=r"^anniversaries is empty"):
        revision_schedule((), COMELUS_PRICES, imposed_by_buyer=False)
    with pytest.raises(WrongTypeError, match=r"^revision_dates=\[\] is not a mapping"):
        revision_schedule(
            COMELUS_ANNIVERSARIES, COMELUS_PRICES, imposed_by_buyer=True, revision_dates=[]
        )  # type: ignore[arg-type]
    with pytest.raises(
        InvalidArgumentError, match=r"^current_months has the key datetime.date\(2025, 9, 2\)"
    ):
        revision_schedule(
            COMELUS_ANNIVERSARIES,
            COMELUS_PRICES,
            imposed_by_buyer=True,
            current_months={dt.date(2025, 9, 2): (2025, 8)},
        )
    with pytest.raises(WrongTypeError, match=r"^series=\{\} is not a SyntecSeries"):
        syntec_revision(dt.date(2025, 9, 1), series={})  # type: ignore[arg-type]


# --------------------------------------------------------------------------- extreme values


@pytest.mark.parametrize(
    "value", [Decimal("1E-999999999"), Decimal("1E+999999999"), 10**60, Decimal("1E+40")]
)
def test_extreme_decimals_are_refused_fast(value: object) -> None:
    """Regression (issue 17): these hung for minutes or raised a bare InvalidOperation."""
    started = time.perf_counter()
    for call in (
        lambda: revision_coefficient(1, value),  # type: ignore[arg-type]
        lambda: revision_coefficient(value, 1),  # type: ignore[arg-type]
        lambda: exact_coefficient(1, value),  # type: ignore[arg-type]
        lambda: revise_price(value, 100, 101),  # type: ignore[arg-type]
        lambda: revise_price(Decimal(1), 100, value),  # type: ignore[arg-type]
        lambda: revision_coefficient(1, 2, fixed_part=value),  # type: ignore[arg-type]
    ):
        with pytest.raises(OutOfRangeError, match=r"outside the range accepted|is above"):
            call()
    assert time.perf_counter() - started < 1


def test_the_largest_accepted_values_compute() -> None:
    largest, smallest = Decimal("9" * 15), Decimal("1E-28")
    assert revision_coefficient(smallest, largest, rounding="down") == Decimal(
        "8499999999999991500000000000000000000000000.150"  # 0.15 + 0.85 × (10**15 - 1) × 10**28
    )
    assert revise_price(Decimal(10**12), smallest, largest) > 0
    assert revision_coefficient(largest, smallest) == Decimal("0.151")


@settings(max_examples=300)
@given(extreme_decimals(), extreme_decimals(), extreme_decimals())
def test_money_functions_on_extreme_values(a: object, b: object, c: object) -> None:
    """Every money function of the module: a TermsError or a result, within a second."""
    calls = [
        lambda: revision_coefficient(a, b, fixed_part=c),  # type: ignore[arg-type]
        lambda: exact_coefficient(a, b),  # type: ignore[arg-type]
        lambda: revise_price(a, b, c),  # type: ignore[arg-type]
        lambda: RevisionClause().revised_price(a, b, c),  # type: ignore[arg-type]
        lambda: revision_schedule(COMELUS_ANNIVERSARIES[:1], {"p": a}, imposed_by_buyer=False),  # type: ignore[dict-item]
        lambda: SYNTEC.with_values({(2025, 7): a}, source="x"),  # type: ignore[dict-item]
    ]
    for call in calls:
        started = time.perf_counter()
        try:
            result = call()
        except TermsError:
            pass
        else:
            assert result is not None
        assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: base_month(dt.date(1900, 6, 1)), OutOfRangeError, r"^anniversary\.year=1900 is below 1901"),
        (lambda: base_month("2025-09-01"), WrongTypeError, r"^anniversary='2025-09-01' is a str"),
        (lambda: syntec_revision(dt.date(2025, 9, 1), revision_date=dt.date(2200, 1, 1)),
         OutOfRangeError, r"^revision_date\.year=2200 is above 2199"),
        (lambda: syntec_revision(dt.date(2025, 9, 1), revision_date="x"), WrongTypeError, r"^revision_date='x'"),
        (lambda: syntec_revision(dt.date(2025, 9, 1), base_month="2024-09"), WrongTypeError,
         r"^base_month='2024-09' is not a \(year, month\) pair"),
        (lambda: syntec_revision(dt.date(2025, 9, 1), current_month=(2025, 13)), OutOfRangeError,
         r"^current_month\[1\]=13 is above 12"),
        (lambda: syntec_revision(dt.date(2025, 9, 1), base_month=(1800, 1)), OutOfRangeError,
         r"^base_month\[0\]=1800 is below 1900"),
        (lambda: syntec_revision(dt.date(2023, 6, 1), base_month=(2023, 4), current_month=(2021, 12)),
         InvalidArgumentError,
         r"^Syn\(o\) 2023-04 is in the revised series but Syn\(n\) 2021-12 in the historical one; "
         r"pass a current month after the base month$"),
        (lambda: syntec_revision(dt.date(2023, 6, 1), base_month=(2021, 12), current_month=(2023, 4)),
         InvalidArgumentError,
         r"^M0 2021-12 is in the historical series and Syn\(n\) 2023-04 in the revised one, so the "
         r"0\.97975 link applies and its two readings differ by about 4 %; pass "
         r"junction='continue_old' \(the link's definition, 280\.6/286\.4: Syn\(o\) × 0\.97975\) or "
         r"junction='multiply_new' \(the clause's wording: Syn\(n\) × 0\.97975\)$"),
        (lambda: syntec_revision(dt.date(2025, 9, 1), base_month=(2024, 7), current_month=(2025, 9)),
         UnknownIndexMonthError,
         r"^Syn\(o\) is 2024-07 \(given explicitly \(base_month\)\), but the Syntec index of "
         r"2024-07 is not in this series"),
        (lambda: syntec_revision(dt.date(2025, 9, 1), current_month=(2025, 8)),
         UnknownIndexMonthError,
         r"^Syn\(n\) is 2025-08 \(given explicitly \(current_month\)\), but the Syntec index of"),
        (lambda: syntec_revision(dt.date(2026, 9, 1)), UnknownIndexMonthError,
         r"^Syn\(o\) is 2025-08 \(M0, the month before 2025-09-01, when the previous maintenance "
         r"year started\), but the Syntec index of 2025-08 is not in this series"),
        (lambda: revision_schedule((dt.date(2026, 9, 1), dt.date(2025, 9, 1)), COMELUS_PRICES,
                                   imposed_by_buyer=False),
         EndBeforeStartError,
         r"^anniversaries\[i\+1\]=datetime\.date\(2025, 9, 1\) is not after "
         r"anniversaries\[i\]=datetime\.date\(2026, 9, 1\)"),
        (lambda: revision_schedule((dt.date(2025, 9, 1), "x"), COMELUS_PRICES, imposed_by_buyer=False),
         WrongTypeError, r"^anniversaries\[…\]='x' is a str"),
        (lambda: revision_schedule(COMELUS_ANNIVERSARIES, COMELUS_PRICES, imposed_by_buyer=True,
                                   revision_dates={dt.date(2025, 9, 1): "x"}),
         WrongTypeError, r"^revision_date='x' is a str"),
        (lambda: revision_schedule(COMELUS_ANNIVERSARIES, {"usage": 650.0}, imposed_by_buyer=False),
         FloatMoneyError, r"^prices\['usage'\]=650\.0 is a float"),
    ],
)  # fmt: skip
def test_revision_messages(call: object, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        call()  # type: ignore[operator]


def test_every_text_method_checks_its_language() -> None:
    revision = syntec_revision(dt.date(2025, 9, 1), revision_date=dt.date(2025, 12, 1))
    schedule = revision_schedule(COMELUS_ANNIVERSARIES, COMELUS_PRICES, imposed_by_buyer=False)
    for method in (
        revision.explain,
        revision.headline,
        revision.notes,
        revision.base_month_reason,
        revision.current_month_reason,
        revision.to_text,
        schedule.headline,
        schedule.notes,
        schedule.explain,
        schedule.to_text,
    ):
        with pytest.raises(InvalidArgumentError, match=r"^lang='FR' is not one of 'fr', 'en'"):
            method(lang="FR")  # type: ignore[operator]
