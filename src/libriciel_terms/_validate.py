"""Argument checks shared by every public function (private module).

Each check names the argument, shows its value and says how to fix it, and raises a
:class:`~libriciel_terms.errors.TermsError` subclass. They are also usable as attrs
validators through :func:`attrs_aware` and friends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from libriciel_terms.errors import (
    EndBeforeStartError,
    FloatMoneyError,
    InvalidArgumentError,
    NaiveDatetimeError,
    NonFiniteDecimalError,
    OutOfRangeError,
    TermsError,
    WrongTypeError,
)

PARIS = ZoneInfo("Europe/Paris")

T = TypeVar("T")


_ALWAYS_AWARE = (ZoneInfo, dt.timezone)


def aware(name: str, value: object) -> dt.datetime:
    """Return ``value`` if it is an aware ``datetime``; refuse dates, strings and naive ones."""
    # Fast path (this runs on every business-time call): a datetime whose tzinfo is a ZoneInfo
    # or a fixed offset always has a UTC offset.
    if type(value) is dt.datetime and type(value.tzinfo) in _ALWAYS_AWARE:
        return value
    if not isinstance(value, dt.datetime):
        raise WrongTypeError(
            f"{name}={value!r} is a {type(value).__name__}, not a datetime; pass an aware "
            f'datetime, e.g. datetime(2024, 10, 15, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))'
        )
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise NaiveDatetimeError(
            f"{name}={value!r} is naive; pass an aware datetime, "
            f'e.g. tzinfo=ZoneInfo("Europe/Paris")'
        )
    return value


def day(name: str, value: object) -> dt.date:
    """Return ``value`` if it is a ``date`` (and not a ``datetime``)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise WrongTypeError(
            f"{name}={value!r} is a {type(value).__name__}, not a date; pass a datetime.date, "
            f"e.g. date(2025, 9, 1)"
        )
    return value


def duration(name: str, value: object, *, allow_negative: bool = False) -> dt.timedelta:
    """Return ``value`` if it is a ``timedelta`` (non-negative unless allowed)."""
    if not isinstance(value, dt.timedelta):
        raise WrongTypeError(
            f"{name}={value!r} is a {type(value).__name__}, not a timedelta; pass e.g. "
            f"timedelta(hours=4)"
        )
    if not allow_negative and value < dt.timedelta(0):
        raise OutOfRangeError(f"{name}={value!r} is negative; pass a duration >= timedelta(0)")
    return value


def integer(name: str, value: object, *, minimum: int | None = None) -> int:
    """Return ``value`` if it is an ``int`` (``bool`` refused) not below ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongTypeError(f"{name}={value!r} is a {type(value).__name__}, not an int")
    if minimum is not None and value < minimum:
        raise OutOfRangeError(f"{name}={value!r} is below {minimum}; pass an int >= {minimum}")
    return value


def decimal(
    name: str,
    value: object,
    *,
    what: str = "amount",
    accept: tuple[type, ...] = (Decimal,),
    minimum: Decimal | None = None,
    positive: bool = False,
) -> Decimal:
    """Return ``value`` as a finite ``Decimal``.

    ``accept`` lists the other types converted exactly (``int``, ``str``); ``float`` is always
    refused, because a binary float cannot hold most decimal amounts exactly.
    """
    if isinstance(value, float):
        raise FloatMoneyError(
            f"{name}={value!r} is a float; pass the {what} as a Decimal or a str, "
            f'e.g. Decimal("{value!r}") — a float cannot hold most decimal values exactly'
        )
    if isinstance(value, bool) or not isinstance(value, (Decimal, *accept)):
        kinds = " or ".join(t.__name__ for t in (Decimal, *accept) if t is not Decimal)
        extra = f" (or {kinds})" if kinds else ""
        raise WrongTypeError(
            f"{name}={value!r} is a {type(value).__name__}; pass the {what} as a "
            f'Decimal{extra}, e.g. Decimal("1350.00")'
        )
    if isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except ArithmeticError:
            raise WrongTypeError(
                f"{name}={value!r} is not a decimal number; pass e.g. '1350.00'"
            ) from None
    else:
        result = Decimal(value)  # type: ignore[arg-type]
    if not result.is_finite():
        raise NonFiniteDecimalError(f"{name}={value!r} is not finite; pass a finite {what}")
    if positive and result <= 0:
        raise OutOfRangeError(f"{name}={value!r} must be > 0")
    if minimum is not None and result < minimum:
        raise OutOfRangeError(f"{name}={value!r} is below {minimum}; pass a {what} >= {minimum}")
    return result


def money(name: str, value: object, *, allow_negative: bool = False) -> Decimal:
    """Return a finite ``Decimal`` amount of euros (``int`` accepted, ``float`` refused)."""
    return decimal(
        name,
        value,
        what="amount",
        accept=(int,),
        minimum=None if allow_negative else Decimal(0),
    )


def ordered(start_name: str, start: T, end_name: str, end: T, *, strict: bool = False) -> None:
    """Refuse ``end < start`` (or ``end <= start`` when ``strict``)."""
    bad = end <= start if strict else end < start  # type: ignore[operator]
    if bad:
        rel = "is not after" if strict else "is before"
        raise EndBeforeStartError(
            f"{end_name}={end!r} {rel} {start_name}={start!r}; "
            f"pass an {end_name} {'after' if strict else 'on or after'} {start_name} "
            f"(the two are never swapped silently)"
        )


def interval(name: str, value: object) -> tuple[dt.datetime, dt.datetime]:
    """Return a ``(start, end)`` pair of aware datetimes with ``start <= end``."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise WrongTypeError(f"{name}={value!r} is not a (start, end) pair of aware datetimes")
    start = aware(f"{name}[0]", value[0])
    end = aware(f"{name}[1]", value[1])
    ordered(f"{name}[0]", start, f"{name}[1]", end)
    return start, end


def attrs_check(check: Callable[..., Any], **kwargs: Any) -> Callable[[Any, Any, Any], None]:
    """Wrap one of the checks above as an attrs validator."""

    def validator(_instance: Any, attribute: Any, value: Any) -> None:
        check(attribute.name, value, **kwargs)

    return validator


def one_of(name: str, value: object, choices: tuple[T, ...]) -> T:
    """Return ``value`` if it is one of ``choices`` (a mode or keyword value); refuse it otherwise."""
    for choice in choices:
        if type(value) is type(choice) and value == choice:
            return choice
    listed = ", ".join(repr(c) for c in choices)
    raise InvalidArgumentError(f"{name}={value!r} is not one of {listed}; pass one of them")


def attrs_one_of(*choices: object) -> Callable[[Any, Any, Any], None]:
    """An attrs validator like ``attrs.validators.in_`` that raises a ``TermsError``."""

    def validator(_instance: Any, attribute: Any, value: Any) -> None:
        one_of(attribute.name, value, choices)

    return validator


def guard(*validators: Callable[[Any, Any, Any], Any]) -> Callable[[Any, Any, Any], None]:
    """Run attrs' own validators, turning their ``TypeError``/``ValueError`` into ``TermsError``.

    attrs' ``instance_of``, ``in_``, ``ge``… raise bare built-in errors; wrapped in ``guard`` they
    raise :class:`~libriciel_terms.errors.WrongTypeError` or
    :class:`~libriciel_terms.errors.InvalidArgumentError` with attrs' message, so that callers can
    catch every refusal as ``TermsError``.
    """

    def validator(instance: Any, attribute: Any, value: Any) -> None:
        for check in validators:
            try:
                check(instance, attribute, value)
            except TermsError:
                raise
            except TypeError as exc:
                raise WrongTypeError(f"{attribute.name}={value!r}: {exc.args[0]}") from None
            except ValueError as exc:
                raise InvalidArgumentError(f"{attribute.name}={value!r}: {exc.args[0]}") from None

    return validator
