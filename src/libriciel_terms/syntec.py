"""The Syntec index: monthly values, their publication, the bundled snapshot (contract §1.11).

Clause 1.11 revises prices with "l'indice Syntec Révisé SYN REV après sa valeur de juillet 2022
(sur lequel on applique le coefficient de raccordement 0,97975 sur la valeur de la nouvelle
série)", and reads Syn(n) as the index "connu/publié à la date anniversaire / date de révision".
This module holds what that needs:

- :class:`SyntecSeries`, a frozen mapping ``YearMonth → IndexValue`` of values, each with its
  series (``"historical"`` up to 2022-07, ``"revised"`` from 2022-08), its source, its
  publication date where observed, and its origin (``"bundled"`` or ``"user"``);
- the publication rule: the index of month M is published on the last jour ouvré (Monday–Friday,
  French public holidays excluded) of month M + 1, unless an observed date says otherwise;
- :data:`SYNTEC`, the bundled snapshot, generated from ``data/syntec.csv``;
- values a user brings: a CSV file or a list of records in the same format (the docs' "Reference
  files" page), merged with the snapshot by :meth:`SyntecSeries.merged`.

>>> from datetime import date
>>> SYNTEC.value(2024, 8), SYNTEC[(2024, 8)].origin
(Decimal('314.1'), 'bundled')
>>> SYNTEC.known_on(date(2025, 9, 1))                # published on Friday 29 August 2025
YearMonth(year=2025, month=7)
>>> mine = SyntecSeries.from_csv_text("month,value,source\\n2025-07,321.0,example value\\n")
>>> SYNTEC.merged(mine).value(2025, 7), SYNTEC.merged(mine)[(2025, 7)].origin
(Decimal('321.0'), 'user')

The failing case: July 2025 is one of the snapshot's gaps, and it is never guessed.

>>> SYNTEC.value(2025, 7)
Traceback (most recent call last):
...
libriciel_terms.errors.UnknownIndexMonthError: the Syntec index of 2025-07 is not in this series ...
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Literal

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._dates import ONE_DAY, YearMonth
from libriciel_terms._display import Label
from libriciel_terms._reference import (
    CellError,
    Columns,
    OnConflict,
    Origin,
    Problems,
    Row,
    check_text_argument,
    csv_rows,
    date_cell,
    decimal_cell,
    month_cell,
    record_rows,
    text_cell,
)
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang, pick
from libriciel_terms.data import syntec as _data
from libriciel_terms.errors import (
    InvalidArgumentError,
    OutOfRangeError,
    UnknownIndexMonthError,
    WrongTypeError,
)
from libriciel_terms.holidays import FRANCE

__all__ = [
    "FIRST_REVISED_MONTH",
    "LAST_HISTORICAL_MONTH",
    "LINK_COEFFICIENT",
    "MAX_YEAR",
    "MIN_YEAR",
    "SYNTEC",
    "IndexValue",
    "OnConflict",
    "Origin",
    "Publication",
    "Series",
    "SyntecSeries",
    "index_month",
    "publication_rule_date",
]

#: Which Syntec series a value belongs to.
Series = Literal["historical", "revised"]
#: Which publication dates decide the month known on a day: the observed ones where the series
#: holds them, else the rule (``"observed"``), or the rule alone (``"rule"``).
Publication = Literal["observed", "rule"]

#: The coefficient de raccordement stated by clause 1.11: 280.6 / 286.4 rounded to 5 places.
LINK_COEFFICIENT = Decimal("0.97975")
#: The old series' official last month and the revised series' first month.
LAST_HISTORICAL_MONTH = YearMonth(2022, 7)
FIRST_REVISED_MONTH = YearMonth(2022, 8)
#: The years an index month may fall in: those the publication rule (French public holidays)
#: is known for.
MIN_YEAR, MAX_YEAR = 1900, 2199

_SERIES_LABELS = {"historical": ("historique", "historical"), "revised": ("révisé", "revised")}
_ORIGIN_LABELS = {"bundled": ("instantané", "bundled"), "user": ("utilisateur", "user")}


def _label(identifier: str, labels: Mapping[str, tuple[str, str]]) -> Label:
    return Label.of(identifier, *labels[identifier])


# --------------------------------------------------------------------------- months


def index_month(name: str, value: object) -> YearMonth:
    """``value`` as a month of the index: a ``(year, month)`` pair within the known years.

    >>> index_month("month", (2025, 7))
    YearMonth(year=2025, month=7)
    """
    if not isinstance(value, tuple) or len(value) != 2:
        raise WrongTypeError(
            f"{name}={value!r} is not a (year, month) pair; pass e.g. (2025, 7) for July 2025"
        )
    year = _validate.integer(f"{name}[0]", value[0], minimum=MIN_YEAR, maximum=MAX_YEAR)
    month = _validate.integer(f"{name}[1]", value[1], minimum=1, maximum=12)
    return YearMonth(year, month)


def _day(name: str, value: object) -> dt.date:
    day = _validate.day(name, value)
    _validate.integer(f"{name}.year", day.year, minimum=MIN_YEAR, maximum=MAX_YEAR)
    return day


def publication_rule_date(year: int, month: int) -> dt.date:
    """When the rule says the index of ``(year, month)`` is published (contract §1.11).

    The last jour ouvré (Monday–Friday, French public holidays excluded) of the following month.
    Used where no observed publication date is known.

    >>> publication_rule_date(2025, 7)            # Friday 29 August 2025
    datetime.date(2025, 8, 29)
    >>> publication_rule_date(2019, 4)            # 31 May 2019 is a Friday, not a holiday
    datetime.date(2019, 5, 31)
    >>> publication_rule_date(2024, 11)           # 31 December 2024 is a Tuesday
    datetime.date(2024, 12, 31)
    """
    published = index_month("(year, month)", (year, month)).shift(1).last_day
    while published.weekday() >= 5 or FRANCE.is_holiday(published):
        published -= ONE_DAY
    return published


# --------------------------------------------------------------------------- index values


def _default_series(month: YearMonth) -> Series:
    return "historical" if month <= LAST_HISTORICAL_MONTH else "revised"


@attrs.frozen(kw_only=True)
class IndexValue:
    """One month's Syntec value, with its series, source, publication and origin.

    ``published_on`` is the first publication of that month's index where it was observed
    (``None`` if not); the value held is the final one (the 2020 values were re-published).
    ``origin`` is ``"bundled"`` for the snapshot's values and ``"user"`` for any other.
    """

    year: int = attrs.field(
        validator=_validate.check(_validate.integer, minimum=MIN_YEAR, maximum=MAX_YEAR)
    )
    month_number: int = attrs.field(
        validator=_validate.check(_validate.integer, minimum=1, maximum=12)
    )
    value: Decimal = attrs.field(
        validator=_validate.check(_validate.decimal, what="index value", positive=True)
    )
    series: Series = attrs.field(validator=_validate.choice(Series))
    source: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    published_on: dt.date | None = attrs.field(
        default=None, validator=_validate.optional(_validate.day)
    )
    origin: Origin = attrs.field(default="user", validator=_validate.choice(Origin))

    def __attrs_post_init__(self) -> None:
        if self.published_on is not None and self.published_on <= self.month.last_day:
            raise InvalidArgumentError(
                f"published_on={self.published_on!r} is not after {self.month}: an index is "
                f"published after its month ends; pass the day the value was made public"
            )

    @property
    def month(self) -> YearMonth:
        """The month of this value."""
        return YearMonth(self.year, self.month_number)

    def describe(self, *, lang: Lang = "fr") -> str:
        """« 2024-08 = 314,1 (révisé) », with « valeur utilisateur : source » for a user value."""
        lang = _text.check_lang(lang)
        text = (
            f"{self.month} = {_text.number(self.value, lang)} "
            f"({_label(self.series, _SERIES_LABELS).to_text(lang=lang)})"
        )
        if self.origin == "user":
            text += pick(" [valeur utilisateur : ", " [user value: ", lang) + f"{self.source}]"
        return text


# --------------------------------------------------------------------------- the series


def _sorted_entries(value: object) -> tuple[IndexValue, ...]:
    items = _validate.items("entries", value, IndexValue)
    return tuple(sorted(items, key=lambda v: v.month))


def _check_entries(_instance: object, _attribute: object, value: tuple[IndexValue, ...]) -> None:
    for before, after in itertools.pairwise(value):
        if before.month == after.month:
            raise InvalidArgumentError(
                f"entries holds two values for {before.month} ({before.value} and "
                f"{after.value}); keep one value per month"
            )


def _runs(months: Iterable[YearMonth]) -> list[tuple[YearMonth, YearMonth]]:
    runs: list[tuple[YearMonth, YearMonth]] = []
    for month in months:
        if runs and runs[-1][1].shift(1) == month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


def _run_text(runs: Iterable[tuple[YearMonth, YearMonth]]) -> str:
    return ", ".join(str(a) if a == b else f"{a}…{b}" for a, b in runs)


def _agrees(held: IndexValue, new: IndexValue) -> bool:
    dates = (held.published_on, new.published_on)
    return held.value == new.value and (None in dates or dates[0] == dates[1])


def _adds_a_date(held: IndexValue, new: IndexValue) -> bool:
    return _agrees(held, new) and held.published_on is None and new.published_on is not None


_COLUMNS = Columns(("month", "value"), ("published_on", "source"))
_PUBLISHED_FIX = "an index is published after its month ends"


@attrs.frozen(kw_only=True, repr=False)
class SyntecSeries(Report, Mapping[YearMonth, IndexValue]):
    """A frozen mapping ``YearMonth → IndexValue`` of Syntec index values (contract §1.11).

    :data:`SYNTEC` is the bundled snapshot. :meth:`from_csv_text` and :meth:`from_records`
    read values a user brings, :meth:`merged` adds them to a series, :meth:`with_values` adds a
    few from Python, :meth:`of` builds a series from scratch. A month that is absent is an
    :class:`~libriciel_terms.errors.UnknownIndexMonthError` naming the month, the series'
    coverage and how to add it — never an interpolation.

    >>> SYNTEC[(2022, 8)].series, SYNTEC[(2022, 8)].value, SYNTEC[(2022, 8)].published_on
    ('revised', Decimal('280.6'), datetime.date(2022, 9, 30))
    >>> SYNTEC.value(2021, 12), SYNTEC[(2021, 12)].series
    (Decimal('277.3'), 'historical')
    >>> (2022, 7) in SYNTEC                       # the old series' last months were not found
    False
    """

    COLUMNS = (
        Column("month", "mois", "month"),
        Column("value", "valeur", "value", "number"),
        Column("series", "série", "series"),
        Column("published_on", "publié le", "published on", "date"),
        Column("source", "source", "source"),
        Column("origin", "origine", "origin"),
    )

    entries: tuple[IndexValue, ...] = attrs.field(
        converter=_sorted_entries, validator=_check_entries
    )
    #: The day the newest value of the snapshot was published (``None`` for other series).
    as_of: dt.date | None = attrs.field(default=None, validator=_validate.optional(_validate.day))
    _months: tuple[YearMonth, ...] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_months", tuple(entry.month for entry in self.entries))

    def __repr__(self) -> str:
        as_of = "" if self.as_of is None else f", as_of={self.as_of!r}"
        return f"<SyntecSeries of {len(self.entries)} months: {self.coverage()}{as_of}>"

    # -- construction

    @classmethod
    def of(
        cls,
        values: Mapping[tuple[int, int], Decimal | int | str],
        *,
        source: str,
        series: Series | None = None,
        published_on: Mapping[tuple[int, int], dt.date] | None = None,
        as_of: dt.date | None = None,
    ) -> SyntecSeries:
        """Build a series from ``{(year, month): value}``; ``float`` values are refused.

        ``series`` defaults, month by month, to the clause's split: historical up to 2022-07,
        revised from 2022-08. ``published_on`` gives publication dates where known.

        >>> mine = SyntecSeries.of({(2024, 8): "314.1", (2025, 7): "320.0"}, source="my table")
        >>> mine.value(2025, 7), mine[(2025, 7)].series, mine[(2025, 7)].origin
        (Decimal('320.0'), 'revised', 'user')
        """
        entries = _new_entries(values, source=source, series=series, published_on=published_on)
        return cls(entries=tuple(entries.values()), as_of=as_of)

    @classmethod
    def from_csv_text(cls, text: str, *, name: str = "CSV text") -> SyntecSeries:
        """Values from the text of a CSV file: ``month,value,published_on,source``.

        ``month`` (``2025-07``) and ``value`` are required; ``published_on`` (the day the value
        was made public) and ``source`` may be left empty or left out. A row without a source
        gets ``"<name>, row N"``. Every bad row is reported at once, with its row and column,
        as a :class:`~libriciel_terms.errors.ReferenceFileError` (``name`` heads the message).

        >>> mine = SyntecSeries.from_csv_text(
        ...     "month;value;published_on;source\\n2025-07;321,0;29/08/2025;\\n", name="mine.csv")
        >>> entry = mine[(2025, 7)]
        >>> entry.value, entry.published_on, entry.source, entry.origin
        (Decimal('321.0'), datetime.date(2025, 8, 29), 'mine.csv, row 2', 'user')
        >>> SyntecSeries.from_csv_text("month,value\\n2025-07,321.0\\n2025-13,abc\\n")
        Traceback (most recent call last):
        ...
        libriciel_terms.errors.ReferenceFileError: CSV text: 2 problems
        - row 3, column "month" = '2025-13': expected a month written YYYY-MM, e.g. 2025-07; months run from 01 to 12
        - row 3, column "value" = 'abc': expected index value: a decimal number above 0, e.g. 321.3 or 321,3
        """
        label = check_text_argument("name", name)
        return cls(entries=_parse_rows(csv_rows(text, name=label, columns=_COLUMNS), label))

    @classmethod
    def from_records(
        cls, records: Iterable[Mapping[str, Any]], *, name: str = "records", path: str = "syntec"
    ) -> SyntecSeries:
        """Values from a list of mappings with the keys of the CSV format (inline values).

        For the values a contract file holds inline, a JSON document or
        ``DataFrame.to_dict("records")``; problems are named ``<path>[i].<key>``.

        >>> mine = SyntecSeries.from_records(
        ...     [{"month": "2025-07", "value": "321.0", "source": "Syntec release"}])
        >>> mine.value(2025, 7), mine[(2025, 7)].source
        (Decimal('321.0'), 'Syntec release')
        """
        label = check_text_argument("name", name)
        where = check_text_argument("path", path)
        rows = record_rows(records, name=label, path=where, columns=_COLUMNS)
        return cls(entries=_parse_rows(rows, label))

    def with_values(
        self,
        values: Mapping[tuple[int, int], Decimal | int | str],
        *,
        source: str,
        series: Series | None = None,
        published_on: Mapping[tuple[int, int], dt.date] | None = None,
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
        for key, entry in new.items():
            old = self.get(entry.month)
            if old is not None and old.value != entry.value and not replace:
                raise InvalidArgumentError(
                    f"values[{key!r}]={values[key]!r} differs from the {old.value} this series "
                    f"holds for {entry.month} (source: {old.source}); pass replace=True to "
                    f"replace it"
                )
        replaced = {entry.month for entry in new.values()}
        kept = [entry for entry in self.entries if entry.month not in replaced]
        return attrs.evolve(self, entries=(*kept, *new.values()))

    def merged(
        self, other: SyntecSeries, *, on_conflict: OnConflict = "raise", name: str = "merge"
    ) -> SyntecSeries:
        """This series with ``other``'s values added: what a user brings extends the snapshot.

        A month held by both keeps this series' entry when the two agree (same value, and the
        same publication date where both have one); ``other``'s entry is taken when it only
        adds a publication date. A value that contradicts is refused — every contradiction
        listed in one :class:`~libriciel_terms.errors.ReferenceFileError` headed ``name`` —
        unless ``on_conflict`` says which wins: ``"keep"`` (this series') or ``"replace"``
        (``other``'s). ``as_of`` stays this series'.

        >>> typo = SyntecSeries.from_csv_text("month,value\\n2024-08,314.2\\n", name="typo.csv")
        >>> SYNTEC.merged(typo, name="typo.csv")
        Traceback (most recent call last):
        ...
        libriciel_terms.errors.ReferenceFileError: typo.csv: 1 problem
        - 2024-08 = Decimal('314.2'): expected 314.1, the value already held (source: https://...); pass on_conflict="replace" to use this value, or on_conflict="keep" to keep the one held
        >>> SYNTEC.merged(typo, on_conflict="replace").value(2024, 8)
        Decimal('314.2')
        """
        theirs = _validate.items("other", (other,), SyntecSeries)[0]
        mode = _validate.one_of("on_conflict", on_conflict, _validate.literal_values(OnConflict))
        label = check_text_argument("name", name)
        result = {entry.month: entry for entry in self.entries}
        problems = Problems(label)
        for entry in theirs.entries:
            held = result.get(entry.month)
            if held is None or _adds_a_date(held, entry):
                result[entry.month] = entry
            elif _agrees(held, entry) or mode == "keep":
                continue
            elif mode == "replace":
                result[entry.month] = entry
            else:
                problems.add(str(entry.month), entry.value, *_conflict(held))
        problems.raise_if_any()
        return attrs.evolve(self, entries=tuple(result.values()))

    # -- the mapping

    def __getitem__(self, key: tuple[int, int]) -> IndexValue:
        month = index_month("month", key)
        index = bisect.bisect_left(self._months, month)
        if index < len(self._months) and self._months[index] == month:
            return self.entries[index]
        raise UnknownIndexMonthError(self._missing(month))

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __iter__(self) -> Iterator[YearMonth]:
        return iter(self._months)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: object, default: Any = None) -> Any:
        """The :class:`IndexValue` of ``key``, or ``default`` when the month is absent."""
        try:
            return self[key]  # type: ignore[index]
        except (UnknownIndexMonthError, WrongTypeError, OutOfRangeError):
            return default

    def _missing(self, month: YearMonth) -> str:
        as_of = f"snapshot as of {self.as_of.isoformat()}; " if self.as_of else ""
        return (
            f"the Syntec index of {month} is not in this series ({as_of}it holds "
            f"{self.coverage() or 'no month'}). Add the published value: a CSV file read with "
            f"load_syntec (month,value,published_on,source) merged with SYNTEC.merged(...), or "
            f"SYNTEC.with_values({{({month.year}, {month.month}): Decimal('…')}}, source='…'); "
            f"values are never interpolated"
        )

    # -- lookups

    def value(self, year: int, month: int) -> Decimal:
        """The index value of ``(year, month)`` (contract §1.11).

        >>> SYNTEC.value(2025, 10)
        Decimal('322.2')
        """
        return self[index_month("(year, month)", (year, month))].value

    @property
    def uses_user_values(self) -> bool:
        """Whether any value of this series comes from the user rather than the snapshot."""
        return any(entry.origin == "user" for entry in self.entries)

    def coverage(self) -> str:
        """The months held, as runs (``2006-01…2021-12, 2022-08, …``); gaps lie between them.

        >>> SYNTEC.coverage().split(", ")[-3:]
        ['2024-08…2024-10', '2024-12…2025-01', '2025-09…2025-10']
        """
        return _run_text(_runs(self._months))

    def gaps(self) -> tuple[tuple[YearMonth, YearMonth], ...]:
        """The runs of months missing between the first and the last month held.

        >>> [f"{first}…{last}" for first, last in SYNTEC.gaps()][-2:]
        ['2024-11…2024-11', '2025-02…2025-08']
        """
        runs = _runs(self._months)
        return tuple(
            (before[1].shift(1), after[0].shift(-1)) for before, after in itertools.pairwise(runs)
        )

    def publication_date(
        self, year: int, month: int, *, publication: Publication = "observed"
    ) -> dt.date:
        """The day the index of ``(year, month)`` is (or was) published (contract §1.11).

        ``publication="observed"`` uses the observed date when this series holds one and the
        rule (:func:`publication_rule_date`) otherwise; ``"rule"`` always uses the rule.

        >>> SYNTEC.publication_date(2019, 4)       # observed: before Ascension and a bridge day
        datetime.date(2019, 5, 29)
        >>> SYNTEC.publication_date(2019, 4, publication="rule")
        datetime.date(2019, 5, 31)
        """
        month_of_index = index_month("(year, month)", (year, month))
        mode = _validate.one_of("publication", publication, _validate.literal_values(Publication))
        entry = self.get(month_of_index)
        if mode == "observed" and entry is not None and entry.published_on is not None:
            published: dt.date = entry.published_on
            return published
        return publication_rule_date(*month_of_index)

    def known_on(self, day: dt.date, *, publication: Publication = "observed") -> YearMonth:
        """The latest month whose index is published on or before ``day`` (contract §1.11).

        "Syn(n) = indice connu/publié à la date anniversaire / date de révision". From the 1st
        of month N until the publication at the end of N, that is month N − 2; from the
        publication day on, N − 1. The month is returned whether or not this series holds its
        value; it is a :class:`YearMonth`, equal to the ``(year, month)`` tuple.

        >>> from datetime import date
        >>> SYNTEC.known_on(date(2025, 9, 1)) == (2025, 7)
        True
        >>> SYNTEC.known_on(date(2025, 11, 27)), SYNTEC.known_on(date(2025, 11, 28))
        (YearMonth(year=2025, month=9), YearMonth(year=2025, month=10))
        >>> str(SYNTEC.known_on(date(2014, 1, 1)))  # juristique's example: S1 = November 2013
        '2013-11'
        """
        when = _day("day", day)
        _validate.one_of("publication", publication, _validate.literal_values(Publication))
        candidate = YearMonth.of(when).shift(-1)
        # Publication lags by about one month; a few more cover late observed publications.
        for _ in range(24):
            if self.publication_date(*candidate, publication=publication) <= when:
                return candidate
            candidate = candidate.shift(-1)
        raise InvalidArgumentError(  # pragma: no cover - needs publication dates 2 years late
            f"day={when!r}: no index month of the last two years is published by then"
        )

    # -- records

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per month: month, value, series, published_on, source, origin.

        >>> SYNTEC.to_records()[-1]["month"], SYNTEC.to_records()[-1]["value"]
        ('2025-10', Decimal('322.2'))
        """
        return [
            {
                "month": str(entry.month),
                "value": entry.value,
                "series": _label(entry.series, _SERIES_LABELS),
                "published_on": entry.published_on,
                "source": entry.source,
                "origin": _label(entry.origin, _ORIGIN_LABELS),
            }
            for entry in self.entries
        ]

    def headline(self, *, lang: Lang = "fr") -> str:
        """What the series holds."""
        lang = _text.check_lang(lang)
        as_of = (
            ""
            if self.as_of is None
            else pick(" au ", " as of ", lang) + _text.date_long(self.as_of, lang)
        )
        return pick(
            f"Indice Syntec : {len(self)} mois{as_of} ({self.coverage()})",
            f"Syntec index: {len(self)} months{as_of} ({self.coverage()})",
            lang,
        )


def _conflict(held: IndexValue) -> tuple[str, str]:
    published = f", published on {held.published_on}" if held.published_on else ""
    return (
        f"{held.value}{published}, the value already held (source: {held.source})",
        'pass on_conflict="replace" to use this value, or on_conflict="keep" to keep the one held',
    )


def _index_month_cell(value: object) -> YearMonth:
    month = month_cell(value)
    if not MIN_YEAR <= month.year <= MAX_YEAR:
        raise CellError(f"a month between {MIN_YEAR} and {MAX_YEAR}")
    return month


def _index_value(value: object) -> Decimal:
    return decimal_cell(value, what="index value", positive=True)


def _parse_rows(rows: list[Row], name: str) -> tuple[IndexValue, ...]:
    problems = Problems(name)
    seen: dict[YearMonth, str] = {}
    entries = []
    for row in rows:
        month = problems.cell(row, "month", _index_month_cell)
        value = problems.cell(row, "value", _index_value)
        published = problems.cell(row, "published_on", date_cell, required=False)
        source = problems.cell(row, "source", text_cell, required=False)
        if month is None or value is None:
            continue
        if month in seen:
            again = f"it is also on {seen[month]}; keep one of the two"
            problems.add(row.path("month"), str(month), "each month once", again)
            continue
        seen[month] = row.where
        if published is not None and published <= month.last_day:
            after = f"a day after {month} ends"
            problems.add(row.path("published_on"), published.isoformat(), after, _PUBLISHED_FIX)
            continue
        entries.append(
            IndexValue(
                year=month.year,
                month_number=month.month,
                value=value,
                series=_default_series(month),
                source=source or f"{name}, {row.where}",
                published_on=published,
            )
        )
    problems.raise_if_any()
    return tuple(entries)


def _new_entries(
    values: object, *, source: object, series: object, published_on: object
) -> dict[Any, IndexValue]:
    if not isinstance(values, Mapping):
        raise WrongTypeError(
            f"values={values!r} is not a mapping; pass {{(year, month): Decimal('…')}}"
        )
    text = _validate.text("source", source, empty=False)
    if series is not None:
        _validate.one_of("series", series, _validate.literal_values(Series))
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
    entries = {}
    for key, raw in values.items():
        month = index_month("values key", key)
        entries[key] = IndexValue(
            year=month.year,
            month_number=month.month,
            value=_validate.decimal(
                f"values[{key!r}]", raw, what="index value", accept=(int, str), positive=True
            ),
            series=series if series is not None else _default_series(month),  # type: ignore[arg-type]
            source=text,
            published_on=dates.get(key),
        )
    return entries


def _bundled() -> SyntecSeries:
    entries = tuple(
        IndexValue(
            year=year,
            month_number=month,
            value=value,
            series=_default_series(YearMonth(year, month)),
            source=_data.SOURCES[source],
            published_on=published_on,
            origin="bundled",
        )
        for year, month, value, published_on, source in _data.VALUES
    )
    return SyntecSeries(entries=entries, as_of=_data.AS_OF)


#: The bundled snapshot (``data/syntec.csv``, see ``scripts/generate_syntec.py``): the
#: historical series through its last value found (2021-12), the revised series from 2022-08,
#: with sources and observed publication dates. Its gaps are absent, not filled.
SYNTEC: SyntecSeries = _bundled()
