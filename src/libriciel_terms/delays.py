"""Délais as the contract writes them, and business durations as people read them.

A :class:`Delay` is an amount and a unit, as the contract states it: « 4 heures ouvrées »
(table 4.3), « 3 jours ouvrés » (table 4.3, §6.5.9), « 30 jours » (the global payment delay,
§1.8), « 2 mois » (the notice, §1.7), « 1 an » (a period, CP), « 48 heures » (a data breach,
§6.5.6). How each unit is counted is fixed (the docs' "Conventions" page):

- ``business_hours``: time inside a schedule's windows (:meth:`BusinessHours.add`);
- ``working_days`` (jours ouvrés, Monday–Friday) and ``ouvrable_days`` (jours ouvrables,
  Monday–Saturday), minus the schedule's holidays, with the civil counting of the Code de
  procédure civile art. 641–642 (the day of the event does not count) — or, for jours ouvrés,
  ``counting="daily_hours"``: N × the schedule's daily business time;
- ``hours``: elapsed time, counted in UTC (48 h across the spring DST change are 49 wall-clock
  hours);
- ``days``, ``months``, ``years``: calendar arithmetic on the local date, months clipped to the
  month's last day (``dateutil.relativedelta``).

:meth:`Delay.parse` reads the contract's words, French first, English accepted:

>>> Delay.parse("4 heures ouvrées"), Delay.parse("3 jours ouvrés")
(Delay(amount=4, unit='business_hours', counting='civil'), Delay(amount=3, unit='working_days', counting='civil'))
>>> [str(Delay.parse(text)) for text in ("30 jours", "2 mois", "1 an", "48 heures", "1 working day")]
['30 jours', '2 mois', '1 an', '48 heures', '1 jour ouvré']
>>> Delay.parse("2 mois").to_text(lang="en")
'2 months'

The failing case: words that are not a délai are refused with the accepted forms listed.

>>> Delay.parse("deux semaines")
Traceback (most recent call last):
...
libriciel_terms.errors.InvalidArgumentError: delay='deux semaines' is not a délai; write a whole number and a unit: heures ouvrées, jours ouvrés, jours ouvrables, heures, jours, mois, ans (or business hours, working days, ouvrable days, hours, days, months, years), e.g. "4 heures ouvrées" or "30 jours"

A :class:`BusinessDuration` is business time as a report shows it — « 64 h ouvrées », never
"2 days, 16:00:00" — and exports its hours as a ``Decimal``:

>>> overdue = BusinessDuration.of(dt.timedelta(hours=64))
>>> str(overdue), overdue.hours, overdue.to_text(lang="en")
('64 h ouvrées', Decimal('64'), '64 business hours')
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._exact import CONTEXT
from libriciel_terms._text import Lang, plain
from libriciel_terms.errors import InvalidArgumentError, WrongTypeError

__all__ = ["BusinessDuration", "Counting", "Delay", "DelayUnit"]

#: The units of a délai (see the module docstring for how each is counted).
DelayUnit = Literal[
    "business_hours", "working_days", "ouvrable_days", "hours", "days", "months", "years"
]
#: How jours ouvrés are counted: ``"civil"`` (CPC art. 641–642) or ``"daily_hours"``.
Counting = Literal["civil", "daily_hours"]

#: The largest amount a délai may hold (about 270 years in days): bounds every computation.
MAX_AMOUNT = 100_000

#: Per unit: French singular, French plural, English singular, English plural.
_WORDS: dict[str, tuple[str, str, str, str]] = {
    "business_hours": ("heure ouvrée", "heures ouvrées", "business hour", "business hours"),
    "working_days": ("jour ouvré", "jours ouvrés", "working day", "working days"),
    "ouvrable_days": ("jour ouvrable", "jours ouvrables", "ouvrable day", "ouvrable days"),
    "hours": ("heure", "heures", "hour", "hours"),
    "days": ("jour", "jours", "day", "days"),
    "months": ("mois", "mois", "month", "months"),
    "years": ("an", "ans", "year", "years"),
}
#: Other spellings accepted by :meth:`Delay.parse` (compared without case or accents).
_ALIASES: dict[str, str] = {
    "h_ouvree": "business_hours",
    "h_ouvrees": "business_hours",
    "business_day": "working_days",
    "business_days": "working_days",
    "jour_calendaire": "days",
    "jours_calendaires": "days",
    "calendar_day": "days",
    "calendar_days": "days",
    "h": "hours",
    "annee": "years",
    "annees": "years",
}


_UNIT_OF: dict[str, str] = {
    **{plain(word): unit for unit, words in _WORDS.items() for word in words},
    **_ALIASES,
}


def _check_counting(instance: Delay, _attribute: object, value: str) -> None:
    if value == "daily_hours" and instance.unit != "working_days":
        raise InvalidArgumentError(
            f"counting={value!r} applies to jours ouvrés only, not unit={instance.unit!r}; "
            f"drop counting="
        )


@attrs.frozen(kw_only=True)
class Delay:
    """A délai: a whole amount of a unit, counted as the module docstring says.

    >>> Delay.working_days(3)
    Delay(amount=3, unit='working_days', counting='civil')
    >>> str(Delay.business_hours(4)), str(Delay.working_days(5, counting="daily_hours"))
    ('4 h ouvrées', '5 jours ouvrés (× heures ouvrées par jour)')
    """

    amount: int = attrs.field(
        validator=_validate.check(_validate.integer, minimum=0, maximum=MAX_AMOUNT)
    )
    unit: DelayUnit = attrs.field(validator=_validate.choice(DelayUnit))
    counting: Counting = attrs.field(
        default="civil", validator=[_validate.choice(Counting), _check_counting]
    )

    @classmethod
    def business_hours(cls, amount: int) -> Delay:
        """``amount`` business hours (heures ouvrées)."""
        return cls(amount=amount, unit="business_hours")

    @classmethod
    def working_days(cls, amount: int, *, counting: Counting = "civil") -> Delay:
        """``amount`` jours ouvrés, counted with ``counting``."""
        return cls(amount=amount, unit="working_days", counting=counting)

    @classmethod
    def ouvrable_days(cls, amount: int) -> Delay:
        """``amount`` jours ouvrables (Monday–Saturday), civil counting."""
        return cls(amount=amount, unit="ouvrable_days")

    @classmethod
    def hours(cls, amount: int) -> Delay:
        """``amount`` hours of elapsed time."""
        return cls(amount=amount, unit="hours")

    @classmethod
    def days(cls, amount: int) -> Delay:
        """``amount`` calendar days."""
        return cls(amount=amount, unit="days")

    @classmethod
    def months(cls, amount: int) -> Delay:
        """``amount`` calendar months (clipped to the month's last day)."""
        return cls(amount=amount, unit="months")

    @classmethod
    def years(cls, amount: int) -> Delay:
        """``amount`` calendar years."""
        return cls(amount=amount, unit="years")

    @classmethod
    def parse(cls, text: str, *, name: str = "delay") -> Delay:
        """A délai from the contract's words: ``"4 heures ouvrées"``, ``"30 jours"``, ``"1 an"``.

        Case and accents are ignored; singular and plural both parse; English is accepted.
        """
        if not isinstance(text, str):
            raise WrongTypeError(
                f'{name}={text!r} is a {type(text).__name__}, not a str such as "30 jours"'
            )
        amount, _, words = text.strip().partition(" ")
        unit = _UNIT_OF.get(plain(words))
        if not amount.isdigit() or unit is None:
            french = ", ".join(w[1] for w in _WORDS.values())
            english = ", ".join(w[3] for w in _WORDS.values())
            raise InvalidArgumentError(
                f"{name}={text!r} is not a délai; write a whole number and a unit: {french} "
                f'(or {english}), e.g. "4 heures ouvrées" or "30 jours"'
            )
        return cls(amount=int(amount), unit=unit)  # type: ignore[arg-type]

    @property
    def is_business(self) -> bool:
        """Whether the délai is counted on a schedule (business hours, jours ouvrés/ouvrables)."""
        return self.unit in ("business_hours", "working_days", "ouvrable_days")

    @property
    def in_months(self) -> int:
        """The délai in months, for a délai of months or years; other units are refused."""
        if self.unit == "months":
            return self.amount
        if self.unit == "years":
            return 12 * self.amount
        raise InvalidArgumentError(
            f'delay={self} is not in months or years; write it as e.g. "2 mois" or "1 an"'
        )

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The délai in words: « 3 jours ouvrés », "3 working days"."""
        lang = _text.check_lang(lang)
        if self.unit == "business_hours" and lang == "fr":
            return f"{self.amount} h ouvrées"
        fr_one, fr_many, en_one, en_many = _WORDS[self.unit]
        one = self.amount == 1 or (lang == "fr" and self.amount == 0)
        words = (en_one if one else en_many) if lang == "en" else (fr_one if one else fr_many)
        suffix = ""
        if self.counting == "daily_hours":
            suffix = _text.pick(" (× heures ouvrées par jour)", " (× daily business hours)", lang)
        return f"{self.amount} {words}{suffix}"

    def __str__(self) -> str:
        return self.to_text()


_US_PER_HOUR = 3_600_000_000
#: Hours are exported to the ten-thousandth (a third of a second).
_HOURS_QUANTUM = Decimal("0.0001")


@attrs.frozen(order=True)
class BusinessDuration:
    """An amount of business time (a remaining or overdue délai), in microseconds.

    It prints as business time (« 2 h 30 min ouvrées ») and exports :attr:`hours` as a
    ``Decimal``; :attr:`timedelta` gives the same amount as a ``timedelta`` for arithmetic.
    """

    microseconds: int = attrs.field(validator=_validate.check(_validate.integer))

    @classmethod
    def of(cls, delta: dt.timedelta) -> BusinessDuration:
        """The business time held in a ``timedelta`` (as :meth:`BusinessHours.elapsed` returns)."""
        delta = _validate.duration("delta", delta, allow_negative=True)
        return cls(delta // dt.timedelta(microseconds=1))

    @property
    def hours(self) -> Decimal:
        """The duration in hours, to the ten-thousandth (``Decimal('2.5')`` for 2 h 30)."""
        # Ten-thousandths of an hour, half away from zero like round_fraction's "half_up", in
        # integers: this runs once per target of every ticket report.
        count, rest = divmod(abs(self.microseconds), _US_PER_HOUR // 10_000)
        if 2 * rest >= _US_PER_HOUR // 10_000:
            count += 1
        if self.microseconds < 0:
            count = -count
        if count % 10_000 == 0:
            return Decimal(count // 10_000)
        return Decimal(count).scaleb(-4, context=CONTEXT).normalize(context=CONTEXT)

    @property
    def timedelta(self) -> dt.timedelta:
        """The same amount as a ``timedelta``."""
        return dt.timedelta(microseconds=self.microseconds)

    def to_text(self, *, lang: Lang = "fr") -> str:
        """« 64 h ouvrées », "64 business hours"."""
        return _text.business_duration(self.microseconds, _text.check_lang(lang))

    def __str__(self) -> str:
        return self.to_text()
