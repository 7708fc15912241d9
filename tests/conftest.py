"""Hypothesis profiles: ``dev`` (default, quick) and ``ci`` (more examples, derandomized)."""

from __future__ import annotations

import decimal
import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


_HOSTILE = decimal.Context(
    prec=3,
    rounding=decimal.ROUND_FLOOR,
    Emin=-5,
    Emax=5,
    traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.Overflow],
)


@pytest.fixture
def hostile_decimal() -> Iterator[decimal.Context]:
    """Run the test under a decimal context that breaks any arithmetic done in it.

    Three significant digits, rounding towards -∞, and traps on any rounding: an amount such as
    1 350,00 € computed in the caller's context would raise or come out wrong. Use it in tests
    of code that computes money, rates or coefficients: results must not change.
    """
    with decimal.localcontext(_HOSTILE) as context:
        yield context
    assert decimal.getcontext() is not _HOSTILE
