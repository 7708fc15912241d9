"""Every result type of the SLA modules follows the report protocol (_report.Report): records for
machines, French text and HTML for people (English on request), a constructor-like ``repr``."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from libriciel_terms._report import Report
from libriciel_terms.compliance import ComplianceRow, compliance_summary
from libriciel_terms.delays import Delay
from libriciel_terms.downtime import AvailabilityCommitment, availability_report
from libriciel_terms.errors import TermsError
from libriciel_terms.hours import BusinessHours
from libriciel_terms.sla import Priority, SlaPolicy, SlaTarget, Target, compare_policies
from libriciel_terms.states import TicketState, automatic_transition
from libriciel_terms.states import TicketState as State
from libriciel_terms.ticket_records import tickets_from_records
from libriciel_terms.tickets import Requalification, RequalificationNotice, StateChange, Ticket

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
    "transition": automatic_transition(  # type: ignore[dict-item]
        TicketState.TRAITE_A_VALIDER_CLIENT, AT, hours=BusinessHours.comelus()
    ),
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


def test_transition_records() -> None:
    move = RESULTS["transition"]
    assert move.to_records() == [
        {
            "from_state": "traite_a_valider_client",
            "to_state": "traite_fermeture_automatique",
            "at": dt.datetime(2024, 11, 21, tzinfo=PARIS),
            "since": AT,
            "days": 20,
        }
    ]
    assert move.headline() == "Transition automatique (§5.2.4.1)"
    assert move.headline(lang="en") == "Automatic transition (§5.2.4.1)"
    assert move.notes(lang="en") == (move.explain(lang="en"),)  # type: ignore[attr-defined]


# -- junk in, only TermsError out ------------------------------------------------------------------


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True),
    st.text(max_size=8),
    st.binary(max_size=4),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.just(Decimal("1E+999999999")),
    st.datetimes(),
    st.datetimes(timezones=st.just(dt.UTC)),
    st.dates(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.sampled_from([Priority.BLOQUANT, Target.RESOLUTION, State.NOUVEAU, Delay.business_hours(4)]),
)
CLASSES = [
    SlaTarget,
    SlaPolicy,
    Ticket,
    StateChange,
    Requalification,
    RequalificationNotice,
    AvailabilityCommitment,
    ComplianceRow,
]


@settings(max_examples=200)
@given(data=st.data(), cls=st.sampled_from(CLASSES))
def test_constructors_raise_only_terms_errors(data: st.DataObject, cls: type) -> None:
    fields = {f.name: data.draw(JUNK) for f in attrs.fields(cls) if f.init}
    with contextlib.suppress(TermsError):
        cls(**fields)


@settings(max_examples=200)
@given(priority=JUNK, target=JUNK, reported=JUNK, frozen=JUNK, event=JUNK)
def test_due_raises_only_terms_errors(
    priority: object, target: object, reported: object, frozen: object, event: object
) -> None:
    with contextlib.suppress(TermsError):
        SlaPolicy.comelus().due(priority, target, reported, frozen=frozen, event_at=event)  # type: ignore[arg-type]


@settings(max_examples=100)
@given(value=JUNK)
def test_parsers_raise_only_terms_errors(value: object) -> None:
    for parse in (Priority.parse, Target.parse, State.parse):
        with contextlib.suppress(TermsError):
            parse(value)  # type: ignore[operator]


@settings(max_examples=100)
@given(a=JUNK, b=JUNK, c=JUNK, d=JUNK)
def test_evaluation_and_availability_raise_only_terms_errors(
    a: object, b: object, c: object, d: object
) -> None:
    calls = [
        lambda: SlaPolicy.comelus().evaluate(a, at=b),  # type: ignore[arg-type]
        lambda: SlaPolicy.comelus().evaluate(TICKET, at=a, missing=b),  # type: ignore[arg-type]
        lambda: SlaPolicy.comelus().evaluate_many([TICKET, a], at=AT),  # type: ignore[list-item]
        lambda: availability_report(a, b, c, planned=d),  # type: ignore[arg-type]
        lambda: AvailabilityCommitment.comelus().report(AT, AT, [], measured_time=a),  # type: ignore[arg-type]
        lambda: tickets_from_records([{"priority": a, "reported_at": b, "resolved_at": c}], zone=d),  # type: ignore[arg-type]
        lambda: compliance_summary(REPORTS, by=a, periods=b),  # type: ignore[arg-type]
        lambda: automatic_transition(a, b, hours=c),  # type: ignore[arg-type]
    ]
    for call in calls:
        with contextlib.suppress(TermsError):
            call()


@settings(max_examples=100)
@given(
    at=st.one_of(
        st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(1, 1, 10)),
        st.datetimes(min_value=dt.datetime(9999, 12, 20), max_value=dt.datetime(9999, 12, 31)),
    ),
    offset=st.integers(-14, 14),
    priority=st.sampled_from(list(Priority)),
)
def test_instants_at_the_ends_of_the_calendar(
    at: dt.datetime, offset: int, priority: Priority
) -> None:
    instant = at.replace(tzinfo=dt.timezone(dt.timedelta(hours=offset)))
    for call in (
        lambda: SlaPolicy.comelus().due(priority, Target.RESOLUTION, instant),
        lambda: SlaPolicy.comelus().evaluate(
            Ticket(reported_at=instant, priority=priority), at=instant
        ),
        lambda: availability_report(instant, instant, []),
    ):
        with contextlib.suppress(TermsError):
            call()
