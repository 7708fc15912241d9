"""Argument checks shared by every public function and value object (private module).

One validation idiom for the whole library:

- **Functions** call the checks below (``aware``, ``day``, ``integer``, ``decimal``, ``money``,
  ``text``, ``one_of``, ``ordered``…) on their arguments and use the value they return.
- **attrs value objects** use the same checks as field validators through :func:`check`
  (``attrs.field(validator=check(day))``), attrs' own validators through :func:`guard`, modes
  through :func:`choice` (the allowed values come from the ``Literal`` type itself, never from a
  copied tuple) and sequences through the :func:`tuple_of` converter.

Every check names the argument, shows its value, says how to fix it and raises a
:class:`~libriciel_terms.errors.TermsError` subclass; nothing lets a bare ``TypeError`` or
``ValueError`` escape.

Numbers are bounded before any exact arithmetic: a ``Decimal`` such as ``1E+999999999`` would
make :class:`~fractions.Fraction` build a number with a billion digits. Every decimal the library
accepts has at most :data:`MAX_INTEGER_DIGITS` digits before the point and
:data:`MAX_FRACTION_DIGITS` after it; amounts of money are also below :data:`MAX_MONEY`.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

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

T = TypeVar("T")

#: Digits a decimal may have before the point (amounts below one million billion).
MAX_INTEGER_DIGITS = 15
#: Digits a decimal may have after the point.
MAX_FRACTION_DIGITS = 28
#: The largest amount of money accepted, in euros (a thousand billion).
MAX_MONEY = Decimal(10) ** 12

_UTC = dt.UTC
#: tzinfo types that always give a UTC offset (checked by type, on the hot path).
_ALWAYS_AWARE = (ZoneInfo, dt.timezone)


# -- messages -----------------------------------------------------------------------------------

#: The longest representation of a value quoted in a message.
_SHOWN = 120


def shown(value: object) -> str:
    """``repr(value)`` for a message, cut to a readable length; never raises.

    An int of thousands of digits cannot even be turned into text (Python refuses beyond 4,300
    digits), so it is described by its size instead.

    >>> shown(10**5000), shown("x" * 200)[-5:]
    ('<an int of 5001 digits>', "xxx…'")
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4000:
        return f"<an int of {_digits(value)} digits>"
    try:
        text = repr(value)
    except Exception:
        return f"<a {type(value).__name__}>"
    return text if len(text) <= _SHOWN else text[: _SHOWN - 2] + "…" + text[-1]


def _digits(value: int) -> int:
    """How many decimal digits ``value`` has, without converting it to text."""
    magnitude = abs(value)
    estimate = int(magnitude.bit_length() * 0.30102999566398120) + 1
    while estimate > 1 and 10 ** (estimate - 1) > magnitude:
        estimate -= 1
    while 10**estimate <= magnitude:
        estimate += 1
    return estimate


# -- instants and dates --------------------------------------------------------------------------


def aware(name: str, value: object) -> dt.datetime:
    """Return ``value`` if it is an aware ``datetime``; refuse dates, strings and naive ones.

    A pandas ``Timestamp`` is a ``datetime``: it comes back as a plain ``datetime``, and one
    carrying nanoseconds is refused rather than truncated silently (this library counts whole
    microseconds).
    """
    # Fast path (this runs on every business-time call): a plain datetime whose tzinfo is a
    # ZoneInfo or a fixed offset always has a UTC offset.
    if type(value) is dt.datetime and type(value.tzinfo) in _ALWAYS_AWARE:
        return value
    if not isinstance(value, dt.datetime):
        raise WrongTypeError(
            f"{name}={shown(value)} is a {type(value).__name__}, not a datetime; pass an aware "
            f'datetime, e.g. datetime(2024, 10, 15, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))'
        )
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise NaiveDatetimeError(
            f"{name}={shown(value)} is naive; pass an aware datetime, "
            f'e.g. tzinfo=ZoneInfo("Europe/Paris")'
        )
    if type(value) is dt.datetime:
        return value
    # A subclass (a pandas Timestamp): refused if it holds nanoseconds, else a plain datetime.
    nanoseconds = getattr(value, "nanosecond", 0)
    if nanoseconds:
        raise InvalidArgumentError(
            f"{name}={shown(value)} has {nanoseconds} ns; this library counts whole "
            f"microseconds: round it first, e.g. {name}.floor('us')"
        )
    return dt.datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=value.tzinfo,
        fold=value.fold,
    )


def utc(value: dt.datetime) -> dt.datetime:
    """An aware instant in UTC: the form in which instants compare and subtract as instants.

    Two datetimes sharing one ``ZoneInfo`` compare by wall clock and ignore ``fold``, so 02:30
    (first pass) and 02:15 (``fold=1``, 45 minutes later) on the October night compare the wrong
    way round; in UTC they do not.
    """
    try:
        return value.astimezone(_UTC)
    except OverflowError:
        raise OutOfRangeError(
            f"{shown(value)} has no UTC equivalent between years 1 and 9999; pass an instant within them"
        ) from None


def day(name: str, value: object) -> dt.date:
    """Return ``value`` if it is a ``date`` (and not a ``datetime``).

    A numpy ``datetime64`` with a day unit converts exactly and is accepted.
    """
    if type(value) is dt.date:
        return value
    if type(value).__name__ == "datetime64" and hasattr(value, "item"):
        item = value.item()
        if type(item) is dt.date:
            return item
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise WrongTypeError(
            f"{name}={shown(value)} is a {type(value).__name__}, not a date; pass a datetime.date, "
            f"e.g. date(2025, 9, 1)"
        )
    return value


def localized(name: str, value: object, zone: ZoneInfo) -> dt.datetime:
    """The instant ``value`` on the wall clock of ``zone``; refused if not aware or off the range."""
    if type(value) is dt.datetime and type(value.tzinfo) in _ALWAYS_AWARE:
        instant = value
    else:
        instant = aware(name, value)
    try:
        return instant.astimezone(zone)
    except (OverflowError, ValueError):
        raise OutOfRangeError(
            f"{name}={value!r} falls outside the years 1–9999 in {zone.key}; pass a later or "
            f"earlier instant"
        ) from None


def count(name: str, value: object) -> int:
    """An ``int`` count; ``numpy`` integers convert, ``bool`` and floats are refused."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if not isinstance(value, bool) and type(value).__name__ != "bool_":
        try:
            return operator.index(value)  # type: ignore[arg-type]
        except TypeError:
            pass
    return integer(name, value)


def numpy_day(name: str, value: object) -> dt.date:
    """A ``date``; a ``numpy.datetime64`` of unit day converts, datetimes are refused."""
    dtype = getattr(value, "dtype", None)
    if type(value).__name__ == "datetime64" and dtype is not None:
        converted = value.astype(object) if str(dtype).endswith("[D]") else None  # type: ignore[attr-defined]
        if type(converted) is not dt.date:
            raise WrongTypeError(
                f"{name}={value!r} is not a numpy datetime64 day; pass a datetime64[D] or a "
                f"datetime.date, e.g. date(2025, 9, 1)"
            )
        return converted
    return day(name, value)


def zone(name: str, value: object) -> ZoneInfo:
    """A ``ZoneInfo``, or the IANA name of one (``"Europe/Paris"``)."""
    if isinstance(value, ZoneInfo):
        return value
    if isinstance(value, str):
        try:
            return ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidArgumentError(
                f'{name}={shown(value)} is not an IANA time zone; pass e.g. "Europe/Paris"'
            ) from None
    raise WrongTypeError(
        f'{name}={shown(value)} is not a ZoneInfo; pass e.g. ZoneInfo("Europe/Paris") or '
        f'"Europe/Paris"'
    )


def duration(name: str, value: object, *, allow_negative: bool = False) -> dt.timedelta:
    """Return ``value`` if it is a ``timedelta`` (non-negative unless allowed)."""
    if not isinstance(value, dt.timedelta):
        raise WrongTypeError(
            f"{name}={shown(value)} is a {type(value).__name__}, not a timedelta; pass e.g. "
            f"timedelta(hours=4)"
        )
    if not allow_negative and value < dt.timedelta(0):
        raise OutOfRangeError(f"{name}={shown(value)} is negative; pass a duration >= timedelta(0)")
    return value


def ordered(start_name: str, start: T, end_name: str, end: T, *, strict: bool = False) -> None:
    """Refuse ``end < start`` (or ``end <= start`` when ``strict``); instants compare in UTC."""
    a: Any = utc(start) if isinstance(start, dt.datetime) else start
    b: Any = utc(end) if isinstance(end, dt.datetime) else end
    bad = b <= a if strict else b < a
    if bad:
        rel = "is not after" if strict else "is before"
        raise EndBeforeStartError(
            f"{end_name}={shown(end)} {rel} {start_name}={shown(start)}; "
            f"pass an {end_name} {'after' if strict else 'on or after'} {start_name} "
            f"(the two are never swapped silently)"
        )


def interval(name: str, value: object) -> tuple[dt.datetime, dt.datetime]:
    """Return a ``(start, end)`` pair of aware datetimes with ``start <= end``."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise WrongTypeError(f"{name}={shown(value)} is not a (start, end) pair of aware datetimes")
    start = aware(f"{name}[0]", value[0])
    end = aware(f"{name}[1]", value[1])
    ordered(f"{name}[0]", start, f"{name}[1]", end)
    return start, end


# -- numbers -------------------------------------------------------------------------------------


def integer(
    name: str, value: object, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """Return ``value`` as an ``int`` (``bool`` refused) within ``minimum … maximum``.

    Any integer type that converts exactly (``numpy.int64``…) is accepted and returned as an
    ``int``.
    """
    if isinstance(value, (bool, float)):
        raise WrongTypeError(f"{name}={shown(value)} is a {type(value).__name__}, not an int")
    if type(value) is not int:
        try:
            value = operator.index(value)  # type: ignore[arg-type]
        except TypeError:
            raise WrongTypeError(
                f"{name}={shown(value)} is a {type(value).__name__}, not an int"
            ) from None
    assert isinstance(value, int)
    if minimum is not None and value < minimum:
        raise OutOfRangeError(f"{name}={shown(value)} is below {minimum}; pass an int >= {minimum}")
    if maximum is not None and value > maximum:
        raise OutOfRangeError(f"{name}={shown(value)} is above {maximum}; pass an int <= {maximum}")
    return value


def decimal(
    name: str,
    value: object,
    *,
    what: str = "amount",
    accept: tuple[type, ...] = (Decimal,),
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    positive: bool = False,
) -> Decimal:
    """Return ``value`` as a finite, bounded ``Decimal``.

    ``accept`` lists the other types converted exactly (``int``, ``str``); ``float`` is always
    refused, because a binary float cannot hold most decimal amounts exactly. Values with more
    than :data:`MAX_INTEGER_DIGITS` digits before the point or :data:`MAX_FRACTION_DIGITS` after
    it are refused before any arithmetic.
    """
    if isinstance(value, float):
        raise FloatMoneyError(
            f"{name}={shown(value)} is a float; pass the {what} as "
            f"{_kinds(accept)}, e.g. {_example(accept, value)} — a float cannot hold most "
            f"decimal values exactly"
        )
    if isinstance(value, bool) or not isinstance(value, (Decimal, *accept)):
        raise WrongTypeError(
            f"{name}={shown(value)} is a {type(value).__name__}; pass the {what} as "
            f"{_kinds(accept)}, e.g. {_example(accept, '1350.00')}"
        )
    if isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except ArithmeticError:
            raise WrongTypeError(
                f"{name}={shown(value)} is not a decimal number; pass e.g. '1350.00'"
            ) from None
    elif isinstance(value, int):
        if abs(value) >= 10**MAX_INTEGER_DIGITS:
            raise _too_large(name, value, what)
        result = Decimal(value)
    else:
        result = value  # type: ignore[assignment]
    if not result.is_finite():
        raise NonFiniteDecimalError(f"{name}={shown(value)} is not finite; pass a finite {what}")
    result = _bounded(name, value, result, what)
    if positive and result <= 0:
        raise OutOfRangeError(f"{name}={shown(value)} must be > 0")
    if minimum is not None and result < minimum:
        raise OutOfRangeError(
            f"{name}={shown(value)} is below {minimum}; pass a {what} >= {minimum}"
        )
    if maximum is not None and result > maximum:
        raise OutOfRangeError(
            f"{name}={shown(value)} is above {maximum}; pass a {what} <= {maximum}"
        )
    return result


def _kinds(accept: tuple[type, ...]) -> str:
    names = ["a Decimal"] + [
        f"{'an' if t is int else 'a'} {t.__name__}" for t in accept if t is not Decimal
    ]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" or {names[-1]}"


def _example(_accept: tuple[type, ...], value: object) -> str:
    return f'Decimal("{value}")'


def _too_large(name: str, value: object, what: str) -> OutOfRangeError:
    return OutOfRangeError(
        f"{name}={shown(value)} is outside the range accepted for a {what}: at most "
        f"{MAX_INTEGER_DIGITS} digits before the decimal point and {MAX_FRACTION_DIGITS} after it"
    )


def _bounded(name: str, original: object, value: Decimal, what: str) -> Decimal:
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if exponent >= -MAX_FRACTION_DIGITS and value.adjusted() < MAX_INTEGER_DIGITS:
        return value
    # Trailing zeros past the limit (1.000…0, 0E-999999999) are exact with fewer digits.
    significant = len(digits)
    while significant > 1 and digits[significant - 1] == 0:
        significant -= 1
    if not any(digits):
        return Decimal(0)
    reduced = Decimal((sign, digits[:significant], exponent + len(digits) - significant))
    reduced_exponent = reduced.as_tuple().exponent
    assert isinstance(reduced_exponent, int)
    if reduced_exponent < -MAX_FRACTION_DIGITS or reduced.adjusted() >= MAX_INTEGER_DIGITS:
        raise _too_large(name, original, what)
    return reduced


def money(name: str, value: object, *, allow_negative: bool = False) -> Decimal:
    """Return a finite ``Decimal`` amount of euros (``int`` accepted, ``float`` refused).

    Amounts are at most :data:`MAX_MONEY` in absolute value.
    """
    return decimal(
        name,
        value,
        what="amount",
        accept=(int,),
        minimum=-MAX_MONEY if allow_negative else Decimal(0),
        maximum=MAX_MONEY,
    )


# -- text and choices ----------------------------------------------------------------------------


def text(name: str, value: object, *, empty: bool = True, single_line: bool = True) -> str:
    """Return ``value`` if it is a ``str`` (non-empty unless allowed; one line unless allowed)."""
    if not isinstance(value, str):
        raise WrongTypeError(f"{name}={shown(value)} is a {type(value).__name__}, not a str")
    if not empty and not value.strip():
        raise InvalidArgumentError(f"{name}={shown(value)} is empty; pass a non-empty text")
    if single_line and any(c in value for c in "\r\n\x00"):
        raise InvalidArgumentError(
            f"{name}={shown(value)} holds a line break or NUL; pass a single line of text"
        )
    return value


def instance(name: str, value: object, kind: type[T], fix: str) -> T:
    """Return ``value`` if it is a ``kind``; the refusal names the type and says what to pass.

    >>> from libriciel_terms import BusinessHours
    >>> instance("hours", "PSG", BusinessHours, "the contract's schedule, e.g. BusinessHours.comelus()")
    Traceback (most recent call last):
    ...
    libriciel_terms.errors.WrongTypeError: hours='PSG' is a str, not a BusinessHours; pass the contract's schedule, e.g. BusinessHours.comelus()
    """
    if not isinstance(value, kind):
        raise WrongTypeError(
            f"{name}={shown(value)} is a {type(value).__name__}, not a {kind.__name__}; pass {fix}"
        )
    return value


def one_of(name: str, value: object, choices: Iterable[T]) -> T:
    """Return ``value`` if it is one of ``choices`` (a mode or keyword value); refuse it otherwise."""
    options = tuple(choices)
    for option in options:
        if type(value) is type(option) and value == option:
            return option
    listed = ", ".join(repr(c) for c in options)
    raise InvalidArgumentError(f"{name}={shown(value)} is not one of {listed}; pass one of them")


def literal_values(literal: object) -> tuple[Any, ...]:
    """The values of a ``Literal[...]`` type (nested ``Literal``\\ s flattened)."""
    values: list[Any] = []
    for arg in get_args(literal):
        nested = get_args(arg)
        values.extend(nested if nested else (arg,))
    return tuple(values)


# -- attrs ---------------------------------------------------------------------------------------

Validator = Callable[[Any, Any, Any], None]


def check(function: Callable[..., Any], **kwargs: Any) -> Validator:
    """One of the checks above as an attrs validator: ``attrs.field(validator=check(day))``."""

    def validator(_instance: Any, attribute: Any, value: Any) -> None:
        function(attribute.name, value, **kwargs)

    return validator


def optional(function: Callable[..., Any], **kwargs: Any) -> Validator:
    """Like :func:`check`, letting ``None`` through."""

    def validator(_instance: Any, attribute: Any, value: Any) -> None:
        if value is not None:
            function(attribute.name, value, **kwargs)

    return validator


def choice(literal: object) -> Validator:
    """An attrs validator accepting exactly the values of a ``Literal`` type."""
    options = literal_values(literal)

    def validator(_instance: Any, attribute: Any, value: Any) -> None:
        one_of(attribute.name, value, options)

    return validator


def instance_of(*types: type) -> Validator:
    """attrs' ``instance_of``, raising :class:`~libriciel_terms.errors.WrongTypeError`."""
    return guard(attrs.validators.instance_of(types if len(types) > 1 else types[0]))


def guard(*validators: Callable[[Any, Any, Any], Any]) -> Validator:
    """Run attrs' own validators, turning their ``TypeError``/``ValueError`` into ``TermsError``.

    attrs' ``instance_of``, ``in_``, ``ge``… raise bare built-in errors; wrapped in ``guard`` they
    raise :class:`~libriciel_terms.errors.WrongTypeError` or
    :class:`~libriciel_terms.errors.InvalidArgumentError` with attrs' message, so that callers can
    catch every refusal as ``TermsError``.
    """

    def validator(instance: Any, attribute: Any, value: Any) -> None:
        for one in validators:
            try:
                one(instance, attribute, value)
            except TermsError:
                raise
            except TypeError as exc:
                raise WrongTypeError(f"{attribute.name}={shown(value)}: {exc.args[0]}") from None
            except ValueError as exc:
                raise InvalidArgumentError(
                    f"{attribute.name}={shown(value)}: {exc.args[0]}"
                ) from None

    return validator


def as_tuple(value: Any) -> Any:
    """An attrs converter: any list, set or other iterable (not a string, bytes or a mapping) to a
    tuple; anything else is left as it is for the field's validator (:func:`each`) to refuse
    with the field's name. It only normalises, never coerces items."""
    if isinstance(value, (tuple, str, bytes, Mapping)):
        return value
    if isinstance(value, Iterable):
        return tuple(value)
    return value


def each(kind: type | tuple[type, ...]) -> Validator:
    """An attrs validator: the field is a tuple whose items are all ``kind`` (use with
    ``converter=as_tuple``); the message names ``field[i]``."""

    def validator(_instance: Any, attribute: Any, value: Any) -> None:
        items(attribute.name, value, kind)

    return validator


def tuple_of(kind: type | tuple[type, ...]) -> attrs.Converter:  # type: ignore[type-arg]
    """A converter that both normalises and checks (the field's name is in its messages).

    mypy's attrs plugin does not follow a converter built by a call; prefer
    ``converter=as_tuple, validator=each(kind)``.
    """

    def convert(value: Any, _self: Any, field: attrs.Attribute) -> tuple[Any, ...]:  # type: ignore[type-arg]
        return items(field.name, value, kind)

    return attrs.Converter(convert, takes_self=True, takes_field=True)


def items(name: str, value: object, kind: type | tuple[type, ...]) -> tuple[Any, ...]:
    """``value`` as a tuple whose items are all ``kind`` (the function form of :func:`tuple_of`)."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise WrongTypeError(
            f"{name}={shown(value)} is a {type(value).__name__}, not an iterable of {_names(kind)}"
        )
    result = tuple(value)
    for i, item in enumerate(result):
        if not isinstance(item, kind):
            raise WrongTypeError(
                f"{name}[{i}]={shown(item)} is a {type(item).__name__}, not {_names(kind)}"
            )
    return result


def fields(instance: object, expected: Mapping[str, type | tuple[type, ...]]) -> None:
    """Check the field types of a result object in one pass (``__attrs_post_init__``).

    Result types (reports, summaries) are built by the library, often by the thousand; one
    plain ``isinstance`` per field keeps that cheap while a caller who builds one by hand with
    junk still gets a :class:`~libriciel_terms.errors.WrongTypeError` naming the field.
    """
    for name, kind in expected.items():
        value = getattr(instance, name)
        if not isinstance(value, kind):
            raise WrongTypeError(
                f"{type(instance).__name__}.{name.lstrip('_')}={shown(value)} is a "
                f"{type(value).__name__}, not {_names(kind)}"
            )


def _names(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)
