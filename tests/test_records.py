"""Reports read well in a REPL and in Jupyter: short reprs, escaped HTML, pandas-ready records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

import libriciel_terms as lt
from libriciel_terms._records import cell_text, html_table, table_repr, text_table

PARIS = ZoneInfo("Europe/Paris")

REPORTS = {
    # The SLA policy, the policy comparison and the availability report follow the report
    # protocol (_report.Report, constructor-like reprs): tests/test_report_protocol_sla.py.
    "calendar": lt.obligations_calendar(),
    "invoices": lt.billing_schedule(lt.ContractTerm.comelus(), lt.PriceList.comelus_2024()),
    "consistency": lt.check_consistency(),
    "retention": lt.RETENTION_RULES,
    "chain": lt.end_of_contract_chain(dt.date(2028, 8, 31)),
    "backups": lt.backup_status(dt.datetime(2025, 3, 24, 13, 0, tzinfo=PARIS)),
    "claim": lt.late_payment_claim(
        [
            lt.PaymentRequest.paid_in_full(
                "T1",
                Decimal("405.00"),
                received_on=dt.date(2025, 3, 3),
                paid_on=dt.date(2025, 5, 12),
            )
        ]
    ),
}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_reprs_are_short_and_start_with_a_headline(name: str) -> None:
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
    assert html.endswith("</table>")


def test_claim_repr_shows_the_total() -> None:
    text = repr(REPORTS["claim"])
    assert text.splitlines()[0] == "<Claim (public_procurement): 1 payment requests, 44.95 €>"
    assert text.splitlines()[-1].startswith("total")


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
