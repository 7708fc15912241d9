"""Syntec price revision (contract §1.11; contradictions C7, C8).

The clause: "Si la Personne Publique l'impose, les prix peuvent être révisés au terme de la
première année", "en hausse comme en baisse", by

    P(n) = P(o) × [0,15 + 0,85 × Syn(n) / Syn(o)]

where Syn(o) is the index of M0, "le mois précédent le démarrage de l'année de maintenance
précédente", and Syn(n) the index "connu/publié à la date anniversaire / date de révision"
(:mod:`libriciel_terms.syntec` holds the index and its publication rule). "Le coefficient de
révision est arrondi au millième supérieur."

The clause's figures and readings are the fields of a :class:`RevisionClause`; each method
keyword of the same name overrides a field for one call:

- ``fixed_part=Decimal("0.15")``: the non-indexed part (0.125 and 0.30 exist elsewhere).
- ``rounding="ceiling"``: the coefficient is rounded *up* to the thousandth, the decision taken
  on the exact rational value (with floats, 102.0 → 100.2 gives 0.9850000000000001 and a wrong
  0.986). ``"half_up"`` and ``"down"`` (truncation) are the readings met in practice. Prices are
  then rounded to the cent, half up.
- ``imposed_by_buyer=False``: prices are "fermes et définitifs" unless the buyer imposes the
  revision (C8).
- ``basis="chained"``: each year revises the previous year's revised prices against that
  year's M0; ``"fixed_base"`` always revises the initial prices against the first M0 (C7).
- ``junction=None``: how the 0.97975 link applies when M0 is in the historical series
  (≤ 2022-07) and Syn(n) in the revised one (≥ 2022-08). The two readings differ by about 4 %,
  so neither is assumed: such a revision is refused until the caller chooses
  ``"continue_old"`` (the link's definition, 280.6 / 286.4: the old base is multiplied by it) or
  ``"multiply_new"`` (the clause's wording: the revised value is multiplied by it). No ComElus
  revision (M0 ≥ 2024-08) straddles it.
- ``publication="observed"``: Syn(n) is the latest month published on the revision date, from
  the observed publication date where the series has one, else the rule; ``"rule"`` ignores the
  observed dates.

Worked examples:

>>> from decimal import Decimal
>>> revision_coefficient("100", "103.2")
Decimal('1.028')
>>> revise_price(Decimal("1350.00"), 100, "103.2")
Decimal('1387.80')
>>> revise_price(Decimal("1350.00"), 100, "98.7")
Decimal('1335.15')
>>> revision_coefficient("102.0", "100.2")          # exactly 0.985: not bumped to 0.986
Decimal('0.985')

The months come from dates: for the revision on 2025-09-01, M0 is August 2024 and the latest
index published that day is July 2025 (published on the last jour ouvré of August 2025).

>>> from datetime import date
>>> base_month(date(2025, 9, 1)), SYNTEC.known_on(date(2025, 9, 1))
(YearMonth(year=2024, month=8), YearMonth(year=2025, month=7))

The failing case: July 2025 is one of the snapshot's gaps, and it is never guessed.

>>> RevisionClause().revision(date(2025, 9, 1))
Traceback (most recent call last):
...
libriciel_terms.errors.UnknownIndexMonthError: Syn(n) is 2025-07 (the latest index published on 2025-09-01; ...
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from functools import reduce
from typing import Any, Literal

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._dates import YearMonth, add_months
from libriciel_terms._display import ExactFraction, Label, decimal_text
from libriciel_terms._exact import CENT, CONTEXT, cents, round_fraction
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang, pick
from libriciel_terms.errors import (
    InvalidArgumentError,
    UnknownIndexMonthError,
    WrongTypeError,
)
from libriciel_terms.syntec import (  # "X as X": re-exported until __init__ imports from syntec
    LINK_COEFFICIENT as LINK_COEFFICIENT,
)
from libriciel_terms.syntec import (
    MAX_YEAR,
    MIN_YEAR,
    Publication,
    index_month,
)
from libriciel_terms.syntec import (
    SYNTEC as SYNTEC,
)
from libriciel_terms.syntec import (
    IndexValue as IndexValue,
)
from libriciel_terms.syntec import (
    SyntecSeries as SyntecSeries,
)

__all__ = [
    "DEFAULT_FIXED_PART",
    "BaseRule",
    "Basis",
    "CoefficientRounding",
    "CurrentRule",
    "Junction",
    "Revision",
    "RevisionClause",
    "RevisionSchedule",
    "ScheduleRow",
    "base_month",
    "exact_coefficient",
    "revise_price",
    "revision_coefficient",
    "revision_schedule",
    "syntec_revision",
]

#: How the 0.97975 link is applied across the 2022 junction (see the module docstring).
Junction = Literal["continue_old", "multiply_new"]
#: How the coefficient is brought to the thousandth: ``ceiling`` ("millième supérieur", the
#: contract's), ``half_up`` (nearest) or ``down`` (truncation).
CoefficientRounding = Literal["ceiling", "half_up", "down"]
#: Chained (each year from the previous year's revised price) or fixed-base (from the initial).
Basis = Literal["chained", "fixed_base"]
#: Why M0 is the month it is: the month before the previous maintenance year
#: (``previous_year``), named by the caller (``explicit``), or the first M0 (``fixed_base``).
BaseRule = Literal["previous_year", "explicit", "fixed_base"]
#: Why Syn(n) is the month it is: the latest published on the revision date, or named.
CurrentRule = Literal["published", "explicit"]

#: The non-indexed part of the formula in clause 1.11 (the API's documented default).
DEFAULT_FIXED_PART = Decimal("0.15")

_THOUSANDTH = Decimal("0.001")
_ROUNDING_TEXT = {
    "ceiling": ("arrondi au millième supérieur", "ceiling"),
    "half_up": ("arrondi au millième le plus proche", "half_up"),
    "down": ("tronqué au millième", "down"),
}
_JUNCTION_LABELS = {
    "continue_old": ("prolonger l'ancienne série", "continue_old"),
    "multiply_new": ("multiplier la nouvelle valeur", "multiply_new"),
}


# --------------------------------------------------------------------------- the formula


def _index(name: str, value: object) -> Fraction:
    number = _validate.decimal(name, value, what="index value", accept=(int, str), positive=True)
    return Fraction(number)


def _fixed_part(value: object) -> Decimal:
    return _validate.decimal(
        "fixed_part",
        value,
        what="fixed part",
        accept=(int, str),
        minimum=Decimal(0),
        maximum=Decimal(1),
    )


def _rounding(value: object) -> CoefficientRounding:
    mode: CoefficientRounding = _validate.one_of(
        "rounding", value, _validate.literal_values(CoefficientRounding)
    )
    return mode


def _thousandth(value: Fraction, rounding: CoefficientRounding) -> Decimal:
    return round_fraction(value, _THOUSANDTH, rounding=rounding)


def exact_coefficient(
    base_index: Decimal | int | str,
    current_index: Decimal | int | str,
    *,
    fixed_part: Decimal | int | str = DEFAULT_FIXED_PART,
) -> Fraction:
    """The unrounded coefficient ``fixed + (1 − fixed) × current / base``, as a Fraction.

    >>> exact_coefficient(100, "103.2")                  # 1.0272
    Fraction(642, 625)
    >>> exact_coefficient("121.2", "130.5")              # 1.06522277…
    Fraction(8607, 8080)
    """
    base = _index("base_index", base_index)
    current = _index("current_index", current_index)
    fixed = Fraction(_fixed_part(fixed_part))
    return fixed + (1 - fixed) * current / base


def revision_coefficient(
    base_index: Decimal | int | str,
    current_index: Decimal | int | str,
    *,
    fixed_part: Decimal | int | str = DEFAULT_FIXED_PART,
    rounding: CoefficientRounding = "ceiling",
) -> Decimal:
    """C = fixed + (1 − fixed) × Syn(n)/Syn(o), to the thousandth (contract §1.11).

    "Le coefficient de révision est arrondi au millième supérieur": ``rounding="ceiling"``,
    decided on the exact rational value; ``"half_up"`` and ``"down"`` are the other readings.
    Index values are ``Decimal``, ``int`` or ``str`` with at most 15 digits before the point
    and 28 after; ``float``, zero, negatives and NaN are refused.

    >>> revision_coefficient("121.2", "130.5")
    Decimal('1.066')
    >>> revision_coefficient("121.2", "130.5", rounding="half_up")
    Decimal('1.065')
    >>> revision_coefficient(100, "98.7")
    Decimal('0.989')
    >>> revision_coefficient(100, 110, fixed_part=Decimal("0.125"))
    Decimal('1.088')
    >>> revision_coefficient(102.0, "100.2")
    Traceback (most recent call last):
    ...
    libriciel_terms.errors.FloatMoneyError: base_index=102.0 is a float; pass the index value as a Decimal, an int or a str, ...
    """
    exact = exact_coefficient(base_index, current_index, fixed_part=fixed_part)
    return _thousandth(exact, _rounding(rounding))


def revise_price(
    price: Decimal,
    base_index: Decimal | int | str,
    current_index: Decimal | int | str,
    *,
    fixed_part: Decimal | int | str = DEFAULT_FIXED_PART,
    rounding: CoefficientRounding = "ceiling",
) -> Decimal:
    """P(n) = P(o) × C, C rounded as :func:`revision_coefficient`, then to the cent (§1.11).

    >>> revise_price(Decimal("1350.00"), "100", "103.2")
    Decimal('1387.80')
    >>> revise_price(Decimal("10000"), "242.6", "245.6", fixed_part=0)
    Decimal('10130.00')
    """
    amount = _validate.money("price", price)
    coefficient = revision_coefficient(
        base_index, current_index, fixed_part=fixed_part, rounding=rounding
    )
    return cents(Fraction(amount) * Fraction(coefficient))


# --------------------------------------------------------------------------- months from dates


def _day(name: str, value: object) -> dt.date:
    day = _validate.day(name, value)
    _validate.integer(f"{name}.year", day.year, minimum=MIN_YEAR + 1, maximum=MAX_YEAR)
    return day


def _previous_year_start(anniversary: dt.date) -> dt.date:
    return add_months(anniversary, -12)


def base_month(anniversary: dt.date) -> YearMonth:
    """M0 for the revision at ``anniversary``: the month before the previous maintenance year.

    Contract §1.11: "le mois précédent le démarrage de l'année de maintenance précédente". The
    maintenance year ending at ``anniversary`` started one year earlier.

    >>> from datetime import date
    >>> base_month(date(2025, 9, 1))
    YearMonth(year=2024, month=8)
    >>> str(base_month(date(2027, 9, 1)))
    '2026-08'
    """
    return YearMonth.of(_previous_year_start(_day("anniversary", anniversary))).shift(-1)


def _base_reason(rule: BaseRule, anniversary: dt.date, m0: YearMonth, lang: Lang) -> str:
    if rule == "explicit":
        return pick("donné explicitement (base_month)", "given explicitly (base_month)", lang)
    if rule == "fixed_base":
        return pick(
            f"base fixe : M0 de la première révision ({m0}), le mois précédant le début du contrat",
            f"fixed base: M0 of the first revision ({m0}), the month before the contract started",
            lang,
        )
    start = _previous_year_start(anniversary)
    return pick(
        f"M0, le mois précédant le {_text.date_long(start, 'fr')}, début de l'année de "
        f"maintenance précédente",
        f"M0, the month before {start.isoformat()}, when the previous maintenance year started",
        lang,
    )


def _current_reason(
    rule: CurrentRule, when: dt.date, published_on: dt.date, observed: bool, lang: Lang
) -> str:
    if rule == "explicit":
        return pick("donné explicitement (current_month)", "given explicitly (current_month)", lang)
    if lang == "en":
        how = "observed" if observed else "by the rule: last jour ouvré of the following month"
        return (
            f"the latest index published on {when.isoformat()}; it came out on "
            f"{published_on.isoformat()}, {how}"
        )
    how = "date observée" if observed else "selon la règle : dernier jour ouvré du mois suivant"
    return (
        f"le dernier indice publié le {_text.date_long(when, 'fr')} ; il est paru le "
        f"{_text.date_long(published_on, 'fr')} ({how})"
    )


# --------------------------------------------------------------------------- one revision


_optional_junction = _validate.optional(
    _validate.one_of, choices=_validate.literal_values(Junction)
)


@attrs.frozen(kw_only=True)
class Revision(Report):
    """One revision: the months used and why, their values, the link, the coefficient.

    ``base_index`` and ``current_index`` are what the formula uses, after the 0.97975 link
    when it applies (``junction``); ``base`` and ``current`` are the series' values, each with
    its source and origin (:attr:`uses_user_values`). :meth:`explain` says how it was computed.
    """

    COLUMNS = (Column("index", "indice", "index"), *SyntecSeries.COLUMNS)

    anniversary: dt.date = attrs.field(validator=_validate.instance_of(dt.date))
    revision_date: dt.date = attrs.field(validator=_validate.instance_of(dt.date))
    base_month: YearMonth = attrs.field(validator=_validate.instance_of(YearMonth))
    base_rule: BaseRule = attrs.field(validator=_validate.choice(BaseRule))
    current_month: YearMonth = attrs.field(validator=_validate.instance_of(YearMonth))
    current_rule: CurrentRule = attrs.field(validator=_validate.choice(CurrentRule))
    #: The day Syn(n)'s month was published, observed or by the rule.
    current_published_on: dt.date = attrs.field(validator=_validate.instance_of(dt.date))
    current_publication_observed: bool = attrs.field(validator=_validate.instance_of(bool))
    base: IndexValue = attrs.field(validator=_validate.instance_of(IndexValue))
    current: IndexValue = attrs.field(validator=_validate.instance_of(IndexValue))
    junction: Junction | None = attrs.field(validator=_optional_junction)
    base_index: Decimal = attrs.field(validator=_validate.instance_of(Decimal))
    current_index: Decimal = attrs.field(validator=_validate.instance_of(Decimal))
    fixed_part: Decimal = attrs.field(validator=_validate.instance_of(Decimal))
    rounding: CoefficientRounding = attrs.field(validator=_validate.choice(CoefficientRounding))
    exact_coefficient: Fraction = attrs.field(validator=_validate.instance_of(Fraction))
    coefficient: Decimal = attrs.field(validator=_validate.instance_of(Decimal))

    def apply(self, price: Decimal) -> Decimal:
        """``price`` × :attr:`coefficient`, to the cent (half up)."""
        amount = _validate.money("price", price)
        return cents(Fraction(amount) * Fraction(self.coefficient))

    @property
    def uses_user_values(self) -> bool:
        """Whether Syn(o) or Syn(n) is a value the user brought rather than the snapshot's."""
        return "user" in (self.base.origin, self.current.origin)

    def base_month_reason(self, *, lang: Lang = "fr") -> str:
        """Why M0 is :attr:`base_month`."""
        lang = _text.check_lang(lang)
        return _base_reason(self.base_rule, self.anniversary, self.base_month, lang)

    def current_month_reason(self, *, lang: Lang = "fr") -> str:
        """Why Syn(n) is the index of :attr:`current_month`."""
        lang = _text.check_lang(lang)
        return _current_reason(
            self.current_rule,
            self.revision_date,
            self.current_published_on,
            self.current_publication_observed,
            lang,
        )

    def _link_text(self, lang: Lang) -> str:
        if self.junction is None:
            return pick(
                "pas de raccordement (les deux valeurs sont dans la même série)",
                "no link (both values in the same series)",
                lang,
            )
        k = _text.number(LINK_COEFFICIENT, lang)
        which, value = (
            ("Syn(o)", self.base_index)
            if self.junction == "continue_old"
            else ("Syn(n)", self.current_index)
        )
        name = Label.of(self.junction, *_JUNCTION_LABELS[self.junction]).to_text(lang=lang)
        return pick(
            f"raccordement ({name}) : {which} × {k} = {_text.number(value, 'fr')}",
            f"link {name}: {which} × {k} = {value}",
            lang,
        )

    def explain(self, *, lang: Lang = "fr") -> str:
        """How the revision was computed: the months and why, the link, the coefficient."""
        lang = _text.check_lang(lang)
        n = _text.number
        rest = CONTEXT.subtract(1, self.fixed_part)
        rounding = pick(*_ROUNDING_TEXT[self.rounding], lang)
        return "\n".join(
            [
                pick(
                    f"révision au {_text.date_long(self.revision_date, 'fr')} (anniversaire du "
                    f"{_text.date_long(self.anniversary, 'fr')})",
                    f"revision on {self.revision_date.isoformat()} "
                    f"(anniversary {self.anniversary.isoformat()})",
                    lang,
                ),
                f"Syn(o) = {self.base.describe(lang=lang)}{pick(' : ', ': ', lang)}"
                f"{self.base_month_reason(lang=lang)}",
                f"Syn(n) = {self.current.describe(lang=lang)}{pick(' : ', ': ', lang)}"
                f"{self.current_month_reason(lang=lang)}",
                self._link_text(lang),
                f"C = {n(self.fixed_part, lang)} + {n(rest, lang)} × "
                f"{n(self.current_index, lang)} / {n(self.base_index, lang)} = "
                f"{decimal_text(self.exact_coefficient, lang)} → {n(self.coefficient, lang)} "
                f"({rounding})",
            ]
        )

    def to_records(self) -> list[dict[str, Any]]:
        """Syn(o) and Syn(n): month, value, series, publication, source, origin."""
        records = []
        for name, entry in (("Syn(o)", self.base), ("Syn(n)", self.current)):
            record = SyntecSeries(entries=(entry,)).to_records()[0]
            records.append({"index": name, **record})
        return records

    def headline(self, *, lang: Lang = "fr") -> str:
        """The revision in one line."""
        lang = _text.check_lang(lang)
        coefficient = _text.number(self.coefficient, lang)
        return pick(
            f"Révision au {_text.date_long(self.revision_date, 'fr')} : C = {coefficient}",
            f"Revision on {self.revision_date.isoformat()}: C = {coefficient}",
            lang,
        )

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """The explanation, line by line."""
        lang = _text.check_lang(lang)
        return tuple(self.explain(lang=lang).splitlines()[1:])


def _link(
    base: IndexValue, current: IndexValue, junction: Junction | None
) -> tuple[Junction | None, Decimal, Decimal]:
    if base.series == current.series:
        return None, base.value, current.value
    if base.series == "revised":
        raise InvalidArgumentError(
            f"Syn(o) {base.month} is in the revised series but Syn(n) {current.month} in the "
            f"historical one; pass a current month after the base month"
        )
    if junction is None:
        raise InvalidArgumentError(
            f"M0 {base.month} is in the historical series and Syn(n) {current.month} in the "
            f"revised one, so the 0.97975 link applies and its two readings differ by about "
            f"4 %; pass junction='continue_old' (the link's definition, 280.6/286.4: Syn(o) × "
            f"0.97975) or junction='multiply_new' (the clause's wording: Syn(n) × 0.97975)"
        )
    if junction == "continue_old":
        return junction, CONTEXT.multiply(base.value, LINK_COEFFICIENT), current.value
    return junction, base.value, CONTEXT.multiply(current.value, LINK_COEFFICIENT)


# --------------------------------------------------------------------------- schedules


def _price_lines(prices: object) -> tuple[tuple[str, Decimal], ...]:
    if isinstance(prices, Mapping):
        pairs: Iterable[Any] = prices.items()
    elif isinstance(prices, (str, bytes)) or not isinstance(prices, Iterable):
        raise WrongTypeError(
            f"prices={prices!r} is not a mapping or a sequence of (label, Decimal) pairs; "
            f'pass e.g. {{"usage": Decimal("650.00")}}'
        )
    else:
        pairs = prices
    lines: dict[str, Decimal] = {}
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise WrongTypeError(
                f"prices holds {pair!r}, which is not a (label, Decimal) pair; pass e.g. "
                f'("usage", Decimal("650.00"))'
            )
        label = _validate.text("price label", pair[0], empty=False)
        if label in lines or label == "total":
            raise InvalidArgumentError(
                f"price label {label!r} is repeated or reserved ('total'); give each line its "
                f"own label"
            )
        lines[label] = _cents_price(f"prices[{label!r}]", pair[1])
    if not lines:
        raise InvalidArgumentError("prices is empty; pass at least one (label, Decimal) pair")
    return tuple(lines.items())


def _cents_price(name: str, value: object) -> Decimal:
    amount = _validate.money(name, value)
    in_cents = amount.quantize(CENT, context=CONTEXT)
    if in_cents != amount:
        raise InvalidArgumentError(
            f"{name}={value!r} has more than two decimals; a price of the price list is in "
            f"euros and cents: pass e.g. Decimal('{in_cents}')"
        )
    return in_cents


def _anniversaries(value: object) -> tuple[dt.date, ...]:
    if isinstance(value, (str, bytes, dt.date)) or not isinstance(value, Iterable):
        raise WrongTypeError(
            f"anniversaries={value!r} is not a sequence of dates; pass e.g. (date(2025, 9, 1),)"
        )
    days = tuple(_day("anniversaries[…]", item) for item in value)
    if not days:
        raise InvalidArgumentError("anniversaries is empty; pass at least one date")
    for before, after in itertools.pairwise(days):
        _validate.ordered("anniversaries[i]", before, "anniversaries[i+1]", after, strict=True)
    return days


def _per_anniversary(name: str, value: object, days: tuple[dt.date, ...]) -> Mapping[Any, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise WrongTypeError(f"{name}={value!r} is not a mapping keyed by anniversary date")
    for key in value:
        if key not in days:
            raise InvalidArgumentError(
                f"{name} has the key {key!r}, which is not one of the anniversaries; key it by "
                f"anniversary date"
            )
    return value


@attrs.frozen(kw_only=True)
class ScheduleRow:
    """One anniversary of a schedule: the revision (``None`` if not imposed) and new prices."""

    anniversary: dt.date = attrs.field(validator=_validate.instance_of(dt.date))
    revision: Revision | None = attrs.field(
        validator=_validate.guard(attrs.validators.optional(attrs.validators.instance_of(Revision)))
    )
    prices: tuple[tuple[str, Decimal], ...] = attrs.field(converter=_price_lines)

    @property
    def total(self) -> Decimal:
        """The sum of the revised lines (each rounded to the cent first)."""
        return reduce(CONTEXT.add, (amount for _, amount in self.prices), Decimal("0.00"))


_SCHEDULE_COLUMNS = (
    Column("anniversary", "anniversaire", "anniversary", "date"),
    Column("revision_date", "date de révision", "revision date", "date"),
    Column("base_month", "M0", "M0"),
    Column("base_value", "Syn(o)", "Syn(o)", "number"),
    Column("current_month", "mois de Syn(n)", "Syn(n) month"),
    Column("current_value", "Syn(n)", "Syn(n)", "number"),
    Column("junction", "raccordement", "link"),
    Column("exact_coefficient", "coefficient exact", "exact coefficient"),
    Column("coefficient", "C", "C", "number"),
)


def _tuple_of_schedule_row(value: object) -> tuple[ScheduleRow, ...]:
    return _validate.items("rows", value, ScheduleRow)


@attrs.frozen(kw_only=True)
class RevisionSchedule(Report):
    """Revisions at each anniversary and the resulting prices (contract §1.11, C7, C8)."""

    basis: Basis = attrs.field(validator=_validate.choice(Basis))
    imposed_by_buyer: bool = attrs.field(validator=_validate.instance_of(bool))
    initial_prices: tuple[tuple[str, Decimal], ...] = attrs.field(converter=_price_lines)
    rows: tuple[ScheduleRow, ...] = attrs.field(converter=_tuple_of_schedule_row)

    @property
    def COLUMNS(self) -> tuple[Column, ...]:  # type: ignore[override]  # noqa: N802
        """The schedule's columns: months, values, coefficients, one per price line, total."""
        lines = tuple(Column(label, label, label, "money") for label, _ in self.initial_prices)
        return (*_SCHEDULE_COLUMNS, *lines, Column("total", "total", "total", "money"))

    @property
    def uses_user_values(self) -> bool:
        """Whether any revision of the schedule used a value the user brought."""
        return any(row.revision is not None and row.revision.uses_user_values for row in self.rows)

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per anniversary: months, values, link, coefficients, every new price.

        ``exact_coefficient`` is a :class:`~fractions.Fraction`; money is ``Decimal``.
        """
        records = []
        for row in self.rows:
            revision = row.revision
            record: dict[str, Any] = {
                "anniversary": row.anniversary,
                "revision_date": None if revision is None else revision.revision_date,
                "base_month": None if revision is None else str(revision.base_month),
                "base_value": None if revision is None else revision.base.value,
                "current_month": None if revision is None else str(revision.current_month),
                "current_value": None if revision is None else revision.current.value,
                "junction": None if revision is None else _junction_label(revision.junction),
                "exact_coefficient": None
                if revision is None
                else ExactFraction(revision.exact_coefficient),
                "coefficient": None if revision is None else revision.coefficient,
            }
            record.update(dict(row.prices))
            record["total"] = row.total
            records.append(record)
        return records

    def headline(self, *, lang: Lang = "fr") -> str:
        """What the schedule is: its basis and whether the revision is imposed."""
        lang = _text.check_lang(lang)
        count = len(self.rows)
        plural = "s" if count > 1 else ""
        if not self.imposed_by_buyer:
            return pick(
                f"Prix fermes (révision non imposée par l'acheteur) : {count} anniversaire{plural}",
                f"Firm prices (revision not imposed by the buyer): {count} anniversar"
                f"{'ies' if plural else 'y'}",
                lang,
            )
        basis = pick(
            "base chaînée" if self.basis == "chained" else "base fixe",
            "chained basis" if self.basis == "chained" else "fixed base",
            lang,
        )
        return pick(
            f"Révision Syntec imposée par l'acheteur, {basis} : {count} anniversaire{plural}",
            f"Syntec revision imposed by the buyer, {basis}: {count} anniversar"
            f"{'ies' if plural else 'y'}",
            lang,
        )

    def explain(self, *, lang: Lang = "fr") -> str:
        """Each revision's explanation, anniversary by anniversary (firm prices say so)."""
        lang = _text.check_lang(lang)
        if not self.imposed_by_buyer:
            return pick(
                "Prix fermes et définitifs : la révision n'est pas imposée par l'acheteur "
                "(§1.11, C8).",
                "Firm prices: the buyer does not impose the revision (§1.11, C8).",
                lang,
            )
        return "\n\n".join(
            row.revision.explain(lang=lang) for row in self.rows if row.revision is not None
        )

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """A warning when a value the user brought was used."""
        lang = _text.check_lang(lang)
        if not self.uses_user_values:
            return ()
        return (
            pick(
                "Calculé avec des valeurs d'indice fournies par l'utilisateur : explain() dit "
                "lesquelles.",
                "Computed with index values supplied by the user: explain() says which.",
                lang,
            ),
        )


def _junction_label(junction: Junction | None) -> Label | None:
    return None if junction is None else Label.of(junction, *_JUNCTION_LABELS[junction])


# --------------------------------------------------------------------------- the clause


def _series(name: str, value: object) -> SyntecSeries:
    if not isinstance(value, SyntecSeries):
        raise WrongTypeError(
            f"{name}={value!r} is not a SyntecSeries; pass SYNTEC, SYNTEC.merged(...) or "
            f"SyntecSeries.of(...)"
        )
    return value


def _imposed(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise WrongTypeError(
            f"{name}={value!r} is not a bool; pass True if the buyer imposes the "
            f"revision (clause 1.11), False if prices stay firm"
        )
    return value


@attrs.frozen(kw_only=True)
class RevisionClause:
    """The revision clause of a contract (§1.11): the index, the formula and its readings.

    Each field holds the template's default; the methods compute from them, and a method
    keyword of the same name overrides a field for one call (``None`` = the field).
    ``index`` is the series the revision reads: :data:`~libriciel_terms.syntec.SYNTEC`, or the
    snapshot merged with values the user brought.

    >>> from datetime import date
    >>> clause = RevisionClause.comelus()
    >>> clause.coefficient("314.1", "322.2"), clause.revised_price(Decimal("650.00"), "314.1", "322.2")
    (Decimal('1.022'), Decimal('664.30'))
    >>> clause.revision(date(2025, 9, 1), revision_date=date(2025, 12, 1)).coefficient
    Decimal('1.022')
    >>> clause.schedule([date(2025, 9, 1)], {"usage": Decimal("650.00")}).rows[0].prices
    (('usage', Decimal('650.00')),)
    """

    index: SyntecSeries = attrs.field(default=SYNTEC, validator=_validate.check(_series))
    fixed_part: Decimal = attrs.field(default=DEFAULT_FIXED_PART, converter=_fixed_part)
    rounding: CoefficientRounding = attrs.field(
        default="ceiling", validator=_validate.choice(CoefficientRounding)
    )
    imposed_by_buyer: bool = attrs.field(default=False, validator=_validate.check(_imposed))
    basis: Basis = attrs.field(default="chained", validator=_validate.choice(Basis))
    junction: Junction | None = attrs.field(default=None, validator=_optional_junction)
    publication: Publication = attrs.field(
        default="observed", validator=_validate.choice(Publication)
    )

    @classmethod
    def comelus(cls) -> RevisionClause:
        """The ComElus 2024 clause 1.11: Syntec, 0,15 fixed, "millième supérieur", firm prices.

        The ``[revision]`` of the bundled ComElus 2024 contract file.

        >>> RevisionClause.comelus().fixed_part
        Decimal('0.15')
        """
        from libriciel_terms.comelus import COMELUS_2024

        return COMELUS_2024.revision

    def _for_call(self, **overrides: Any) -> RevisionClause:
        changes = {key: value for key, value in overrides.items() if value is not None}
        return attrs.evolve(self, **changes) if changes else self

    def coefficient(
        self,
        base_index: Decimal | int | str,
        current_index: Decimal | int | str,
        *,
        fixed_part: Decimal | int | str | None = None,
        rounding: CoefficientRounding | None = None,
    ) -> Decimal:
        """The revision coefficient (:func:`revision_coefficient`) with this clause's figures."""
        clause = self._for_call(fixed_part=fixed_part, rounding=rounding)
        return revision_coefficient(
            base_index, current_index, fixed_part=clause.fixed_part, rounding=clause.rounding
        )

    def revised_price(
        self,
        price: Decimal,
        base_index: Decimal | int | str,
        current_index: Decimal | int | str,
        *,
        fixed_part: Decimal | int | str | None = None,
        rounding: CoefficientRounding | None = None,
    ) -> Decimal:
        """A revised price (:func:`revise_price`) with this clause's figures."""
        clause = self._for_call(fixed_part=fixed_part, rounding=rounding)
        return revise_price(
            price,
            base_index,
            current_index,
            fixed_part=clause.fixed_part,
            rounding=clause.rounding,
        )

    def revision(
        self,
        anniversary: dt.date,
        *,
        revision_date: dt.date | None = None,
        base_month: tuple[int, int] | None = None,
        current_month: tuple[int, int] | None = None,
        junction: Junction | None = None,
        publication: Publication | None = None,
        fixed_part: Decimal | int | str | None = None,
        rounding: CoefficientRounding | None = None,
    ) -> Revision:
        """The revision at ``anniversary``, months derived from dates (contract §1.11).

        M0 is the month before the previous maintenance year (:func:`base_month`); Syn(n) is
        the latest month published on ``revision_date`` (the anniversary unless the revision is
        made at the notification date). ``base_month`` and ``current_month`` name the months
        instead.
        """
        clause = self._for_call(
            junction=junction, publication=publication, fixed_part=fixed_part, rounding=rounding
        )
        day = _day("anniversary", anniversary)
        when = day if revision_date is None else _day("revision_date", revision_date)
        if base_month is None:
            return clause._revise(day, when, _m0(day), "previous_year", current_month)
        m0 = index_month("base_month", base_month)
        return clause._revise(day, when, m0, "explicit", current_month)

    def _revise(
        self,
        day: dt.date,
        when: dt.date,
        m0: YearMonth,
        base_rule: BaseRule,
        current_month: object,
    ) -> Revision:
        series = self.index
        if current_month is None:
            n, current_rule = series.known_on(when, publication=self.publication), "published"
        else:
            n, current_rule = index_month("current_month", current_month), "explicit"
        published_on = series.publication_date(*n, publication=self.publication)
        held = series.get(n)
        observed = self.publication == "observed" and held is not None and bool(held.published_on)
        try:
            base = series[m0]
        except UnknownIndexMonthError as error:
            reason = _base_reason(base_rule, day, m0, "en")
            raise UnknownIndexMonthError(f"Syn(o) is {m0} ({reason}), but {error}") from None
        try:
            current = series[n]
        except UnknownIndexMonthError as error:
            reason = _current_reason(current_rule, when, published_on, observed, "en")  # type: ignore[arg-type]
            raise UnknownIndexMonthError(f"Syn(n) is {n} ({reason}), but {error}") from None
        applied, base_index, current_index = _link(base, current, self.junction)
        fixed = Fraction(self.fixed_part)
        exact = fixed + (1 - fixed) * Fraction(current_index) / Fraction(base_index)
        return Revision(
            anniversary=day,
            revision_date=when,
            base_month=m0,
            base_rule=base_rule,
            current_month=n,
            current_rule=current_rule,  # type: ignore[arg-type]
            current_published_on=published_on,
            current_publication_observed=observed,
            base=base,
            current=current,
            junction=applied,
            base_index=base_index,
            current_index=current_index,
            fixed_part=self.fixed_part,
            rounding=self.rounding,
            exact_coefficient=exact,
            coefficient=_thousandth(exact, self.rounding),
        )

    def schedule(
        self,
        anniversaries: Sequence[dt.date],
        prices: Mapping[str, Decimal] | Iterable[tuple[str, Decimal]],
        *,
        imposed_by_buyer: bool | None = None,
        basis: Basis | None = None,
        revision_dates: Mapping[dt.date, dt.date] | None = None,
        current_months: Mapping[dt.date, tuple[int, int]] | None = None,
        junction: Junction | None = None,
        publication: Publication | None = None,
        fixed_part: Decimal | int | str | None = None,
        rounding: CoefficientRounding | None = None,
    ) -> RevisionSchedule:
        """Every price line at each anniversary (contract §1.11, C7, C8).

        Prices stay firm unless the revision is imposed (``imposed_by_buyer``). Each line is
        rounded to the cent; the total is the sum of the rounded lines; prices are in euros and
        cents. ``revision_dates`` and ``current_months`` override, per anniversary, the day
        Syn(n) is read on and the month itself.
        """
        days = _anniversaries(anniversaries)
        lines = _price_lines(prices)
        if imposed_by_buyer is not None:
            _imposed("imposed_by_buyer", imposed_by_buyer)
        clause = self._for_call(
            imposed_by_buyer=imposed_by_buyer,
            basis=basis,
            junction=junction,
            publication=publication,
            fixed_part=fixed_part,
            rounding=rounding,
        )
        dates = _per_anniversary("revision_dates", revision_dates, days)
        months = _per_anniversary("current_months", current_months, days)
        if not clause.imposed_by_buyer:
            firm = tuple(ScheduleRow(anniversary=day, revision=None, prices=lines) for day in days)
            return RevisionSchedule(
                basis=clause.basis, imposed_by_buyer=False, initial_prices=lines, rows=firm
            )
        first_m0 = _m0(days[0])
        current = lines
        built = []
        for day in days:
            when = day if dates.get(day) is None else _day("revision_date", dates[day])
            if clause.basis == "fixed_base":
                revision = clause._revise(day, when, first_m0, "fixed_base", months.get(day))
            else:
                revision = clause._revise(day, when, _m0(day), "previous_year", months.get(day))
            source = current if clause.basis == "chained" else lines
            current = tuple((label, revision.apply(amount)) for label, amount in source)
            built.append(ScheduleRow(anniversary=day, revision=revision, prices=current))
        return RevisionSchedule(
            basis=clause.basis, imposed_by_buyer=True, initial_prices=lines, rows=tuple(built)
        )


def _m0(anniversary: dt.date) -> YearMonth:
    return base_month(anniversary)


# --------------------------------------------------------------------------- module functions


def syntec_revision(
    anniversary: dt.date,
    *,
    series: SyntecSeries | None = None,
    revision_date: dt.date | None = None,
    base_month: tuple[int, int] | None = None,
    current_month: tuple[int, int] | None = None,
    junction: Junction | None = None,
    fixed_part: Decimal | int | str = DEFAULT_FIXED_PART,
    rounding: CoefficientRounding = "ceiling",
    publication: Publication = "observed",
) -> Revision:
    """The revision at ``anniversary`` (:meth:`RevisionClause.revision`); ``series`` = SYNTEC.

    A revision notified on 2025-12-01, entirely from the snapshot:

    >>> from datetime import date
    >>> r = syntec_revision(date(2025, 9, 1), revision_date=date(2025, 12, 1))
    >>> str(r.base_month), r.base.value, str(r.current_month), r.current.value, r.coefficient
    ('2024-08', Decimal('314.1'), '2025-10', Decimal('322.2'), Decimal('1.022'))
    >>> r.apply(Decimal("650.00")), r.uses_user_values
    (Decimal('664.30'), False)

    Across the 2022 junction the link must be chosen:

    >>> syntec_revision(date(2023, 6, 1), base_month=(2021, 12), current_month=(2023, 4))
    Traceback (most recent call last):
    ...
    libriciel_terms.errors.InvalidArgumentError: M0 2021-12 is in the historical series and Syn(n) 2023-04 in the revised one, ...
    >>> syntec_revision(date(2023, 6, 1), base_month=(2021, 12), current_month=(2023, 4),
    ...                 junction="continue_old").coefficient
    Decimal('1.095')
    """
    clause = RevisionClause(
        index=SYNTEC if series is None else _series("series", series),
        fixed_part=fixed_part,
        rounding=rounding,
        junction=junction,
        publication=publication,
    )
    return clause.revision(
        anniversary,
        revision_date=revision_date,
        base_month=base_month,
        current_month=current_month,
    )


def revision_schedule(
    anniversaries: Sequence[dt.date],
    prices: Mapping[str, Decimal] | Iterable[tuple[str, Decimal]],
    *,
    imposed_by_buyer: bool,
    basis: Basis = "chained",
    series: SyntecSeries | None = None,
    revision_dates: Mapping[dt.date, dt.date] | None = None,
    current_months: Mapping[dt.date, tuple[int, int]] | None = None,
    junction: Junction | None = None,
    fixed_part: Decimal | int | str = DEFAULT_FIXED_PART,
    rounding: CoefficientRounding = "ceiling",
    publication: Publication = "observed",
) -> RevisionSchedule:
    """Revise every price line at each anniversary (:meth:`RevisionClause.schedule`).

    ``anniversaries`` and ``prices`` are the contract's (no default: a rule assumes no
    contract). ``imposed_by_buyer`` has no default: without it prices are "fermes et
    définitifs" and the schedule repeats them, to the cent.

    >>> from datetime import date
    >>> years = [date(2025, 9, 1), date(2026, 9, 1)]
    >>> firm = revision_schedule(years, {"usage": Decimal("650")}, imposed_by_buyer=False)
    >>> [row.total for row in firm.rows]
    [Decimal('650.00'), Decimal('650.00')]
    >>> notified = revision_schedule(
    ...     years[:1], {"usage": Decimal("650.00"), "support": Decimal("250.00")},
    ...     imposed_by_buyer=True, revision_dates={date(2025, 9, 1): date(2025, 12, 1)},
    ... )
    >>> notified.rows[0].prices
    (('usage', Decimal('664.30')), ('support', Decimal('255.50')))
    """
    clause = RevisionClause(
        index=SYNTEC if series is None else _series("series", series),
        imposed_by_buyer=_imposed("imposed_by_buyer", imposed_by_buyer),
        basis=basis,
        fixed_part=fixed_part,
        rounding=rounding,
        junction=junction,
        publication=publication,
    )
    return clause.schedule(
        anniversaries, prices, revision_dates=revision_dates, current_months=current_months
    )
