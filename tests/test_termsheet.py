"""The term sheet and the command line (``python -m libriciel_terms``)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import icalendar
import pytest

from libriciel_terms import TermsError, WrongTypeError, term_sheet
from libriciel_terms.cli import main

SHEET = term_sheet()


def test_sections_in_reading_order() -> None:
    assert [s.key for s in SHEET.sections] == [
        "parties",
        "periods",
        "prices",
        "invoices",
        "revision",
        "hours",
        "sla",
        "late_payment",
        "retention",
        "data_protection",
        "backups",
        "contradictions",
    ]


def test_values_come_from_the_rules() -> None:
    periods = SHEET.section("periods").records
    assert [r["fin"] for r in periods] == [dt.date(y, 8, 31) for y in (2025, 2026, 2027, 2028)]
    assert periods[0]["préavis au plus tard"] == dt.date(2025, 7, 1)
    assert periods[0]["préavis (décision, C4)"] == dt.date(2025, 6, 30)
    prices = {r["ligne"]: r for r in SHEET.section("prices").records}
    assert str(prices["total TTC"]["annuel HT"]) == "1620.00"
    assert str(prices["total HT"]["trimestriel HT"]) == "337.50"
    invoices = SHEET.section("invoices").records
    assert len(invoices) == 16
    assert invoices[13]["date"] == dt.date(2028, 2, 29)
    revision = SHEET.section("revision").records[0]
    assert (revision["M0"], revision["mois Syn(n)"], revision["Syn(n)"]) == (
        "2024-08",
        "2025-07",
        "absent",
    )
    sla = SHEET.section("sla").records
    assert {r["lecture"] for r in sla} == {"table 4.3", "section 2.7", "hosting GTR (2.5.2)"}
    rates = SHEET.section("late_payment").records
    assert str(rates[1]["taux moratoire (%)"]) == "11.15"
    chain = SHEET.section("data_protection").records
    assert chain[0]["échéance"] == dt.date(2028, 10, 12)
    ids = [r["id"] for r in SHEET.section("contradictions").records]
    assert ids == sorted(ids, key=lambda i: int(str(i)[1:]))
    assert {"C1", "C3", "C4", "C5", "C8"} <= set(ids)


def test_as_of_adds_what_falls_due_next() -> None:
    sheet = term_sheet(as_of=dt.date(2025, 6, 15))
    upcoming = sheet.sections[0]
    assert upcoming.key == "upcoming"
    assert [(r["échéance"], r["nature"]) for r in upcoming.records][:3] == [
        (dt.date(2025, 6, 30), "payment"),
        (dt.date(2025, 7, 1), "notice"),
        (dt.date(2025, 8, 31), "invoice"),
    ]
    assert "au 2025-06-15" in sheet.to_text()


def test_json_is_the_same_content() -> None:
    data = json.loads(SHEET.to_json())
    assert [s["key"] for s in data["sections"]] == [s.key for s in SHEET.sections]
    periods = data["sections"][1]["records"]
    assert periods[0]["début"] == "2024-09-01"
    prices = data["sections"][2]["records"]
    assert prices[-1]["annuel HT"] == "1620.00"


def test_text_rendering() -> None:
    text = SHEET.to_text()
    assert text.startswith("ComElus 2024 — maintenance et hébergement\n")
    assert "2028-02-29  4        T2" in text
    assert "Contradictions relevées dans le texte" in text
    assert "<table>" in SHEET._repr_html_()


def test_bad_input() -> None:
    with pytest.raises(WrongTypeError, match="as_of="):
        term_sheet(as_of="2025-01-01")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="contract="):
        term_sheet("ComElus")  # type: ignore[arg-type]
    with pytest.raises(TermsError, match="periods"):
        SHEET.section("nope")


def test_cli_prints_the_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Périodes et reconduction" in out
    assert main(["--as-of", "2026-11-26", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2026-11-26"
    assert data["sections"][0]["records"][0]["échéance"] == "2026-11-30"


def test_cli_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["calendar", "--from", "2026-01-01", "--to", "2026-12-31", "--party", "acheteur"]) == 0
    )
    out = capsys.readouterr().out
    assert ["2026-07-01", "notice", "acheteur"] in [line.split()[:3] for line in out.splitlines()]
    assert "titulaire" not in out.split("\n", 2)[2]
    assert main(["calendar", "--from", "2025-07-01", "--to", "2025-07-01", "--ics"]) == 0
    parsed = icalendar.Calendar.from_ical(capsys.readouterr().out)
    assert len([c for c in parsed.walk() if c.name == "VEVENT"]) == 1
    assert (
        main(["calendar", "--from", "2025-07-02", "--to", "2025-07-01"]) == 1
    )  # a refused value (exit status 1; 2 is a wrong command line)
    assert "end=" in capsys.readouterr().err


def test_cli_refuses_bad_dates() -> None:
    with pytest.raises(SystemExit):
        main(["--as-of", "2026-13-01"])


def test_module_runs_as_a_program() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "libriciel_terms"], capture_output=True, text=True, check=True
    )
    assert "Facturation trimestrielle" in done.stdout
