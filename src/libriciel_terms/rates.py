"""Rate tables for late-payment interest: the ECB rate and the legal interest rate (§1.8).

Contract §1.8 grants, for a late payment, moratory interest at the ECB main refinancing rate
"majoré de huit points" (CCP R2192-31) *or* "3 fois le taux d'intérêt légal" (docs'
contradictions page, C6). This module holds the tables those rates come from and the rules that
read them:

- the ECB main refinancing operations rate (:data:`ECB_MRO`), one row per change, and the French
  legal interest rate per half-year (CMF L313-2), for a creditor who is a company
  (:data:`LEGAL_RATE_OTHER_CASES`, Libriciel SCOP's case) or an individual
  (:data:`LEGAL_RATE_INDIVIDUALS`); each row keeps its source and its origin (``"bundled"``
  or ``"user"``);
- :func:`moratory_rate` (ECB rate in force on the first day of the half-year in which interest
  starts, + 8 points, R2192-31), :func:`commercial_rate` (+ 10 points, L441-10 II) and
  :func:`three_times_legal_rate` (3 × the legal rate of the half-year);
- rates a user brings, from a CSV file or records in the format of the docs' "Reference files"
  page, merged with the bundled tables by :meth:`RateTable.merged`.

>>> import datetime as dt
>>> moratory_rate(dt.date(2025, 4, 3)), three_times_legal_rate(dt.date(2024, 9, 1))
(Decimal('11.15'), Decimal('14.76'))

The failing case: a half-year beyond the bundled tables is refused, never guessed.

>>> moratory_rate(dt.date(2026, 7, 15))
Traceback (most recent call last):
...
libriciel_terms.errors.RateNotInTableError: moratory rate for interest starting on 2026-07-15: the ECB main refinancing rate in force on 2026-07-01 is not in the table, which covers 2007-06-13 to 2026-02-05 (checked as of 2026-02-05); ...
>>> later = RateTable.from_csv_text("effective_from,rate_percent,source\\n2026-07-01,2.15,ECB\\n")
>>> moratory_rate(dt.date(2026, 7, 15), ecb_rates=ECB_MRO.merged(later))
Decimal('10.15')
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Literal

import attrs

from libriciel_terms import _dates, _text, _validate
from libriciel_terms._display import Label
from libriciel_terms._exact import CONTEXT
from libriciel_terms._reference import (
    Columns,
    OnConflict,
    Origin,
    Problems,
    Row,
    check_text_argument,
    choice_cell,
    csv_rows,
    date_cell,
    decimal_cell,
    half_year_cell,
    record_rows,
    text_cell,
)
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang, pick
from libriciel_terms.data import rates as _data
from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    RateNotInTableError,
    WrongTypeError,
)

__all__ = [
    "COMMERCIAL_MARGIN_POINTS",
    "ECB_MRO",
    "LEGAL_RATE_INDIVIDUALS",
    "LEGAL_RATE_MULTIPLIER",
    "LEGAL_RATE_OTHER_CASES",
    "MAX_RATE_PERCENT",
    "PUBLIC_PROCUREMENT_MARGIN_POINTS",
    "RATES_AS_OF",
    "AppliedRate",
    "Creditor",
    "RateRow",
    "RateSeries",
    "RateTable",
    "Regime",
    "Steps",
    "applied_rate",
    "commercial_rate",
    "half_year_start",
    "legal_rates_for",
    "moratory_rate",
    "three_times_legal_rate",
]

#: Which rule fixes the rate: the CCP's moratory interest (ECB + 8 points, default), the
#: contract's "3 fois le taux d'intérêt légal", or the commercial code's default for private
#: buyers (ECB + 10 points, L441-10 II).
Regime = Literal["public_procurement", "three_times_legal", "commercial_code"]
#: Whose legal rate: a creditor acting for professional needs ("dans tous les autres cas",
#: Libriciel SCOP) or an individual (CMF L313-2: the category follows the creditor).
Creditor = Literal["other_cases", "individuals"]
#: The reference series a rate file holds (the docs' "Reference files" page).
RateSeries = Literal["ecb_mro", "legal_rate"]
#: How a table's rows hold: until the next change (``"changes"``, the ECB rate) or for one
#: half-year each, every half-year present (``"half_years"``, the legal rate).
Steps = Literal["changes", "half_years"]

#: Points added to the ECB rate for public-procurement moratory interest (R2192-31).
PUBLIC_PROCUREMENT_MARGIN_POINTS = Decimal("8")
#: Points added to the ECB rate by the commercial code's default (L441-10 II).
COMMERCIAL_MARGIN_POINTS = Decimal("10")
#: The contract's other option: "3 fois le taux d'intérêt légal" (contract §1.8; L441-10 II).
LEGAL_RATE_MULTIPLIER = 3
#: The largest rate a table or a caller may give, in percent a year (refused above).
MAX_RATE_PERCENT = Decimal(100)
#: The date the bundled rate tables were last checked against their sources.
RATES_AS_OF: dt.date = _data.AS_OF

_ECB_NAME = "ECB main refinancing rate"
_LEGAL_NAMES = {
    "other_cases": "legal interest rate (all other cases)",
    "individuals": "legal interest rate (individuals)",
}
_FRENCH_NAMES = {
    _ECB_NAME: "taux de la BCE (opération principale de refinancement)",
    _LEGAL_NAMES["other_cases"]: "taux de l'intérêt légal (autres cas)",
    _LEGAL_NAMES["individuals"]: "taux de l'intérêt légal (particuliers)",
}
_ORIGIN_LABELS = {"bundled": ("instantané", "bundled"), "user": ("utilisateur", "user")}


def half_year_start(day: dt.date) -> dt.date:
    """The first day (1 January or 1 July) of the half-year containing ``day`` (R2192-31).

    >>> half_year_start(dt.date(2025, 6, 30)), half_year_start(dt.date(2025, 7, 1))
    (datetime.date(2025, 1, 1), datetime.date(2025, 7, 1))
    """
    return _dates.half_year_start(_validate.day("day", day))


def _half_year_label(day: dt.date) -> str:
    return f"{day.year}-S{1 if day.month <= 6 else 2}"


def _half_year_end(start: dt.date) -> dt.date:
    return dt.date(start.year, 6, 30) if start.month <= 6 else dt.date(start.year, 12, 31)


def _rate(name: str, value: object, *, accept: tuple[type, ...] = ()) -> Decimal:
    return _validate.decimal(
        name,
        value,
        what="rate in percent",
        accept=accept,
        minimum=Decimal(0),
        maximum=MAX_RATE_PERCENT,
    )


# --- rows and tables --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RateRow:
    """One row of a rate table: a rate in percent in force from ``starts_on``, with its source.

    ``origin`` is ``"bundled"`` for the package's tables and ``"user"`` for any other row.
    """

    starts_on: dt.date = attrs.field(validator=_validate.check(_validate.day))
    rate_percent: Decimal = attrs.field(validator=_validate.check(_rate))
    source: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    origin: Origin = attrs.field(default="user", validator=_validate.choice(Origin))


def _check_rows(instance: RateTable, _attribute: object, rows: tuple[RateRow, ...]) -> None:
    if not rows:
        raise InvalidArgumentError("rows=() is empty; a rate table needs at least one row")
    for before, after in itertools.pairwise(rows):
        if after.starts_on <= before.starts_on:
            raise InvalidArgumentError(
                f"rows are not in strictly increasing order of starts_on: "
                f"{after.starts_on} follows {before.starts_on}; sort them, one row per date"
            )
        if instance.steps == "half_years" and after.starts_on != _half_year_end(
            before.starts_on
        ) + dt.timedelta(days=1):
            raise InvalidArgumentError(
                f"rows of a half-yearly table must follow each other: "
                f"{_half_year_label(after.starts_on)} follows "
                f"{_half_year_label(before.starts_on)}; add the half-years between them"
            )
    if instance.steps == "half_years":
        for row in rows:
            if row.starts_on != _dates.half_year_start(row.starts_on):
                raise InvalidArgumentError(
                    f"a row of a half-yearly table starts on {row.starts_on}; start each row "
                    f"on 1 January or 1 July"
                )


def _tuple_of_rate_row(value: object) -> tuple[RateRow, ...]:
    return _validate.items("rows", value, RateRow)


@attrs.frozen(kw_only=True)
class RateTable(Report, Mapping[dt.date, RateRow]):
    """A rate as a step function of the date: each row holds until the next one starts.

    A mapping from each row's ``starts_on`` to the row; :meth:`row_in_force` gives the row in
    force on any day. ``known_through`` is the last day for which the table is known to be
    complete; a date after it (or before the first row) is a
    :class:`~libriciel_terms.errors.RateNotInTableError`, never a guess. With
    ``steps="half_years"`` (the legal rate) every half-year has its own row.

    >>> ECB_MRO.row_in_force(dt.date(2025, 1, 1)).rate_percent
    Decimal('3.15')
    >>> ECB_MRO.row_in_force(dt.date(2025, 1, 1)).starts_on
    datetime.date(2024, 12, 18)
    >>> ECB_MRO[dt.date(2024, 12, 18)].rate_percent, len(ECB_MRO)
    (Decimal('3.15'), 37)
    """

    COLUMNS = (
        Column("starts_on", "à partir du", "from", "date"),
        Column("rate_percent", "taux", "rate", "percent"),
        Column("source", "source", "source"),
        Column("origin", "origine", "origin"),
    )

    name: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    rows: tuple[RateRow, ...] = attrs.field(converter=_tuple_of_rate_row, validator=_check_rows)
    known_through: dt.date = attrs.field(validator=_validate.check(_validate.day))
    as_of: dt.date | None = attrs.field(default=None, validator=_validate.optional(_validate.day))
    steps: Steps = attrs.field(default="changes", validator=_validate.choice(Steps))
    _starts: tuple[dt.date, ...] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.known_through < self.rows[-1].starts_on:
            raise EndBeforeStartError(
                f"known_through={self.known_through!r} is before the last row's starts_on="
                f"{self.rows[-1].starts_on!r}; pass the last day the table is known to be complete"
            )
        last_half_year = _half_year_end(self.rows[-1].starts_on)
        if self.steps == "half_years" and self.known_through > last_half_year:
            raise InvalidArgumentError(
                f"known_through={self.known_through!r} is after {last_half_year}, the end of "
                f"the last half-year of a half-yearly table; add that half-year's row"
            )
        object.__setattr__(self, "_starts", tuple(row.starts_on for row in self.rows))

    # -- the mapping

    def __getitem__(self, key: dt.date) -> RateRow:
        day = _validate.day("key", key)
        index = bisect.bisect_left(self._starts, day)
        if index < len(self._starts) and self._starts[index] == day:
            return self.rows[index]
        raise RateNotInTableError(
            f"no row of the {self.name} starts on {day}; row_in_force({day!r}) gives the row "
            f"in force that day"
        )

    def __contains__(self, key: object) -> bool:
        return type(key) is dt.date and key in self._starts

    def __iter__(self) -> Iterator[dt.date]:
        return iter(self._starts)

    def __len__(self) -> int:
        return len(self.rows)

    # -- lookups

    def row_in_force(self, day: dt.date) -> RateRow:
        """The row in force on ``day``: the last one starting on or before it."""
        _validate.day("day", day)
        checked = f" (checked as of {self.as_of})" if self.as_of is not None else ""
        if not self.rows[0].starts_on <= day <= self.known_through:
            raise RateNotInTableError(
                f"the {self.name} in force on {day} is not in the table, which covers "
                f"{self.rows[0].starts_on} to {self.known_through}{checked}"
            )
        return self.rows[bisect.bisect_right(self._starts, day) - 1]

    @property
    def uses_user_values(self) -> bool:
        """Whether any row comes from the user rather than the bundled tables."""
        return any(row.origin == "user" for row in self.rows)

    # -- construction

    def extended(
        self,
        rows: Iterable[RateRow | tuple[dt.date, Decimal | str]] = (),
        *,
        known_through: dt.date,
        source: str = "supplied by the caller",
    ) -> RateTable:
        """A copy with later rows added and ``known_through`` moved forward.

        New rows must start after the current ``known_through`` (the table is complete up to
        it); ``(date, rate)`` pairs get ``source``. :meth:`merged` does the same from a table.

        >>> later = ECB_MRO.extended(
        ...     [(dt.date(2026, 3, 18), Decimal("2.00"))], known_through=dt.date(2026, 7, 1)
        ... )
        >>> later.row_in_force(dt.date(2026, 7, 1))
        RateRow(starts_on=datetime.date(2026, 3, 18), rate_percent=Decimal('2.00'), source='supplied by the caller', origin='user')
        """
        _validate.day("known_through", known_through)
        text = _validate.text("source", source, empty=False)
        _validate.ordered("self.known_through", self.known_through, "known_through", known_through)
        if isinstance(rows, (str, bytes)) or not isinstance(rows, Iterable):
            raise WrongTypeError(f"rows={rows!r} is not an iterable of RateRow or (date, rate)")
        added: list[RateRow] = []
        for index, item in enumerate(rows):
            if isinstance(item, RateRow):
                row = item
            elif isinstance(item, tuple) and len(item) == 2:
                rate = _rate(f"rows[{index}][1]", item[1], accept=(str,))
                row = RateRow(starts_on=item[0], rate_percent=rate, source=text)
            else:
                raise WrongTypeError(f"rows[{index}]={item!r} is not a RateRow or (date, rate)")
            if row.starts_on <= self.known_through:
                raise InvalidArgumentError(
                    f"rows[{index}] starts on {row.starts_on}, not after known_through="
                    f"{self.known_through} of {self.name!r}, which is complete up to that day"
                )
            added.append(row)
        return attrs.evolve(self, rows=(*self.rows, *added), known_through=known_through)

    def merged(
        self, other: RateTable, *, on_conflict: OnConflict = "raise", name: str = "merge"
    ) -> RateTable:
        """This table with ``other``'s rows added: what a user brings extends the bundled table.

        A row of ``other`` outside this table's span (before its first row or after
        ``known_through``) is added. A row inside it must give the rate this table has in force
        that day; one that contradicts is refused — every contradiction listed in one
        :class:`~libriciel_terms.errors.ReferenceFileError` headed ``name`` — unless
        ``on_conflict`` says which wins (``"keep"`` this table's, ``"replace"`` with
        ``other``'s). The result is known through the later of the two ``known_through``.

        >>> mine = RateTable.from_csv_text("effective_from,rate_percent\\n2025-06-11,2.25\\n")
        >>> ECB_MRO.merged(mine, name="mine.csv")
        Traceback (most recent call last):
        ...
        libriciel_terms.errors.ReferenceFileError: mine.csv: 1 problem
        - 2025-06-11 = Decimal('2.25'): expected 2.15, the rate in force that day (from 2025-06-11, source: ...); pass on_conflict="replace" to use this rate, or on_conflict="keep" to keep the one held
        """
        theirs = _validate.items("other", (other,), RateTable)[0]
        mode = _validate.one_of("on_conflict", on_conflict, _validate.literal_values(OnConflict))
        label = check_text_argument("name", name)
        if (theirs.name, theirs.steps) != (self.name, self.steps):
            raise InvalidArgumentError(
                f"other is a table of the {theirs.name!r}, not of the {self.name!r}; merge "
                f"tables of the same rate"
            )
        rows = {row.starts_on: row for row in self.rows}
        problems = Problems(label)
        for row in theirs.rows:
            if not self.rows[0].starts_on <= row.starts_on <= self.known_through:
                rows[row.starts_on] = row
                continue
            held = self.row_in_force(row.starts_on)
            if held.rate_percent == row.rate_percent or mode == "keep":
                continue
            if mode == "replace":
                rows[row.starts_on] = row
                continue
            problems.add(str(row.starts_on), row.rate_percent, *_conflict(held))
        problems.raise_if_any()
        return attrs.evolve(
            self,
            rows=tuple(sorted(rows.values(), key=lambda row: row.starts_on)),
            known_through=max(self.known_through, theirs.known_through),
        )

    @classmethod
    def from_csv_text(
        cls,
        text: str,
        *,
        series: RateSeries = "ecb_mro",
        creditor: Creditor = "other_cases",
        known_through: dt.date | None = None,
        name: str = "CSV text",
    ) -> RateTable:
        """A rate table from the text of a CSV file (the docs' "Reference files" page).

        ``series="ecb_mro"``: ``effective_from,rate_percent,source``, one row per change; the
        table is known through its last row, or ``known_through`` if later (the day up to which
        no later change was checked). ``series="legal_rate"``:
        ``half_year,creditor,rate_percent,source`` (``2026-S2``, ``other_cases`` or
        ``individuals``), every half-year present; the rows of ``creditor`` make the table.
        Rows without a source get ``"<name>, row N"``; every bad row is reported at once.

        >>> legal = RateTable.from_csv_text(
        ...     "half_year;creditor;rate_percent;source\\n2026-S2;other_cases;2,50;arrêté\\n",
        ...     series="legal_rate")
        >>> legal.name, legal.row_in_force(dt.date(2026, 9, 1)).rate_percent, legal.known_through
        ('legal interest rate (all other cases)', Decimal('2.50'), datetime.date(2026, 12, 31))
        >>> RateTable.from_csv_text("effective_from,rate_percent\\n2026-13-01,2.0\\n")
        Traceback (most recent call last):
        ...
        libriciel_terms.errors.ReferenceFileError: CSV text: 1 problem
        - row 2, column "effective_from" = '2026-13-01': expected a date written YYYY-MM-DD or DD/MM/YYYY, e.g. 2025-08-29
        """
        label = check_text_argument("name", name)
        kind = _validate.one_of("series", series, _validate.literal_values(RateSeries))
        rows = csv_rows(text, name=label, columns=_FORMATS[kind])
        return _table(rows, kind, creditor, known_through, label)

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        series: RateSeries = "ecb_mro",
        creditor: Creditor = "other_cases",
        known_through: dt.date | None = None,
        name: str = "records",
        path: str | None = None,
    ) -> RateTable:
        """A rate table from mappings with the keys of the CSV format (inline values).

        >>> table = RateTable.from_records([{"effective_from": dt.date(2026, 3, 18),
        ...                                  "rate_percent": "2.00", "source": "ECB"}])
        >>> table.row_in_force(dt.date(2026, 3, 18)).rate_percent
        Decimal('2.00')
        """
        label = check_text_argument("name", name)
        kind = _validate.one_of("series", series, _validate.literal_values(RateSeries))
        where = check_text_argument("path", kind if path is None else path)
        rows = record_rows(records, name=label, path=where, columns=_FORMATS[kind])
        return _table(rows, kind, creditor, known_through, label)

    # -- the report

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per row: starts_on, rate_percent, source, origin."""
        return [
            {
                "starts_on": row.starts_on,
                "rate_percent": row.rate_percent,
                "source": row.source,
                "origin": Label.of(row.origin, *_ORIGIN_LABELS[row.origin]),
            }
            for row in self.rows
        ]

    def headline(self, *, lang: Lang = "fr") -> str:
        """The table's name and span."""
        lang = _text.check_lang(lang)
        return pick(
            f"{_french_name(self.name)} : {len(self)} lignes, du {self.rows[0].starts_on} au "
            f"{self.known_through}",
            f"{self.name}: {len(self)} rows, {self.rows[0].starts_on} to {self.known_through}",
            lang,
        )


def _french_name(name: str) -> str:
    return _FRENCH_NAMES.get(name, name)


def _conflict(held: RateRow) -> tuple[str, str]:
    return (
        f"{held.rate_percent}, the rate in force that day (from {held.starts_on}, source: "
        f"{held.source})",
        'pass on_conflict="replace" to use this rate, or on_conflict="keep" to keep the one held',
    )


# --- rate files ---------------------------------------------------------------------------------

_FORMATS = {
    "ecb_mro": Columns(("effective_from", "rate_percent"), ("source",)),
    "legal_rate": Columns(("half_year", "creditor", "rate_percent"), ("source",)),
}
_CREDITORS: Mapping[str, Creditor] = {
    "other_cases": "other_cases",
    "autres": "other_cases",
    "autres_cas": "other_cases",
    "individuals": "individuals",
    "particuliers": "individuals",
}


def _rate_cell(value: object) -> Decimal:
    return decimal_cell(value, what="rate in percent", minimum=Decimal(0), maximum=MAX_RATE_PERCENT)


def _creditor_cell(value: object) -> Creditor:
    return choice_cell(value, _CREDITORS, "creditor")


def _start_cell(kind: str) -> Any:
    return date_cell if kind == "ecb_mro" else half_year_cell


def _table(
    rows: list[Row], kind: str, creditor: object, known_through: object, name: str
) -> RateTable:
    wanted = _validate.one_of("creditor", creditor, _validate.literal_values(Creditor))
    through = None if known_through is None else _validate.day("known_through", known_through)
    column = "effective_from" if kind == "ecb_mro" else "half_year"
    problems = Problems(name)
    found: dict[dt.date, tuple[str, RateRow]] = {}
    for row in rows:
        starts = problems.cell(row, column, _start_cell(kind))
        rate = problems.cell(row, "rate_percent", _rate_cell)
        source = problems.cell(row, "source", text_cell, required=False)
        whose = wanted if kind == "ecb_mro" else problems.cell(row, "creditor", _creditor_cell)
        if starts is None or rate is None or whose != wanted:
            continue
        if starts in found:
            again = f"it is also on {found[starts][0]}; keep one of the two"
            problems.add(row.path(column), row.cells[column], "one row per date", again)
            continue
        rate_row = RateRow(
            starts_on=starts, rate_percent=rate, source=source or f"{name}, {row.where}"
        )
        found[starts] = (row.where, rate_row)
    if not found and not problems.found:
        problems.add("rows", None, f"at least one row of the {_series_name(kind, wanted)}")
    problems.raise_if_any()
    ordered = [
        rate_row for _where, rate_row in sorted(found.values(), key=lambda f: f[1].starts_on)
    ]
    if kind == "legal_rate":
        _check_half_years(ordered, found, problems)
    last = ordered[-1].starts_on
    natural = last if kind == "ecb_mro" else _half_year_end(last)
    return RateTable(
        name=_series_name(kind, wanted),
        rows=tuple(ordered),
        known_through=natural if through is None else max(through, natural),
        steps="changes" if kind == "ecb_mro" else "half_years",
    )


def _series_name(kind: str, creditor: str) -> str:
    return _ECB_NAME if kind == "ecb_mro" else _LEGAL_NAMES[creditor]


def _check_half_years(
    ordered: list[RateRow], found: Mapping[dt.date, tuple[str, RateRow]], problems: Problems
) -> None:
    for before, after in itertools.pairwise(ordered):
        expected = _half_year_end(before.starts_on) + dt.timedelta(days=1)
        if after.starts_on != expected:
            problems.add(
                f'{found[after.starts_on][0]}, column "half_year"',
                _half_year_label(after.starts_on),
                f"the half-year after {_half_year_label(before.starts_on)}",
                f"add a row for {_half_year_label(expected)}",
            )
    problems.raise_if_any()


def _bundled_tables() -> tuple[RateTable, RateTable, RateTable]:
    ecb = RateTable(
        name=_ECB_NAME,
        rows=tuple(
            RateRow(starts_on=day, rate_percent=rate, source=source, origin="bundled")
            for day, rate, source in _data.ECB_MRO_ROWS
        ),
        known_through=_data.ECB_MRO_KNOWN_THROUGH,
        as_of=_data.AS_OF,
    )
    rows: dict[str, list[RateRow]] = {"other_cases": [], "individuals": []}
    for day, individuals, others, source in _data.LEGAL_RATE_ROWS:
        for creditor, rate in (("other_cases", others), ("individuals", individuals)):
            row = RateRow(starts_on=day, rate_percent=rate, source=source, origin="bundled")
            rows[creditor].append(row)
    legal = [
        RateTable(
            name=_LEGAL_NAMES[creditor],
            rows=tuple(rows[creditor]),
            known_through=_data.LEGAL_RATE_KNOWN_THROUGH,
            as_of=_data.AS_OF,
            steps="half_years",
        )
        for creditor in ("other_cases", "individuals")
    ]
    return ecb, legal[0], legal[1]


#: The ECB main refinancing operations rate (% a year), one row per change, bundled.
#: The French legal interest rate "dans tous les autres cas" (CMF L313-2) — a company creditor
#: such as Libriciel SCOP —, and for an individual creditor, per half-year from 2015, bundled.
ECB_MRO, LEGAL_RATE_OTHER_CASES, LEGAL_RATE_INDIVIDUALS = _bundled_tables()


def legal_rates_for(creditor: Creditor) -> RateTable:
    """The bundled legal-rate table of ``creditor`` (``"other_cases"`` or ``"individuals"``).

    >>> legal_rates_for("individuals") is LEGAL_RATE_INDIVIDUALS
    True
    """
    kind = _validate.one_of("creditor", creditor, _validate.literal_values(Creditor))
    return LEGAL_RATE_OTHER_CASES if kind == "other_cases" else LEGAL_RATE_INDIVIDUALS


# --- rates ---------------------------------------------------------------------------------------

_ECB_FIX = (
    "pass rate_percent=Decimal(...) (the annual rate to apply, in percent) where the function "
    "takes it, or ecb_rates=ECB_MRO.merged(load_ecb_rates('ecb.csv')) with the ECB's decisions "
    "up to that date (or ECB_MRO.extended([(date_of_effect, Decimal(mro))], "
    "known_through=date(...)))"
)
_LEGAL_FIX = (
    "pass rate_percent=Decimal(...) (the annual rate to apply, in percent) where the function "
    "takes it, or legal_rates=LEGAL_RATE_OTHER_CASES.merged(load_legal_rates('legal.csv')) "
    "with the rate of the arrêté fixing that half-year's rate"
)


def _table_argument(name: str, value: object, default: RateTable) -> RateTable:
    if value is None:
        return default
    if not isinstance(value, RateTable):
        raise WrongTypeError(f"{name}={value!r} is not a RateTable; pass e.g. {default.name!r}")
    return value


def _lookup(table: RateTable, day: dt.date, what: str, fix: str) -> RateRow:
    try:
        return table.row_in_force(day)
    except RateNotInTableError as error:
        raise RateNotInTableError(f"{what}: {error}; {fix}") from None


_BASIS_LABELS = ("ecb_margin", "legal_multiple", "supplied")


@attrs.frozen(kw_only=True)
class AppliedRate:
    """A rate as applied to interest: the percent, the rule, and the table row it comes from.

    ``basis`` is ``"ecb_margin"`` (an ECB rate plus ``margin_points``), ``"legal_multiple"``
    (``multiplier`` × a legal rate) or ``"supplied"`` (``rate_percent`` given by the caller);
    ``fixed_on`` is the day whose rate applies (the first day of a half-year).
    """

    percent: Decimal = attrs.field(validator=_validate.instance_of(Decimal))
    basis: Literal["ecb_margin", "legal_multiple", "supplied"] = attrs.field(
        validator=_validate.check(_validate.one_of, choices=_BASIS_LABELS)
    )
    fixed_on: dt.date | None = attrs.field(
        default=None, validator=_validate.optional(_validate.day)
    )
    row: RateRow | None = attrs.field(
        default=None,
        validator=_validate.guard(attrs.validators.optional(attrs.validators.instance_of(RateRow))),
    )
    table_name: str = attrs.field(default="", validator=_validate.check(_validate.text))
    margin_points: Decimal = attrs.field(
        default=Decimal(0), validator=_validate.check(_validate.decimal, minimum=Decimal(0))
    )

    @property
    def uses_user_value(self) -> bool:
        """Whether the rate comes from the user (a supplied rate or a user row)."""
        return self.row is None or self.row.origin == "user"

    @property
    def formula(self) -> str:
        """The rate's arithmetic, with no words: ``3.15 + 8 = 11.15``, ``3 × 4.92 = 14.76``."""
        if self.row is None:
            return f"{self.percent}"
        if self.basis == "legal_multiple":
            return f"{LEGAL_RATE_MULTIPLIER} × {self.row.rate_percent} = {self.percent}"
        return f"{self.row.rate_percent} + {self.margin_points} = {self.percent}"

    def explain(self, *, lang: Lang = "fr") -> str:
        """The rule that gave the rate, with its table row and whether it is a user value."""
        lang = _text.check_lang(lang)
        percent = _text.percent(self.percent, lang)
        if self.row is None or self.fixed_on is None:
            return pick(
                f"{percent} fourni par l'appelant (rate_percent)",
                f"{percent} supplied by the caller (rate_percent)",
                lang,
            )
        rate = _text.percent(self.row.rate_percent, lang)
        name = pick(_french_name(self.table_name), self.table_name, lang)
        user = _user_note(self.row, lang)
        if self.basis == "legal_multiple":
            half = _half_year_label(self.fixed_on)
            return f"{LEGAL_RATE_MULTIPLIER} × {name} {rate} ({half}){user} = {percent}"
        points = _text.number(self.margin_points, lang)
        return pick(
            f"{name} {rate} (depuis le {self.row.starts_on}, en vigueur le {self.fixed_on})"
            f"{user} + {points} points = {percent}",
            f"{name} {rate} (from {self.row.starts_on}, in force on {self.fixed_on}){user} + "
            f"{points} points = {percent}",
            lang,
        )


def _user_note(row: RateRow, lang: Lang) -> str:
    if row.origin == "bundled":
        return ""
    return pick(f" [valeur utilisateur : {row.source}]", f" [user value: {row.source}]", lang)


def _ecb_rate(day: dt.date, ecb: RateTable, margin: Decimal, what: str) -> AppliedRate:
    start = _dates.half_year_start(day)
    row = _lookup(ecb, start, f"{what} for interest starting on {day}", _ECB_FIX)
    return AppliedRate(
        percent=CONTEXT.add(row.rate_percent, margin),
        basis="ecb_margin",
        fixed_on=start,
        row=row,
        table_name=ecb.name,
        margin_points=margin,
    )


def _legal_rate(day: dt.date, legal: RateTable, what: str) -> AppliedRate:
    start = _dates.half_year_start(day)
    row = _lookup(legal, start, f"{what} for {_half_year_label(day)}", _LEGAL_FIX)
    return AppliedRate(
        percent=CONTEXT.multiply(Decimal(LEGAL_RATE_MULTIPLIER), row.rate_percent),
        basis="legal_multiple",
        fixed_on=start,
        row=row,
        table_name=legal.name,
    )


def applied_rate(
    regime: Regime,
    day: dt.date,
    *,
    ecb_rates: RateTable | None = None,
    legal_rates: RateTable | None = None,
    rate_percent: Decimal | str | None = None,
) -> AppliedRate:
    """The rate ``regime`` applies to interest accruing from ``day``, with where it comes from.

    ``rate_percent`` (the annual rate to apply, in percent) replaces the tables.

    >>> applied_rate("public_procurement", dt.date(2025, 4, 3)).formula
    '3.15 + 8 = 11.15'
    >>> print(applied_rate("three_times_legal", dt.date(2024, 9, 1)).explain(lang="en"))
    3 × legal interest rate (all other cases) 4.92% (2024-S2) = 14.76%
    """
    kind = _validate.one_of("regime", regime, _validate.literal_values(Regime))
    when = _validate.day("day", day)
    ecb = _table_argument("ecb_rates", ecb_rates, ECB_MRO)
    legal = _table_argument("legal_rates", legal_rates, LEGAL_RATE_OTHER_CASES)
    if rate_percent is not None:
        supplied = _rate("rate_percent", rate_percent, accept=(str,))
        return AppliedRate(percent=supplied, basis="supplied")
    if kind == "three_times_legal":
        return _legal_rate(when, legal, "3 × legal rate")
    if kind == "public_procurement":
        return _ecb_rate(when, ecb, PUBLIC_PROCUREMENT_MARGIN_POINTS, "moratory rate")
    return _ecb_rate(when, ecb, COMMERCIAL_MARGIN_POINTS, "commercial-code rate")


def moratory_rate(interest_starts_on: dt.date, *, ecb_rates: RateTable | None = None) -> Decimal:
    """The CCP moratory rate, in percent, for interest starting to run on ``interest_starts_on``.

    The ECB main refinancing rate in force on the first day of that half-year, plus 8 points
    (R2192-31; contract §1.8). It applies to the whole delay, even across half-years.

    >>> moratory_rate(dt.date(2024, 7, 1)), moratory_rate(dt.date(2025, 6, 30))
    (Decimal('12.25'), Decimal('11.15'))
    """
    day = _validate.day("interest_starts_on", interest_starts_on)
    table = _table_argument("ecb_rates", ecb_rates, ECB_MRO)
    return _ecb_rate(day, table, PUBLIC_PROCUREMENT_MARGIN_POINTS, "moratory rate").percent


def commercial_rate(on: dt.date, *, ecb_rates: RateTable | None = None) -> Decimal:
    """The commercial code's default late-payment rate, in percent, for the half-year of ``on``.

    The ECB rate in force on 1 January (first half-year) or 1 July (second), plus 10 points
    (Code de commerce L441-10 II) — the rule for a private buyer, not this contract's default.

    >>> commercial_rate(dt.date(2024, 9, 1))
    Decimal('14.25')
    """
    day = _validate.day("on", on)
    table = _table_argument("ecb_rates", ecb_rates, ECB_MRO)
    return _ecb_rate(day, table, COMMERCIAL_MARGIN_POINTS, "commercial-code rate").percent


def three_times_legal_rate(on: dt.date, *, legal_rates: RateTable | None = None) -> Decimal:
    """3 × the legal interest rate of the half-year of ``on``, in percent (contract §1.8).

    The legal rate is "all other cases" by default — the creditor, Libriciel SCOP, is a
    company (CMF L313-2: the category follows the creditor); pass
    ``legal_rates=LEGAL_RATE_INDIVIDUALS`` for a creditor who is a private individual.

    >>> three_times_legal_rate(dt.date(2024, 9, 1))
    Decimal('14.76')
    """
    day = _validate.day("on", on)
    table = _table_argument("legal_rates", legal_rates, LEGAL_RATE_OTHER_CASES)
    return _legal_rate(day, table, "3 × legal rate").percent
