"""Hypothesis profiles and the set-up that keeps mutation testing honest.

Profiles: ``dev`` (default, quick), ``ci`` (more examples, derandomized) and ``mutation``
(``make mutation``: few derandomized examples, no example database, so that every mutant sees the
same inputs).

Under mutmut (``MUTANT_UNDER_TEST`` is set), each mutant runs in a process forked from one that
already ran the clean code. Three things would make mutants survive for the wrong reason:

- module constants built at import (presets, ``FRANCE``) and caches (the business-time index,
  ``functools`` caches) still hold what the clean code computed. So every ``libriciel_terms``
  module and every test module is dropped from ``sys.modules`` when the session starts (they are
  re-imported with the mutant active), and every cache is cleared before the tests run;
- functions that only run at import time (a preset built once at module level) would be mapped
  to the first test only: the calls made while collecting are attributed to every test instead.
"""

from __future__ import annotations

import decimal
import functools
import os
import sys
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
settings.register_profile(
    "mutation",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
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


_PACKAGE = "libriciel_terms"


def _under_mutmut() -> bool:
    return "MUTANT_UNDER_TEST" in os.environ


def _ours(name: str) -> bool:
    """A module re-imported per mutant: the package and the test modules (not the conftests)."""
    if name == _PACKAGE or name.startswith(_PACKAGE + "."):
        return True
    leaf = name.rpartition(".")[2]
    return "conftest" not in name and (leaf.startswith("test_") or name.startswith("tests."))


def pytest_sessionstart(session: pytest.Session) -> None:
    if _under_mutmut():
        for name in [name for name in sys.modules if _ours(name)]:
            del sys.modules[name]


def clear_caches() -> None:
    """Empty every cache of the loaded ``libriciel_terms`` modules.

    A module may define ``_clear_caches()`` for caches of its own (the business-time indexes);
    every ``functools`` cache found at module level is cleared too.
    """
    for name, module in list(sys.modules.items()):
        if module is None or not (name == _PACKAGE or name.startswith(_PACKAGE + ".")):
            continue
        own = getattr(module, "_clear_caches", None)
        if callable(own):
            own()
        for value in list(vars(module).values()):
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()


@pytest.fixture(autouse=True, scope="session")
def _fresh_caches() -> None:
    if _under_mutmut():
        clear_caches()


# -- mutmut's map from functions to tests ----------------------------------------------------

_collection_hits: set[str] = set()


def _mutmut_stats() -> set[str] | None:
    """mutmut's set of functions hit by the running test, while it maps tests to functions."""
    if os.environ.get("MUTANT_UNDER_TEST") != "stats":
        return None
    try:
        from mutmut.state import state
    except ImportError:  # pragma: no cover - mutmut not installed
        return None
    hits: set[str] = state()._stats
    return hits


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    hits = _mutmut_stats()
    if hits is not None:
        _collection_hits.update(hits)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    hits = _mutmut_stats()
    if hits is not None:
        hits.update(_collection_hits)
