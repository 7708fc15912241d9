"""Exact rounding helpers: rounding modes and independence from the ambient decimal context."""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms._exact import CENT, cents, round_fraction

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
