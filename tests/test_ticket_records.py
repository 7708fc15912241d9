"""Tests for libriciel_terms.ticket_records: tickets from CSV text, DataFrame records and JSON."""

from __future__ import annotations

import datetime as dt
import io
import json
import pickle
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from libriciel_terms.errors import (
    InvalidArgumentError,
    Problem,
    RecordsError,
    UnknownKeyError,
    WrongTypeError,
)
from libriciel_terms.sla import Priority, SlaPolicy, Target
from libriciel_terms.states import TicketState
from libriciel_terms.ticket_records import (
    TICKET_FIELDS,
    StateChanges,
    TicketBatch,
    intervals_from_records,
    parse_columns,
    records_from_csv_text,
    records_to_csv_text,
    records_to_json_text,
    state_changes_from_records,
    tickets_from_records,
)
from libriciel_terms.tickets import StateChange, Status

PARIS = ZoneInfo("Europe/Paris")
FRENCH = {
    "reference": "Référence",
    "priority": "Priorité",
    "reported_at": "Date de création",
    "taken_charge_at": "Prise en charge",
    "workaround_at": "Contournement",
    "resolved_at": "Résolution",
    "closed_at": "Clôture",
}
CSV = (
    "\ufeffRéférence;Priorité;Date de création;Prise en charge;Contournement;Résolution;Clôture\n"
    "CE-1;Niveau 0 - Bloquant;15/10/2024 10:00;15/10/2024 11:00;16/10/2024 15:00;21/10/2024 10:00;\n"
    "CE-2;sérieux;2024-10-16T09:30:00+02:00;;;;\n"
    "CE-3;P3;2024-10-17 14:00;;;2024-10-18T09:00:00Z;2024-10-21 10:00\n"
)


def p(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def test_a_french_export() -> None:
    batch = tickets_from_records(records_from_csv_text(CSV), columns=FRENCH, zone="Europe/Paris")
    assert [t.reference for t in batch] == ["CE-1", "CE-2", "CE-3"]
    assert [t.priority for t in batch] == [Priority.BLOQUANT, Priority.SERIEUX, Priority.MINEUR]
    one, two, three = batch
    assert one.reported_at == p(2024, 10, 15, 10)
    assert one.workaround_at == p(2024, 10, 16, 15)
    assert two.reported_at == p(2024, 10, 16, 9, 30)
    assert two.taken_charge_at is None
    assert three.reported_at == p(2024, 10, 17, 14)
    assert three.resolved_at == dt.datetime(2024, 10, 18, 9, tzinfo=dt.UTC)
    assert three.closed_at == p(2024, 10, 21, 10)
    assert batch.problems == ()
    assert len(batch) == 3
    assert batch[0] is one
    assert batch.headline() == "3 tickets lus, 0 problème"
    assert batch.headline(lang="en") == "3 tickets read, 0 problems"
    report = SlaPolicy.comelus().evaluate_many(batch, at=p(2024, 11, 1))
    assert report[0][Target.TAKE_CHARGE].status is Status.MET
    assert report[0][Target.RESOLUTION].status is Status.BREACHED  # due Fri 18 at 18:00


def test_the_same_from_a_dataframe_and_back() -> None:
    import pandas as pd

    frame = pd.DataFrame(records_from_csv_text(CSV))
    from_frame = tickets_from_records(frame.to_dict("records"), columns=FRENCH, zone="Europe/Paris")
    from_csv = tickets_from_records(records_from_csv_text(CSV), columns=FRENCH, zone="Europe/Paris")
    assert from_frame == from_csv
    stamps = pd.DataFrame(
        {
            "reference": ["CE-1", "CE-2"],
            "priority": [0, 2],
            "reported_at": pd.to_datetime(["2024-10-15 10:00", "2024-10-16 09:30"]).tz_localize(
                "Europe/Paris"
            ),
            "resolved_at": pd.to_datetime(["2024-10-18 09:00", None]).tz_localize("Europe/Paris"),
        }
    )
    batch = tickets_from_records(stamps.to_dict("records"))
    assert [t.reported_at for t in batch] == [p(2024, 10, 15, 10), p(2024, 10, 16, 9, 30)]
    assert batch[1].resolved_at is None  # NaT is an empty cell
    reports = SlaPolicy.comelus().evaluate_many(from_csv, at=p(2024, 11, 1))
    back = pd.DataFrame(reports.to_records())
    assert list(back["reference"][:3]) == ["CE-1", "CE-1", "CE-1"]
    assert list(back["status"][:3]) == ["met", "breached", "breached"]
    assert back["overdue_hours"][1] == Decimal(2)
    again = pd.read_csv(io.StringIO(records_to_csv_text(reports.to_records())))
    assert list(again["status"]) == list(back["status"])
    assert again["overdue_hours"][1] == 2
    assert list(again.columns) == list(back.columns)


def test_integer_references_and_priorities_from_pandas() -> None:
    import numpy as np

    rows = [{"reference": 17, "priority": np.int64(1), "reported_at": p(2024, 10, 15, 10)}]
    (ticket,) = tickets_from_records(rows)
    assert (ticket.reference, ticket.priority) == ("17", Priority.MAJEUR)


@pytest.mark.parametrize(
    ("cell", "zone", "expected"),
    [
        ("2024-12-20T17:30:00+01:00", None, p(2024, 12, 20, 17, 30)),
        ("2024-12-20T16:30Z", None, p(2024, 12, 20, 17, 30)),
        ("2024-12-20 17:30", "Europe/Paris", p(2024, 12, 20, 17, 30)),
        ("20/12/2024 17:30", "Europe/Paris", p(2024, 12, 20, 17, 30)),
        ("20/12/2024 17h30", "Europe/Paris", p(2024, 12, 20, 17, 30)),
        (
            "20/12/2024 à 17:30:15",
            "Europe/Paris",
            p(2024, 12, 20, 17, 30) + dt.timedelta(seconds=15),
        ),
        ("1/2/2025 9:05", "Europe/Paris", p(2025, 2, 1, 9, 5)),
        (dt.datetime(2024, 12, 20, 17, 30), "Europe/Paris", p(2024, 12, 20, 17, 30)),
        (p(2024, 12, 20, 17, 30), None, p(2024, 12, 20, 17, 30)),
        (
            "2024-12-20 17:30",
            ZoneInfo("America/New_York"),
            dt.datetime(2024, 12, 20, 17, 30, tzinfo=ZoneInfo("America/New_York")),
        ),
    ],
)
def test_instants(cell: object, zone: object, expected: dt.datetime) -> None:
    rows = [{"priority": "0", "reported_at": cell}]
    (ticket,) = tickets_from_records(rows, zone=zone)  # type: ignore[arg-type]
    assert ticket.reported_at == expected


@pytest.mark.parametrize(
    ("cell", "zone", "expected", "fix"),
    [
        ("2024-12-20 17:30", None, "an instant with its UTC offset", 'pass zone="Europe/Paris"'),
        ("20/12/2024", "Europe/Paris", "an instant, not a date", "add the time of day"),
        ("2024-12-20", "Europe/Paris", "an instant, not a date", "add the time of day"),
        (dt.date(2024, 12, 20), None, "an instant, not a date", "add the time of day"),
        ("demain", None, "an instant: ISO 8601 (2024-12-20T17:30+01:00) or jj/mm/aaaa hh:mm", ""),
        ("31/02/2024 10:00", "Europe/Paris", "an instant: ISO 8601", ""),
        (12.5, None, "an instant (a datetime or a text", ""),
        (
            "2025-03-30 02:30",
            "Europe/Paris",
            "a time that exists in Europe/Paris",
            "the clock change skips it",
        ),
        (
            "2025-10-26 02:30",
            "Europe/Paris",
            "a time that happens once in Europe/Paris",
            "write its UTC offset",
        ),
    ],
)
def test_bad_instants(cell: object, zone: str | None, expected: str, fix: str) -> None:
    rows = [{"priority": "0", "reported_at": cell}]
    with pytest.raises(RecordsError) as caught:
        tickets_from_records(rows, zone=zone)
    (problem,) = caught.value.problems
    assert problem.path == 'row 1, column "reported_at"'
    assert problem.value == cell
    assert problem.expected.startswith(expected)
    assert fix in problem.fix


def test_the_october_fold_with_an_offset_is_read() -> None:
    rows = [
        {
            "priority": "mineur",
            "reported_at": "2025-10-26T02:30+02:00",
            "resolved_at": "2025-10-26T02:15+01:00",
        }
    ]
    (ticket,) = tickets_from_records(rows)
    assert ticket.resolved_at - ticket.reported_at == dt.timedelta(minutes=45)  # type: ignore[operator]


def test_pandas_timestamps_with_nanoseconds_are_refused() -> None:
    import pandas as pd

    rows = [{"priority": 0, "reported_at": pd.Timestamp("2024-12-20T17:30:00.000000001+01:00")}]
    with pytest.raises(
        RecordsError,
        match="expected an instant in microseconds; this library counts whole microseconds: round it first",
    ):
        tickets_from_records(rows)


def test_every_bad_row_is_named() -> None:
    rows = [
        {"Réf": "A", "Prio": "urgent", "Créé": "15/10/2024 10:00", "Résolu": "14/10/2024 10:00"},
        {"Réf": "B", "Prio": "", "Créé": "", "Résolu": ""},
        {"Réf": "C", "Prio": "Majeur", "Créé": "15/10/2024 10:00", "Résolu": "14/10/2024 10:00"},
        {"Réf": "C", "Prio": "Majeur", "Créé": "15/10/2024 10:00", "Résolu": ""},
        {"Réf": "D", "Prio": "Mineur", "Créé": "15/10/2024 10:00", "Résolu": ""},
        "not a row",
    ]
    columns = {
        "reference": "Réf",
        "priority": "Prio",
        "reported_at": "Créé",
        "resolved_at": "Résolu",
    }
    with pytest.raises(RecordsError) as caught:
        tickets_from_records(rows, columns=columns, zone="Europe/Paris")
    paths = [(p.path, p.expected.split(":")[0].split(" (")[0]) for p in caught.value.problems]
    assert paths == [
        ('row 1, column "Prio"', "a priority"),
        ('row 2, column "Prio"', "a value"),
        ('row 2, column "Créé"', "a value"),
        ("row 6", "a mapping column -> value"),
        ('row 3, column "Résolu"', "an instant on or after the report"),
        ('row 4, column "Réf"', "one row per ticket"),
    ]
    assert str(caught.value).startswith(
        "tickets: 6 problems\n- row 1, column \"Prio\" = 'urgent': expected a priority"
    )
    batch = tickets_from_records(rows, columns=columns, zone="Europe/Paris", on_error="collect")
    assert [t.reference for t in batch] == ["D"]
    assert len(batch.problems) == 6
    assert batch.headline() == "1 ticket lu, 6 problèmes"
    assert batch.to_records()[0] == {
        "path": 'row 1, column "Prio"',
        "value": "'urgent'",
        "expected": "a priority: Niveau 0 - Bloquant … Niveau 3 - Mineur, bloquant, majeur, sérieux, mineur, P0 to P3 or 0 to 3",
        "fix": "",
    }
    assert "ligne et colonne" in batch.to_text()


def test_requalification_columns() -> None:
    rows = [
        {
            "priority": "0",
            "reported_at": "2024-10-15T10:00+02:00",
            "requalified_at": "2024-10-15T11:00+02:00",
            "requalified_to": "Sérieux",
        },
        {
            "priority": "0",
            "reported_at": "2024-10-15T10:00+02:00",
            "requalified_at": "2024-10-15T11:00+02:00",
        },
    ]
    with pytest.raises(RecordsError) as caught:
        tickets_from_records(rows)
    (problem,) = caught.value.problems
    assert problem.path == 'row 2, column "requalified_to"'
    assert problem.expected == "both the requalification's instant and its new priority"
    (ticket,) = tickets_from_records(rows[:1])
    assert ticket.requalifications[0].priority is Priority.SERIEUX
    assert SlaPolicy.comelus().evaluate(ticket, at=p(2024, 10, 16)).obligations != ()


def test_a_missing_column_is_refused_at_once() -> None:
    with pytest.raises(RecordsError) as caught:
        tickets_from_records([{"Priorité": "0"}], columns={"priority": "Priorité"})
    (problem,) = caught.value.problems
    assert problem.path == 'column "reported_at"'
    assert problem.fix == "the records have Priorité; map it with columns={'reported_at': ...}"
    assert tickets_from_records([]).tickets == ()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"columns": {"date": "Date"}},
            InvalidArgumentError,
            r"names \['date'\], which are not fields; the fields are reference, priority",
        ),
        ({"columns": ["priority"]}, WrongTypeError, "is not a mapping field -> column name"),
        ({"columns": {"priority": ""}}, InvalidArgumentError, r"columns\['priority'\]='' is empty"),
        ({"zone": "Paris"}, InvalidArgumentError, "zone='Paris' is not an IANA time zone"),
        ({"zone": 1}, WrongTypeError, "zone=1 is not a ZoneInfo"),
        (
            {"on_error": "skip"},
            InvalidArgumentError,
            "on_error='skip' is not one of 'raise', 'collect'",
        ),
        (
            {"history": [1]},
            WrongTypeError,
            "history=.* is not a mapping reference -> state changes",
        ),
    ],
)
def test_bad_options(kwargs: dict[str, object], error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        tickets_from_records([{"priority": 0, "reported_at": p(2024, 10, 15)}], **kwargs)  # type: ignore[arg-type]


def test_rows_must_be_an_iterable_of_mappings() -> None:
    with pytest.raises(WrongTypeError, match="rows='abc' is not an iterable of mappings"):
        tickets_from_records("abc")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"rows=.* is not an iterable of mappings"):
        tickets_from_records({"priority": 0})  # type: ignore[arg-type]


def test_state_changes_and_history() -> None:
    changes = state_changes_from_records(
        [
            {"Réf": "CE-1", "Date": "16/10/2024 11:00", "État": "Retour information du client"},
            {"Réf": "CE-1", "Date": "16/10/2024 09:00", "État": "A qualifier par le client"},
            {"Réf": "CE-9", "Date": "16/10/2024 09:00", "État": "clos par le client"},
        ],
        columns={"reference": "Réf", "at": "Date", "state": "État"},
        zone="Europe/Paris",
    )
    assert isinstance(changes, StateChanges)
    assert list(changes) == ["CE-1", "CE-9"]
    assert [c.state for c in changes["CE-1"]] == [
        TicketState.A_QUALIFIER_CLIENT,
        TicketState.RETOUR_INFORMATION_CLIENT,
    ]
    with pytest.raises(UnknownKeyError, match="no state change for ticket 'X'"):
        changes["X"]
    assert pickle.loads(pickle.dumps(changes)) == changes
    rows = records_from_csv_text(CSV)
    with pytest.raises(
        RecordsError, match=r"history\['CE-9'\] = 'CE-9': expected the reference of a ticket"
    ):
        tickets_from_records(rows, columns=FRENCH, zone="Europe/Paris", history=changes)
    batch = tickets_from_records(
        rows, columns=FRENCH, zone="Europe/Paris", history=changes, on_error="collect"
    )
    assert batch[0].history == changes["CE-1"]
    assert batch[0].freezes(p(2024, 10, 20)) == ((p(2024, 10, 16, 9), p(2024, 10, 16, 11)),)
    with pytest.raises(
        RecordsError, match=r"row 1, column \"state\" = 'résolu': expected a ticket state"
    ):
        state_changes_from_records([{"reference": "A", "at": p(2024, 10, 16), "state": "résolu"}])
    collected = state_changes_from_records(
        [{"reference": "A", "at": p(2024, 10, 16), "state": "résolu"}], on_error="collect"
    )
    assert (len(collected), len(collected.problems)) == (0, 1)
    assert isinstance(changes["CE-1"][0], StateChange)


def test_csv_text() -> None:
    assert records_from_csv_text("a,b\n1,2\n") == [{"a": "1", "b": "2"}]
    assert records_from_csv_text("a\tb\n1\t2\n") == [{"a": "1", "b": "2"}]
    assert records_from_csv_text('a;b\n"x;y";2\n') == [{"a": "x;y", "b": "2"}]
    assert records_from_csv_text("a,b\n1,2\n", delimiter=";") == [{"a,b": "1,2"}]
    with pytest.raises(RecordsError) as caught:
        records_from_csv_text("a;a;b\n1;2\n3;4;5\n")
    assert [str(p) for p in caught.value.problems] == [
        "column \"a\" = 'a': expected each column named once",
        "line 2 = '1;2': expected 3 fields separated by ';', as the header; it has 2",
    ]
    with pytest.raises(RecordsError, match="expected a header line"):
        records_from_csv_text("")
    with pytest.raises(WrongTypeError, match="text=b'a' is a bytes, not a str"):
        records_from_csv_text(b"a")  # type: ignore[arg-type]


def test_csv_delimiter_found_from_the_header_line_only() -> None:
    # the data line holds more commas than semicolons: the header's ";" decides
    assert records_from_csv_text("a;b\n1,2,3,4;5\n") == [{"a": "1,2,3,4", "b": "5"}]


def test_csv_refusals_in_full() -> None:
    with pytest.raises(RecordsError) as empty:
        records_from_csv_text("")
    assert str(empty.value) == "CSV text: 1 problem\n- line 1 = '': expected a header line"
    with pytest.raises(RecordsError) as short:
        records_from_csv_text("a,b\n1\n")
    assert str(short.value) == (
        "CSV text: 1 problem\n- line 2 = '1': expected 2 fields separated by ',', as the "
        "header; it has 1"
    )


def test_two_tickets_read_in_the_plural() -> None:
    rows = [
        {"priority": "P0", "reported_at": "2024-10-01T10:00+02:00"},
        {"priority": "P1", "reported_at": "2024-10-01T11:00+02:00"},
    ]
    batch = tickets_from_records(rows)
    assert batch.headline() == "2 tickets lus, 0 problème"
    assert batch.headline(lang="en") == "2 tickets read, 0 problems"


def test_an_interval_may_be_empty() -> None:
    at = "2024-10-17T10:00+02:00"
    (interval,) = intervals_from_records([{"start": at, "end": at}])
    assert interval[0] == interval[1] == dt.datetime.fromisoformat(at)


def test_parse_columns() -> None:
    assert parse_columns("reported_at=Date de création,priority=Priorité") == {
        "reported_at": "Date de création",
        "priority": "Priorité",
    }
    with pytest.raises(InvalidArgumentError, match="'priority' is not field=Column"):
        parse_columns("priority")
    with pytest.raises(InvalidArgumentError, match="' =x' is not field=Column"):
        parse_columns("a=b, =x")


def test_csv_and_json_out() -> None:
    records = [
        {
            "at": p(2024, 10, 15, 10),
            "status": Status.MET,
            "hours": Decimal("2.50"),
            "ok": True,
            "none": None,
        },
        {"day": dt.date(2024, 10, 1), "priority": Priority.MINEUR},
    ]
    assert records_to_csv_text(records) == (
        "at,status,hours,ok,none,day,priority\n"
        "2024-10-15T10:00:00+02:00,met,2.50,True,,,\n"
        ",,,,,2024-10-01,3\n"
    )
    assert records_to_csv_text(records[:1], delimiter=";").startswith("at;status;hours")
    assert json.loads(records_to_json_text(records)) == [
        {
            "at": "2024-10-15T10:00:00+02:00",
            "status": "met",
            "hours": "2.50",
            "ok": True,
            "none": None,
        },
        {"day": "2024-10-01", "priority": 3},
    ]
    assert records_to_json_text([{"label": "Sérieux"}]) == '[\n  {\n    "label": "Sérieux"\n  }\n]'


def test_fields_are_the_ticket_fields() -> None:
    assert TICKET_FIELDS == (
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
    assert isinstance(tickets_from_records([]), TicketBatch)
    assert Problem(path="row 1", value=1, expected="x") == Problem(
        path="row 1", value=2, expected="x"
    )


def test_batch_headers_and_empty_cells() -> None:
    import pandas as pd

    batch = tickets_from_records(
        [{"priority": "x", "reported_at": p(2024, 10, 15)}], on_error="collect"
    )
    lines = batch.to_text().splitlines()
    assert lines[0] == "0 ticket lu, 1 problème"
    assert [h.strip() for h in lines[1].split("  ") if h.strip()] == [
        "ligne et colonne",
        "valeur",
        "attendu",
        "correction",
    ]
    english = batch.to_text(lang="en").splitlines()
    assert english[0] == "0 tickets read, 1 problem"
    assert [h.strip() for h in english[1].split("  ") if h.strip()] == [
        "row and column",
        "value",
        "expected",
        "fix",
    ]
    rows = [
        {"priority": 0, "reported_at": p(2024, 10, 15), "resolved_at": float("nan")},
        {"priority": 0, "reported_at": p(2024, 10, 15), "resolved_at": pd.NA},
        {"priority": 0, "reported_at": p(2024, 10, 15), "resolved_at": pd.NaT},
        {"priority": 0, "reported_at": p(2024, 10, 15), "resolved_at": "   "},
        {"priority": 0, "reported_at": p(2024, 10, 15), "resolved_at": None},
    ]
    assert [t.resolved_at for t in tickets_from_records(rows)] == [None] * 5


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        (True, "a reference: a text or a whole number"),
        ("a\nb", "a reference on one line"),
        (1.5, "a reference: a text or a whole number"),
    ],
)
def test_bad_references(reference: object, expected: str) -> None:
    with pytest.raises(RecordsError) as caught:
        tickets_from_records(
            [{"reference": reference, "priority": 0, "reported_at": p(2024, 10, 15)}]
        )
    assert caught.value.problems[0].expected == expected
    assert caught.value.problems[0].path == 'row 1, column "reference"'


def test_intervals() -> None:
    rows = [
        {"start": "16/10/2024 11:00", "end": "16/10/2024 15:30"},
        {"start": "2024-10-17T10:00+02:00", "end": "2024-10-17T09:00+02:00"},
        {"start": "demain", "end": "16/10/2024 15:30"},
    ]
    with pytest.raises(RecordsError) as caught:
        intervals_from_records(rows, zone="Europe/Paris")
    assert [str(p) for p in caught.value.problems] == [
        "row 3, column \"start\" = 'demain': expected an instant: ISO 8601 (2024-12-20T17:30+01:00) or jj/mm/aaaa hh:mm (20/12/2024 17:30)",
        "row 2, column \"end\" = '2024-10-17T09:00:00+02:00': expected an instant on or after the start (2024-10-17T10:00:00+02:00)",
    ]
    assert str(caught.value).startswith("intervals: 2 problems")
    assert intervals_from_records(rows[:1], zone="Europe/Paris") == (
        (p(2024, 10, 16, 11), p(2024, 10, 16, 15, 30)),
    )
    assert intervals_from_records([]) == ()
    with pytest.raises(RecordsError, match='column "Début"'):
        intervals_from_records([{"x": 1}], columns={"start": "Début", "end": "Fin"})


def test_state_changes_refuse_times_without_a_zone() -> None:
    with pytest.raises(
        RecordsError, match=r'row 1, column "at" = .*: expected an instant with its UTC offset'
    ):
        state_changes_from_records(
            [{"reference": "A", "at": "16/10/2024 09:00", "state": "nouveau"}]
        )
    with pytest.raises(RecordsError, match='row 1, column "reference" = None: expected a value'):
        state_changes_from_records([{"reference": None, "at": p(2024, 10, 16), "state": "nouveau"}])


def test_plain_values_for_files() -> None:
    from libriciel_terms.delays import Delay

    assert (
        records_to_csv_text([{"delay": Delay.business_hours(4), "n": 3, "f": False}])
        == "delay,n,f\n4 h ouvrées,3,False\n"
    )
    assert json.loads(
        records_to_json_text([{"delay": Delay.working_days(3), "t": Target.RESOLUTION}])
    ) == [{"delay": "3 jours ouvrés", "t": "resolution"}]


@pytest.mark.parametrize("delimiter", [True, "ab", "\n", '"', ""])
def test_a_delimiter_that_cannot_be_one_is_refused(delimiter: object) -> None:
    with pytest.raises(InvalidArgumentError, match=r"is not a one-character field delimiter"):
        records_from_csv_text("a;b\n1;2\n", delimiter=delimiter)  # type: ignore[arg-type]
    assert records_from_csv_text("a|b\n1|2\n", delimiter="|") == [{"a": "1", "b": "2"}]
