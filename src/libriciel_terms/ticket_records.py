"""Tickets from tabular exports: CSV text, ``DataFrame`` records, JSON (no file is read here).

A helpdesk export is a table: one row per ticket, columns named as the helpdesk names them
(« Référence », « Priorité », « Date de création »…), instants written as ISO 8601 or as
« 20/12/2024 17:30 », priorities as « Niveau 0 - Bloquant », « bloquant », « P0 » or ``0``.
:func:`tickets_from_records` turns any iterable of mappings — ``csv.DictReader`` rows,
``DataFrame.to_dict("records")``, parsed JSON — into :class:`~libriciel_terms.tickets.Ticket`\\ s:

- ``columns`` maps each ticket field (:data:`TICKET_FIELDS`) to its column; a field not mapped is read
  from the column of its own name, if there is one;
- instants may be aware ``datetime``\\ s (pandas ``Timestamp``\\ s too), ISO 8601 strings, or
  French « jj/mm/aaaa hh:mm »; a time without a UTC offset is read in ``zone`` **only when the
  caller gives one** (and refused if the clock change skips or repeats it), otherwise refused;
  a date without a time is refused;
- every bad cell is reported with its row (row 1 is the first record, line 2 of a CSV file) and
  its column: ``on_error="raise"`` (default) raises one
  :class:`~libriciel_terms.errors.RecordsError` listing them all; ``on_error="collect"`` returns
  the good tickets and the problems. Nothing is dropped silently.

State histories come in a second table, one row per state change (:func:`state_changes_from_records`).

>>> rows = records_from_csv_text(
...     "Référence;Priorité;Date de création;Prise en charge;Résolution\\n"
...     "CE-1;Niveau 1 - Majeur;15/10/2024 10:00;15/10/2024 11:30;2024-10-17T16:00+02:00\\n"
... )
>>> columns = parse_columns("reference=Référence,priority=Priorité,reported_at=Date de création,"
...                         "taken_charge_at=Prise en charge,resolved_at=Résolution")
>>> (ticket,) = tickets_from_records(rows, columns=columns, zone="Europe/Paris")
>>> ticket.reference, ticket.priority.label, ticket.taken_charge_at.isoformat()
('CE-1', 'Niveau 1 - Majeur', '2024-10-15T11:30:00+02:00')

The failing case: a time without an offset and no ``zone`` is refused, never guessed.

>>> tickets_from_records(rows, columns=columns)
Traceback (most recent call last):
...
libriciel_terms.errors.RecordsError: tickets: 2 problems
- row 1, column "Date de création" = '15/10/2024 10:00': expected an instant with its UTC offset; pass zone="Europe/Paris" (or the export's zone) to read times without an offset
- row 1, column "Prise en charge" = '15/10/2024 11:30': expected an instant with its UTC offset; pass zone="Europe/Paris" (or the export's zone) to read times without an offset
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any, ClassVar, Literal, overload
from zoneinfo import ZoneInfo

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._dates import localize
from libriciel_terms._intervals import Interval
from libriciel_terms._labels import say
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang
from libriciel_terms.errors import (
    InvalidArgumentError,
    Problem,
    RecordsError,
    TermsError,
    UnknownKeyError,
    WrongTypeError,
)
from libriciel_terms.sla import Priority
from libriciel_terms.states import TicketState
from libriciel_terms.tickets import Requalification, StateChange, Ticket

__all__ = [
    "INTERVAL_FIELDS",
    "STATE_FIELDS",
    "TICKET_FIELDS",
    "OnError",
    "StateChanges",
    "TicketBatch",
    "intervals_from_records",
    "parse_columns",
    "records_from_csv_text",
    "records_to_csv_text",
    "records_to_json_text",
    "state_changes_from_records",
    "tickets_from_records",
]

#: What to do with bad rows: raise one error listing them all, or collect them.
OnError = Literal["raise", "collect"]

#: The ticket fields a column can hold; ``priority`` and ``reported_at`` are required.
TICKET_FIELDS: tuple[str, ...] = (
    "reference",
    "priority",
    "reported_at",
    "taken_charge_at",
    "workaround_at",
    "confirmed_at",
    "resolved_at",
    "closed_at",
    "requalified_at",
    "requalified_to",
)
#: The fields of a state-change row; all are required.
STATE_FIELDS: tuple[str, ...] = ("reference", "at", "state")
#: The fields of an interval row (an outage, a planned window); both are required.
INTERVAL_FIELDS: tuple[str, ...] = ("start", "end")

_INSTANTS = frozenset(TICKET_FIELDS[2:9])
_FRENCH = re.compile(
    r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})[ T]+(?:à\s*)?"
    r"(?P<H>\d{1,2})[:h](?P<M>\d{2})(?::(?P<S>\d{2}))?"
)
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}")


class _CellError(Exception):
    """One bad cell: what was expected and how to fix it (turned into a :class:`Problem`)."""

    def __init__(self, expected: str, fix: str = "") -> None:
        super().__init__(expected)
        self.expected, self.fix = expected, fix


# -- CSV text ------------------------------------------------------------------------------------


def records_from_csv_text(text: str, *, delimiter: str | None = None) -> list[dict[str, str]]:
    """The records of a CSV file's text: a header line, then one record per line.

    The delimiter is ``;`` or ``,`` (or a tab), found from the header unless given; a leading
    byte-order mark is ignored; blank lines are skipped. A line with more or fewer fields than
    the header, or a header naming a column twice, is refused with every bad line listed.

    >>> records_from_csv_text("\\ufeffa;b\\n1;2\\n\\n3;4\\n")
    [{'a': '1', 'b': '2'}, {'a': '3', 'b': '4'}]
    """
    text = _validate.text("text", text, single_line=False).removeprefix("\ufeff")
    header_line = text.split("\n", 1)[0]
    if delimiter is None:
        delimiter = max(";,\t", key=header_line.count)
    elif not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in '\r\n"':
        raise InvalidArgumentError(
            f'delimiter={_validate.shown(delimiter)} is not a one-character field delimiter; pass ";", "," or '
            f'"\\t", or leave it out to read it from the header'
        )
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise RecordsError(
            "CSV text", (Problem(path="line 1", value=text[:40], expected="a header line"),)
        )
    problems = [
        Problem(path=f'column "{name}"', value=name, expected="each column named once")
        for i, name in enumerate(header)
        if name in header[:i]
    ]
    records: list[dict[str, str]] = []
    for line, fields in enumerate(reader, start=2):
        if not fields:
            continue
        if len(fields) != len(header):
            problems.append(
                Problem(
                    path=f"line {line}",
                    value=delimiter.join(fields),
                    expected=f"{len(header)} fields separated by {delimiter!r}, as the header",
                    fix=f"it has {len(fields)}",
                )
            )
            continue
        records.append(dict(zip(header, fields, strict=True)))
    if problems:
        raise RecordsError("CSV text", problems)
    return records


def parse_columns(text: str) -> dict[str, str]:
    """A ``columns`` mapping from ``"field=Column,field=Column"`` (the command line's form).

    >>> parse_columns("reported_at=Date de création, priority=Priorité")
    {'reported_at': 'Date de création', 'priority': 'Priorité'}
    """
    mapping: dict[str, str] = {}
    for part in _validate.text("columns", text).split(","):
        field, sep, column = part.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise InvalidArgumentError(
                f"columns={text!r}: {part!r} is not field=Column; write e.g. "
                f'"reported_at=Date de création,priority=Priorité"'
            )
        mapping[field.strip()] = column.strip()
    return mapping


def _plain_value(value: object) -> object:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, str):  # StrEnum members: their identifier
        return str.__str__(value)
    if value is None or isinstance(value, (bool, int)):
        return value
    return str(value)


def records_to_csv_text(records: Iterable[Mapping[str, Any]], *, delimiter: str = ",") -> str:
    """Records as CSV text: ISO instants and dates, plain decimals, identifiers, empty for None.

    >>> print(records_to_csv_text([{"a": Decimal("1.50"), "b": None}, {"a": 2, "c": True}]), end="")
    a,b,c
    1.50,,
    2,,True
    """
    rows = [dict(r) for r in _validate.items("records", records, Mapping)]
    keys = list(dict.fromkeys(k for r in rows for k in r))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(keys)
    for r in rows:
        writer.writerow(["" if r.get(k) is None else _plain_value(r[k]) for k in keys])
    return out.getvalue()


def records_to_json_text(records: Iterable[Mapping[str, Any]]) -> str:
    """Records as a JSON array: ISO instants and dates, decimals as exact strings.

    >>> print(records_to_json_text([{"hours": Decimal("2.5"), "at": dt.date(2024, 10, 1)}]))
    [
      {
        "hours": "2.5",
        "at": "2024-10-01"
      }
    ]
    """
    rows = _validate.items("records", records, Mapping)
    plain = [{k: _plain_value(v) for k, v in r.items()} for r in rows]
    return json.dumps(plain, ensure_ascii=False, indent=2)


# -- cells ---------------------------------------------------------------------------------------


def _empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return value != value  # NaN: pandas' missing number
    return type(value).__name__ in ("NaTType", "NAType")


def _zone(value: object) -> ZoneInfo | None:
    return None if value is None else _validate.zone("zone", value)


def _wall_time(naive: dt.datetime, zone: ZoneInfo | None) -> dt.datetime:
    """A wall-clock time read in ``zone``; refused without a zone or where it is ambiguous."""
    if zone is None:
        raise _CellError(
            "an instant with its UTC offset",
            'pass zone="Europe/Paris" (or the export\'s zone) to read times without an offset',
        )
    instant = localize(naive, zone)
    if instant.replace(tzinfo=None) != naive:
        raise _CellError(
            f"a time that exists in {zone.key}", "the clock change skips it; check the export"
        )
    if naive.replace(tzinfo=zone, fold=1).utcoffset() != instant.utcoffset():
        raise _CellError(
            f"a time that happens once in {zone.key}",
            "the clock change repeats it; write its UTC offset, e.g. 2025-10-26T02:30+02:00",
        )
    return instant


def _instant(value: object, zone: ZoneInfo | None) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return _wall_time(value, zone)
        try:
            return _validate.aware("value", value)
        except TermsError as exc:
            raise _CellError("an instant in microseconds", str(exc).partition("; ")[2]) from None
    if isinstance(value, dt.date):
        raise _CellError("an instant, not a date", "add the time of day")
    if not isinstance(value, str):
        raise _CellError("an instant (a datetime or a text such as 2024-12-20T17:30+01:00)")
    text = value.strip()
    if _DATE_ONLY.fullmatch(text):
        raise _CellError("an instant, not a date", "add the time of day, e.g. 20/12/2024 17:30")
    french = _FRENCH.fullmatch(text)
    try:
        if french:
            parts = {k: int(v or 0) for k, v in french.groupdict().items()}
            # A wall-clock time: read in ``zone`` by _wall_time, never in the system's zone.
            parsed = dt.datetime(  # noqa: DTZ001
                parts["y"], parts["m"], parts["d"], parts["H"], parts["M"], parts["S"]
            )
        else:
            parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise _CellError(
            "an instant: ISO 8601 (2024-12-20T17:30+01:00) or jj/mm/aaaa hh:mm (20/12/2024 17:30)"
        ) from None
    return _instant(parsed, zone)


def _priority(value: object, _zone: ZoneInfo | None) -> Priority:
    try:
        return Priority.parse(value)
    except TermsError:
        raise _CellError(
            "a priority: Niveau 0 - Bloquant … Niveau 3 - Mineur, bloquant, majeur, sérieux, "
            "mineur, P0 to P3 or 0 to 3"
        ) from None


def _reference(value: object, _zone: ZoneInfo | None) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _CellError("a reference: a text or a whole number")
    text = str(value).strip()
    if any(c in text for c in "\r\n\x00"):
        raise _CellError("a reference on one line")
    return text


def _state(value: object, _zone: ZoneInfo | None) -> TicketState:
    try:
        return TicketState.parse(value)  # type: ignore[arg-type]
    except TermsError:
        raise _CellError(
            "a ticket state of the contract, e.g. « A qualifier par le client »"
        ) from None


_READERS: MappingProxyType[str, Any] = MappingProxyType(
    {
        "reference": _reference,
        "priority": _priority,
        "requalified_to": _priority,
        "state": _state,
        **dict.fromkeys((*_INSTANTS, "at", "start", "end"), _instant),
    }
)


# -- rows ----------------------------------------------------------------------------------------


def _resolve(
    columns: object, fields: tuple[str, ...], required: tuple[str, ...], rows: Sequence[object]
) -> dict[str, str]:
    """Each field's column: as mapped, else the field's own name when some row has it."""
    if columns is None:
        columns = {}
    if not isinstance(columns, Mapping):
        raise WrongTypeError(f"columns={columns!r} is not a mapping field -> column name")
    unknown = [k for k in columns if k not in fields]
    if unknown:
        raise InvalidArgumentError(
            f"columns={dict(columns)!r} names {unknown!r}, which are not fields; the fields are "
            f"{', '.join(fields)}"
        )
    for field, column in columns.items():
        _validate.text(f"columns[{field!r}]", column, empty=False)
    present = {k for row in rows if isinstance(row, Mapping) for k in row}
    chosen = {f: columns.get(f, f) for f in fields if columns.get(f, f) in present}
    missing = [f for f in required if f not in chosen]
    if missing and rows:
        raise RecordsError(
            "records",
            [
                Problem(
                    path=f'column "{columns.get(f, f)}"',
                    value=None,
                    expected=f"a column holding {f}",
                    fix=f"the records have {', '.join(sorted(map(str, present))) or 'no column'}; "
                    f"map it with columns={{{f!r}: ...}}",
                )
                for f in missing
            ],
        )
    return chosen


def _read(
    rows: Sequence[object],
    chosen: Mapping[str, str],
    required: tuple[str, ...],
    zone: ZoneInfo | None,
) -> tuple[list[tuple[int, dict[str, Any]]], list[Problem]]:
    """Each row's fields read (row numbers from 1), and a problem per bad cell."""
    good: list[tuple[int, dict[str, Any]]] = []
    problems: list[Problem] = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            problems.append(
                Problem(path=f"row {number}", value=row, expected="a mapping column -> value")
            )
            continue
        values: dict[str, Any] = {}
        before = len(problems)
        for field, column in chosen.items():
            cell = row.get(column)
            where = f'row {number}, column "{column}"'
            if _empty(cell):
                if field in required:
                    problems.append(Problem(path=where, value=cell, expected=f"a value ({field})"))
                continue
            try:
                values[field] = _READERS[field](cell, zone)
            except _CellError as bad:
                problems.append(Problem(path=where, value=cell, expected=bad.expected, fix=bad.fix))
        if len(problems) == before:
            good.append((number, values))
    return good, problems


def _options(zone: object, on_error: object) -> tuple[ZoneInfo | None, OnError]:
    mode: OnError = _validate.one_of("on_error", on_error, _validate.literal_values(OnError))
    return _zone(zone), mode


def _rows(name: str, rows: object) -> Sequence[object]:
    if isinstance(rows, (str, bytes, Mapping)) or not isinstance(rows, Iterable):
        raise WrongTypeError(
            f"{name}={rows!r} is not an iterable of mappings (csv.DictReader rows, "
            f'DataFrame.to_dict("records"), a JSON array)'
        )
    return list(rows)


@attrs.frozen(kw_only=True)
class StateChanges(Mapping[str, tuple[StateChange, ...]]):
    """State changes read from records, per ticket reference, each ticket's in time order;
    ``problems`` lists the rows refused (``on_error="collect"``)."""

    changes: tuple[tuple[str, tuple[StateChange, ...]], ...]
    problems: tuple[Problem, ...] = ()
    _index: Mapping[str, tuple[StateChange, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        _validate.fields(self, {"changes": tuple, "problems": tuple})
        _validate.items("problems", self.problems, Problem)
        for i, pair in enumerate(_validate.items("changes", self.changes, tuple)):
            if len(pair) != 2 or not isinstance(pair[0], str) or not isinstance(pair[1], tuple):
                raise WrongTypeError(
                    f"changes[{i}]={_validate.shown(pair)} is not a (reference, state changes) "
                    f"pair; pass (str, tuple of StateChange)"
                )
            _validate.items(f"changes[{i}][1]", pair[1], StateChange)
        object.__setattr__(self, "_index", MappingProxyType(dict(self.changes)))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_state_changes, (self.changes, self.problems))

    def __getitem__(self, reference: str) -> tuple[StateChange, ...]:
        found = self._index.get(reference)
        if found is None:
            raise UnknownKeyError(f"no state change for ticket {reference!r}")
        return found

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.changes)

    def __len__(self) -> int:
        return len(self.changes)


def _state_changes(
    changes: tuple[tuple[str, tuple[StateChange, ...]], ...], problems: tuple[Problem, ...]
) -> StateChanges:
    return StateChanges(changes=changes, problems=problems)


def state_changes_from_records(
    rows: Iterable[Mapping[str, Any]],
    *,
    columns: Mapping[str, str] | None = None,
    zone: ZoneInfo | str | None = None,
    on_error: OnError = "raise",
) -> StateChanges:
    """State changes from records with a ticket reference, an instant and a state label.

    ``columns`` maps :data:`STATE_FIELDS` (``reference``, ``at``, ``state``) to columns. States
    are read by :meth:`TicketState.parse <libriciel_terms.states.TicketState.parse>` (the
    contract's labels, any case). Each ticket's changes are put in time order (an export need
    not be sorted); instants follow the rules of :func:`tickets_from_records`.

    >>> changes = state_changes_from_records(
    ...     [{"reference": "CE-1", "at": "2024-10-16T11:00+02:00", "state": "Retour information du client"},
    ...      {"reference": "CE-1", "at": "2024-10-16T09:00+02:00", "state": "A qualifier par le client"}])
    >>> [c.state.label for c in changes["CE-1"]]
    ['A qualifier par le client', 'Retour information du client']
    """
    chosen_zone, mode = _options(zone, on_error)
    items = _rows("rows", rows)
    chosen = _resolve(columns, STATE_FIELDS, STATE_FIELDS, items)
    good, problems = _read(items, chosen, STATE_FIELDS, chosen_zone)
    if problems and mode == "raise":
        raise RecordsError("state changes", problems)
    grouped: dict[str, list[StateChange]] = {}
    for _, values in good:
        change = StateChange(at=values["at"], state=values["state"])
        grouped.setdefault(values["reference"], []).append(change)
    ordered = tuple(
        (reference, tuple(sorted(changes, key=lambda c: _validate.utc(c.at))))
        for reference, changes in grouped.items()
    )
    return StateChanges(changes=ordered, problems=tuple(problems))


@attrs.frozen(kw_only=True)
class TicketBatch(Report, Sequence[Ticket]):
    """Tickets read from records: a sequence of :class:`~libriciel_terms.tickets.Ticket`, and
    the ``problems`` of the rows refused (empty unless ``on_error="collect"``). As a report, its
    table lists the problems."""

    tickets: tuple[Ticket, ...]
    problems: tuple[Problem, ...] = ()

    def __attrs_post_init__(self) -> None:
        _validate.fields(self, {"tickets": tuple, "problems": tuple})
        _validate.items("tickets", self.tickets, Ticket)
        _validate.items("problems", self.problems, Problem)

    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("path", "ligne et colonne", "row and column"),
        Column("value", "valeur", "value"),
        Column("expected", "attendu", "expected"),
        Column("fix", "correction", "fix"),
    )

    @overload
    def __getitem__(self, index: int) -> Ticket: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Ticket]: ...
    def __getitem__(self, index: int | slice) -> Ticket | Sequence[Ticket]:
        return self.tickets[index]

    def __len__(self) -> int:
        return len(self.tickets)

    def __iter__(self) -> Iterator[Ticket]:
        return iter(self.tickets)

    def to_records(self) -> list[dict[str, Any]]:
        """One record per problem: where, the value, what was expected, the fix."""
        return [
            {"path": p.path, "value": repr(p.value), "expected": p.expected, "fix": p.fix}
            for p in self.problems
        ]

    def headline(self, *, lang: Lang = "fr") -> str:
        """How many tickets were read and how many problems were found."""
        n, m = len(self.tickets), len(self.problems)
        return say(
            f"{n} ticket{'s' if n > 1 else ''} lu{'s' if n > 1 else ''}, "
            f"{m} problème{'s' if m > 1 else ''}",
            f"{n} ticket{'s' if n != 1 else ''} read, {m} problem{'s' if m != 1 else ''}",
            _text.check_lang(lang),
        )


def _cell_text(value: object) -> str:
    return "" if _empty(value) else str(value).strip()


def _cross_checks(number: int, values: dict[str, Any], chosen: Mapping[str, str]) -> list[Problem]:
    """What a row's cells say together: events after the report, a whole requalification."""
    problems = []
    reported = _validate.utc(values["reported_at"])
    for field in TICKET_FIELDS[3:9]:
        value = values.get(field)
        if value is not None and _validate.utc(value) < reported:
            problems.append(
                Problem(
                    path=f'row {number}, column "{chosen[field]}"',
                    value=value.isoformat(),
                    expected=f"an instant on or after the report ({values['reported_at'].isoformat()})",
                )
            )
    if ("requalified_at" in values) != ("requalified_to" in values):
        field = "requalified_to" if "requalified_at" in values else "requalified_at"
        problems.append(
            Problem(
                path=f'row {number}, column "{chosen.get(field, field)}"',
                value=None,
                expected="both the requalification's instant and its new priority",
            )
        )
    return problems


def _ticket(values: dict[str, Any], history: tuple[StateChange, ...]) -> Ticket:
    requalifications: tuple[Requalification, ...] = ()
    if "requalified_at" in values and "requalified_to" in values:
        requalifications = (
            Requalification(at=values["requalified_at"], priority=values["requalified_to"]),
        )
    events = {k: v for k, v in values.items() if k in TICKET_FIELDS[3:8]}
    return Ticket(
        reference=values.get("reference", ""),
        priority=values["priority"],
        reported_at=values["reported_at"],
        history=history,
        requalifications=requalifications,
        **events,
    )


def tickets_from_records(
    rows: Iterable[Mapping[str, Any]],
    *,
    columns: Mapping[str, str] | None = None,
    zone: ZoneInfo | str | None = None,
    history: Mapping[str, Sequence[StateChange]] | None = None,
    on_error: OnError = "raise",
) -> TicketBatch:
    """Tickets from records (a pure function: no file is read).

    ``columns`` maps :data:`TICKET_FIELDS` to the records' columns (unmapped fields are read from the
    column of their own name, when there is one); ``priority`` and ``reported_at`` are required.
    ``zone`` reads times written without a UTC offset (never guessed). ``history`` gives each
    ticket's state changes by reference (:func:`state_changes_from_records`); a reference that
    matches no ticket is a problem. A row's requalification is one pair
    ``requalified_at``/``requalified_to``. Every bad cell, every event before its report, every
    second row of a reference is a :class:`~libriciel_terms.errors.Problem` naming its row and
    column: ``on_error="raise"`` raises them all at once as a
    :class:`~libriciel_terms.errors.RecordsError`, ``"collect"`` returns them with the good
    tickets.
    """
    chosen_zone, mode = _options(zone, on_error)
    items = _rows("rows", rows)
    chosen = _resolve(columns, TICKET_FIELDS, ("priority", "reported_at"), items)
    good, problems = _read(items, chosen, ("priority", "reported_at"), chosen_zone)
    changes: Mapping[str, Sequence[StateChange]] = {} if history is None else history
    if not isinstance(changes, Mapping):
        raise WrongTypeError(f"history={history!r} is not a mapping reference -> state changes")
    tickets: list[Ticket] = []
    seen: dict[str, int] = {}
    for number, values in good:
        found = _cross_checks(number, values, chosen)
        reference = values.get("reference", "")
        if reference and reference in seen:
            found.append(
                Problem(
                    path=f'row {number}, column "{chosen["reference"]}"',
                    value=reference,
                    expected="one row per ticket",
                    fix=f"row {seen[reference]} has the same reference",
                )
            )
        seen.setdefault(reference, number)
        if not found:
            try:
                tickets.append(_ticket(values, tuple(changes.get(reference, ()))))
            except TermsError as exc:
                found.append(Problem(path=f"row {number}", value=reference, expected=str(exc)))
        problems.extend(found)
    column = chosen.get("reference")
    listed = {_cell_text(row.get(column)) for row in items if column and isinstance(row, Mapping)}
    problems.extend(
        Problem(
            path=f"history[{reference!r}]", value=reference, expected="the reference of a ticket"
        )
        for reference in changes
        if reference not in listed
    )
    if problems and mode == "raise":
        raise RecordsError("tickets", problems)
    return TicketBatch(tickets=tuple(tickets), problems=tuple(problems))


def intervals_from_records(
    rows: Iterable[Mapping[str, Any]],
    *,
    columns: Mapping[str, str] | None = None,
    zone: ZoneInfo | str | None = None,
) -> tuple[Interval, ...]:
    """``(start, end)`` intervals (outages, planned windows) from records, in their order.

    ``columns`` maps ``start`` and ``end`` (:data:`INTERVAL_FIELDS`) to columns; instants are
    read as :func:`tickets_from_records` reads them. Every bad cell, and every interval that ends
    before it starts, is reported at once (:class:`~libriciel_terms.errors.RecordsError`).

    >>> intervals_from_records([{"Début": "16/10/2024 11:00", "Fin": "16/10/2024 15:30"}],
    ...                        columns={"start": "Début", "end": "Fin"}, zone="Europe/Paris")[0][1].isoformat()
    '2024-10-16T15:30:00+02:00'
    """
    chosen_zone = _zone(zone)
    items = _rows("rows", rows)
    chosen = _resolve(columns, INTERVAL_FIELDS, INTERVAL_FIELDS, items)
    good, problems = _read(items, chosen, INTERVAL_FIELDS, chosen_zone)
    intervals = []
    for number, values in good:
        start, end = values["start"], values["end"]
        if _validate.utc(end) < _validate.utc(start):
            problems.append(
                Problem(
                    path=f'row {number}, column "{chosen["end"]}"',
                    value=end.isoformat(),
                    expected=f"an instant on or after the start ({start.isoformat()})",
                )
            )
        intervals.append((start, end))
    if problems:
        raise RecordsError("intervals", problems)
    return tuple(intervals)
