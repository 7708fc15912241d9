"""Every refusal of libriciel-terms, under one root.

:class:`TermsError` subclasses :class:`ValueError`, so ``except ValueError`` catches every
refusal; each concrete error may also subclass the built-in that fits (``TypeError`` for a
value of the wrong type, ``LookupError``/``KeyError`` for a value missing from a table).

Messages name the argument and its value and say how to fix it:

>>> from datetime import datetime
>>> from libriciel_terms import BusinessHours, TermsError
>>> BusinessHours.comelus().is_open(datetime(2024, 1, 2, 10, 0))
Traceback (most recent call last):
...
libriciel_terms.errors.NaiveDatetimeError: at=datetime.datetime(2024, 1, 2, 10, 0) is naive; pass an aware datetime, e.g. tzinfo=ZoneInfo("Europe/Paris")

Errors about a file or about rows of tabular data carry every problem found, not only the
first, each with the place it was found (a key path such as ``sla.table_4_3.targets[2].delay``
or a row number and a column):

>>> problem = Problem(path="term.renewal", value="3", expected="a known key",
...                   fix='did you mean "renewals"?')
>>> print(ContractFileError("comelus.toml", (problem,)))
comelus.toml: 1 problem
- term.renewal = '3': expected a known key; did you mean "renewals"?
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import attrs

__all__ = [
    "ContractFileError",
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
    "Problem",
    "RateNotInTableError",
    "RecordsError",
    "ReferenceFileError",
    "TermsError",
    "UnknownIndexMonthError",
    "UnknownKeyError",
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
    """A value is outside the range the rule accepts (negative price, year 10000, 1E+999…)."""


class EndBeforeStartError(InvalidArgumentError):
    """An interval's end precedes its start."""


class InvalidScheduleError(InvalidArgumentError):
    """Business-hour windows are unsorted, overlapping or outside a day."""


class OutsideTermError(InvalidArgumentError):
    """A date lies outside the contract's term or outside the period it must belong to."""


class MissingEventError(InvalidArgumentError):
    """A délai counts from an event (workaround given, take-charge) whose instant was not given."""


class UnknownKeyError(TermsError, KeyError):
    """A key is missing from a keyed table (a schedule, a policy, a retention row, a section…).

    A ``KeyError`` too, so ``mapping.get``-style code and ``except KeyError`` work; unlike a bare
    ``KeyError`` its message is printed as written, not quoted.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnknownIndexMonthError(UnknownKeyError):
    """A Syntec index month is missing from the series that was consulted."""


class RateNotInTableError(UnknownKeyError):
    """A rate (ECB, legal interest) is missing from the table that was consulted."""


class UnknownPriceError(UnknownKeyError):
    """A price code is missing from the unit price list that was consulted (contract §7)."""


class OptionalDependencyError(TermsError, ImportError):
    """A feature needs an optional package that is not installed (the message names the extra)."""


@attrs.frozen(kw_only=True)
class Problem:
    """One problem found in a file or a row: where, what was there, what was expected, the fix.

    ``path`` is a key path (``sla.table_4_3.targets[2].delay``) or a row and column
    (``row 12, column "Priorité"``).
    """

    path: str
    value: object = attrs.field(eq=False)
    expected: str
    fix: str = ""

    #: The ``value`` of a problem about a key that is missing.
    MISSING: ClassVar[object] = type("Missing", (), {"__repr__": lambda _self: "MISSING"})()

    def __str__(self) -> str:
        fix = f"; {self.fix}" if self.fix else ""
        if self.value is Problem.MISSING:
            return f"{self.path}: missing; expected {self.expected}{fix}"
        return f"{self.path} = {self.value!r}: expected {self.expected}{fix}"


class _ProblemsError(TermsError):
    """An error that lists every problem found in one source (a file, a set of rows)."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = [f"{source}: {count} problem{'s' if count != 1 else ''}"]
        lines.extend(f"- {p}" for p in self.problems)
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.source, self.problems))


class ContractFileError(_ProblemsError):
    """A contract file (TOML) is invalid; ``.problems`` lists every problem with its key path."""


class ReferenceFileError(_ProblemsError):
    """A reference file (index values, rates, CSV) has bad rows; each problem names its row."""


class RecordsError(_ProblemsError):
    """Tabular records (a ticket export…) have bad rows; each problem names its row and column."""
