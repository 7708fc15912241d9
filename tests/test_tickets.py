"""Tests for libriciel_terms.tickets: tickets, their events and the evaluation of each target
(Contract §4.2, §4.3, §5.2.4.1), with a slow reference evaluator to compare against."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from libriciel_terms.compliance import compliance_summary
from libriciel_terms.delays import BusinessDuration
from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
    UnknownKeyError,
    WrongTypeError,
)
from libriciel_terms.hours import BusinessHours
from libriciel_terms.sla import Event, Priority, SlaPolicy, Target
from libriciel_terms.states import TicketState
from libriciel_terms.tickets import (
    Requalification,
    RequalificationNotice,
    StateChange,
    Status,
    TargetReport,
    Ticket,
    TicketReports,
    evaluate,
    evaluate_many,
)

PARIS = ZoneInfo("Europe/Paris")
HOURS = BusinessHours.comelus()
COMELUS = SlaPolicy.comelus()
S27 = SlaPolicy.section_2_7()
GTR = SlaPolicy.hosting_gtr()
B, M, S, MI = Priority.BLOQUANT, Priority.MAJEUR, Priority.SERIEUX, Priority.MINEUR
TC, WA, RES, RST = Target.TAKE_CHARGE, Target.WORKAROUND, Target.RESOLUTION, Target.RESTORE


def typeset(text: str) -> str:
    """French typography written with plain spaces in the tests: « : », « ; », guillemets."""
    for plain, typographic in (
        (" :", "\u00a0:"),
        (" ;", "\u202f;"),
        ("« ", "«\u00a0"),
        (" »", "\u00a0»"),
    ):
        text = text.replace(plain, typographic)
    return text


def p(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


REPORT = p(2024, 10, 15, 10, 0)  # Tuesday
H = BusinessDuration.of


# -- tickets ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"resolved_at": p(2024, 10, 14, 10, 0)},
        {"taken_charge_at": p(2024, 10, 15, 9, 59)},
        {"history": [StateChange(at=p(2024, 10, 14), state=TicketState.A_QUALIFIER_CLIENT)]},
        {
            "history": [
                StateChange(at=p(2024, 10, 17), state=TicketState.A_QUALIFIER_CLIENT),
                StateChange(at=p(2024, 10, 16), state=TicketState.RETOUR_INFORMATION_CLIENT),
            ]
        },
        {"requalifications": [Requalification(at=p(2024, 10, 1), priority=M)]},
    ],
)
def test_ticket_refuses_facts_before_the_report(kwargs: dict[str, object]) -> None:
    with pytest.raises(EndBeforeStartError):
        Ticket(reported_at=REPORT, priority=B, **kwargs)  # type: ignore[arg-type]


def test_ticket_refuses_bad_types() -> None:
    with pytest.raises(NaiveDatetimeError, match="reported_at="):
        Ticket(reported_at=dt.datetime(2024, 10, 15), priority=B)
    with pytest.raises(OutOfRangeError, match="priority=4 is not a priority level"):
        Ticket(reported_at=REPORT, priority=4)
    with pytest.raises(WrongTypeError, match="state='nouveau'"):
        StateChange(at=REPORT, state="nouveau")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="ticket='ticket' is not a Ticket"):
        COMELUS.evaluate("ticket", at=REPORT)  # type: ignore[arg-type]
    with pytest.raises(NaiveDatetimeError, match="at="):
        COMELUS.evaluate(Ticket(reported_at=REPORT, priority=B), at=dt.datetime(2024, 10, 16))
    with pytest.raises(InvalidArgumentError, match="requalification='never' is not one of"):
        COMELUS.evaluate(
            Ticket(reported_at=REPORT, priority=B),
            at=REPORT,
            requalification="never",  # type: ignore[arg-type]
        )
    with pytest.raises(
        InvalidArgumentError,
        match="missing='ignored' is not one of 'unrecorded', 'breached', 'implied'",
    ):
        COMELUS.evaluate(Ticket(reported_at=REPORT, priority=B), at=REPORT, missing="ignored")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="policy=None is not an SlaPolicy"):
        evaluate(None, Ticket(reported_at=REPORT, priority=B), at=REPORT)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"reference": 1}, WrongTypeError, "reference=1 is a int, not a str"),
        ({"reference": "a\nb"}, InvalidArgumentError, "reference='a\\\\nb' holds a line break"),
        ({"priority": "BLOQUANT"}, WrongTypeError, "priority='BLOQUANT' is a str"),
        ({"history": [REPORT]}, WrongTypeError, r"history\[0\]=.* is a datetime, not StateChange"),
        ({"history": "nouveau"}, WrongTypeError, "history='nouveau' is a str"),
        (
            {"requalifications": [M]},
            WrongTypeError,
            r"requalifications\[0\]=.* not Requalification",
        ),
        ({"resolved_at": "2024-10-16"}, WrongTypeError, "resolved_at='2024-10-16' is a str"),
        ({"confirmed_at": dt.datetime(2024, 10, 16)}, NaiveDatetimeError, "confirmed_at="),
    ],
)
def test_ticket_constructor_refuses_junk(
    kwargs: dict[str, object], error: type, match: str
) -> None:
    with pytest.raises(error, match=match):
        Ticket(**({"reported_at": REPORT, "priority": B} | kwargs))  # type: ignore[arg-type]


def test_two_requalifications_out_of_order_are_refused() -> None:
    first = Requalification(at=p(2024, 10, 16, 10), priority=M)
    second = Requalification(at=p(2024, 10, 15, 12), priority=S)
    with pytest.raises(
        EndBeforeStartError,
        match=r"requalifications\[1\]\.at=.* is before requalifications\[0\]\.at",
    ):
        Ticket(reported_at=REPORT, priority=B, requalifications=[first, second])
    ticket = Ticket(reported_at=REPORT, priority=B, requalifications=[second, first])
    assert ticket.priority_at(p(2024, 10, 15, 11)) is B
    assert ticket.priority_at(p(2024, 10, 15, 12)) is S
    assert ticket.priority_at(p(2024, 10, 17)) is M


def test_the_october_fold() -> None:
    """02:30 (first pass, 00:30 UTC) then 02:15 (second pass, 01:15 UTC): 45 minutes later."""
    a = dt.datetime(2025, 10, 26, 2, 30, tzinfo=PARIS)
    b = dt.datetime(2025, 10, 26, 2, 15, tzinfo=PARIS, fold=1)
    ticket = Ticket(reported_at=a, priority=MI, resolved_at=b)
    assert ticket.state_at(b) is TicketState.TRAITE_INTERLOCUTEUR
    assert ticket.state_at(a) is TicketState.NOUVEAU
    with pytest.raises(EndBeforeStartError, match=r"resolved_at=.* is before reported_at="):
        Ticket(reported_at=b, priority=MI, resolved_at=a)
    report = COMELUS.evaluate(ticket, at=b)
    assert report[RES].status is Status.MET
    with pytest.raises(EndBeforeStartError, match=r"at=.* is before reported_at="):
        COMELUS.evaluate(Ticket(reported_at=b, priority=MI), at=a)
    frozen = Ticket(
        reported_at=a,
        priority=B,
        history=[StateChange(at=b, state=TicketState.A_QUALIFIER_CLIENT)],
    )
    assert frozen.freezes(p(2025, 10, 27, 10)) == ((b.astimezone(dt.UTC), p(2025, 10, 27, 10)),)


def test_the_state_follows_the_events() -> None:
    ticket = Ticket(
        reported_at=REPORT,
        priority=M,
        taken_charge_at=p(2024, 10, 15, 11),
        resolved_at=p(2024, 10, 17, 9),
        closed_at=p(2024, 10, 18, 9),
    )
    assert ticket.state_at(p(2024, 10, 15, 10, 30)) is TicketState.NOUVEAU
    assert ticket.state_at(p(2024, 10, 15, 11)) is TicketState.EN_COURS_DE_TRAITEMENT
    assert ticket.state_at(p(2024, 10, 17, 9)) is TicketState.TRAITE_INTERLOCUTEUR
    assert ticket.state_at(p(2024, 10, 20)) is TicketState.CLOS_PAR_CLIENT
    assert (
        COMELUS.evaluate(ticket, at=p(2024, 10, 17, 12)).state is TicketState.TRAITE_INTERLOCUTEUR
    )
    # a recorded state change at the same instant wins; a later one wins too
    recorded = attrs.evolve(
        ticket,
        history=[
            StateChange(at=p(2024, 10, 17, 9), state=TicketState.TRAITE_A_VALIDER_CLIENT),
            StateChange(at=p(2024, 10, 17, 15), state=TicketState.RELANCE_CLIENT),
        ],
    )
    assert recorded.state_at(p(2024, 10, 17, 10)) is TicketState.TRAITE_A_VALIDER_CLIENT
    assert recorded.state_at(p(2024, 10, 17, 16)) is TicketState.RELANCE_CLIENT
    assert recorded.state_at(p(2024, 10, 18, 9)) is TicketState.CLOS_PAR_CLIENT
    with pytest.raises(NaiveDatetimeError, match="at="):
        ticket.state_at(dt.datetime(2024, 10, 16))


def test_freezes_come_from_the_timeline() -> None:
    ticket = Ticket(
        reported_at=REPORT,
        priority=B,
        history=[
            StateChange(at=p(2024, 10, 16, 9), state=TicketState.A_QUALIFIER_CLIENT),
            StateChange(at=p(2024, 10, 16, 10), state=TicketState.ATTENTE_INFORMATION_INTERNE),
            StateChange(at=p(2024, 10, 16, 11), state=TicketState.EN_COURS_DE_TRAITEMENT),
            StateChange(at=p(2024, 10, 17, 9), state=TicketState.ATTENTE_DGCL_DGFIP),
            StateChange(at=p(2024, 10, 17, 9), state=TicketState.RETOUR_INFORMATION_CLIENT),
            StateChange(at=p(2024, 10, 18, 9), state=TicketState.ATTENTE_DGCL_DGFIP),
        ],
    )
    # two freezing states in a row are one freeze; a zero-length one is none; the last is open
    assert ticket.freezes(p(2024, 10, 20)) == (
        (p(2024, 10, 16, 9), p(2024, 10, 16, 11)),
        (p(2024, 10, 18, 9), p(2024, 10, 20)),
    )
    assert ticket.freezes(p(2024, 10, 16, 10)) == ((p(2024, 10, 16, 9), p(2024, 10, 16, 10)),)
    assert ticket.freezes(p(2024, 10, 16, 9)) == ()
    with pytest.raises(NaiveDatetimeError, match="until="):
        ticket.freezes(dt.datetime(2024, 10, 16))


def test_ticket_as_a_report() -> None:
    ticket = Ticket(
        reference="CE-1",
        reported_at=REPORT,
        priority=B,
        taken_charge_at=p(2024, 10, 15, 11),
        history=[StateChange(at=p(2024, 10, 15, 11), state=TicketState.A_QUALIFIER_CLIENT)],
        requalifications=[Requalification(at=p(2024, 10, 15, 12), priority=S)],
    )
    assert ticket.to_records() == [
        {"at": REPORT, "event": "report", "state": "nouveau", "priority": None},
        {
            "at": p(2024, 10, 15, 11),
            "event": "take_charge",
            "state": "a_qualifier_client",
            "priority": None,
        },
        {"at": p(2024, 10, 15, 11), "event": None, "state": "a_qualifier_client", "priority": None},
        {"at": p(2024, 10, 15, 12), "event": None, "state": None, "priority": "Niveau 2 - Sérieux"},
    ]
    assert ticket.headline() == "Ticket CE-1, Niveau 0 - Bloquant"
    assert "prise en charge" in ticket.to_text()
    assert "take-charge" in ticket.to_text(lang="en")
    assert "<table>" in ticket._repr_html_()
    assert pickle.loads(pickle.dumps(ticket)) == ticket
    assert pickle.loads(pickle.dumps(ticket)).freezes(p(2024, 10, 16)) == ticket.freezes(
        p(2024, 10, 16)
    )
    assert hash(ticket) == hash(attrs.evolve(ticket))


# -- evaluation ------------------------------------------------------------------------------------


def _ticket() -> Ticket:
    """A Bloquant ticket: taken charge, 2 h waiting for the client, workaround, resolved."""
    return Ticket(
        reference="T-1",
        reported_at=REPORT,
        priority=B,
        history=[
            StateChange(at=p(2024, 10, 15, 11, 0), state=TicketState.EN_COURS_DE_TRAITEMENT),
            StateChange(at=p(2024, 10, 16, 9, 0), state=TicketState.A_QUALIFIER_CLIENT),
            StateChange(at=p(2024, 10, 16, 11, 0), state=TicketState.RETOUR_INFORMATION_CLIENT),
            StateChange(at=p(2024, 10, 21, 10, 0), state=TicketState.TRAITE_A_VALIDER_CLIENT),
        ],
        taken_charge_at=p(2024, 10, 15, 11, 0),
        workaround_at=p(2024, 10, 16, 15, 0),
        resolved_at=p(2024, 10, 21, 10, 0),
    )


def test_evaluate_resolved_ticket() -> None:
    report = COMELUS.evaluate(_ticket(), at=p(2024, 10, 25, 12, 0))
    assert [t.target for t in report.targets] == [TC, WA, RES]
    assert [t.status for t in report.targets] == [Status.MET, Status.BREACHED, Status.MET]
    assert report[WA].due == p(2024, 10, 16, 11, 0)
    assert report[WA].overdue == BusinessDuration.of(dt.timedelta(hours=2))  # 11–12 and 14–15
    res = report[RES]
    assert res.due == p(2024, 10, 21, 11, 0)
    assert res.frozen_time == BusinessDuration.of(dt.timedelta(hours=2))
    assert res.freezes == ((p(2024, 10, 16, 9, 0), p(2024, 10, 16, 11, 0)),)
    assert res.met_at == p(2024, 10, 21, 10, 0)
    assert "Contract §4.3" in res.explain(lang="en")
    assert "clock frozen 2 business hours" in res.explain(lang="en")
    assert "horloge gelée 2 h ouvrées" in res.explain().replace("\u00a0", " ")
    assert report.state is TicketState.TRAITE_A_VALIDER_CLIENT
    assert report.obligations == ()


def test_evaluate_while_running_and_frozen() -> None:
    ticket = _ticket()
    running = COMELUS.evaluate(ticket, at=p(2024, 10, 15, 10, 30))
    assert running[TC].status is Status.RUNNING
    assert running[TC].remaining == BusinessDuration.of(dt.timedelta(hours=3, minutes=30))
    frozen = COMELUS.evaluate(ticket, at=p(2024, 10, 16, 10, 0))
    assert frozen[RES].status is Status.FROZEN
    assert frozen[RES].due == p(2024, 10, 21, 10, 0)  # provisional: frozen 1 h so far
    assert frozen[WA].status is Status.RUNNING  # freezes never stop the workaround clock
    assert "provisional" in frozen[RES].explain(lang="en")
    assert frozen[RES].provisional is True
    # facts after `at` are unknown at `at`
    assert frozen[TC].status is Status.MET
    assert COMELUS.evaluate(ticket, at=p(2024, 10, 15, 10, 59))[TC].status is Status.RUNNING


def test_evaluate_breached_unmet() -> None:
    ticket = Ticket(reported_at=REPORT, priority=S)
    report = COMELUS.evaluate(ticket, at=p(2024, 10, 17, 9, 30))
    assert report[TC].status is Status.BREACHED
    assert report[TC].overdue == BusinessDuration.of(dt.timedelta(hours=1, minutes=30))
    assert report[WA].status is Status.NOT_APPLICABLE
    assert report[RES].status is Status.RUNNING


def test_evaluate_closed_ticket() -> None:
    ticket = Ticket(
        reported_at=REPORT,
        priority=MI,
        taken_charge_at=p(2024, 10, 15, 11, 0),
        closed_at=p(2024, 10, 20, 10, 0),
    )
    report = COMELUS.evaluate(ticket, at=p(2024, 12, 1, 10, 0))
    assert report[TC].status is Status.MET
    assert report[RES].status is Status.NOT_APPLICABLE  # closed before it was due


def test_section_2_7_resolution_waits_for_the_workaround() -> None:
    ticket = Ticket(reported_at=REPORT, priority=B, taken_charge_at=p(2024, 10, 15, 11, 0))
    assert S27.evaluate(ticket, at=p(2024, 10, 15, 12, 0))[RES].status is Status.NOT_STARTED
    fixed = Ticket(reported_at=REPORT, priority=B, resolved_at=p(2024, 10, 15, 15, 0))
    report = S27.evaluate(fixed, at=p(2024, 10, 16, 12, 0))
    assert report[WA].status is Status.MET  # a fix is more than a workaround
    assert report[RES].status is Status.NOT_APPLICABLE


def test_hosting_gtr_evaluation() -> None:
    ticket = Ticket(
        reported_at=p(2024, 10, 16, 11, 0),
        priority=B,
        taken_charge_at=p(2024, 10, 16, 11, 30),
        resolved_at=p(2024, 10, 16, 17, 45),
    )
    report = GTR.evaluate(ticket, at=p(2024, 10, 17, 9, 0))
    assert report[RST].due == p(2024, 10, 16, 17, 30)
    assert report[RST].status is Status.BREACHED
    assert report[RST].overdue == BusinessDuration.of(dt.timedelta(minutes=15))


def test_requalification_from_bloquant() -> None:
    ticket = Ticket(
        reported_at=REPORT,
        priority=B,
        taken_charge_at=p(2024, 10, 15, 11, 0),
        requalifications=[Requalification(at=p(2024, 10, 15, 11, 0), priority=S)],
    )
    report = COMELUS.evaluate(ticket, at=p(2024, 10, 16, 9, 0))
    assert report.declared_priority is B
    assert report.priority is S
    assert report[TC].priority is B  # the take-charge is the qualification
    assert report[WA].status is Status.NOT_APPLICABLE  # Sérieux has no workaround délai
    assert report[RES].due == p(2024, 11, 6, 18, 0)  # 15 jours ouvrés from the report
    assert len(report.obligations) == 1
    assert "§4.3" in str(report.obligations[0])
    assert "phone or write" in report.obligations[0].to_text(lang="en")
    assert "téléphoner ou écrire" in str(report.obligations[0])
    later = COMELUS.evaluate(ticket, at=REPORT)
    assert later.obligations == ()
    assert later.priority is B
    moved = COMELUS.evaluate(
        ticket, at=p(2024, 10, 16, 9, 0), requalification="from_requalification"
    )
    assert moved[RES].due == p(2024, 11, 6, 18, 0)  # same day: the 15th working day after
    upward = attrs_evolve_requal(ticket, M, B)
    assert COMELUS.evaluate(upward, at=p(2024, 10, 16, 9, 0)).obligations == ()


def attrs_evolve_requal(ticket: Ticket, declared: Priority, new: Priority) -> Ticket:
    at = ticket.requalifications[0].at
    return attrs.evolve(
        ticket, priority=declared, requalifications=[Requalification(at=at, priority=new)]
    )


def test_evaluate_many_records_and_pandas() -> None:
    tickets = [_ticket(), Ticket(reference="T-2", reported_at=REPORT, priority=MI)]
    reports = COMELUS.evaluate_many(tickets, at=p(2024, 10, 25, 12, 0))
    assert len(reports) == 2
    records = reports.to_records()
    assert len(records) == 6
    assert records[0]["reference"] == "T-1"
    assert records[0]["status"] == "met"
    assert records[3]["reference"] == "T-2"
    assert records[3]["status"] == "breached"
    html = reports._repr_html_()
    assert html.count("<tr>") == 7
    assert "T-2" in html
    import pandas as pd

    frame = pd.DataFrame(records)
    assert list(frame["status"]) == [
        "met",
        "breached",
        "met",
        "breached",
        "not applicable",
        "running",
    ]


def test_freeze_that_just_ended_is_not_frozen() -> None:
    report = COMELUS.evaluate(_ticket(), at=p(2024, 10, 16, 11, 0))
    assert report[RES].status is Status.RUNNING
    assert report[RES].due == p(2024, 10, 21, 11, 0)
    assert report[RES].provisional is False


def test_records_ignore_a_hostile_decimal_context(hostile_decimal: object) -> None:
    report = COMELUS.evaluate(_ticket(), at=p(2024, 10, 25, 12, 0))
    records = report.to_records()
    assert records[1]["overdue_hours"] == 2
    assert records[2]["frozen_hours"] == 2
    late = COMELUS.evaluate(Ticket(reported_at=REPORT, priority=MI), at=p(2024, 10, 22, 11, 20))
    assert late.to_records()[0]["overdue_hours"] == Decimal("0.3333")


# -- missing events (issue: never silently a breach) ------------------------------------------------

RESOLVED_ONLY = Ticket(
    reference="R", reported_at=REPORT, priority=M, resolved_at=p(2024, 10, 18, 16)
)


@pytest.mark.parametrize(
    ("missing", "status", "overdue", "met_at", "evidence_at"),
    [
        ("unrecorded", Status.UNRECORDED, None, None, p(2024, 10, 18, 16)),
        ("breached", Status.BREACHED, H(dt.timedelta(hours=17)), None, p(2024, 10, 18, 16)),
        ("implied", Status.BREACHED, H(dt.timedelta(hours=17)), p(2024, 10, 18, 16), None),
    ],
)
def test_a_resolved_ticket_without_take_charge(
    missing: str,
    status: Status,
    overdue: BusinessDuration | None,
    met_at: dt.datetime | None,
    evidence_at: dt.datetime | None,
) -> None:
    """Majeur, reported Tue 10:00: take charge due Wed 11:00 (8 business hours); resolved Fri
    16:00, 17 business hours after it (Wed 11–12, 14–18; Thu 7; Fri 9–12, 14–16)."""
    report = COMELUS.evaluate(RESOLVED_ONLY, at=p(2025, 1, 1), missing=missing)  # type: ignore[arg-type]
    take = report[TC]
    assert take.due == p(2024, 10, 16, 11)
    assert take.status is status
    assert take.overdue == overdue  # never growing to the evaluation date
    assert take.met_at == met_at
    assert take.evidence_at == evidence_at
    assert take.evidence is Event.RESOLUTION
    assert take.implied is (missing == "implied")
    assert report[RES].status is Status.MET
    assert report.state is TicketState.TRAITE_INTERLOCUTEUR


def test_an_early_workaround_proves_the_take_charge() -> None:
    ticket = Ticket(reported_at=REPORT, priority=B, workaround_at=p(2024, 10, 15, 14, 30))
    at = p(2024, 10, 20)
    assert COMELUS.evaluate(ticket, at=at)[TC].status is Status.UNRECORDED
    implied = COMELUS.evaluate(ticket, at=at, missing="implied")[TC]
    assert (implied.status, implied.met_at, implied.evidence) == (
        Status.MET,
        p(2024, 10, 15, 14, 30),
        Event.WORKAROUND,
    )
    assert COMELUS.evaluate(ticket, at=at, missing="breached")[TC].overdue == H(dt.timedelta(0))
    assert "implied" in implied.explain(lang="en")


@pytest.mark.parametrize("missing", ["unrecorded", "breached", "implied"])
def test_an_open_ticket_past_due_is_breached_in_every_reading(missing: str) -> None:
    ticket = Ticket(reported_at=REPORT, priority=B)
    report = COMELUS.evaluate(ticket, at=p(2024, 10, 15, 17), missing=missing)  # type: ignore[arg-type]
    assert report[TC].status is Status.BREACHED
    assert report[TC].overdue == H(dt.timedelta(hours=1))
    assert report[TC].evidence is None


def test_gtr_restore_without_recorded_take_charge() -> None:
    """The restore counts from the take-charge: unrecorded, it has no due instant."""
    ticket = Ticket(reported_at=p(2024, 10, 16, 11), priority=B, resolved_at=p(2024, 10, 16, 17))
    at = p(2024, 10, 17)
    unrecorded = GTR.evaluate(ticket, at=at)[RST]
    assert (unrecorded.status, unrecorded.due, unrecorded.evidence) == (
        Status.UNRECORDED,
        None,
        Event.RESOLUTION,
    )
    assert "unrecorded: the event is not recorded" in unrecorded.explain(lang="en")
    breached = GTR.evaluate(ticket, at=at, missing="breached")[RST]
    assert (breached.status, breached.due, breached.overdue) == (Status.BREACHED, None, None)
    implied = GTR.evaluate(ticket, at=at, missing="implied")[RST]
    assert (implied.status, implied.counted_from, implied.due) == (
        Status.MET,
        p(2024, 10, 16, 17),
        p(2024, 10, 17, 12),
    )


def test_gtr_restore_met_by_a_workaround() -> None:
    ticket = Ticket(
        reported_at=p(2024, 10, 16, 11),
        priority=M,
        taken_charge_at=p(2024, 10, 16, 11, 30),
        workaround_at=p(2024, 10, 16, 17, 0),
        resolved_at=p(2024, 10, 18, 10, 0),
    )
    restore = GTR.evaluate(ticket, at=p(2024, 10, 20))[RST]
    assert (restore.status, restore.met_at, restore.evidence) == (
        Status.MET,
        p(2024, 10, 16, 17, 0),
        Event.WORKAROUND,
    )


def test_a_target_met_exactly_at_its_due_instant_is_met() -> None:
    ticket = Ticket(reported_at=REPORT, priority=B, taken_charge_at=p(2024, 10, 15, 16, 0))
    take = COMELUS.evaluate(ticket, at=p(2024, 10, 20))[TC]
    assert take.due == take.met_at == p(2024, 10, 15, 16, 0)
    assert take.status is Status.MET
    one_later = attrs.evolve(
        ticket, taken_charge_at=p(2024, 10, 15, 16, 0) + dt.timedelta(microseconds=1)
    )
    late = COMELUS.evaluate(one_later, at=p(2024, 10, 20))[TC]
    assert late.status is Status.BREACHED
    assert late.overdue == BusinessDuration(1)


def test_closed_without_the_event() -> None:
    closed_late = Ticket(reported_at=REPORT, priority=B, closed_at=p(2024, 10, 16, 10))
    take = COMELUS.evaluate(closed_late, at=p(2024, 11, 1))[TC]
    assert (take.status, take.evidence, take.evidence_at, take.overdue) == (
        Status.BREACHED,
        Event.CLOSING,
        p(2024, 10, 16, 10),
        H(dt.timedelta(hours=3)),  # due Tue 16:00; 16–18 and Wed 9–10
    )
    assert "closed at Wed 2024-10-16 10:00 without it" in take.explain(lang="en")
    closed_early = attrs.evolve(closed_late, closed_at=p(2024, 10, 15, 11))
    take = COMELUS.evaluate(closed_early, at=p(2024, 11, 1))[TC]
    assert (take.status, take.overdue) == (Status.NOT_APPLICABLE, None)
    assert "ticket clos le mar. 2024-10-15 11:00 avant l'échéance" in take.explain()
    met_after_closing = attrs.evolve(closed_early, taken_charge_at=p(2024, 10, 15, 12))
    assert (
        COMELUS.evaluate(met_after_closing, at=p(2024, 11, 1))[TC].status is Status.NOT_APPLICABLE
    )


def test_confirmation_reading_in_an_evaluation() -> None:
    policy = SlaPolicy.comelus(resolution_from="confirmation")
    ticket = Ticket(reported_at=REPORT, priority=B, taken_charge_at=p(2024, 10, 15, 11))
    waiting = policy.evaluate(ticket, at=p(2024, 10, 16))[RES]
    assert waiting.status is Status.NOT_STARTED
    assert "from the confirmation of the priority: it has not happened yet" in waiting.explain(
        lang="en"
    )
    confirmed = attrs.evolve(
        ticket, confirmed_at=p(2024, 10, 17, 10), resolved_at=p(2024, 10, 22, 17)
    )
    resolution = policy.evaluate(confirmed, at=p(2024, 10, 25))[RES]
    assert (resolution.counted_from, resolution.due, resolution.status) == (
        p(2024, 10, 17, 10),
        p(2024, 10, 22, 18),
        Status.MET,
    )
    never = attrs.evolve(ticket, resolved_at=p(2024, 10, 22, 17))
    assert policy.evaluate(never, at=p(2024, 10, 25))[RES].status is Status.NOT_APPLICABLE


def test_evaluating_before_the_report_is_refused() -> None:
    ticket = Ticket(reference="CE-9", reported_at=REPORT, priority=B)
    with pytest.raises(
        EndBeforeStartError,
        match=r"is before reported_at=.* \(ticket CE-9\); pass an at on or after reported_at",
    ):
        COMELUS.evaluate(ticket, at=p(2024, 10, 15, 9, 59))
    with pytest.raises(
        EndBeforeStartError,
        match=r"is before tickets\[1\]\.reported_at=.*; pass an at on or after reported_at",
    ):
        COMELUS.evaluate_many(
            [_ticket(), attrs.evolve(ticket, reference="", reported_at=p(2024, 10, 16))],
            at=p(2024, 10, 15, 12),
        )
    assert COMELUS.evaluate(ticket, at=REPORT)[TC].status is Status.RUNNING
    with pytest.raises(WrongTypeError, match=r"tickets\[0\]=1 is a int, not Ticket"):
        COMELUS.evaluate_many([1], at=REPORT)  # type: ignore[list-item]


def test_results_are_in_the_schedule_zone() -> None:
    new_york = ZoneInfo("America/New_York")
    ticket = Ticket(
        reported_at=REPORT.astimezone(dt.UTC),
        priority=B,
        taken_charge_at=p(2024, 10, 15, 11).astimezone(dt.UTC),
        history=[
            StateChange(
                at=p(2024, 10, 16, 9).astimezone(dt.UTC), state=TicketState.A_QUALIFIER_CLIENT
            ),
            StateChange(
                at=p(2024, 10, 16, 11).astimezone(dt.UTC), state=TicketState.EN_COURS_DE_TRAITEMENT
            ),
        ],
        resolved_at=p(2024, 10, 21, 10).astimezone(dt.UTC),
    )
    report = COMELUS.evaluate(ticket, at=p(2024, 10, 25).astimezone(new_york))
    assert report.at.tzinfo is PARIS
    assert report.reported_at.tzinfo is PARIS
    for target in report.targets:
        for instant in (target.due, target.counted_from, target.met_at, target.at):
            assert instant is not None
            assert instant.tzinfo is PARIS
    assert report[RES].freezes == ((p(2024, 10, 16, 9), p(2024, 10, 16, 11)),)
    assert all(i.tzinfo is PARIS for pair in report[RES].freezes for i in pair)
    assert report[TC].met_at == p(2024, 10, 15, 11)
    notice = COMELUS.evaluate(
        attrs.evolve(
            ticket,
            requalifications=[
                Requalification(at=p(2024, 10, 15, 12).astimezone(dt.UTC), priority=M)
            ],
        ),
        at=p(2024, 10, 25),
    ).obligations[0]
    assert notice.at.tzinfo is PARIS


def test_ticket_report_is_a_mapping_of_targets() -> None:
    report = COMELUS.evaluate(_ticket(), at=p(2024, 10, 25, 12, 0))
    assert list(report) == [TC, WA, RES]
    assert len(report) == 3
    assert report["resolution"] is report[RES] is report["RESOLUTION"]
    assert report.get(RST) is None
    with pytest.raises(
        UnknownKeyError,
        match=r"target=<Target.RESTORE: 'restore'> is not in this report; its targets: TAKE_CHARGE, WORKAROUND, RESOLUTION",
    ):
        report[RST]
    gtr = GTR.evaluate(_ticket(), at=p(2024, 10, 25, 12, 0))
    assert list(gtr) == [TC, RST]


def test_report_texts_in_both_languages() -> None:
    report = COMELUS.evaluate(_ticket(), at=p(2024, 10, 25, 12, 0))
    french, english = report.to_text(), report.to_text(lang="en")
    assert french.splitlines()[0] == typeset(
        "Ticket T-1 (Niveau 0 - Bloquant), « table 4.3 », au ven. 2024-10-25 12:00"
    )
    assert (
        english.splitlines()[0]
        == "Ticket T-1 (Niveau 0 - Bloquant), « table 4.3 », at Fri 2024-10-25 12:00"
    )
    assert "2\u00a0h ouvrées" in french
    assert "dépassé" in french
    assert "respecté" in french
    assert "2 business hours" in english
    assert "breached" in english
    for word in ("due", "breached", "business", "report", "clock"):
        assert word not in french.lower()
    for word in ("échéance", "dépassé", "ouvrées", "signalement", "horloge"):
        assert word not in english.lower()
    assert report[WA].explain(lang="en") == (
        "Contract §4.3: workaround, Niveau 0 - Bloquant, 8 business hours from the report; "
        "counted from Tue 2024-10-15 10:00; due Wed 2024-10-16 11:00; breached: workaround "
        "Wed 2024-10-16 15:00, overdue 2 business hours"
    )
    assert report[TC].explain() == typeset(
        "Contrat §4.3 : prise en charge (qualification), Niveau 0 - Bloquant, 4 h ouvrées à "
        "compter du signalement ; point de départ mar. 2024-10-15 10:00 ; échéance "
        "mar. 2024-10-15 16:00 ; respecté : prise en charge mar. 2024-10-15 11:00"
    )
    assert report[WA].headline() == "solution de contournement, Niveau 0 - Bloquant\u00a0: dépassé"
    assert report[WA].headline(lang="en") == "workaround, Niveau 0 - Bloquant: breached"
    assert "<table>" in report._repr_html_()
    assert "<table>" in report[WA]._repr_html_()
    assert report.notes()[0] == report[TC].explain()
    none = TargetReport(
        target=RST, priority=B, status=Status.NOT_APPLICABLE, rule=None, at=REPORT, hours=HOURS
    )
    assert (
        none.explain(lang="en")
        == "service restored, Niveau 0 - Bloquant: no time limit in this policy"
    )
    assert none.explain() == typeset(
        "rétablissement du service, Niveau 0 - Bloquant : pas de délai dans cette politique"
    )


def test_records_of_a_report() -> None:
    report = COMELUS.evaluate(_ticket(), at=p(2024, 10, 25, 12, 0))
    (take, workaround, resolution) = report.to_records()
    assert workaround == {
        "reference": "T-1",
        "policy": "table 4.3",
        "at": p(2024, 10, 25, 12, 0),
        "reported_at": REPORT,
        "state": "traite_a_valider_client",
        "priority": "Niveau 0 - Bloquant",
        "target": "workaround",
        "status": "breached",
        "counted_from": REPORT,
        "due": p(2024, 10, 16, 11, 0),
        "met_at": p(2024, 10, 16, 15, 0),
        "remaining_hours": None,
        "overdue_hours": Decimal(2),
        "frozen_hours": None,
        "clause": "§4.3",
    }
    assert resolution["frozen_hours"] == Decimal(2)
    assert take["overdue_hours"] is None
    running = COMELUS.evaluate(_ticket(), at=p(2024, 10, 15, 10, 30)).to_records()
    assert running[0]["remaining_hours"] == Decimal("3.5")


def test_statuses_read_in_both_languages() -> None:
    assert [s.to_text() for s in Status] == [
        "respecté",
        "dépassé",
        "en cours",
        "gelé",
        "non démarré",
        "sans objet",
        "non enregistré",
    ]
    assert [s.to_text(lang="en") for s in Status] == [
        "met",
        "breached",
        "running",
        "frozen",
        "not started",
        "not applicable",
        "unrecorded",
    ]


def test_requalification_notice_texts() -> None:
    notice = RequalificationNotice(at=p(2024, 10, 15, 11), from_priority=B, to_priority=S)
    assert notice.to_text(lang="en") == (
        "Contract §4.3: requalified from Niveau 0 - Bloquant to Niveau 2 - Sérieux at Tue "
        "2024-10-15 11:00; the titulaire must phone or write to the client with the measures "
        "to take and/or the reasons"
    )
    assert str(notice).startswith(
        "Contrat §4.3\u00a0: requalifié de Niveau 0 - Bloquant en Niveau 2 - Sérieux le mar. 2024-10-15 11:00"
    )


def test_two_requalifications_from_bloquant() -> None:
    ticket = Ticket(
        reported_at=REPORT,
        priority=B,
        requalifications=[
            Requalification(at=p(2024, 10, 15, 11), priority=M),
            Requalification(at=p(2024, 10, 15, 12), priority=B),
            Requalification(at=p(2024, 10, 15, 13), priority=MI),
        ],
    )
    report = COMELUS.evaluate(ticket, at=p(2024, 10, 16))
    assert [(n.from_priority, n.to_priority) for n in report.obligations] == [(B, M), (B, MI)]
    assert report.priority is MI
    assert COMELUS.evaluate(ticket, at=p(2024, 10, 15, 12, 30)).priority is B


def test_ticket_reports_is_a_sequence() -> None:
    reports = COMELUS.evaluate_many([_ticket(), RESOLVED_ONLY], at=p(2025, 1, 1))
    assert isinstance(reports, TicketReports)
    assert reports[1].reference == "R"
    assert [r.reference for r in reports[0:1]] == ["T-1"]
    assert reports.policy == "table 4.3"
    assert reports.at == p(2025, 1, 1)
    assert reports.headline() == typeset("2 tickets, « table 4.3 », au mer. 2025-01-01 00:00")
    assert reports.headline(lang="en") == "2 tickets, « table 4.3 », at Wed 2025-01-01 00:00"
    assert evaluate_many(COMELUS, [], at=REPORT).to_records() == []
    assert list(reports) == [
        evaluate(COMELUS, t, at=p(2025, 1, 1)) for t in (_ticket(), RESOLVED_ONLY)
    ]


def test_evaluate_many_honours_the_readings() -> None:
    reports = COMELUS.evaluate_many([RESOLVED_ONLY], at=p(2025, 1, 1), missing="implied")
    assert reports[0][TC].status is Status.BREACHED
    requal = Ticket(
        reported_at=REPORT,
        priority=B,
        requalifications=[Requalification(at=p(2024, 10, 17, 10), priority=M)],
    )
    moved = COMELUS.evaluate_many(
        [requal], at=p(2024, 10, 18), requalification="from_requalification"
    )
    assert moved[0][RES].counted_from == p(2024, 10, 17, 10)
    assert moved[0][RES].due == p(2024, 10, 24, 18)
    assert moved[0][TC].counted_from == REPORT  # the take-charge keeps the report


# -- properties against a slow reference evaluator ---------------------------------------------------

_BASE = p(2024, 10, 14, 8, 0)  # a Monday
_FREEZING = [s for s in TicketState if s.freezes]
_RUNNING = [TicketState.EN_COURS_DE_TRAITEMENT, TicketState.RETOUR_INFORMATION_CLIENT]


def _later(draw: st.DrawFn, after: dt.datetime, most_hours: int = 120) -> dt.datetime:
    return after + dt.timedelta(minutes=draw(st.integers(0, most_hours * 60)))


@st.composite
def tickets(draw: st.DrawFn) -> Ticket:
    """Any ticket of two weeks: events present or not, freezes, requalifications, a closing."""
    reported = _later(draw, _BASE, 24 * 5)
    maybe = lambda: draw(st.booleans())  # noqa: E731
    events = {
        name: _later(draw, reported) if maybe() else None
        for name in ("taken_charge_at", "workaround_at", "confirmed_at", "resolved_at", "closed_at")
    }
    history, cursor = [], reported
    for _ in range(draw(st.integers(0, 4))):
        cursor = _later(draw, cursor, 30)
        history.append(StateChange(at=cursor, state=draw(st.sampled_from(_FREEZING + _RUNNING))))
    requals, cursor = [], reported
    for _ in range(draw(st.integers(0, 2))):
        cursor = _later(draw, cursor, 30)
        requals.append(Requalification(at=cursor, priority=draw(st.sampled_from(list(Priority)))))
    return Ticket(
        reference="T",
        reported_at=reported,
        priority=draw(st.sampled_from(list(Priority))),
        history=history,
        requalifications=requals,
        **events,
    )


def _known(value: dt.datetime | None, at: dt.datetime) -> dt.datetime | None:
    return value if value is not None and value <= at else None


def _first(*values: dt.datetime | None) -> dt.datetime | None:
    present = [v for v in values if v is not None]
    return min(present) if present else None


def reference_status(
    policy: SlaPolicy, ticket: Ticket, target: Target, at: dt.datetime, missing: str, rule: str
) -> tuple[Status, dt.datetime | None]:
    """The rules of ``evaluate`` written out plainly, on ``SlaPolicy.due`` (tested against a
    minute walker in test_sla.py)."""
    tc, wa, conf, res, closed = (
        _known(v, at)
        for v in (
            ticket.taken_charge_at,
            ticket.workaround_at,
            ticket.confirmed_at,
            ticket.resolved_at,
            ticket.closed_at,
        )
    )
    proof = _first(wa, res) if tc is None else None
    if missing == "implied" and proof is not None:
        tc, proof = proof, None
    requals = [r for r in ticket.requalifications if r.at <= at]
    priority = (
        ticket.priority if target is Target.TAKE_CHARGE or not requals else requals[-1].priority
    )
    row = policy.target(priority, target)
    if row is None:
        return Status.NOT_APPLICABLE, None
    met = {Target.TAKE_CHARGE: tc, Target.RESOLUTION: res}.get(target, _first(wa, res))
    start = {
        "report": ticket.reported_at,
        "take_charge": tc,
        "workaround": wa,
        "confirmation": conf,
    }[row.counted_from]
    if (
        row.counted_from == "report"
        and rule == "from_requalification"
        and requals
        and target is not Target.TAKE_CHARGE
    ):
        start = requals[-1].at
    if start is None:
        if row.counted_from == "take_charge" and proof is not None:
            return (Status.UNRECORDED if missing == "unrecorded" else Status.BREACHED), None
        return (Status.NOT_APPLICABLE if _first(met, closed) else Status.NOT_STARTED), None
    end = min(v for v in (at, met, closed) if v is not None)
    if row.counted_from == "report":
        due = policy.due(priority, target, start, frozen=ticket.freezes(end))
    else:
        due = policy.due(
            priority, target, ticket.reported_at, frozen=ticket.freezes(end), event_at=start
        )
    assert due is not None
    if met is not None and (closed is None or met <= closed):
        return (Status.MET if met <= due else Status.BREACHED), due
    if target is Target.TAKE_CHARGE and proof is not None:
        return (Status.UNRECORDED if missing == "unrecorded" else Status.BREACHED), due
    if closed is not None:
        return (Status.BREACHED if closed > due else Status.NOT_APPLICABLE), due
    if at > due:
        return Status.BREACHED, due
    frozen = row.freezes and ticket.state_at(at).freezes
    return (Status.FROZEN if frozen else Status.RUNNING), due


_POLICIES = [
    COMELUS,
    S27,
    GTR,
    SlaPolicy.comelus(resolution_from="confirmation"),
    SlaPolicy.section_2_7(units="calendar"),
]


@settings(max_examples=min(150, settings.default.max_examples))
@given(
    ticket=tickets(),
    hours_after=st.integers(0, 24 * 20),
    policy=st.sampled_from(_POLICIES),
    missing=st.sampled_from(["unrecorded", "breached", "implied"]),
    rule=st.sampled_from(["from_report", "from_requalification"]),
)
def test_evaluate_matches_the_reference(
    ticket: Ticket, hours_after: int, policy: SlaPolicy, missing: str, rule: str
) -> None:
    at = ticket.reported_at + dt.timedelta(hours=hours_after)
    report = policy.evaluate(ticket, at=at, missing=missing, requalification=rule)  # type: ignore[arg-type]
    assert [t.target for t in report.targets] == [
        t for t in Target if any(r.target is t for r in policy.targets)
    ]
    for target in report.targets:
        status, due = reference_status(policy, ticket, target.target, at, missing, rule)
        assert (target.status, target.due) == (status, due), target.target
        # invariants of every report
        if target.status is Status.MET:
            assert target.met_at is not None
            assert target.due is not None
            assert target.met_at <= target.due
        if target.status is Status.BREACHED and target.due is not None:
            assert target.overdue is not None
            assert target.overdue >= BusinessDuration(0)
        if target.status in (Status.RUNNING, Status.FROZEN):
            assert target.remaining is not None
            assert target.remaining >= BusinessDuration(0)
            assert target.provisional is (target.status is Status.FROZEN)
        if missing != "unrecorded":
            assert target.status is not Status.UNRECORDED
        for instant in (target.due, target.counted_from, target.met_at, target.evidence_at):
            assert instant is None or instant.tzinfo is policy.hours.zone
        assert target.explain()
        assert target.explain(lang="en")
    assert report.state is ticket.state_at(at)
    assert report.priority is ticket.priority_at(at)


@settings(max_examples=min(60, settings.default.max_examples))
@given(ticket=tickets(), first=st.integers(0, 24 * 10), more=st.integers(0, 24 * 10))
def test_decided_targets_stay_decided(ticket: Ticket, first: int, more: int) -> None:
    """A target met, or met late, stays so as time passes: the facts that decided it do not
    change. (A target breached for want of any event may become unrecorded when a later event
    shows the event happened: what is known changed.)"""
    early = ticket.reported_at + dt.timedelta(hours=first)
    late = early + dt.timedelta(hours=more)
    before = COMELUS.evaluate(ticket, at=early)
    after = COMELUS.evaluate(ticket, at=late)
    for a, b in zip(before.targets, after.targets, strict=True):
        settled = a.status is Status.MET or (a.status is Status.BREACHED and a.met_at is not None)
        if settled and not ticket.requalifications:
            assert (b.status, b.met_at, b.due) == (a.status, a.met_at, a.due)


@settings(max_examples=min(30, settings.default.max_examples))
@given(many=st.lists(tickets(), max_size=6), hours_after=st.integers(0, 24 * 20))
def test_evaluate_many_is_evaluate_of_each(many: list[Ticket], hours_after: int) -> None:
    at = _BASE + dt.timedelta(days=6, hours=hours_after)
    reports = COMELUS.evaluate_many(many, at=at)
    assert list(reports) == [COMELUS.evaluate(t, at=at) for t in many]


# -- every explanation, pinned in both languages -----------------------------------------------------


def _explanation_cases() -> dict[str, tuple[object, ...]]:
    p2 = lambda m, d, h, mi=0: dt.datetime(2024, m, d, h, mi, tzinfo=PARIS)  # noqa: E731
    policies = {"C": COMELUS, "S27": S27, "G": GTR}
    r = p2(10, 15, 10)
    return {
        "implied": (
            policies["C"],
            Ticket(reported_at=r, priority=Priority.BLOQUANT, workaround_at=p2(10, 15, 14, 30)),
            p2(10, 20, 0),
            "implied",
            Target.TAKE_CHARGE,
        ),
        "unrecorded": (
            policies["C"],
            Ticket(reported_at=r, priority=Priority.MAJEUR, resolved_at=p2(10, 18, 16)),
            p2(10, 25, 0),
            "unrecorded",
            Target.TAKE_CHARGE,
        ),
        "breached_reading": (
            policies["C"],
            Ticket(reported_at=r, priority=Priority.MAJEUR, resolved_at=p2(10, 18, 16)),
            p2(10, 25, 0),
            "breached",
            Target.TAKE_CHARGE,
        ),
        "closed_early": (
            policies["C"],
            Ticket(reported_at=r, priority=Priority.BLOQUANT, closed_at=p2(10, 15, 11)),
            p2(11, 1, 0),
            "unrecorded",
            Target.TAKE_CHARGE,
        ),
        "closed_late": (
            policies["C"],
            Ticket(reported_at=r, priority=Priority.BLOQUANT, closed_at=p2(10, 16, 10)),
            p2(11, 1, 0),
            "unrecorded",
            Target.TAKE_CHARGE,
        ),
        "open_breached": (
            policies["C"],
            Ticket(reported_at=r, priority=Priority.BLOQUANT),
            p2(10, 15, 17),
            "unrecorded",
            Target.TAKE_CHARGE,
        ),
        "frozen": (
            policies["C"],
            Ticket(
                reported_at=r,
                priority=Priority.BLOQUANT,
                history=[StateChange(at=p2(10, 16, 9), state=TicketState.A_QUALIFIER_CLIENT)],
            ),
            p2(10, 16, 10),
            "unrecorded",
            Target.RESOLUTION,
        ),
        "not_started": (
            policies["S27"],
            Ticket(reported_at=r, priority=Priority.BLOQUANT),
            p2(10, 16, 10),
            "unrecorded",
            Target.RESOLUTION,
        ),
        "never_started": (
            policies["S27"],
            Ticket(reported_at=r, priority=Priority.BLOQUANT, resolved_at=p2(10, 15, 15)),
            p2(10, 16, 10),
            "unrecorded",
            Target.RESOLUTION,
        ),
        "gtr_unrecorded": (
            policies["G"],
            Ticket(
                reported_at=p2(10, 16, 11), priority=Priority.BLOQUANT, resolved_at=p2(10, 16, 17)
            ),
            p2(10, 17, 0),
            "unrecorded",
            Target.RESTORE,
        ),
    }


EXPLANATIONS = {
    "implied": (
        "met",
        "Contrat §4.3\xa0: prise en charge (qualification), Niveau 0 - Bloquant, 4 h ouvrées à compter du signalement\u202f; point de départ mar. 2024-10-15 10:00\u202f; échéance mar. 2024-10-15 16:00\u202f; respecté\xa0: contournement mar. 2024-10-15 14:30 (déduit\xa0: non enregistré)",
        "Contract §4.3: take charge (qualification), Niveau 0 - Bloquant, 4 business hours from the report; counted from Tue 2024-10-15 10:00; due Tue 2024-10-15 16:00; met: workaround Tue 2024-10-15 14:30 (implied: not recorded)",
    ),
    "unrecorded": (
        "unrecorded",
        "Contrat §4.3\xa0: prise en charge (qualification), Niveau 1 - Majeur, 8 h ouvrées à compter du signalement\u202f; point de départ mar. 2024-10-15 10:00\u202f; échéance mer. 2024-10-16 11:00\u202f; non enregistré\xa0: l'événement n'est pas enregistré, mais la résolution du ven. 2024-10-18 16:00 montre qu'il a eu lieu",
        "Contract §4.3: take charge (qualification), Niveau 1 - Majeur, 8 business hours from the report; counted from Tue 2024-10-15 10:00; due Wed 2024-10-16 11:00; unrecorded: the event is not recorded, but the resolution at Fri 2024-10-18 16:00 shows it happened",
    ),
    "breached_reading": (
        "breached",
        "Contrat §4.3\xa0: prise en charge (qualification), Niveau 1 - Majeur, 8 h ouvrées à compter du signalement\u202f; point de départ mar. 2024-10-15 10:00\u202f; échéance mer. 2024-10-16 11:00\u202f; dépassé\xa0: l'événement n'est pas enregistré, mais la résolution du ven. 2024-10-18 16:00 montre qu'il a eu lieu",
        "Contract §4.3: take charge (qualification), Niveau 1 - Majeur, 8 business hours from the report; counted from Tue 2024-10-15 10:00; due Wed 2024-10-16 11:00; breached: the event is not recorded, but the resolution at Fri 2024-10-18 16:00 shows it happened",
    ),
    "closed_early": (
        "not applicable",
        "Contrat §4.3\xa0: prise en charge (qualification), Niveau 0 - Bloquant, 4 h ouvrées à compter du signalement\u202f; point de départ mar. 2024-10-15 10:00\u202f; échéance mar. 2024-10-15 16:00\u202f; ticket clos le mar. 2024-10-15 11:00 avant l'échéance",
        "Contract §4.3: take charge (qualification), Niveau 0 - Bloquant, 4 business hours from the report; counted from Tue 2024-10-15 10:00; due Tue 2024-10-15 16:00; ticket closed at Tue 2024-10-15 11:00 before it was due",
    ),
    "closed_late": (
        "breached",
        "Contrat §4.3\xa0: prise en charge (qualification), Niveau 0 - Bloquant, 4 h ouvrées à compter du signalement\u202f; point de départ mar. 2024-10-15 10:00\u202f; échéance mar. 2024-10-15 16:00\u202f; dépassé\xa0: ticket clos le mer. 2024-10-16 10:00 sans lui, retard 3\xa0h ouvrées",
        "Contract §4.3: take charge (qualification), Niveau 0 - Bloquant, 4 business hours from the report; counted from Tue 2024-10-15 10:00; due Tue 2024-10-15 16:00; breached: closed at Wed 2024-10-16 10:00 without it, overdue 3 business hours",
    ),
    "open_breached": (
        "breached",
        "Contrat §4.3\xa0: prise en charge (qualification), Niveau 0 - Bloquant, 4 h ouvrées à compter du signalement\u202f; point de départ mar. 2024-10-15 10:00\u202f; échéance mar. 2024-10-15 16:00\u202f; dépassé\xa0: non atteint, retard 1\xa0h ouvrée",
        "Contract §4.3: take charge (qualification), Niveau 0 - Bloquant, 4 business hours from the report; counted from Tue 2024-10-15 10:00; due Tue 2024-10-15 16:00; breached: not met, overdue 1 business hour",
    ),
    "frozen": (
        "frozen",
        "Contrat §4.3, §5.2.4.1\xa0: résolution, Niveau 0 - Bloquant, 3 jours ouvrés à compter du signalement (si le caractère bloquant est confirmé)\u202f; point de départ mar. 2024-10-15 10:00\u202f; horloge gelée 1\xa0h ouvrée (§5.2.4.1)\u202f; échéance lun. 2024-10-21 10:00\u202f; gelé\xa0: reste 21\xa0h ouvrées (provisoire\xa0: le ticket est encore dans un état qui gèle l'horloge)",
        "Contract §4.3, §5.2.4.1: resolution, Niveau 0 - Bloquant, 3 working days from the report (si le caractère bloquant est confirmé); counted from Tue 2024-10-15 10:00; clock frozen 1 business hour (§5.2.4.1); due Mon 2024-10-21 10:00; frozen: 21 business hours remaining (provisional: the ticket is still in a freezing state)",
    ),
    "not_started": (
        "not started",
        "Contrat §2.7, §5.2.4.1\xa0: résolution, Niveau 0 - Bloquant, 3 jours ouvrés à compter du contournement (en cas de contournement, si le caractère bloquant est confirmé)\u202f; à compter du contournement\xa0: pas encore arrivé",
        "Contract §2.7, §5.2.4.1: resolution, Niveau 0 - Bloquant, 3 working days from the workaround given (en cas de contournement, si le caractère bloquant est confirmé); from the workaround given: it has not happened yet",
    ),
    "never_started": (
        "not applicable",
        "Contrat §2.7, §5.2.4.1\xa0: résolution, Niveau 0 - Bloquant, 3 jours ouvrés à compter du contournement (en cas de contournement, si le caractère bloquant est confirmé)\u202f; à compter du contournement\xa0: jamais arrivé avant la fin du ticket",
        "Contract §2.7, §5.2.4.1: resolution, Niveau 0 - Bloquant, 3 working days from the workaround given (en cas de contournement, si le caractère bloquant est confirmé); from the workaround given: it never happened before the ticket ended",
    ),
    "gtr_unrecorded": (
        "unrecorded",
        "Contrat §2.5.2, §2.8\xa0: rétablissement du service, Niveau 0 - Bloquant, 4 h ouvrées à compter de la prise en charge (rétablir le service ou mettre en œuvre une solution de contournement)\u202f; non enregistré\xa0: l'événement n'est pas enregistré, mais la résolution du mer. 2024-10-16 17:00 montre qu'il a eu lieu",
        "Contract §2.5.2, §2.8: service restored, Niveau 0 - Bloquant, 4 business hours from the actual take-charge (rétablir le service ou mettre en œuvre une solution de contournement); unrecorded: the event is not recorded, but the resolution at Wed 2024-10-16 17:00 shows it happened",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPLANATIONS))
def test_every_explanation(name: str) -> None:
    policy, ticket, at, missing, target = _explanation_cases()[name]
    report = policy.evaluate(ticket, at=at, missing=missing)[target]  # type: ignore[attr-defined]
    assert (report.status.value, report.explain(), report.explain(lang="en")) == EXPLANATIONS[name]


def _headers(text: str) -> list[str]:
    return [h.strip() for h in text.splitlines()[1].split("  ") if h.strip()]


def test_report_headers_in_both_languages() -> None:
    report = COMELUS.evaluate(_ticket(), at=p(2024, 10, 25, 12, 0))
    assert _headers(report.to_text()) == [
        "ticket",
        "état",
        "priorité",
        "objectif",
        "statut",
        "point de départ",
        "échéance",
        "atteint le",
        "reste",
        "retard",
        "gel",
        "clause",
        "politique",
        "évalué le",
        "signalé le",
    ]
    assert _headers(report.to_text(lang="en")) == [
        "ticket",
        "state",
        "priority",
        "target",
        "status",
        "counted from",
        "due",
        "met at",
        "remaining",
        "overdue",
        "frozen",
        "clause",
        "policy",
        "evaluated at",
        "reported at",
    ]
    assert _headers(report[RES].to_text()) == [
        "priorité",
        "objectif",
        "statut",
        "point de départ",
        "échéance",
        "atteint le",
        "reste",
        "retard",
        "gel",
        "clause",
    ]
    assert _headers(_ticket().to_text()) == ["date", "événement", "état", "priorité"]
    assert _headers(_ticket().to_text(lang="en")) == ["date", "event", "state", "priority"]
    assert str(RequalificationNotice(at=REPORT, from_priority=B, to_priority=M)) == typeset(
        "Contrat §4.3 : requalifié de Niveau 0 - Bloquant en Niveau 1 - Majeur le mar. 2024-10-15 "
        "10:00 ; le titulaire doit téléphoner ou écrire au client pour lui notifier les mesures à "
        "prendre et/ou les motifs"
    )
    assert report.to_text().splitlines()[3].split()[:2] == ["T-1", "traité"]


# -- many tickets over arrays ----------------------------------------------------------------------

_STATES = tuple(TicketState)


@st.composite
def _tickets(draw: st.DrawFn, reported: dt.datetime) -> Ticket:
    """A ticket with any of its events missing, freezes (open or closed) and requalifications."""
    minutes = st.integers(min_value=0, max_value=30 * 24 * 60)

    def later(base: dt.datetime) -> dt.datetime:
        return (base.astimezone(dt.UTC) + dt.timedelta(minutes=draw(minutes))).astimezone(PARIS)

    events = {
        name: later(reported) if draw(st.booleans()) else None
        for name in ("taken_charge_at", "workaround_at", "confirmed_at", "resolved_at")
    }
    if draw(st.integers(0, 3)) == 0:
        events["closed_at"] = later(reported)
    history, cursor = [], reported
    for state in draw(st.lists(st.sampled_from(_STATES), max_size=5)):
        cursor = later(cursor)
        history.append(StateChange(at=cursor, state=state))
    requalifications = []
    if draw(st.integers(0, 5)) == 0:
        requalifications.append(
            Requalification(at=later(reported), priority=draw(st.sampled_from(Priority)))
        )
    return Ticket(
        reference=f"T{draw(st.integers(0, 10**6))}",
        reported_at=reported,
        priority=draw(st.sampled_from(Priority)),
        history=history,
        requalifications=requalifications,
        **events,
    )


@st.composite
def _batches(draw: st.DrawFn) -> tuple[list[Ticket], dt.datetime]:
    start = p(2024, 9, 1)
    offsets = st.integers(min_value=0, max_value=400 * 24 * 60)
    count = draw(st.integers(min_value=1, max_value=12))
    reported = [start + dt.timedelta(minutes=draw(offsets)) for _ in range(count)]
    reported = [r.astimezone(dt.UTC).astimezone(PARIS) for r in reported]
    tickets = [draw(_tickets(r)) for r in reported]
    at = max(reported).astimezone(dt.UTC) + dt.timedelta(minutes=draw(offsets))
    return tickets, at.astimezone(PARIS)


@settings(max_examples=150)
@given(
    batch=_batches(),
    policy=st.sampled_from([COMELUS, S27, GTR]),
    missing=st.sampled_from(["unrecorded", "breached", "implied"]),
    requalification=st.sampled_from(["from_report", "from_requalification"]),
)
def test_evaluate_many_over_arrays_equals_evaluate(
    batch: tuple[list[Ticket], dt.datetime], policy: SlaPolicy, missing: str, requalification: str
) -> None:
    import libriciel_terms.tickets as module

    tickets, at = batch
    options = {"at": at, "missing": missing, "requalification": requalification}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "_BULK_MIN", 1)
        many = policy.evaluate_many(tickets, **options)  # type: ignore[arg-type]
    assert many._lazy is not None
    expected = [evaluate(policy, t, **options) for t in tickets]  # type: ignore[arg-type]
    # the statuses, durations and records computed over arrays, before any report is built
    assert many.to_records() == [r for e in expected for r in e.to_records()]
    assert [[str(v) for v in r.values()] for r in many.to_records()] == [
        [str(v) for v in r.values()] for e in expected for r in e.to_records()
    ]
    assert many._lazy.built.count(None) == sum(not s for s in many._lazy.scalar.tolist())
    for by, dated_by in (("month", "report"), ("quarter", "due")):
        assert compliance_summary(many, by=by, dated_by=dated_by) == compliance_summary(
            expected, by=by, dated_by=dated_by
        )
    assert list(many) == expected
    assert [(t.status, t.overdue, t.remaining, t.frozen_time) for r in many for t in r.targets] == [
        (t.status, t.overdue, t.remaining, t.frozen_time) for r in expected for t in r.targets
    ]
    assert [many[i] for i in range(-len(tickets), 0)] == expected
    assert many == TicketReports(reports=tuple(expected), policy=policy.name, at=many.at)


def test_a_large_batch_is_computed_over_arrays_and_assembled_when_read() -> None:
    tickets = [
        Ticket(
            reference=f"T{i}",
            reported_at=REPORT + dt.timedelta(hours=i),
            priority=Priority(i % 4),
            taken_charge_at=REPORT + dt.timedelta(hours=i, minutes=30),
            history=[StateChange(at=REPORT + dt.timedelta(hours=i + 1), state=_STATES[i % 10])],
        )
        for i in range(100)
    ]
    at = p(2024, 12, 1)
    many = COMELUS.evaluate_many(tickets, at=at)
    assert many._lazy is not None
    assert many._lazy.built.count(None) == 100
    assert many[5] == evaluate(COMELUS, tickets[5], at=at)
    assert many._lazy.built.count(None) == 99
    assert many.to_records() == [
        r for t in tickets for r in evaluate(COMELUS, t, at=at).to_records()
    ]
    assert pickle.loads(pickle.dumps(many)) == many
    assert len(many[10:20]) == 10
    assert many[-1].reference == "T99"
    with pytest.raises(EndBeforeStartError, match=r"tickets\[99\]\.reported_at"):
        COMELUS.evaluate_many(tickets, at=tickets[99].reported_at - dt.timedelta(seconds=1))


def test_without_numpy_evaluate_many_goes_ticket_by_ticket(monkeypatch: pytest.MonkeyPatch) -> None:
    import libriciel_terms._bulk as bulk
    from libriciel_terms.errors import OptionalDependencyError

    def missing() -> object:
        raise OptionalDependencyError("no numpy")

    monkeypatch.setattr(bulk, "numpy", missing)
    tickets = [Ticket(reported_at=REPORT + dt.timedelta(hours=i), priority=B) for i in range(70)]
    many = COMELUS.evaluate_many(tickets, at=p(2024, 11, 1))
    assert many._lazy is None
    assert list(many) == [evaluate(COMELUS, t, at=p(2024, 11, 1)) for t in tickets]


def test_business_durations_read_as_business_hours_everywhere() -> None:
    """64 business hours print « 64 h ouvrées », never "2 days, 16:00:00", and export as Decimal."""
    from libriciel_terms.ticket_records import records_to_csv_text, records_to_json_text

    ticket = Ticket(reference="CE-64", reported_at=REPORT, priority=B, taken_charge_at=REPORT)
    due = evaluate(COMELUS, ticket, at=REPORT)[RES].due
    assert due is not None
    at = HOURS.add(due, dt.timedelta(hours=64))
    report = COMELUS.evaluate_many([ticket], at=at)
    overdue = report[0][RES].overdue
    assert overdue is not None
    assert overdue.to_text() == "64\u00a0h ouvrées"
    assert overdue.to_text(lang="en") == "64 business hours"
    assert str(overdue) == "64\u00a0h ouvrées"
    record = report.to_records()[2]
    assert record["overdue_hours"] == Decimal(64)
    assert '"overdue_hours": "64"' in records_to_json_text([record])
    import csv
    import io

    (row,) = csv.DictReader(io.StringIO(records_to_csv_text([record])))
    assert row["overdue_hours"] == "64"
    assert "64\u00a0h ouvrées" in report.to_text()
    assert "<td>64\u00a0h ouvrées</td>" in report.to_html()
    assert "2 days" not in report.to_text() + report.to_html()
