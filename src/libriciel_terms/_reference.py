"""Reference values from CSV text or from records: rows numbered, every problem collected.

Private module shared by the index series (``syntec``) and the rate tables (``rates``). The
bundled tables and the files a user brings go through the same steps: text (or a list of
mappings, e.g. the inline values of a contract file) → rows with the place each came from →
typed cells. Every problem is recorded with its row and column and all of them are raised at
once, as one :class:`~libriciel_terms.errors.ReferenceFileError`; nothing is dropped or guessed.

What a cell accepts (the docs' "Reference files" page):

- decimals with a point or a comma (``321.3``, ``321,3``; ``float`` refused in records);
- dates as ISO (``2025-08-29``) or French (``29/08/2025``), or ``date`` objects in records;
- months as ``2025-07`` or ``07/2025``; half-years as ``2026-S2`` (or ``2026-H2``).

A CSV file may be separated by commas or by semicolons (what a French spreadsheet writes); its
first line names the columns, in any order; blank lines are skipped; rows are numbered as the
lines of the file (the header is line 1). When ``source`` is the last column, a source holding
the separator needs no quotes.

>>> rows = csv_rows("month;value\\n2025-07;321,3\\n", name="mine.csv", columns=_DEMO)
>>> rows[0].where, dict(rows[0].cells)
('row 2', {'month': '2025-07', 'value': '321,3'})
>>> decimal_cell("321,3", what="index value", positive=True)
Decimal('321.3')

The failing case: every bad cell is named, with its row and column.

>>> problems = Problems("mine.csv")
>>> problems.cell(rows[0], "value", lambda v: month_cell(v)) is None
True
>>> problems.raise_if_any()
Traceback (most recent call last):
...
libriciel_terms.errors.ReferenceFileError: mine.csv: 1 problem
- row 2, column "value" = '321,3': expected a month written YYYY-MM, e.g. 2025-07
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Literal, TypeVar

import attrs

from libriciel_terms import _validate
from libriciel_terms._dates import YearMonth
from libriciel_terms.errors import Problem, ReferenceFileError, TermsError, WrongTypeError

__all__ = [
    "Columns",
    "OnConflict",
    "Origin",
    "Problems",
    "Row",
    "csv_rows",
    "date_cell",
    "decimal_cell",
    "half_year_cell",
    "month_cell",
    "record_rows",
    "text_cell",
]

T = TypeVar("T")

#: Where a value comes from: the snapshot bundled with the package, or the user (a file, inline
#: values of a contract file, a call such as ``SYNTEC.with_values``).
Origin = Literal["bundled", "user"]

#: What merging does with a user value that contradicts a value already held: refuse
#: (``"raise"``, the default), keep the value held (``"keep"``) or take the user's
#: (``"replace"``).
OnConflict = Literal["raise", "keep", "replace"]

#: The largest text a reference file may hold (a few thousand rows are expected).
MAX_CHARACTERS = 5_000_000

_HALF_YEAR = re.compile(r"^(\d{4})-[SH]([12])$", re.IGNORECASE)
_MONTH_ISO = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_FR = re.compile(r"^(\d{1,2})/(\d{4})$")
_DATE_FR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class CellError(Exception):
    """A cell that does not hold what its column needs (private: becomes a :class:`Problem`)."""

    def __init__(self, expected: str, fix: str = "") -> None:
        super().__init__(expected)
        self.expected = expected
        self.fix = fix


@attrs.frozen
class Columns:
    """The columns of a reference format: those a row must have and those it may have."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def known(self) -> tuple[str, ...]:
        """Every column of the format, required first."""
        return (*self.required, *self.optional)


_DEMO = Columns(("month", "value"))


@attrs.frozen
class Row:
    """One row of a reference table: where it came from and its raw cells."""

    where: str
    cells: Mapping[str, object]
    style: Literal["csv", "records"] = "csv"

    def path(self, column: str) -> str:
        """Where a cell is: ``row 3, column "value"`` or ``syntec[2].value``."""
        if self.style == "csv":
            return f'{self.where}, column "{column}"'
        return f"{self.where}.{column}"


class Problems:
    """Collects the problems of one source, then raises them all at once."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: list[Problem] = []

    def add(self, path: str, value: object, expected: str, fix: str = "") -> None:
        """Record one problem."""
        self.found.append(Problem(path=path, value=value, expected=expected, fix=fix))

    def cell(
        self, row: Row, column: str, parse: Callable[[object], T], *, required: bool = True
    ) -> T | None:
        """The parsed cell, or ``None`` when it is empty (and optional) or does not parse."""
        raw = row.cells.get(column)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if required:
                self.add(row.path(column), raw, "a value", f"fill in the {column} column")
            return None
        try:
            return parse(raw)
        except CellError as error:
            self.add(row.path(column), raw, error.expected, error.fix)
            return None

    def raise_if_any(self) -> None:
        """Raise a :class:`ReferenceFileError` listing every problem recorded."""
        if self.found:
            raise ReferenceFileError(self.name, self.found)


# -- rows -----------------------------------------------------------------------------------------


def _key(column: object) -> str:
    return str(column).strip().lower().lstrip("\ufeff")


def _header_problems(
    header: Iterable[object], columns: Columns, where: Callable[[str], str], problems: Problems
) -> None:
    names = [_key(name) for name in header]
    for name in names:
        if name not in columns.known:
            close = difflib.get_close_matches(name, columns.known, n=1) or [
                known for known in columns.known if name and (name in known or known in name)
            ]
            hint = f'did you mean "{close[0]}"?' if close else "remove it"
            problems.add(where(name), name, f"one of {', '.join(columns.known)}", hint)
    for name in columns.required:
        if name not in names:
            problems.add(where(name), None, "this column", f'add a "{name}" column')
    repeated = sorted({name for name in names if names.count(name) > 1})
    for name in repeated:
        problems.add(where(name), name, "each column once", "remove the repeated column")


def csv_rows(text: object, *, name: str, columns: Columns) -> list[Row]:
    """The data rows of a CSV text whose first line names the columns (see the module)."""
    body = _validate.text("text", text, single_line=False).lstrip("\ufeff")
    if len(body) > MAX_CHARACTERS:
        raise ReferenceFileError(
            name,
            [Problem(path="file", value=f"{len(body)} characters", expected="a smaller file")],
        )
    first = next((line for line in body.splitlines() if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    problems = Problems(name)
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=True)
    numbered: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                numbered.append((reader.line_num, cells))
    except csv.Error as error:
        problems.add(f"row {reader.line_num}", None, "well-formed CSV", str(error))
        problems.raise_if_any()
    if not numbered:
        problems.add("row 1", "", "a header line naming the columns", ", ".join(columns.known))
        problems.raise_if_any()
    header_number, header = numbered[0]
    if not any(_key(name) in columns.known for name in header):
        problems.add(
            f"row {header_number}",
            delimiter.join(header),
            f"a first line naming the columns ({', '.join(columns.known)})",
            f"add the line {delimiter.join(columns.known)} before the values",
        )
        problems.raise_if_any()
    _header_problems(header, columns, lambda c: f'row {header_number}, column "{c}"', problems)
    problems.raise_if_any()
    keys = [_key(name) for name in header]
    rows = []
    for number, cells in numbered[1:]:
        if keys[-1] == "source" and len(cells) > len(keys):  # a source may hold the delimiter
            cells = [*cells[: len(keys) - 1], delimiter.join(cells[len(keys) - 1 :])]
        if len(cells) != len(keys):
            problems.add(
                f"row {number}",
                delimiter.join(cells),
                f"{len(keys)} cells ({', '.join(keys)})",
                f"write one cell per column, separated by '{delimiter}'",
            )
            continue
        rows.append(Row(f"row {number}", dict(zip(keys, cells, strict=True))))
    problems.raise_if_any()
    return rows


def record_rows(records: object, *, name: str, path: str, columns: Columns) -> list[Row]:
    """The rows of a list of mappings (inline values of a contract file, JSON, DataFrames)."""
    items = _validate.items(path, records, Mapping)
    problems = Problems(name)
    rows = []
    for index, record in enumerate(items):
        where = f"{path}[{index}]"
        _header_problems(record, columns, lambda c, w=where: f"{w}.{c}", problems)  # type: ignore[misc]
        rows.append(Row(where, {_key(k): v for k, v in record.items()}, "records"))
    problems.raise_if_any()
    return rows


# -- cells ----------------------------------------------------------------------------------------


def text_cell(value: object) -> str:
    """A one-line text (a source, a note)."""
    if not isinstance(value, str):
        raise CellError("a text")
    try:
        return _validate.text("text", value.strip(), empty=False)
    except TermsError:
        raise CellError("a single line of text") from None


def decimal_cell(
    value: object,
    *,
    what: str,
    positive: bool = False,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
) -> Decimal:
    """A decimal written with a point or a comma; ``float`` refused (records)."""
    example = "321.3 or 321,3"
    if isinstance(value, float):
        raise CellError(f"{what} as a decimal text, e.g. '{example}'", "a float cannot hold it")
    if isinstance(value, str):
        written = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        if "," in written and "." not in written:
            written = written.replace(",", ".")
        value = written
    try:
        return _validate.decimal(
            "value",
            value,
            what=what,
            accept=(int, str),
            positive=positive,
            minimum=minimum,
            maximum=maximum,
        )
    except TermsError as error:
        bound = f" ({error.args[0].partition(' ')[2]})" if "range" in error.args[0] else ""
        limits = _limits(positive, minimum, maximum)
        raise CellError(f"{what}: a decimal number{limits}, e.g. {example}{bound}") from None


def _limits(positive: bool, minimum: Decimal | None, maximum: Decimal | None) -> str:
    parts = ["above 0"] if positive else []
    if minimum is not None:
        parts.append(f"at least {minimum}")
    if maximum is not None:
        parts.append(f"at most {maximum}")
    return f" {' and '.join(parts)}" if parts else ""


def date_cell(value: object) -> dt.date:
    """A date: ISO ``2025-08-29``, French ``29/08/2025``, or a ``date`` (records)."""
    if type(value) is dt.date:
        return value
    if isinstance(value, str):
        text = value.strip()
        french = _DATE_FR.match(text)
        try:
            if french:
                return dt.date(int(french[3]), int(french[2]), int(french[1]))
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise CellError("a date written YYYY-MM-DD or DD/MM/YYYY, e.g. 2025-08-29")


def month_cell(value: object) -> YearMonth:
    """A month: ``2025-07``, ``07/2025``, or a ``(year, month)`` pair (records)."""
    if isinstance(value, tuple) and len(value) == 2 and all(type(v) is int for v in value):
        year, month = value
    elif isinstance(value, str) and (
        found := _MONTH_ISO.match(value.strip()) or _MONTH_FR.match(value.strip())
    ):
        iso = found.re is _MONTH_ISO
        year, month = (int(found[1]), int(found[2])) if iso else (int(found[2]), int(found[1]))
    else:
        raise CellError("a month written YYYY-MM, e.g. 2025-07")
    if not 1 <= month <= 12:
        raise CellError("a month written YYYY-MM, e.g. 2025-07", "months run from 01 to 12")
    return YearMonth(year, month)


def half_year_cell(value: object) -> dt.date:
    """A half-year ``2026-S2`` (or ``2026-H2``), as the day it starts."""
    found = _HALF_YEAR.match(value.strip()) if isinstance(value, str) else None
    if found is None:
        raise CellError("a half-year written YYYY-S1 or YYYY-S2, e.g. 2026-S2")
    return dt.date(int(found[1]), 1 if found[2] == "1" else 7, 1)


def choice_cell(value: object, spellings: Mapping[str, T], what: str) -> T:
    """One of ``spellings`` (compared without case)."""
    if isinstance(value, str) and value.strip().lower() in spellings:
        return spellings[value.strip().lower()]
    raise CellError(f"{what}: one of {', '.join(spellings)}")


def check_text_argument(name: str, value: object) -> str:
    """The name of a source, for error messages (``name=`` arguments)."""
    if not isinstance(value, str) or not value.strip():
        raise WrongTypeError(f"{name}={value!r} is not a non-empty str; name the file or source")
    return value
