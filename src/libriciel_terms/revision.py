"""Syntec price revision (contract §1.11; RULES.md §4, C7, C8).

The clause: "Si la Personne Publique l'impose, les prix peuvent être révisés au terme de la
première année", "en hausse comme en baisse", by

    P(n) = P(o) × [0,15 + 0,85 × Syn(n) / Syn(o)]

where Syn(o) is the index of M0, "le mois précédent le démarrage de l'année de maintenance
précédente", and Syn(n) the index "connu/publié à la date anniversaire / date de révision". The
index is the Syntec index, "l'indice Syntec Révisé SYN REV après sa valeur de juillet 2022 (sur
lequel on applique le coefficient de raccordement 0,97975 sur la valeur de la nouvelle série)".
"Le coefficient de révision est arrondi au millième supérieur."

Conventions, each a named keyword with a documented default:

- ``rounding="ceiling"``: the coefficient is rounded *up* to the thousandth, the decision taken
  on the exact rational value (with floats, 102.0 → 100.2 gives 0.9850000000000001 and a wrong
  0.986). ``"half_up"`` and ``"down"`` (truncation) are the readings met in practice
  (``syntec.md`` §5.1 E3). Prices are then rounded to the cent, ROUND_HALF_UP.
- ``fixed_part=Decimal("0.15")``: the non-indexed part (0.125 and 0.30 exist elsewhere).
- ``junction=None``: whether and how the 0.97975 link applies when M0 is in the historical
  series (≤ 2022-07) and Syn(n) in the revised one (≥ 2022-08). The two readings differ by
  about 4 %, so neither is assumed: a revision straddling the junction is refused until the
  caller chooses ``"continue_old"`` (the link's official definition, 280.6 / 286.4: revised
  values continue the old series once divided by 0.97975, i.e. the old base is multiplied by
  it) or ``"multiply_new"`` (the clause's literal wording: the revised value is multiplied by
  0.97975). No ComElus revision (M0 ≥ 2024-08) straddles it.
- ``publication="observed"``: Syn(n) is the latest month published on the revision date, from
  the observed publication date where the snapshot has one, else the last jour ouvré (French
  holidays) of the month after the index month (``syntec.md`` §4); ``"rule"`` ignores the
  observed dates. ``current_month=(year, month)`` names the month instead.
- ``basis="chained"``: each year revises the previous year's revised prices against that
  year's M0; ``"fixed_base"`` always revises the initial prices against the first M0 (C7).
- ``imposed_by_buyer``: no default — prices are "fermes et définitifs" unless the buyer
  imposes the revision (C8).

Worked examples (RULES.md §4):

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
((2024, 8), (2025, 7))
>>> SYNTEC.value(2024, 8)
Decimal('314.1')

The failing case: July 2025 is one of the snapshot's known gaps, and it is never guessed.

>>> SYNTEC.value(2025, 7)
Traceback (most recent call last):
...
libriciel_terms.errors.UnknownIndexMonthError: the Syntec index of 2025-07 is not in this series ...
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, TypeAlias

import attrs
from dateutil.relativedelta import relativedelta

from libriciel_terms import _validate
from libriciel_terms._exact import CONTEXT, cents, round_fraction
from libriciel_terms._records import html_table, table_repr
from libriciel_terms.data import syntec as _data
from libriciel_terms.errors import (
    InvalidArgumentError,
    OutOfRangeError,
    UnknownIndexMonthError,
    WrongTypeError,
)
from libriciel_terms.hours import BusinessHours

__all__ = [
    "COMELUS_ANNIVERSARIES",
    "COMELUS_PRICES",
    "DEFAULT_FIXED_PART",
    "FIRST_REVISED_MONTH",
    "LAST_HISTORICAL_MONTH",
    "LINK_COEFFICIENT",
    "SYNTEC",
    "IndexValue",
    "Revision",
    "RevisionSchedule",
    "ScheduleRow",
    "SyntecSeries",
    "base_month",
    "exact_coefficient",
    "publication_rule_date",
    "revise_price",
    "revision_coefficient",
    "revision_schedule",
    "syntec_revision",
]

#: A month of the index, as ``(year, month)``.
Month: TypeAlias = tuple[int, int]
#: Which Syntec series a value belongs to.
Series = Literal["historical", "revised"]
#: How the 0.97975 link is applied across the 2022 junction (see the module docstring).
Junction = Literal["continue_old", "multiply_new"]
#: How the coefficient is brought to the thousandth: ``ceiling`` ("millième supérieur", the
#: contract's), ``half_up`` (nearest) or ``down`` (truncation).
CoefficientRounding = Literal["ceiling", "half_up", "down"]
#: Chained (each year from the previous year's revised price) or fixed-base (from the initial).
Basis = Literal["chained", "fixed_base"]
#: Which publication dates decide the month known on a day.
Publication = Literal["observed", "rule"]

#: The coefficient de raccordement stated by clause 1.11: 280.6 / 286.4 rounded to 5 places.
LINK_COEFFICIENT = Decimal("0.97975")
#: The old series' official last month and the revised series' first month.
LAST_HISTORICAL_MONTH: Month = (2022, 7)
FIRST_REVISED_MONTH: Month = (2022, 8)
#: The non-indexed part of the formula: 0,15 in clause 1.11.
DEFAULT_FIXED_PART = Decimal("0.15")
#: The ComElus annual prices HT (conditions particulières), revised line by line.
COMELUS_PRICES: tuple[tuple[str, Decimal], ...] = (
    ("usage", Decimal("650.00")),
    ("traffic", Decimal("300.00")),
    ("storage", Decimal("150.00")),
    ("support", Decimal("250.00")),
)
#: The ComElus anniversaries at which a revision may be imposed (from the end of year one).
COMELUS_ANNIVERSARIES: tuple[dt.date, ...] = (
    dt.date(2025, 9, 1),
    dt.date(2026, 9, 1),
    dt.date(2027, 9, 1),
)

_THOUSANDTH = Decimal("0.001")
_MIN_YEAR, _MAX_YEAR = 1900, 2199
_ROUNDINGS: tuple[CoefficientRounding, ...] = ("ceiling", "half_up", "down")
_JUNCTIONS: tuple[Junction, ...] = ("continue_old", "multiply_new")
_BASES: tuple[Basis, ...] = ("chained", "fixed_base")
_PUBLICATIONS: tuple[Publication, ...] = ("observed", "rule")
_SERIES: tuple[Series, ...] = ("historical", "revised")


# --------------------------------------------------------------------------- months and dates


def _fmt(month: Month) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


def _shift(month: Month, months: int) -> Month:
    index = month[0] * 12 + month[1] - 1 + months
    return index // 12, index % 12 + 1


def _check_year(name: str, year: int) -> None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise OutOfRangeError(
            f"{name}={year!r} is outside {_MIN_YEAR}–{_MAX_YEAR}, the years the Syntec rules "
            f"and the French holiday calendar are known for; pass a year in that range"
        )


def _month(name: str, value: object) -> Month:
    """Validate a ``(year, month)`` pair."""
    if not isinstance(value, tuple) or len(value) != 2:
        raise WrongTypeError(
            f"{name}={value!r} is not a (year, month) pair; pass e.g. (2025, 7) for July 2025"
        )
    year = _validate.integer(f"{name}[0]", value[0])
    month = _validate.integer(f"{name}[1]", value[1])
    _check_year(f"{name}[0]", year)
    if not 1 <= month <= 12:
        raise OutOfRangeError(f"{name}[1]={month!r} is not a month; pass 1 to 12")
    return year, month


def _year_month(year: object, month: object) -> Month:
    return _month("(year, month)", (year, month))


def _day(name: str, value: object) -> dt.date:
    day = _validate.day(name, value)
    _check_year(f"{name}.year", day.year)
    return day


def _last_day(month: Month) -> dt.date:
    following = _shift(month, 1)
    return dt.date(following[0], following[1], 1) - dt.timedelta(days=1)


#: Syntec publishes on jours ouvrés with the French public holidays (syntec.md §4.1).
_PUBLICATION_DAYS = BusinessHours.comelus()


def publication_rule_date(year: int, month: int) -> dt.date:
    """When the rule says the index of ``(year, month)`` is published (``syntec.md`` §4.1).

    The last jour ouvré (Monday–Friday, French public holidays excluded) of the following month.
    Used where no observed publication date is known.

    >>> publication_rule_date(2025, 7)            # Friday 29 August 2025
    datetime.date(2025, 8, 29)
    >>> publication_rule_date(2019, 4)            # 31 May 2019 is a Friday, not a holiday
    datetime.date(2019, 5, 31)
    >>> publication_rule_date(2024, 11)           # 31 December 2024 is a Tuesday
    datetime.date(2024, 12, 31)
    """
    index_month = _year_month(year, month)
    first_of_m2 = _last_day(_shift(index_month, 1)) + dt.timedelta(days=1)
    return _PUBLICATION_DAYS.add_working_days(first_of_m2, -1)


def _previous_year_start(anniversary: dt.date) -> dt.date:
    start: dt.date = anniversary - relativedelta(years=1)
    return start


def base_month(anniversary: dt.date) -> Month:
    """M0 for the revision at ``anniversary``: the month before the previous maintenance year.

    Contract §1.11: "le mois précédent le démarrage de l'année de maintenance précédente". The
    maintenance year ending at ``anniversary`` started one year earlier.

    >>> from datetime import date
    >>> base_month(date(2025, 9, 1))
    (2024, 8)
    >>> base_month(date(2027, 9, 1))
    (2026, 8)
    """
    day = _day("anniversary", anniversary)
    start = _previous_year_start(day)
    _check_year("anniversary.year - 1", start.year)
    return _shift((start.year, start.month), -1)


_base_month = base_month


# --------------------------------------------------------------------------- index values


def _check_published(instance: IndexValue, _attribute: object, value: dt.date | None) -> None:
    if value is None:
        return
    _validate.day("published_on", value)
    if value <= _last_day(instance.month):
        raise InvalidArgumentError(
            f"published_on={value!r} is not after {_fmt(instance.month)}: an index is published "
            f"after its month ends; pass the day the value was made public"
        )


def _check_value_month(instance: IndexValue, _attribute: object, _value: int) -> None:
    _month("month", (instance.year, instance.month_number))


def _check_text(_instance: object, attribute: Any, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise WrongTypeError(
            f"{attribute.name}={value!r} is not a non-empty str; say where the value comes from, "
            f"e.g. a URL"
        )


def _check_year_field(_instance: object, _attribute: object, value: int) -> None:
    _validate.integer("year", value)


def _check_source(instance: object, attribute: Any, value: str) -> None:
    _check_text(instance, attribute, value)


@attrs.frozen(kw_only=True)
class IndexValue:
    """One month's Syntec value, with its series, its source and (if known) its publication.

    ``published_on`` is the first publication of that month's index where it was observed
    (``None`` if not); the value held is the final one (``syntec.md`` §4.4: the 2020 values were
    re-published).
    """

    year: int = attrs.field(validator=_check_year_field)
    month_number: int = attrs.field(validator=_check_value_month)
    value: Decimal = attrs.field(
        validator=_validate.attrs_check(_validate.decimal, what="index value", positive=True)
    )
    series: Series = attrs.field(validator=attrs.validators.in_(_SERIES))
    source: str = attrs.field(validator=_check_source)
    published_on: dt.date | None = attrs.field(default=None, validator=_check_published)

    @property
    def month(self) -> Month:
        """The ``(year, month)`` of this value."""
        return self.year, self.month_number


# --------------------------------------------------------------------------- the series


def _sorted_entries(value: object) -> tuple[IndexValue, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise WrongTypeError(f"entries={value!r} is not an iterable of IndexValue")
    items = tuple(value)
    for item in items:
        if not isinstance(item, IndexValue):
            raise WrongTypeError(f"entries contains {item!r}, which is not an IndexValue")
    return tuple(sorted(items, key=lambda v: v.month))


def _check_entries(_instance: object, _attribute: object, value: tuple[IndexValue, ...]) -> None:
    for before, after in itertools.pairwise(value):
        if before.month == after.month:
            raise InvalidArgumentError(
                f"entries holds two values for {_fmt(before.month)} ({before.value} and "
                f"{after.value}); keep one value per month"
            )


def _runs(months: Sequence[Month]) -> list[tuple[Month, Month]]:
    runs: list[tuple[Month, Month]] = []
    for month in months:
        if runs and _shift(runs[-1][1], 1) == month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


def _default_series(month: Month) -> Series:
    return "historical" if month <= LAST_HISTORICAL_MONTH else "revised"


@attrs.frozen(kw_only=True, repr=False)
class SyntecSeries(Mapping[Month, IndexValue]):
    """A frozen mapping ``(year, month) → IndexValue`` of Syntec index values (contract §1.11).

    :data:`SYNTEC` is the bundled snapshot; :meth:`with_values` adds months to it and
    :meth:`of` builds a series from scratch. A month that is absent is an
    :class:`~libriciel_terms.errors.UnknownIndexMonthError` naming the month, the series'
    coverage and how to add it — never an interpolation.

    >>> SYNTEC[(2022, 8)].series, SYNTEC[(2022, 8)].value, SYNTEC[(2022, 8)].published_on
    ('revised', Decimal('280.6'), datetime.date(2022, 9, 30))
    >>> SYNTEC.value(2021, 12), SYNTEC[(2021, 12)].series
    (Decimal('277.3'), 'historical')
    >>> (2022, 7) in SYNTEC                       # the old series' last months were not found
    False
    """

    entries: tuple[IndexValue, ...] = attrs.field(
        converter=_sorted_entries, validator=_check_entries
    )
    #: The day the newest value of the series was published, if the series is a snapshot.
    as_of: dt.date | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_validate.attrs_check(_validate.day)),
    )
    _by_month: dict[Month, IndexValue] = attrs.field(
        init=False, repr=False, eq=False, hash=False, alias="_by_month"
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_month", {entry.month: entry for entry in self.entries})

    def __repr__(self) -> str:
        as_of = "" if self.as_of is None else f", as_of={self.as_of!r}"
        return f"<SyntecSeries of {len(self.entries)} months: {self.coverage()}{as_of}>"

    # -- construction

    @classmethod
    def of(
        cls,
        values: Mapping[Month, Decimal | int | str],
        *,
        source: str,
        series: Series | None = None,
        published_on: Mapping[Month, dt.date] | None = None,
        as_of: dt.date | None = None,
    ) -> SyntecSeries:
        """Build a series from ``{(year, month): value}``; ``float`` values are refused.

        ``series`` defaults, month by month, to the clause's split: historical up to 2022-07,
        revised from 2022-08. ``published_on`` gives publication dates where known.

        >>> mine = SyntecSeries.of({(2024, 8): "314.1", (2025, 7): "320.0"}, source="my table")
        >>> mine.value(2025, 7), mine[(2025, 7)].series
        (Decimal('320.0'), 'revised')
        """
        return cls(
            entries=_new_entries(values, source=source, series=series, published_on=published_on),
            as_of=as_of,
        )

    def with_values(
        self,
        values: Mapping[Month, Decimal | int | str],
        *,
        source: str,
        series: Series | None = None,
        published_on: Mapping[Month, dt.date] | None = None,
        replace: bool = False,
    ) -> SyntecSeries:
        """A copy of this series with the given months added (or replaced if ``replace``).

        Replacing a month that already holds a different value needs ``replace=True``; it is
        never done silently.

        >>> extended = SYNTEC.with_values(
        ...     {(2025, 7): Decimal("321.0")}, source="example value, not a published one"
        ... )
        >>> extended.value(2025, 7), (2025, 7) in SYNTEC
        (Decimal('321.0'), False)
        >>> SYNTEC.with_values({(2024, 8): "314.2"}, source="typo")
        Traceback (most recent call last):
        ...
        libriciel_terms.errors.InvalidArgumentError: values[(2024, 8)]='314.2' differs from ...
        """
        new = _new_entries(values, source=source, series=series, published_on=published_on)
        if not isinstance(replace, bool):
            raise WrongTypeError(f"replace={replace!r} is not a bool; pass True or False")
        for entry in new:
            old = self._by_month.get(entry.month)
            if old is not None and old.value != entry.value and not replace:
                raise InvalidArgumentError(
                    f"values[{entry.month!r}]={values[entry.month]!r} differs from the "
                    f"{old.value} this series holds for {_fmt(entry.month)} (source: "
                    f"{old.source}); pass replace=True to replace it"
                )
        replaced = {entry.month for entry in new}
        kept = [entry for entry in self.entries if entry.month not in replaced]
        return attrs.evolve(self, entries=(*kept, *new))

    # -- the mapping

    def __getitem__(self, key: Month) -> IndexValue:
        month = _month("month", key)
        try:
            return self._by_month[month]
        except KeyError:
            raise UnknownIndexMonthError(self._missing(month)) from None

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._by_month
        except TypeError:  # an unhashable key is simply not a month of the series
            return False

    def __iter__(self) -> Iterator[Month]:
        return (entry.month for entry in self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: Month, default: Any = None) -> Any:
        """The :class:`IndexValue` of ``key``, or ``default`` when the month is absent."""
        try:
            return self._by_month.get(key, default)
        except TypeError:  # an unhashable key is simply not a month of the series
            return default

    def _missing(self, month: Month) -> str:
        coverage = self.coverage()
        as_of = f"snapshot as of {self.as_of.isoformat()}; " if self.as_of else ""
        return (
            f"the Syntec index of {_fmt(month)} is not in this series ({as_of}it holds "
            f"{coverage or 'no month'}). Add the published value with "
            f"SYNTEC.with_values({{{month!r}: Decimal('…')}}, source='…') or pass a series "
            f"built with SyntecSeries.of(...); values are never interpolated"
        )

    # -- lookups

    def value(self, year: int, month: int) -> Decimal:
        """The index value of ``(year, month)`` (contract §1.11).

        >>> SYNTEC.value(2025, 10)
        Decimal('322.2')
        """
        return self[_year_month(year, month)].value

    def coverage(self) -> str:
        """The months held, as runs (``2006-01…2021-12, 2022-08, …``); gaps lie between them.

        >>> SYNTEC.coverage().split(", ")[-3:]
        ['2024-08…2024-10', '2024-12…2025-01', '2025-09…2025-10']
        """
        parts = []
        for first, last in _runs([entry.month for entry in self.entries]):
            parts.append(_fmt(first) if first == last else f"{_fmt(first)}…{_fmt(last)}")
        return ", ".join(parts)

    def publication_date(
        self, year: int, month: int, *, publication: Publication = "observed"
    ) -> dt.date:
        """The day the index of ``(year, month)`` is (or was) published (``syntec.md`` §4).

        ``publication="observed"`` uses the observed date when this series holds one and the
        rule (:func:`publication_rule_date`) otherwise; ``"rule"`` always uses the rule.

        >>> SYNTEC.publication_date(2019, 4)       # observed: before Ascension and a bridge day
        datetime.date(2019, 5, 29)
        >>> SYNTEC.publication_date(2019, 4, publication="rule")
        datetime.date(2019, 5, 31)
        """
        index_month = _year_month(year, month)
        _validate.one_of("publication", publication, _PUBLICATIONS)
        entry = self._by_month.get(index_month)
        if publication == "observed" and entry is not None and entry.published_on is not None:
            return entry.published_on
        return publication_rule_date(*index_month)

    def known_on(self, day: dt.date, *, publication: Publication = "observed") -> Month:
        """The latest month whose index is published on or before ``day`` (contract §1.11).

        "Syn(n) = indice connu/publié à la date anniversaire / date de révision". From the 1st
        of month N until the publication at the end of N, that is month N − 2; from the
        publication day on, N − 1. The month is returned whether or not this series holds its
        value; for days after :attr:`as_of` it follows the rule.

        >>> from datetime import date
        >>> SYNTEC.known_on(date(2025, 9, 1))
        (2025, 7)
        >>> SYNTEC.known_on(date(2025, 11, 27)), SYNTEC.known_on(date(2025, 11, 28))
        ((2025, 9), (2025, 10))
        >>> SYNTEC.known_on(date(2014, 1, 1))       # juristique's example: S1 = November 2013
        (2013, 11)
        """
        when = _day("day", day)
        _validate.one_of("publication", publication, _PUBLICATIONS)
        candidate = _shift((when.year, when.month), -1)
        # Publication lags by about one month; a few more cover late observed publications.
        for _ in range(24):
            if self.publication_date(*candidate, publication=publication) <= when:
                return candidate
            candidate = _shift(candidate, -1)
        raise InvalidArgumentError(  # pragma: no cover - needs publication dates 2 years late
            f"day={when!r}: no index month of the last two years is published by then"
        )

    # -- records

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per month: month, value, series, published_on, source (for pandas).

        >>> SYNTEC.to_records()[-1]["month"], SYNTEC.to_records()[-1]["value"]
        ('2025-10', Decimal('322.2'))
        """
        return [
            {
                "month": _fmt(entry.month),
                "value": entry.value,
                "series": entry.series,
                "published_on": entry.published_on,
                "source": entry.source,
            }
            for entry in self.entries
        ]

    def _repr_html_(self) -> str:
        return html_table(self.to_records())


def _new_entries(
    values: object,
    *,
    source: object,
    series: object,
    published_on: object,
) -> list[IndexValue]:
    if not isinstance(values, Mapping):
        raise WrongTypeError(
            f"values={values!r} is not a mapping; pass {{(year, month): Decimal('…')}}"
        )
    _check_text(None, attrs.fields(IndexValue).source, source)
    if series is not None:
        _validate.one_of("series", series, _SERIES)
    dates: Mapping[Any, Any]
    if published_on is None:
        dates = {}
    elif isinstance(published_on, Mapping):
        dates = published_on
    else:
        raise WrongTypeError(
            f"published_on={published_on!r} is not a mapping; pass {{(year, month): date(...)}}"
        )
    for key in dates:
        if key not in values:
            raise InvalidArgumentError(
                f"published_on has {key!r}, which is not in values; date only the months given"
            )
    entries = []
    for key, raw in values.items():
        month = _month("values key", key)
        number = _validate.decimal(
            f"values[{key!r}]", raw, what="index value", accept=(int, str), positive=True
        )
        entries.append(
            IndexValue(
                year=month[0],
                month_number=month[1],
                value=number,
                series=series if series is not None else _default_series(month),  # type: ignore[arg-type]
                source=str(source),
                published_on=dates.get(key),
            )
        )
    return entries


def _bundled() -> SyntecSeries:
    entries = [
        IndexValue(
            year=year,
            month_number=month,
            value=value,
            series=series,  # type: ignore[arg-type]
            source=_data.TEXTS[source],
            published_on=published_on,
        )
        for year, month, value, series, source, published_on, _, _ in _data.VALUES
    ]
    return SyntecSeries(entries=entries, as_of=_data.AS_OF)


#: The bundled snapshot (``scripts/generate_syntec.py``): the historical series through its
#: last value found (2021-12), the revised series from 2022-08, with sources and observed
#: publication dates. Known gaps (``syntec.md`` §7) are absent, not filled.
SYNTEC: SyntecSeries = _bundled()


# --------------------------------------------------------------------------- the formula


def _index(name: str, value: object) -> Fraction:
    number = _validate.decimal(name, value, what="index value", accept=(int, str), positive=True)
    return Fraction(number)


def _fixed(value: object) -> Fraction:
    number = _validate.decimal(
        "fixed_part", value, what="fixed part", accept=(int, str), minimum=Decimal(0)
    )
    if number > 1:
        raise OutOfRangeError(
            f"fixed_part={value!r} is above 1; pass the non-indexed share, e.g. Decimal('0.15')"
        )
    return Fraction(number)


def _rounding(value: object) -> CoefficientRounding:
    _validate.one_of("rounding", value, _ROUNDINGS)
    return value  # type: ignore[return-value]


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
    >>> exact_coefficient("121.2", "130.5")              # syntec.md §5.1 E3: 1.06522277…
    Fraction(8607, 8080)
    """
    base = _index("base_index", base_index)
    current = _index("current_index", current_index)
    fixed = _fixed(fixed_part)
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
    Index values are ``Decimal``, ``int`` or ``str``; ``float``, zero, negatives and NaN are
    refused.

    >>> revision_coefficient("121.2", "130.5")                      # syntec.md §5.1 E3
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
    >>> revise_price(Decimal("10000"), "242.6", "245.6", fixed_part=0)   # syntec.md §5.1 E1
    Decimal('10130.00')
    """
    amount = _validate.money("price", price)
    coefficient = revision_coefficient(
        base_index, current_index, fixed_part=fixed_part, rounding=rounding
    )
    return cents(Fraction(amount) * Fraction(coefficient))


# --------------------------------------------------------------------------- one revision


@attrs.frozen(kw_only=True)
class Revision:
    """One revision: the months used and why, their values, the link, the coefficient.

    ``base_index`` and ``current_index`` are what the formula uses, after the 0.97975 link
    when it applies (``junction``); ``base`` and ``current`` are the series' values.
    """

    anniversary: dt.date
    revision_date: dt.date
    base_month: Month
    base_month_reason: str
    current_month: Month
    current_month_reason: str
    base: IndexValue
    current: IndexValue
    junction: Junction | None
    base_index: Decimal
    current_index: Decimal
    fixed_part: Decimal
    rounding: CoefficientRounding
    exact_coefficient: Fraction
    coefficient: Decimal

    def apply(self, price: Decimal) -> Decimal:
        """``price`` × :attr:`coefficient`, to the cent (ROUND_HALF_UP)."""
        amount = _validate.money("price", price)
        return cents(Fraction(amount) * Fraction(self.coefficient))

    def explain(self) -> str:
        """A few lines saying which months were used, why, and what came out."""
        link = {
            None: "no link (both values in the same series)",
            "continue_old": f"link continue_old: Syn(o) × {LINK_COEFFICIENT} = {self.base_index}",
            "multiply_new": (
                f"link multiply_new: Syn(n) × {LINK_COEFFICIENT} = {self.current_index}"
            ),
        }[self.junction]
        exact = _decimal_text(self.exact_coefficient)
        return "\n".join(
            [
                f"revision on {self.revision_date.isoformat()} "
                f"(anniversary {self.anniversary.isoformat()})",
                f"Syn(o) = {_fmt(self.base_month)} = {self.base.value} "
                f"({self.base.series}): {self.base_month_reason}",
                f"Syn(n) = {_fmt(self.current_month)} = {self.current.value} "
                f"({self.current.series}): {self.current_month_reason}",
                link,
                f"C = {self.fixed_part} + {CONTEXT.subtract(1, self.fixed_part)} × "
                f"{self.current_index} / {self.base_index} = {exact} → {self.coefficient} "
                f"({self.rounding})",
            ]
        )


def _decimal_text(value: Fraction, places: int = 7) -> str:
    """A Fraction as decimals, exact when it terminates within ``places``, else with ``…``."""
    scaled = value * 10**places
    if scaled.denominator == 1:
        exact = Decimal(scaled.numerator).scaleb(-places, context=CONTEXT)
        return format(exact.normalize(context=CONTEXT), "f")
    truncated = round_fraction(value, Decimal(1).scaleb(-places), rounding="down")
    return f"{truncated}…"


def _link(
    base: IndexValue, current: IndexValue, junction: object
) -> tuple[Junction | None, Decimal, Decimal]:
    if junction is not None:
        _validate.one_of("junction", junction, _JUNCTIONS)
    if base.series == current.series:
        return None, base.value, current.value
    if base.series == "revised":
        raise InvalidArgumentError(
            f"Syn(o) {_fmt(base.month)} is in the revised series but Syn(n) {_fmt(current.month)} "
            f"in the historical one; pass a current month after the base month"
        )
    if junction is None:
        raise InvalidArgumentError(
            f"M0 {_fmt(base.month)} is in the historical series and Syn(n) "
            f"{_fmt(current.month)} in the revised one, so the 0.97975 link applies and its two "
            f"readings differ by about 4 %; pass junction='continue_old' (the link's definition, "
            f"280.6/286.4: Syn(o) × 0.97975) or junction='multiply_new' (the clause's wording: "
            f"Syn(n) × 0.97975)"
        )
    if junction == "continue_old":
        return "continue_old", CONTEXT.multiply(base.value, LINK_COEFFICIENT), current.value
    return "multiply_new", base.value, CONTEXT.multiply(current.value, LINK_COEFFICIENT)


def syntec_revision(
    anniversary: dt.date,
    *,
    series: SyntecSeries | None = None,
    revision_date: dt.date | None = None,
    base_month: Month | None = None,
    current_month: Month | None = None,
    junction: Junction | None = None,
    fixed_part: Decimal | int | str = DEFAULT_FIXED_PART,
    rounding: CoefficientRounding = "ceiling",
    publication: Publication = "observed",
) -> Revision:
    """The revision at ``anniversary``, months derived from dates (contract §1.11).

    M0 is the month before the previous maintenance year (:func:`base_month`); Syn(n) is the
    latest month published on ``revision_date`` (the anniversary unless the revision is made at
    the notification date) per :meth:`SyntecSeries.known_on`. ``base_month`` and
    ``current_month`` name the months instead. ``series`` defaults to :data:`SYNTEC`.

    A revision notified on 2025-12-01, entirely from the snapshot:

    >>> from datetime import date
    >>> r = syntec_revision(date(2025, 9, 1), revision_date=date(2025, 12, 1))
    >>> r.base_month, r.base.value, r.current_month, r.current.value, r.coefficient
    ((2024, 8), Decimal('314.1'), (2025, 10), Decimal('322.2'), Decimal('1.022'))
    >>> r.apply(Decimal("650.00"))
    Decimal('664.30')

    Across the 2022 junction the link must be chosen:

    >>> syntec_revision(date(2023, 6, 1), base_month=(2021, 12), current_month=(2023, 4))
    Traceback (most recent call last):
    ...
    libriciel_terms.errors.InvalidArgumentError: M0 2021-12 is in the historical series and Syn(n) 2023-04 in the revised one, ...
    >>> syntec_revision(date(2023, 6, 1), base_month=(2021, 12), current_month=(2023, 4),
    ...                 junction="continue_old").coefficient
    Decimal('1.095')
    """
    chosen = SYNTEC if series is None else series
    if not isinstance(chosen, SyntecSeries):
        raise WrongTypeError(
            f"series={series!r} is not a SyntecSeries; pass SYNTEC or SyntecSeries.of(...)"
        )
    day = _day("anniversary", anniversary)
    when = day if revision_date is None else _day("revision_date", revision_date)
    _validate.one_of("publication", publication, _PUBLICATIONS)
    fixed = _fixed(fixed_part)
    mode = _rounding(rounding)

    if base_month is None:
        m0 = _base_month(day)
        m0_reason = (
            f"M0, the month before {_previous_year_start(day).isoformat()}, when the previous "
            f"maintenance year started"
        )
    else:
        m0 = _month("base_month", base_month)
        m0_reason = "given explicitly (base_month)"

    if current_month is None:
        n = chosen.known_on(when, publication=publication)
        entry = chosen.get(n)
        published = chosen.publication_date(*n, publication=publication)
        how = (
            "observed"
            if publication == "observed" and entry is not None and entry.published_on is not None
            else "by the rule: last jour ouvré of the following month"
        )
        n_reason = (
            f"the latest index published on {when.isoformat()}; "
            f"it came out on {published.isoformat()}, {how}"
        )
    else:
        n = _month("current_month", current_month)
        n_reason = "given explicitly (current_month)"

    try:
        base = chosen[m0]
    except UnknownIndexMonthError as error:
        raise UnknownIndexMonthError(f"Syn(o) is {_fmt(m0)} ({m0_reason}), but {error}") from None
    try:
        current = chosen[n]
    except UnknownIndexMonthError as error:
        raise UnknownIndexMonthError(f"Syn(n) is {_fmt(n)} ({n_reason}), but {error}") from None
    applied, base_index, current_index = _link(base, current, junction)
    exact = fixed + (1 - fixed) * Fraction(current_index) / Fraction(base_index)
    return Revision(
        anniversary=day,
        revision_date=when,
        base_month=m0,
        base_month_reason=m0_reason,
        current_month=n,
        current_month_reason=n_reason,
        base=base,
        current=current,
        junction=applied,
        base_index=base_index,
        current_index=current_index,
        fixed_part=_validate.decimal("fixed_part", fixed_part, accept=(int, str)),
        rounding=mode,
        exact_coefficient=exact,
        coefficient=_thousandth(exact, mode),
    )


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
    lines: list[tuple[str, Decimal]] = []
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise WrongTypeError(
                f"prices holds {pair!r}, which is not a (label, Decimal) pair; pass e.g. "
                f'("usage", Decimal("650.00"))'
            )
        label, amount = pair
        if not isinstance(label, str) or not label:
            raise WrongTypeError(f"price label {label!r} is not a non-empty str")
        if label in {existing for existing, _ in lines} or label == "total":
            raise InvalidArgumentError(
                f"price label {label!r} is repeated or reserved ('total'); give each line its "
                f"own label"
            )
        lines.append((label, _validate.money(f"prices[{label!r}]", amount)))
    if not lines:
        raise InvalidArgumentError("prices is empty; pass at least one (label, Decimal) pair")
    return tuple(lines)


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


def _sum(amounts: Iterable[Decimal]) -> Decimal:
    total = Decimal(0)
    for amount in amounts:
        total = CONTEXT.add(total, amount)
    return total


@attrs.frozen(kw_only=True)
class ScheduleRow:
    """One anniversary of a schedule: the revision (``None`` if not imposed) and new prices."""

    anniversary: dt.date
    revision: Revision | None
    prices: tuple[tuple[str, Decimal], ...]

    @property
    def total(self) -> Decimal:
        """The sum of the revised lines (each rounded to the cent first)."""
        return _sum(amount for _, amount in self.prices)


@attrs.frozen(kw_only=True)
class RevisionSchedule:
    """Revisions at each anniversary and the resulting prices (contract §1.11, C7, C8)."""

    basis: Basis
    imposed_by_buyer: bool
    initial_prices: tuple[tuple[str, Decimal], ...]
    rows: tuple[ScheduleRow, ...]

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
                "base_month": None if revision is None else _fmt(revision.base_month),
                "base_value": None if revision is None else revision.base.value,
                "current_month": None if revision is None else _fmt(revision.current_month),
                "current_value": None if revision is None else revision.current.value,
                "junction": None if revision is None else revision.junction,
                "exact_coefficient": None if revision is None else revision.exact_coefficient,
                "coefficient": None if revision is None else revision.coefficient,
            }
            record.update(dict(row.prices))
            record["total"] = row.total
            records.append(record)
        return records

    def __repr__(self) -> str:
        return table_repr(
            f"<RevisionSchedule ({self.basis}): {len(self.rows)} anniversaries>", self.to_records()
        )

    def _repr_html_(self) -> str:
        records = self.to_records()
        for record in records:
            exact = record["exact_coefficient"]
            record["exact_coefficient"] = None if exact is None else _decimal_text(exact)
        return html_table(records)


def revision_schedule(
    anniversaries: Sequence[dt.date] = COMELUS_ANNIVERSARIES,
    prices: Mapping[str, Decimal] | Iterable[tuple[str, Decimal]] = COMELUS_PRICES,
    *,
    imposed_by_buyer: bool,
    basis: Basis = "chained",
    series: SyntecSeries | None = None,
    revision_dates: Mapping[dt.date, dt.date] | None = None,
    current_months: Mapping[dt.date, Month] | None = None,
    junction: Junction | None = None,
    fixed_part: Decimal | int | str = DEFAULT_FIXED_PART,
    rounding: CoefficientRounding = "ceiling",
    publication: Publication = "observed",
) -> RevisionSchedule:
    """Revise every price line at each anniversary (contract §1.11, RULES.md C7, C8).

    ``imposed_by_buyer`` has no default: without it prices are "fermes et définitifs" and the
    schedule repeats them. ``basis="chained"`` revises the previous year's revised prices
    against that year's M0; ``"fixed_base"`` revises the initial prices against the first M0.
    Each line is rounded to the cent; the total is the sum of the rounded lines.
    ``revision_dates`` and ``current_months`` override, per anniversary, the day Syn(n) is
    read on and the month itself.

    >>> from datetime import date
    >>> firm = revision_schedule(imposed_by_buyer=False)
    >>> [row.total for row in firm.rows]
    [Decimal('1350.00'), Decimal('1350.00'), Decimal('1350.00')]
    >>> notified = revision_schedule(
    ...     (date(2025, 9, 1),), imposed_by_buyer=True,
    ...     revision_dates={date(2025, 9, 1): date(2025, 12, 1)},
    ... )
    >>> notified.rows[0].prices
    (('usage', Decimal('664.30')), ('traffic', Decimal('306.60')), ('storage', Decimal('153.30')), ('support', Decimal('255.50')))
    """
    days = _anniversaries(anniversaries)
    lines = _price_lines(prices)
    if not isinstance(imposed_by_buyer, bool):
        raise WrongTypeError(
            f"imposed_by_buyer={imposed_by_buyer!r} is not a bool; pass True if the buyer "
            f"imposes the revision (clause 1.11), False if prices stay firm"
        )
    _validate.one_of("basis", basis, _BASES)
    dates = _per_anniversary("revision_dates", revision_dates, days)
    months = _per_anniversary("current_months", current_months, days)
    if not imposed_by_buyer:
        rows = tuple(ScheduleRow(anniversary=day, revision=None, prices=lines) for day in days)
        return RevisionSchedule(
            basis=basis, imposed_by_buyer=False, initial_prices=lines, rows=rows
        )

    first_m0 = base_month(days[0])
    current = lines
    built = []
    for day in days:
        revision = syntec_revision(
            day,
            series=series,
            revision_date=dates.get(day),
            base_month=first_m0 if basis == "fixed_base" else None,
            current_month=months.get(day),
            junction=junction,
            fixed_part=fixed_part,
            rounding=rounding,
            publication=publication,
        )
        if basis == "fixed_base":
            revision = attrs.evolve(
                revision,
                base_month_reason=(
                    f"fixed base: M0 of the first revision ({_fmt(first_m0)}), the month before "
                    f"the contract started"
                ),
            )
        source = current if basis == "chained" else lines
        current = tuple((label, revision.apply(amount)) for label, amount in source)
        built.append(ScheduleRow(anniversary=day, revision=revision, prices=current))
    return RevisionSchedule(
        basis=basis, imposed_by_buyer=True, initial_prices=lines, rows=tuple(built)
    )
