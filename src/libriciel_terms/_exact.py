"""Exact arithmetic shared by the rules (private module).

No rule depends on the caller's ambient :mod:`decimal` context: every rounding decision is taken
on an exact :class:`~fractions.Fraction` and turned into a ``Decimal`` at the end, and every
``Decimal`` operation that is not exact by construction runs in :data:`CONTEXT`.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction
from typing import Literal

__all__ = ["CENT", "CONTEXT", "Rounding", "cents", "fraction", "round_fraction"]

#: A private, generous context: 60 significant digits, errors trapped, half-up rounding.
CONTEXT = decimal.Context(
    prec=60,
    rounding=decimal.ROUND_HALF_UP,
    Emin=-999999,
    Emax=999999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

CENT = Decimal("0.01")

#: How a value is brought to a quantum: ``half_up`` (to the nearest, halves away from zero),
#: ``ceiling`` (towards +∞), ``floor`` (towards −∞), ``down`` (towards zero, truncation).
Rounding = Literal["half_up", "ceiling", "floor", "down"]


def fraction(value: Decimal | int | Fraction) -> Fraction:
    """The exact rational value of a finite ``Decimal``, ``int`` or ``Fraction``."""
    return value if isinstance(value, Fraction) else Fraction(value)


def round_fraction(
    value: Fraction | Decimal | int, quantum: Decimal = CENT, *, rounding: Rounding = "half_up"
) -> Decimal:
    """Round an exact value to a multiple of ``quantum`` with an explicit rule.

    >>> round_fraction(Fraction(1350 * 40, 365))
    Decimal('147.95')
    >>> round_fraction(Fraction(10272, 10000), Decimal("0.001"), rounding="ceiling")
    Decimal('1.028')
    >>> round_fraction(Fraction(985, 1000), Decimal("0.001"), rounding="ceiling")
    Decimal('0.985')
    >>> round_fraction(Fraction(-5, 1000), CENT)
    Decimal('-0.01')
    """
    exact = fraction(value)
    step = Fraction(quantum)
    units = exact / step  # how many quanta, exactly
    floor_units = units.numerator // units.denominator
    remainder = units - floor_units
    if remainder == 0:
        count = floor_units
    elif rounding == "ceiling":
        count = floor_units + 1
    elif rounding == "floor":
        count = floor_units
    elif rounding == "down":
        count = floor_units if exact >= 0 else floor_units + 1
    elif rounding == "half_up":
        if remainder > Fraction(1, 2) or (remainder == Fraction(1, 2) and exact > 0):
            count = floor_units + 1
        else:
            count = floor_units
    else:  # pragma: no cover - guarded by the Literal type and the public validators
        raise AssertionError(rounding)
    # Both steps in CONTEXT: a bare ``*`` would run in the caller's ambient context.
    return CONTEXT.multiply(Decimal(count), quantum).quantize(quantum, context=CONTEXT)


def cents(value: Fraction | Decimal | int) -> Decimal:
    """Round an exact amount to the cent, ROUND_HALF_UP (once, at the end: docs/design.md)."""
    return round_fraction(value, CENT, rounding="half_up")
