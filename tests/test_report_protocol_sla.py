"""Every result type of the SLA modules follows the report protocol (_report.Report): records for
machines, French text and HTML for people (English on request), a constructor-like ``repr``."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from libriciel_terms._report import Report
from libriciel_terms.compliance import compliance_summary
from libriciel_terms.downtime import AvailabilityCommitment, availability_report
from libriciel_terms.sla import Priority, SlaPolicy, compare_policies
from libriciel_terms.ticket_records import tickets_from_records
from libriciel_terms.tickets import Ticket

PARIS = ZoneInfo("Europe/Paris")
AT = dt.datetime(2024, 11, 1, tzinfo=PARIS)
TICKET = Ticket(
    reference="CE-1",
    reported_at=dt.datetime(2024, 10, 15, 10, tzinfo=PARIS),
    priority=Priority.MAJEUR,
    taken_charge_at=dt.datetime(2024, 10, 16, 12, tzinfo=PARIS),
    resolved_at=dt.datetime(2024, 10, 18, 9, tzinfo=PARIS),
)
REPORTS = SlaPolicy.comelus().evaluate_many([TICKET], at=AT)
RESULTS: dict[str, Report] = {
    "policy": SlaPolicy.comelus(),
    "comparison": compare_policies(SlaPolicy.comelus(), SlaPolicy.section_2_7()),
    "ticket": TICKET,
    "ticket report": REPORTS[0],
    "target report": REPORTS[0].targets[0],
    "ticket reports": REPORTS,
    "availability": availability_report(
        dt.datetime(2024, 10, 1, tzinfo=PARIS),
        AT,
        [(AT - dt.timedelta(days=16), AT - dt.timedelta(days=15))],
    ),
    "commitment": AvailabilityCommitment.comelus(),
    "summary": compliance_summary(REPORTS, commitment=AvailabilityCommitment.comelus()),
    "batch": tickets_from_records([{"priority": "x", "reported_at": AT}], on_error="collect"),
}

#: Words that must not appear in the French text, nor their French counterparts in English.
ENGLISH = re.compile(
    r"\b(business|breached|report|due|policy|targets|met|downtime|frozen|overdue|from)\b"
)
FRENCH = re.compile(
    r"\b(ouvrées|ouvrés|dépassé|respecté|échéance|objectifs|indisponibilité|retard|gel|signalement|politique|lus)\b"
)


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_protocol(name: str) -> None:
    result = RESULTS[name]
    assert isinstance(result, Report)
    records = result.to_records()
    assert isinstance(records, list)
    assert all(isinstance(r, dict) for r in records)
    html = result._repr_html_()
    assert html.startswith("<table>")
    assert "</table>" in html
    assert repr(result).startswith(type(result).__name__ + "(")
    assert str(result) == result.to_text()


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_each_language_is_pure(name: str) -> None:
    result = RESULTS[name]
    french = result.to_text()
    english = result.to_text(lang="en")
    assert not ENGLISH.findall(french.replace("« table 4.3 »", "")), french
    assert not FRENCH.findall(english), english
    assert result.to_html(lang="en") != result.to_html()
