"""Every refusal of libriciel-terms, under one root.

:class:`TermsError` subclasses :class:`ValueError`, so ``except ValueError`` catches every
refusal; each concrete error may also subclass the built-in that fits (``TypeError`` for a
value of the wrong type, ``LookupError`` for a value missing from a table).

Messages name the argument and its value and say how to fix it:

>>> from datetime import datetime
>>> from libriciel_terms import BusinessHours, TermsError
>>> BusinessHours.comelus().is_open(datetime(2024, 1, 2, 10, 0))
Traceback (most recent call last):
...
libriciel_terms.errors.NaiveDatetimeError: at=datetime.datetime(2024, 1, 2, 10, 0) is naive; pass an aware datetime, e.g. tzinfo=ZoneInfo("Europe/Paris")
"""

from __future__ import annotations

__all__ = [
    "EndBeforeStartError",
    "FloatMoneyError",
    "InvalidArgumentError",
    "InvalidScheduleError",
    "MissingEventError",
    "NaiveDatetimeError",
    "NonFiniteDecimalError",
    "OptionalDependencyError",
    "OutOfRangeError",
    "OutsideTermError",
    "RateNotInTableError",
    "TermsError",
    "UnknownIndexMonthError",
    "UnknownPriceError",
    "WrongTypeError",
]


class TermsError(ValueError):
    """Root of every error raised by libriciel-terms for bad input or missing data."""


class WrongTypeError(TermsError, TypeError):
    """An argument has the wrong type (e.g. a ``str`` where a ``date`` is expected)."""


class NaiveDatetimeError(WrongTypeError):
    """A datetime without a time zone was passed where an instant is required."""


class FloatMoneyError(WrongTypeError):
    """A ``float`` was passed as money, a rate or an index value; pass a ``Decimal`` or ``str``."""


class NonFiniteDecimalError(TermsError):
    """A ``Decimal`` NaN or infinity was passed where a finite number is required."""


class InvalidArgumentError(TermsError):
    """An argument has the right type but a value the rule cannot accept."""


class OutOfRangeError(InvalidArgumentError):
    """A number is outside the range the rule accepts (negative price, zero index, …)."""


class EndBeforeStartError(InvalidArgumentError):
    """An interval's end precedes its start."""


class InvalidScheduleError(InvalidArgumentError):
    """Business-hour windows are unsorted, overlapping or outside a day."""


class OutsideTermError(InvalidArgumentError):
    """A date lies outside the contract's term or outside the period it must belong to."""


class UnknownIndexMonthError(TermsError, LookupError):
    """A Syntec index month is missing from the series that was consulted."""


class RateNotInTableError(TermsError, LookupError):
    """A rate (ECB, legal interest) is missing from the table that was consulted."""


class UnknownPriceError(TermsError, LookupError):
    """A price code is missing from the unit price list that was consulted (contract §7)."""


class MissingEventError(InvalidArgumentError):
    """A délai counts from an event (workaround given, take-charge) whose instant was not given."""


class OptionalDependencyError(TermsError, ImportError):
    """A feature needs an optional package that is not installed (the message names the extra)."""
