"""Text for people: French by default, English on request (private module).

Every text a person reads — term sheets, calendars, explanations, report tables, command-line
messages — is built with these helpers and a ``lang`` argument (``"fr"`` or ``"en"``). Machine
outputs (records, JSON, CSV) keep ISO dates and plain decimals and never pass through here.

French typography (Imprimerie nationale): a narrow no-break space groups thousands and precedes
« ; ! ? % », a no-break space precedes « : » and « € »; the decimal separator is a comma. Nothing
here reads the process locale.

>>> money(Decimal("1350"), "fr"), money(Decimal("1350"), "en")
('1 350,00 €', '€1,350.00')
>>> percent(Decimal("98.447"), "fr"), percent(Decimal("98.447"), "en")
('98,447 %', '98.447%')
>>> date_long(dt.date(2025, 9, 1), "fr"), date_long(dt.date(2025, 9, 1), "en")
('1er septembre 2025', '1 September 2025')
>>> business_duration(64 * 3_600_000_000, "fr"), business_duration(9_000_000_000, "en")
('64 h ouvrées', '2 h 30 min of business time')
>>> business_duration(9_000_000_000, "fr"), calendar_duration(dt.timedelta(days=2, hours=16), "fr")
('2 h 30 min ouvrées', '2 j 16 h')

The failing case: a language other than French or English is refused.

>>> check_lang("de")
Traceback (most recent call last):
...
libriciel_terms.errors.InvalidArgumentError: lang='de' is not one of 'fr', 'en'; pass one of them
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Literal, get_args
from zoneinfo import ZoneInfo

from libriciel_terms._exact import round_fraction
from libriciel_terms._validate import one_of

__all__ = [
    "NBSP",
    "NNBSP",
    "WEEKDAYS",
    "Lang",
    "business_duration",
    "calendar_duration",
    "check_lang",
    "date_long",
    "instant",
    "money",
    "number",
    "percent",
    "pick",
    "plain",
    "yes_no",
]

#: The languages of every text a person reads.
Lang = Literal["fr", "en"]

NBSP = "\u00a0"  # no-break space: before « : » and « € », between a number and its unit
NNBSP = "\u202f"  # narrow no-break space: thousands, before « ; ! ? % »

#: Weekday names, Monday first: (French abbreviation, English abbreviation, French, English).
WEEKDAYS: tuple[tuple[str, str, str, str], ...] = (
    ("lun.", "Mon", "lundi", "Monday"),
    ("mar.", "Tue", "mardi", "Tuesday"),
    ("mer.", "Wed", "mercredi", "Wednesday"),
    ("jeu.", "Thu", "jeudi", "Thursday"),
    ("ven.", "Fri", "vendredi", "Friday"),
    ("sam.", "Sat", "samedi", "Saturday"),
    ("dim.", "Sun", "dimanche", "Sunday"),
)

_MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def check_lang(value: object, name: str = "lang") -> Lang:
    """Return ``value`` if it is ``"fr"`` or ``"en"``."""
    result: Lang = one_of(name, value, get_args(Lang))
    return result


def pick(fr: str, en: str, lang: Lang) -> str:
    """The French or the English text."""
    return en if lang == "en" else fr


def yes_no(value: bool, lang: Lang) -> str:
    """« oui » / « non », or yes / no."""
    return pick("oui", "yes", lang) if value else pick("non", "no", lang)


def number(value: Decimal | int, lang: Lang, *, places: int | None = None) -> str:
    """A number with grouped thousands and the language's decimal separator.

    >>> number(Decimal("1234567.891"), "fr", places=2), number(Decimal("0.985"), "en")
    ('1 234 567,89', '0.985')
    """
    exact = Decimal(value)
    if places is not None:
        exact = round_fraction(exact, Decimal((0, (1,), -places)))
    sign = "-" if exact.is_signed() and exact else ""
    digits = f"{exact.copy_abs():f}"
    whole, _, fraction = digits.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    if lang == "en":
        return sign + ",".join(groups) + (f".{fraction}" if fraction else "")
    return sign + NNBSP.join(groups) + (f",{fraction}" if fraction else "")


def money(amount: Decimal | int, lang: Lang) -> str:
    """An amount of euros to the cent, as a person reads it: ``1 350,00 €`` / ``€1,350.00``."""
    text = number(amount, lang, places=2)
    if lang == "en":
        return f"-€{text[1:]}" if text.startswith("-") else f"€{text}"
    return f"{text}{NBSP}€"


def percent(value_percent: Decimal | int, lang: Lang, *, places: int | None = None) -> str:
    """A percentage given in percent (``Decimal("98.447")`` is 98.447 %)."""
    text = number(value_percent, lang, places=places)
    return f"{text}%" if lang == "en" else f"{text}{NNBSP}%"


def date_long(day: dt.date, lang: Lang) -> str:
    """A date written out: « 1er septembre 2025 » / "1 September 2025"."""
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {_MONTHS_FR[day.month - 1]} {day.year}"


def instant(at: dt.datetime, lang: Lang, *, zone: ZoneInfo | None = None) -> str:
    """An instant with its weekday, in ``zone`` (or its own), without the process locale.

    >>> paris = ZoneInfo("Europe/Paris")
    >>> instant(dt.datetime(2024, 10, 15, 8, 0, tzinfo=dt.UTC), "fr", zone=paris)
    'mar. 2024-10-15 10:00'
    """
    local = at.astimezone(zone) if zone is not None else at
    names = WEEKDAYS[local.weekday()]
    clock = f"{local:%H:%M}" + (f":{local:%S}" if local.second or local.microsecond else "")
    return f"{names[1] if lang == 'en' else names[0]} {local.date().isoformat()} {clock}"


def _hours_minutes(microseconds: int) -> tuple[str, int, int, int]:
    sign = "-" if microseconds < 0 else ""
    seconds = abs(microseconds) // 1_000_000
    return sign, seconds // 3600, seconds // 60 % 60, seconds % 60


def _units(parts: list[tuple[int, str]], lang: Lang) -> str:
    space = NBSP if lang == "fr" else " "
    return " ".join(f"{amount}{space}{unit}" for amount, unit in parts)


def business_duration(microseconds: int, lang: Lang) -> str:
    """Business time as a person reads it: « 64 h ouvrées », "2 h 30 min of business time"."""
    sign, hours, minutes, seconds = _hours_minutes(microseconds)
    if lang == "en" and not (minutes or seconds):
        return f"{sign}{hours} business hour{'s' if hours != 1 else ''}"
    parts = [(hours, "h")] if hours or not (minutes or seconds) else []
    parts += [(n, unit) for n, unit in ((minutes, "min"), (seconds, "s")) if n]
    body = sign + _units(parts, lang)
    if lang == "en":
        return f"{body} of business time"
    plural = "s" if hours >= 2 or minutes or seconds else ""
    return f"{body} ouvrée{plural}"


def calendar_duration(delta: dt.timedelta, lang: Lang) -> str:
    """Elapsed calendar time: « 2 j 16 h 5 min » / "2 d 16 h 5 min"."""
    sign, hours, minutes, seconds = _hours_minutes(delta // dt.timedelta(microseconds=1))
    days, hours = divmod(hours, 24)
    parts = [(days, pick("j", "d", lang)), (hours, "h"), (minutes, "min"), (seconds, "s")]
    shown = [(n, unit) for n, unit in parts if n] or [(0, "s")]
    return sign + _units(shown, lang)


_SEPARATORS = re.compile(r"[\s_\-]+")


def plain(text: str) -> str:
    """A word as a parser compares it: no case, no accents, words joined by ``_``.

    >>> plain("Prise en charge"), plain(" Sérieux "), plain("terme-échu")
    ('prise_en_charge', 'serieux', 'terme_echu')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub("_", bare).strip("_")
