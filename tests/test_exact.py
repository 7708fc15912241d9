"""Exact rounding helpers: rounding modes and independence from the ambient decimal context."""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms._exact import CENT, cents, fraction, round_fraction

HOSTILE = decimal.Context(
    prec=3, rounding=decimal.ROUND_FLOOR, traps=[decimal.Inexact, decimal.Rounded]
)


@pytest.mark.parametrize(
    ("value", "quantum", "rounding", "expected"),
    [
        (Fraction(1350 * 40, 365), CENT, "half_up", "147.95"),
        (Fraction(5, 1000), CENT, "half_up", "0.01"),
        (Fraction(-5, 1000), CENT, "half_up", "-0.01"),
        (Fraction(4, 1000), CENT, "half_up", "0.00"),
        (Fraction(10272, 10000), Decimal("0.001"), "ceiling", "1.028"),
        (Fraction(985, 1000), Decimal("0.001"), "ceiling", "0.985"),
        (Fraction(98895, 100000), Decimal("0.001"), "half_up", "0.989"),
        (Fraction(98895, 100000), Decimal("0.001"), "down", "0.988"),
        (Fraction(-98895, 100000), Decimal("0.001"), "down", "-0.988"),
        (Fraction(-98895, 100000), Decimal("0.001"), "floor", "-0.989"),
    ],
)
def test_round_fraction(value: Fraction, quantum: Decimal, rounding: str, expected: str) -> None:
    result = round_fraction(value, quantum, rounding=rounding)  # type: ignore[arg-type]
    assert result == Decimal(expected)
    assert str(result) == expected


@given(st.fractions(min_value=-(10**9), max_value=10**9))
def test_cents_do_not_depend_on_the_ambient_context(value: Fraction) -> None:
    expected = cents(value)
    with decimal.localcontext(HOSTILE):
        assert cents(value) == expected
    assert abs(Fraction(expected) - value) <= Fraction(1, 200)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0.1"), Fraction(1, 10)),
        (Decimal("-1350.05"), Fraction(-27001, 20)),
        (7, Fraction(7)),
        (Fraction(2, 3), Fraction(2, 3)),
    ],
)
def test_fraction_is_the_exact_rational_value(value: Decimal | int, expected: Fraction) -> None:
    result = fraction(value)
    assert type(result) is Fraction
    assert result == expected


def test_cents_round_half_up_to_the_cent() -> None:
    assert cents(Decimal("0.125")) == Decimal("0.13")
    assert cents(Fraction(-1, 8)) == Decimal("-0.13")
    assert str(cents(3)) == "3.00"


def test_an_unknown_rounding_names_itself() -> None:
    with pytest.raises(AssertionError, match=r"^sideways$"):
        round_fraction(Fraction(1, 3), rounding="sideways")  # type: ignore[arg-type]
