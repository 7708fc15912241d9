"""The term sheet, built from a contract; and the command line that prints it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import icalendar
import pytest

from libriciel_terms import (
    COMELUS_2024,
    TermsError,
    UnknownKeyError,
    WrongTypeError,
    load_contract,
    term_sheet,
)
from libriciel_terms.cli import main

SHEET = term_sheet(COMELUS_2024)
EXAMPLE_PATH = (
    Path(__file__).parents[1] / "examples" / "contracts" / "iparapheur-exempleville-2025.toml"
)
EXAMPLE = load_contract(EXAMPLE_PATH)


def _records(key: str, sheet: object = SHEET) -> list[dict[str, object]]:
    return sheet.section(key).report.to_records()  # type: ignore[attr-defined, no-any-return]


def test_sections_in_reading_order() -> None:
    assert [s.key for s in SHEET.sections] == [
        "parties",
        "periods",
        "prices",
        "invoices",
        "revision",
        "hours",
        "sla",
        "sla_2",
        "gtr",
        "sla_comparison",
        "availability",
        "late_payment",
        "late_payment_rates",
        "unit_prices",
        "retention",
        "data_protection",
        "backups",
        "quotas",
        "readings",
        "consistency",
    ]


def test_values_come_from_the_rules() -> None:
    periods = _records("periods")
    assert [r["end"] for r in periods] == [dt.date(y, 8, 31) for y in (2025, 2026, 2027, 2028)]
    assert periods[0]["notice_deadline"] == dt.date(2025, 7, 1)
    assert periods[0]["notice_deadline_decision"] == dt.date(2025, 6, 30)
    assert SHEET.section("prices").report.annual.ttc == Decimal("1620.00")  # type: ignore[attr-defined]
    assert str(SHEET.section("prices").report.quarterly.ht) == "337.50"  # type: ignore[attr-defined]
    invoices = _records("invoices")
    assert len(invoices) == 16
    assert invoices[13]["billed_on"] == dt.date(2028, 2, 29)
    revision = _records("revision")[0]
    assert (revision["base_month"], revision["current_month"], revision["current_index"]) == (
        "2024-08",
        "2025-07",
        None,
    )
    names = {SHEET.section(key).report.name for key in ("sla", "sla_2", "gtr")}  # type: ignore[attr-defined]
    assert names == {"table 4.3", "section 2.7", "GTR hébergement (§2.5.2)"}
    rates = _records("late_payment_rates")
    assert str(rates[1]["rate_percent"]) == "11.15"
    chain = _records("data_protection")
    assert chain[0]["due"] == dt.date(2028, 10, 12)
    ids = [r["id"] for r in _records("consistency")]
    assert {"C3", "C4", "C5", "C8"} <= set(ids)
    assert len(SHEET.section("sla_comparison").report.differences) == 6  # type: ignore[attr-defined]


def test_as_of_adds_what_falls_due_next() -> None:
    sheet = term_sheet(COMELUS_2024, as_of=dt.date(2025, 6, 15))
    upcoming = sheet.sections[0]
    assert upcoming.key == "upcoming"
    assert [(o.due_on, o.kind) for o in upcoming.report][:3] == [  # type: ignore[attr-defined]
        (dt.date(2025, 6, 30), "payment"),
        (dt.date(2025, 7, 1), "notice"),
        (dt.date(2025, 8, 31), "invoice"),
    ]
    assert "au 2025-06-15" in sheet.to_text()
    assert "as of 2025-06-15" in sheet.to_text(lang="en")


def test_far_as_of_is_bounded() -> None:
    sheet = term_sheet(COMELUS_2024, as_of=dt.date(9999, 12, 31))
    assert len(sheet.sections[0].report.to_records()) == 0
    assert len(sheet.to_text().splitlines()) < 400


def test_json_is_the_same_content() -> None:
    data = json.loads(SHEET.to_json())
    assert [s["key"] for s in data["sections"]] == [s.key for s in SHEET.sections]
    periods = data["sections"][1]["records"]
    assert periods[0]["start"] == "2024-09-01"
    invoices = data["sections"][3]["records"]
    assert invoices[0]["ttc"] == "405.00"


def test_text_rendering() -> None:
    text = SHEET.to_text()
    assert text.startswith("ComElus 2024 — maintenance et hébergement\n")
    assert "4        T2         2028-02-29" in text
    assert "Chiffres imprimés autrement" in text
    assert "<table>" in SHEET._repr_html_()
    english = SHEET.to_text(lang="en")
    assert "Figures printed otherwise" in english
    assert "Chiffres imprimés" not in english


def test_a_sheet_is_immutable_and_hashable() -> None:
    assert hash(term_sheet(COMELUS_2024)) == hash(SHEET)
    records = _records("periods")
    records[0]["end"] = "edited"
    assert _records("periods")[0]["end"] == dt.date(2025, 8, 31)


def test_the_example_contract_sheet_has_its_own_figures_only() -> None:
    sheet = term_sheet(EXAMPLE)
    text = sheet.to_text()
    for comelus in (
        "1 350,00",
        "405,00",
        "2028-08-31",
        "Annemasse",
        "ComElus",
        "0,15 + 0,85",
        "2024-09-01",
    ):
        assert comelus not in text.replace("\u202f", " ").replace("\u00a0", " "), comelus
    for own in ("i-Parapheur", "2 640,00", "1 584,00", "2027-12-31", "0,125 + 0,875", "EXEMPLE"):
        assert own in text.replace("\u202f", " ").replace("\u00a0", " "), own
    assert [r["billed_on"] for r in _records("invoices", sheet)][:2] == [
        dt.date(2025, 1, 1),
        dt.date(2025, 7, 1),
    ]
    assert "consistency" not in [s.key for s in sheet.sections]


def test_bad_input() -> None:
    with pytest.raises(WrongTypeError, match="as_of='2025-01-01' is a str, not a date"):
        term_sheet(COMELUS_2024, as_of="2025-01-01")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="contract='ComElus' is a str, not a Contract"):
        term_sheet("ComElus")  # type: ignore[arg-type]
    with pytest.raises(
        UnknownKeyError,
        match="key='nope' is not a section of this sheet; use one of parties, periods",
    ):
        SHEET.section("nope")
    assert issubclass(UnknownKeyError, TermsError)


def test_cli_prints_the_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Périodes et reconduction" in out
    assert main(["--as-of", "2026-11-26", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2026-11-26"
    assert data["sections"][0]["records"][0]["due_on"] == "2026-11-30"
    assert main(["sheet", str(EXAMPLE_PATH), "--lang", "en"]) == 0
    assert "i-Parapheur 2025" in capsys.readouterr().out


def test_cli_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["calendar", "--from", "2026-01-01", "--to", "2026-12-31", "--party", "acheteur"]) == 0
    )
    out = capsys.readouterr().out
    assert ["2026-07-01", "préavis", "acheteur"] in [line.split()[:3] for line in out.splitlines()]
    assert "titulaire" not in out.split("\n", 2)[2]
    assert main(["calendar", "--from", "2025-07-01", "--to", "2025-07-01", "--ics"]) == 0
    parsed = icalendar.Calendar.from_ical(capsys.readouterr().out)
    assert len([c for c in parsed.walk() if c.name == "VEVENT"]) == 1
    assert (
        main(["calendar", "--from", "2025-07-02", "--to", "2025-07-01"]) == 1
    )  # a refused value (exit status 1; 2 is a wrong command line)
    assert "end=" in capsys.readouterr().err


def test_cli_calendar_of_a_portfolio(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    comelus = tmp_path / "comelus.toml"
    comelus.write_text(COMELUS_2024.to_toml(), encoding="utf-8")
    args = [
        "calendar",
        str(comelus),
        str(EXAMPLE_PATH),
        "--from",
        "2025-06-28",
        "--to",
        "2025-07-02",
    ]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "3 obligations, du 2025-06-30 au 2025-07-01"
    assert any("i-Parapheur 2025 — Exempleville (exemple)" in line for line in lines[2:])
    assert main([*args, "--ics"]) == 0
    events = [
        c
        for c in icalendar.Calendar.from_ical(capsys.readouterr().out).walk()
        if c.name == "VEVENT"
    ]
    assert len({str(e["uid"]) for e in events}) == 3


def test_cli_refuses_bad_dates() -> None:
    with pytest.raises(SystemExit):
        main(["--as-of", "2026-13-01"])


def test_module_runs_as_a_program() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "libriciel_terms"], capture_output=True, text=True, check=True
    )
    assert "facturation trimestrielle à terme échu" in done.stdout
