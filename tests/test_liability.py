"""The liability cap (contract §1.4.1)."""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms.billing import PriceList
from libriciel_terms.errors import (
    FloatMoneyError,
    InvalidArgumentError,
    OutOfRangeError,
    TermsError,
    WrongTypeError,
)
from libriciel_terms.liability import liability_cap
from tests.strategies import money

ANNUAL = Decimal("1350.00")
PRICES = PriceList.comelus_2024()


@pytest.mark.parametrize(
    ("damage", "cap"),
    [
        ("direct", Decimal("1350.00")),
        ("indirect", Decimal("0.00")),
        ("bodily", None),
        ("property", None),
    ],
)
def test_liability_cap(damage: Any, cap: Decimal | None) -> None:
    assert liability_cap(ANNUAL, damage=damage) == cap


def test_liability_cap_follows_the_service_price() -> None:
    assert liability_cap(PRICES.line("Support et helpdesk").annual_ht) == Decimal("250.00")
    assert liability_cap(PRICES.annual.ht) == Decimal("1350.00")
    assert str(liability_cap(1350)) == "1350.00"
    assert liability_cap(Decimal("1234.565")) == Decimal("1234.57")  # to the cent, half up
    assert str(liability_cap(Decimal("250.00"), damage="indirect")) == "0.00"


@given(money("1000000000000"))
def test_the_cap_is_the_annual_price(annual: Decimal) -> None:
    assert liability_cap(annual) == annual
    assert liability_cap(annual, damage="indirect") == 0
    assert liability_cap(annual, damage="property") is None


@given(
    st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True),
        st.sampled_from(
            [Decimal("1E+58"), Decimal("1E+59"), Decimal("1E+1000000"), Decimal("1E-999999999")]
        ),
        st.integers(),
    )
)
def test_extreme_prices_end_in_a_cap_or_a_terms_error(value: Any) -> None:
    """Regression: 1E+58 raised decimal.InvalidOperation, 1E+1000000 ran 18 s."""
    try:
        cap = liability_cap(value)
    except TermsError:
        return
    assert cap is not None
    assert 0 <= cap <= Decimal(10) ** 12


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: liability_cap(1350.0), FloatMoneyError, "^annual_price=1350.0 is a float"),
        (lambda: liability_cap("1350"), WrongTypeError, "^annual_price='1350'"),
        (lambda: liability_cap(Decimal("-1")), OutOfRangeError, "^annual_price="),
        (lambda: liability_cap(Decimal("1E+58")), OutOfRangeError, "^annual_price="),
        (
            lambda: liability_cap(ANNUAL, damage="moral"),
            InvalidArgumentError,
            "^damage='moral' is not one of 'direct', 'indirect', 'bodily', 'property'",
        ),
    ],
)
def test_bad_input_is_a_terms_error(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_results_ignore_a_hostile_decimal_context(hostile_decimal: decimal.Context) -> None:
    assert liability_cap(Decimal("1234.567")) == Decimal("1234.57")
