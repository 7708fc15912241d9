"""Reports read well in a REPL and in Jupyter: short reprs, escaped HTML, pandas-ready records."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

import libriciel_terms as lt
from libriciel_terms._records import cell_text, html_table, table_repr, text_table
from libriciel_terms._report import Report

PARIS = ZoneInfo("Europe/Paris")

REPORTS = {
    # The SLA policy, the policy comparison and the availability report follow the report
    # protocol (_report.Report, constructor-like reprs): tests/test_report_protocol_sla.py.
    "calendar": lt.obligations_calendar(),
    "invoices": lt.billing_schedule(
        lt.ContractTerm.comelus(),
        lt.PriceList.comelus_2024(),
        billing=lt.billing.BillingTerms.comelus(),
    ),
    "consistency": lt.check_consistency(
        lt.ContractTerm.comelus(),
        lt.PriceList.comelus_2024(),
        lt.consistency.PrintedFigures.comelus_2024(),
    ),
    "retention": lt.RETENTION_RULES,
    "chain": lt.end_of_contract_chain(
        dt.date(2028, 8, 31), table=lt.RETENTION_RULES, hours=lt.BusinessHours.comelus()
    ),
    "backups": lt.backup_status(
        dt.datetime(2025, 3, 24, 13, 0, tzinfo=PARIS), schedule=lt.BackupSchedule.comelus()
    ),
    "availability": lt.availability_report(
        dt.datetime(2024, 10, 1, tzinfo=PARIS), dt.datetime(2024, 11, 1, tzinfo=PARIS), []
    ),
}
# The late-payment claim follows the report protocol (docs/architecture.md): its repr is
# constructor-like and its totals are a note; tests/test_claims.py pins its headline and text.


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_reprs_are_short_and_start_with_a_headline(name: str) -> None:
    if isinstance(REPORTS[name], Report):
        pytest.skip("the report protocol keeps attrs' constructor-like __repr__")
    text = repr(REPORTS[name])
    first = text.splitlines()[0]
    assert first.startswith("<")
    assert first.endswith(">")
    assert len(text.splitlines()) <= 16
    assert max(len(line) for line in text.splitlines()) <= 400


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_html_tables(name: str) -> None:
    html = REPORTS[name]._repr_html_()  # type: ignore[attr-defined]
    assert html.startswith("<table>")
    # A protocol report may follow its table with its notes (<p>…</p>).
    assert html.endswith("</table>") or isinstance(REPORTS[name], Report)
    assert "</table>" in html


def test_html_is_escaped() -> None:
    html = html_table([{"what": "<script>", "n": 1}], caption="a & b")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<caption>a &amp; b</caption>" in html


def test_cells_and_text_tables() -> None:
    assert cell_text(None) == ""
    assert cell_text(dt.date(2025, 9, 1)) == "2025-09-01"
    assert cell_text(dt.timedelta(hours=3, minutes=13, seconds=12)) == "3:13:12"
    assert cell_text(-dt.timedelta(minutes=90)) == "-1:30:00"
    assert text_table([{"a": "x", "b": 1}, {"a": "yy"}]) == "a   b\nx   1\nyy"
    assert text_table([{"a": "abcdef"}], width=4) == "a\nabc…"
    assert table_repr("<T>", []) == "<T>"
    assert table_repr("<T>", [{"k": 1}]) == "<T>\nk  1"


def test_records_are_plain_values() -> None:
    for report in REPORTS.values():
        records = getattr(report, "to_records", None)
        rows = records() if records else report.rows()  # type: ignore[attr-defined]
        assert isinstance(rows, list)
        assert all(isinstance(r, dict) for r in rows)
