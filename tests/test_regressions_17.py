"""Regression tests of issue 17 that belong to no single rule module's test file.

Most findings of the issue have their regression test next to the rule they concern (search the
test files for "issue 17" or "Regression"); this module holds the rest: the findings of the
fuzzing harness (tests/test_fuzz.py) in foundation and contract-layer modules, the far ends of
the calendar on the term sheet and the command line, and the October fold on tickets.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from libriciel_terms import (
    COMELUS_2024,
    FIRST_REVISED_MONTH,
    AutoTransition,
    BusinessHours,
    Decisions,
    EndBeforeStartError,
    Finding,
    OutOfRangeError,
    Priority,
    Table,
    TermsError,
    TermSheet,
    Ticket,
    TicketState,
    WrongTypeError,
    availability,
    regime_name,
    sum_amounts,
    term_sheet,
)
from libriciel_terms.cli import EXIT_OK, main

PARIS = ZoneInfo("Europe/Paris")

# -- the October fold: instants compare as instants ------------------------------------------

#: 02:30 on the first pass of the clock (00:30 UTC), and 02:15 on the second (01:15 UTC).
FIRST_PASS = dt.datetime(2025, 10, 26, 2, 30, tzinfo=PARIS)
SECOND_PASS = dt.datetime(2025, 10, 26, 2, 15, tzinfo=PARIS, fold=1)


def test_the_fold_orders_a_ticket_as_utc_does() -> None:
    ticket = Ticket(
        reference="T", priority=Priority.BLOQUANT, reported_at=FIRST_PASS, resolved_at=SECOND_PASS
    )
    assert ticket.resolved_at == SECOND_PASS
    with pytest.raises(EndBeforeStartError, match=r"^resolved_at="):
        Ticket(
            reference="T",
            priority=Priority.BLOQUANT,
            reported_at=SECOND_PASS,
            resolved_at=FIRST_PASS,
        )


def test_the_fold_is_45_minutes_on_any_clock() -> None:
    always = BusinessHours.weekly({day: [("00:00", "24:00")] for day in range(7)}, zone=PARIS)
    assert always.elapsed(FIRST_PASS, SECOND_PASS) == dt.timedelta(minutes=45)
    assert availability(FIRST_PASS, SECOND_PASS, []) == Decimal(1)


# -- the far end of the calendar -------------------------------------------------------------


@pytest.mark.parametrize("as_of", [dt.date(9999, 7, 1), dt.date(9999, 12, 31)])
def test_a_term_sheet_far_in_the_future(as_of: dt.date) -> None:
    sheet = term_sheet(COMELUS_2024, as_of=as_of)
    assert sheet.as_of == as_of
    assert sheet.sections[0].report.to_records() == []
    assert len(sheet.to_text().splitlines()) < 400


@pytest.mark.parametrize("as_of", ["9999-06-30", "9999-12-31"])
def test_the_command_line_far_in_the_future(as_of: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--as-of", as_of]) == EXIT_OK
    captured = capsys.readouterr()
    assert captured.err == ""
    assert len(captured.out.splitlines()) < 400


# -- constructors and helpers found by the fuzzing harness -----------------------------------


def test_sum_amounts_refuses_what_is_not_an_amount() -> None:
    assert sum_amounts([Decimal("0.10"), 2]) == Decimal("2.10")
    with pytest.raises(WrongTypeError, match=r"^values=None is a NoneType"):
        sum_amounts(None)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"^values\[1\]=1.5 is a float"):
        sum_amounts([Decimal(1), 1.5])  # type: ignore[list-item]
    with pytest.raises(OutOfRangeError, match=r"^values\[0\]=Decimal\('1E\+999999'\)"):
        sum_amounts([Decimal("1E+999999")])


def test_regime_name_refuses_an_unknown_regime() -> None:
    assert regime_name("three_times_legal", "en") == "interest at 3 × the legal rate"
    with pytest.raises(TermsError, match=r"^regime=None is not one of 'public_procurement'"):
        regime_name(None, "fr")  # type: ignore[arg-type]


def test_a_month_shifts_by_whole_months_only() -> None:
    assert str(FIRST_REVISED_MONTH.shift(-1)) < str(FIRST_REVISED_MONTH)
    with pytest.raises(WrongTypeError, match=r"^months=None is a NoneType, not an int$"):
        FIRST_REVISED_MONTH.shift(None)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"^months=True is a bool"):
        FIRST_REVISED_MONTH.shift(True)


def test_an_automatic_transition_validates_its_fields() -> None:
    at = dt.datetime(2025, 1, 10, tzinfo=PARIS)
    fields = {
        "from_state": TicketState.A_QUALIFIER_CLIENT,
        "to_state": TicketState.EN_COURS_DE_TRAITEMENT,
        "at": at,
        "since": at - dt.timedelta(days=10),
        "days": 10,
        "counting": "calendar",
    }
    assert AutoTransition(**fields).days == 10  # type: ignore[arg-type]
    for name, wrong in [
        ("from_state", None),
        ("at", dt.datetime(2025, 1, 10)),
        ("days", -1),
        ("counting", "weeks"),
    ]:
        with pytest.raises(TermsError, match=rf"^{name}="):
            AutoTransition(**{**fields, name: wrong})  # type: ignore[arg-type]


def test_result_types_refuse_none_where_they_hold_rows() -> None:
    with pytest.raises(WrongTypeError, match=r"^figures=None is a NoneType"):
        Finding(id="C1", figures=None, fr=None, en=None)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"^rows=None is a NoneType"):
        Decisions(as_of=dt.date(2025, 1, 1), rows=None)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"^title=None is a NoneType"):
        Table(title=None, columns=(), rows=(), shown_fr=(), shown_en=())  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"^sections=None is a NoneType"):
        TermSheet(title="t", example=False, as_of=None, sections=None)  # type: ignore[arg-type]
    assert Decisions(as_of=dt.date(2025, 1, 1), rows=[]).rows == ()


# -- the mutation page shows the saved report --------------------------------------------------


def test_the_mutation_page_is_written_from_the_saved_report() -> None:
    """docs/mutation.md is what scripts/mutation_page.py writes from scripts/mutation_report.json;
    after `scripts/mutation.py --save`, run `python scripts/mutation_page.py`."""
    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location(
        "mutation_page", root / "scripts" / "mutation_page.py"
    )
    assert spec is not None
    assert spec.loader is not None
    page = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(page)
    report = json.loads((root / "scripts" / "mutation_report.json").read_text("utf-8"))
    expected = page.render(report, page.package_modules())
    assert (root / "docs" / "mutation.md").read_text("utf-8") == expected


def test_a_week_of_junk_is_refused_before_sorting() -> None:
    """Found by `make fuzz`: BusinessHours(week=(None, object())) raised a bare TypeError."""
    with pytest.raises(WrongTypeError, match=r"^week\[0\]=None is not a tuple of windows"):
        BusinessHours(week=(None, object()))  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"^week\[1\] holds 1; use Window\.of"):
        BusinessHours(week={1: [1, 2]})  # type: ignore[dict-item]


def test_an_empty_report_prints() -> None:
    """Found by `make fuzz`: ConsistencyReport(findings=[]) failed to print (an empty table)."""
    from libriciel_terms import ConsistencyReport

    empty = ConsistencyReport(findings=[])
    assert empty.to_text().splitlines() == [
        "Aucune contradiction relevée dans le contrat",
        "n°  clause  lecture A  lecture B  retenu",
    ]
    assert empty.to_text(lang="en").splitlines()[0] == "No contradiction found in the contract"
