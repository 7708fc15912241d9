"""Every report follows one protocol: records for machines; text and HTML for people, in French
or English; a constructor-like repr; nothing a caller can edit."""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

import libriciel_terms as lt
from libriciel_terms._report import Report

PARIS = ZoneInfo("Europe/Paris")
C = lt.COMELUS_2024

REPORTS: dict[str, Report] = {
    "term": C.term,
    "prices": C.prices,
    "invoices": lt.billing_schedule(C.term, C.prices, billing=C.billing),
    "unit_prices": C.unit_prices,
    "quote": lt.quote({"development": 2}, unit_prices=C.unit_prices),
    "consistency": lt.check_consistency(C.term, C.prices, C.printed),
    "policy": C.sla,
    "comparison": lt.compare_policies(C.sla, C.policies["section_2_7"]),
    "availability": C.availability,
    "availability_report": C.availability.report(
        dt.datetime(2024, 10, 1, tzinfo=PARIS), dt.datetime(2024, 11, 1, tzinfo=PARIS), []
    ),
    "retention": C.retention,
    "chain": lt.end_of_contract_chain(
        dt.date(2028, 8, 31), table=C.retention, hours=C.schedules["interventions"]
    ),
    "backups": C.backups.status(dt.datetime(2025, 3, 24, 13, 0, tzinfo=PARIS)),
    "quotas": C.quotas.check(document_bytes=10**6),
    "calendar": lt.obligations_calendar(C),
    "readings": C.readings(),
    "syntec": lt.SYNTEC,
    "ecb": lt.ECB_MRO,
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
def test_text_in_both_languages(name: str) -> None:
    report = REPORTS[name]
    french, english = report.to_text(), report.to_text(lang="en")
    assert french.splitlines()[0] == report.headline()
    assert english.splitlines()[0] == report.headline(lang="en")
    assert french != english
    assert str(report) == french


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_html_is_escaped_and_captioned(name: str) -> None:
    report = REPORTS[name]
    fragment = report._repr_html_()
    assert fragment.startswith(f"<table><caption>{html.escape(report.headline())}</caption>")
    assert "<script" not in fragment


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_repr_is_constructor_like(name: str) -> None:
    report = REPORTS[name]
    if name == "syntec":  # 216 months: the series sums itself up rather than list every value
        assert repr(report).startswith("<SyntecSeries of 216 months: 2006-01…2021-12, 2022-08")
        return
    assert repr(report).startswith(f"{type(report).__name__}(")


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_records_are_fresh_plain_dicts(name: str) -> None:
    report = REPORTS[name]
    records = report.to_records()
    assert all(isinstance(r, dict) and all(isinstance(k, str) for k in r) for r in records)
    text = report.to_text()
    for record in records:
        record.clear()
    assert report.to_text() == text  # editing the records changes nothing


def test_lang_is_checked() -> None:
    with pytest.raises(lt.InvalidArgumentError, match="lang='de' is not one of 'fr', 'en'"):
        C.term.to_text(lang="de")  # type: ignore[arg-type]
