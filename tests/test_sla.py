"""Tests for libriciel_terms.sla: policies, due instants, freezes, tickets (RULES.md §2)."""

from __future__ import annotations

import datetime as dt
import decimal
import pickle
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from libriciel_terms.delays import Delay
from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    MissingEventError,
    NaiveDatetimeError,
    OutOfRangeError,
    TermsError,
    WrongTypeError,
)
from libriciel_terms.holidays import FRANCE
from libriciel_terms.hours import BusinessHours
from libriciel_terms.sla import (
    Priority,
    Requalification,
    SlaPolicy,
    SlaTarget,
    StateChange,
    Status,
    Target,
    Ticket,
    TicketState,
    automatic_transition,
    compare_policies,
    merge_intervals,
)
from tests.strategies import aware_datetimes

PARIS = ZoneInfo("Europe/Paris")
COMELUS = SlaPolicy.comelus()
S27 = SlaPolicy.section_2_7()
GTR = SlaPolicy.hosting_gtr()
B, M, S, MI = Priority.BLOQUANT, Priority.MAJEUR, Priority.SERIEUX, Priority.MINEUR
TC, WA, RES, RST = Target.TAKE_CHARGE, Target.WORKAROUND, Target.RESOLUTION, Target.RESTORE


def p(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


REPORT = p(2024, 10, 15, 10, 0)  # Tuesday


# -- the tables ------------------------------------------------------------------------------------

# Table 4.3 from Tue 2024-10-15 10:00 (1 and 11 November are holidays), computed by hand.
TABLE_4_3 = [
    (B, TC, p(2024, 10, 15, 16, 0)),
    (B, WA, p(2024, 10, 16, 11, 0)),
    (B, RES, p(2024, 10, 18, 18, 0)),
    (M, TC, p(2024, 10, 16, 11, 0)),
    (M, WA, p(2024, 10, 18, 15, 0)),
    (M, RES, p(2024, 10, 22, 18, 0)),
    (S, TC, p(2024, 10, 16, 17, 0)),
    (S, WA, None),
    (S, RES, p(2024, 11, 6, 18, 0)),
    (MI, TC, p(2024, 10, 22, 11, 0)),
    (MI, WA, None),
    (MI, RES, p(2024, 11, 28, 18, 0)),
    (B, RST, None),
]


@pytest.mark.parametrize(("priority", "target", "expected"), TABLE_4_3)
def test_table_4_3(priority: Priority, target: Target, expected: dt.datetime | None) -> None:
    assert COMELUS.due(priority, target, REPORT) == expected


@pytest.mark.parametrize(
    ("priority", "reported", "expected"),
    [
        (B, p(2024, 12, 20, 16, 30), p(2024, 12, 23, 11, 30)),  # RULES.md §1, 4 h
        (M, p(2024, 12, 20, 16, 30), p(2024, 12, 23, 17, 30)),  # 8 h
        (M, p(2024, 5, 8, 10, 0), p(2024, 5, 13, 10, 0)),  # 8 May and Ascension
        (MI, p(2025, 6, 2, 9, 0), p(2025, 6, 10, 10, 0)),  # 36 h, Whit Monday
        (B, p(2024, 10, 15, 12, 30), p(2024, 10, 15, 18, 0)),  # starts at the 14:00 opening
    ],
)
def test_take_charge_rules_examples(
    priority: Priority, reported: dt.datetime, expected: dt.datetime
) -> None:
    assert COMELUS.due(priority, TC, reported) == expected


SECTION_2_7 = [
    (B, TC, p(2024, 10, 15, 16, 0)),
    (M, TC, p(2024, 10, 15, 16, 0)),
    (S, TC, None),
    (MI, TC, p(2024, 10, 15, 16, 0)),
    (B, WA, p(2024, 10, 16, 11, 0)),
    (M, WA, p(2024, 10, 18, 15, 0)),
    (S, RES, None),
    (MI, WA, None),
    (MI, RES, p(2024, 11, 28, 18, 0)),
]


@pytest.mark.parametrize(("priority", "target", "expected"), SECTION_2_7)
def test_section_2_7(priority: Priority, target: Target, expected: dt.datetime | None) -> None:
    assert S27.due(priority, target, REPORT) == expected


def test_section_2_7_resolution_counts_from_the_workaround() -> None:
    workaround = p(2024, 10, 16, 11, 0)
    assert S27.due(B, RES, REPORT, event_at=workaround) == p(2024, 10, 21, 18, 0)
    assert S27.due(M, RES, REPORT, event_at=workaround) == p(2024, 10, 23, 18, 0)
    with pytest.raises(MissingEventError, match="workaround given"):
        S27.due(B, RES, REPORT)


def test_hosting_gtr() -> None:
    reported = p(2024, 10, 16, 11, 0)
    assert GTR.due(B, TC, reported) == p(2024, 10, 16, 15, 0)
    assert GTR.due(M, RST, reported, event_at=p(2024, 10, 16, 17, 0)) == p(2024, 10, 17, 12, 0)
    assert GTR.due(S, TC, reported) is None  # §2.8: blocking or major only
    with pytest.raises(MissingEventError, match="actual take-charge"):
        GTR.due(B, RST, reported)


def test_rows_are_the_printable_table() -> None:
    rows = COMELUS.rows()
    assert len(rows) == 10
    assert rows[2] == {
        "priority": "Niveau 0 - Bloquant",
        "target": "RESOLUTION",
        "delay": "3 jours ouvrés (civil counting)",
        "counted_from": "the report",
        "freezes": True,
        "condition": "if the blocking character is confirmed",
        "clause": "Contract §4.3, §5.2.4.1",
    }
    assert COMELUS.to_records() == rows
    assert [r["delay"] for r in S27.rows() if r["target"] == "TAKE_CHARGE"] == [
        "4 business hours"
    ] * 3
    assert "<table>" in COMELUS._repr_html_()
    assert "C2" in COMELUS.target(M, RES).condition  # type: ignore[union-attr]


def test_compare_policies_lists_every_difference() -> None:
    diff = compare_policies(COMELUS, S27)
    got = {(d.priority, d.target): d.aspects for d in diff.differences}
    assert got == {
        (B, RES): ("counted from",),
        (M, TC): ("delay",),
        (M, RES): ("counted from",),
        (S, TC): ("presence",),
        (S, RES): ("presence",),
        (MI, TC): ("delay",),
    }
    assert COMELUS.compare(COMELUS).differences == ()
    records = diff.to_records()
    assert records[1]["table 4.3"] == "8 business hours from the report"
    assert records[1]["section 2.7"] == "4 business hours from the report"
    assert "<table>" in diff._repr_html_()


def test_policy_is_data() -> None:
    custom = SlaPolicy(
        name="custom",
        targets=[
            SlaTarget(
                priority=2,
                target="resolution",
                delay=Delay.working_days(2, counting="daily_hours"),
                freezes=True,
                clause="test",
            )
        ],
    )
    assert custom.due(2, "RESOLUTION", REPORT) == p(2024, 10, 17, 10, 0)
    assert pickle.loads(pickle.dumps(COMELUS)) == COMELUS
    assert pickle.loads(pickle.dumps(COMELUS)).due(B, TC, REPORT) == p(2024, 10, 15, 16, 0)
    with pytest.raises(InvalidArgumentError, match="two rows"):
        SlaPolicy(name="x", targets=list(COMELUS.targets[:1]) * 2)
    with pytest.raises(OutOfRangeError):
        SlaTarget(priority=0, target=TC, delay=Delay.business_hours(0), clause="x")
    with pytest.raises(WrongTypeError):
        SlaTarget(priority=0, target=TC, delay="4h", clause="x")  # type: ignore[arg-type]


def test_priority_and_target_labels() -> None:
    assert [p.label for p in Priority] == [
        "Niveau 0 - Bloquant",
        "Niveau 1 - Majeur",
        "Niveau 2 - Sérieux",
        "Niveau 3 - Mineur",
    ]
    assert [int(p) for p in Priority] == [0, 1, 2, 3]
    assert TC.label == "prise en charge (qualification)"


def test_ticket_states() -> None:
    assert len(TicketState) == 20
    frozen = {s for s in TicketState if s.freezes}
    assert frozen == {
        TicketState.A_QUALIFIER_CLIENT,
        TicketState.ATTENTE_INFORMATION_INTERNE,
        TicketState.ATTENTE_INFORMATION_COMPLEMENTAIRE,
        TicketState.ATTENTE_DGCL_DGFIP,
    }
    assert TicketState.NOUVEAU.label == "nouveau"
    assert TicketState.TRAITE_A_VALIDER_CLIENT.label == "traité à valider par le client"
    assert "C9" in TicketState.TRAITE_A_VALIDER_CLIENT.clause
    assert {s for s in TicketState if s.triggered_by == "client"} == {
        TicketState.NOUVEAU,
        TicketState.CLOS_PAR_CLIENT,
        TicketState.RETOUR_INFORMATION_CLIENT,
        TicketState.RELANCE_CLIENT,
    }
    assert {s for s in TicketState if s.automatic} == {
        TicketState.TRAITE_BUG_CORRIGE,
        TicketState.TRAITE_EVOLUTION_INTEGREE,
        TicketState.TRAITE_FERMETURE_AUTOMATIQUE,
    }
    assert TicketState.A_QUALIFIER_CLIENT.awaits == "client"


# -- freezes: examples ---------------------------------------------------------------------------


def test_freeze_moves_resolution_only() -> None:
    freeze = [(p(2024, 10, 16, 9, 0), p(2024, 10, 16, 11, 0))]
    assert COMELUS.due(B, RES, REPORT, frozen=freeze) == p(2024, 10, 21, 11, 0)
    assert COMELUS.due(B, WA, REPORT, frozen=freeze) == p(2024, 10, 16, 11, 0)  # ignored


def test_freeze_before_report_and_overlaps() -> None:
    before = (p(2024, 10, 14, 9, 0), p(2024, 10, 15, 11, 0))  # only 10:00–11:00 counts
    overlap = [before, (p(2024, 10, 15, 10, 30), p(2024, 10, 15, 11, 0))]
    assert COMELUS.due(B, RES, REPORT, frozen=[before]) == p(2024, 10, 21, 10, 0)
    assert COMELUS.due(B, RES, REPORT, frozen=overlap) == p(2024, 10, 21, 10, 0)


def test_freeze_after_due_changes_nothing() -> None:
    late = [(p(2024, 10, 18, 18, 0), p(2024, 10, 25, 18, 0))]
    assert COMELUS.due(B, RES, REPORT, frozen=late) == p(2024, 10, 18, 18, 0)


def test_merge_intervals() -> None:
    a, b, c = p(2024, 10, 15, 9, 0), p(2024, 10, 15, 10, 0), p(2024, 10, 15, 11, 0)
    assert merge_intervals([(b, c), (a, b)]) == ((a, c),)
    assert merge_intervals([(a, a)]) == ()
    assert merge_intervals([(a, b)], after=c) == ()
    assert merge_intervals([(a, c)], after=b) == ((b, c),)


# -- freezes: properties against a slow reference --------------------------------------------------

_MINUTE = dt.timedelta(minutes=1)


def _open_minute(t: dt.datetime) -> bool:
    """Is the PSG open during the minute starting at t? (written from §4.1, not from hours.py)."""
    local = t.astimezone(PARIS)
    if local.weekday() >= 5 or FRANCE.is_holiday(local.date()):
        return False
    return 9 <= local.hour < 12 or 14 <= local.hour < 18


def _civil_deadline(start: dt.datetime, days: int) -> dt.datetime:
    day = start.astimezone(PARIS).date()
    while days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and not FRANCE.is_holiday(day):
            days -= 1
    return dt.datetime.combine(day, dt.time(18, 0), tzinfo=PARIS)


def reference_due(
    start: dt.datetime, delay: Delay, freezes: list[tuple[dt.datetime, dt.datetime]]
) -> dt.datetime:
    """Walk minute by minute; count open minutes not inside a freeze until the délai is spent."""
    if delay.unit == "business_hours":
        budget = delay.amount * 60
    else:
        end, budget, t = _civil_deadline(start, delay.amount), 0, start
        while t < end:
            budget += _open_minute(t)
            t += _MINUTE
    t, spent = start, 0
    while spent < budget:
        if _open_minute(t) and not any(fs <= t < fe for fs, fe in freezes):
            spent += 1
        t += _MINUTE
    return t


_reports = aware_datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2026, 12, 1))


@st.composite
def freezes_after(draw: st.DrawFn, start: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    result = []
    for _ in range(draw(st.integers(0, 3))):
        offset = draw(st.integers(-3 * 24 * 60, 20 * 24 * 60))
        length = draw(st.integers(0, 4 * 24 * 60))
        fs = start + dt.timedelta(minutes=offset)
        result.append((fs, fs + dt.timedelta(minutes=length)))
    return result


_HOUR_ROWS = [r for r in COMELUS.targets if r.delay.unit == "business_hours"]


def _freezing(delay: Delay) -> SlaPolicy:
    row = SlaTarget(priority=0, target=RES, delay=delay, freezes=True, clause="test")
    return SlaPolicy(name="test", targets=[row])


@settings(max_examples=60)
@given(
    data=st.data(),
    reported=_reports,
    delay=st.one_of(
        st.integers(1, 40).map(Delay.business_hours), st.integers(1, 5).map(Delay.working_days)
    ),
)
def test_due_equals_minute_walker(data: st.DataObject, reported: dt.datetime, delay: Delay) -> None:
    start = reported.replace(second=0, microsecond=0)
    freezes = data.draw(freezes_after(start))
    got = _freezing(delay).due(B, RES, start, frozen=freezes)
    assert got == reference_due(start, delay, freezes)


@settings(max_examples=10)
@given(reported=_reports, data=st.data())
def test_table_4_3_resolution_equals_minute_walker(
    reported: dt.datetime, data: st.DataObject
) -> None:
    start = reported.replace(second=0, microsecond=0)
    priority = data.draw(st.sampled_from(list(Priority)))
    freezes = data.draw(freezes_after(start))
    row = COMELUS.target(priority, RES)
    assert row is not None
    got = COMELUS.due(priority, RES, start, frozen=freezes)
    assert got == reference_due(start, row.delay, freezes)


@given(reported=_reports, data=st.data())
def test_freeze_properties(reported: dt.datetime, data: st.DataObject) -> None:
    priority = data.draw(st.sampled_from(list(Priority)))
    freezes = data.draw(freezes_after(reported))
    plain = COMELUS.due(priority, RES, reported)
    frozen = COMELUS.due(priority, RES, reported, frozen=freezes)
    assert plain is not None
    assert frozen is not None
    assert plain >= reported
    assert frozen >= reported
    assert frozen >= plain  # freezes never make a due earlier
    assert frozen.tzinfo is PARIS or frozen.tzinfo == PARIS
    # splitting a freeze into two adjacent ones changes nothing
    if freezes:
        fs, fe = freezes[0]
        cut = fs + (fe - fs) / 2
        split = [(fs, cut), (cut, fe), *freezes[1:]]
        assert COMELUS.due(priority, RES, reported, frozen=split) == frozen
    # a freeze starting at or after the due instant changes nothing
    later = [*freezes, (frozen, frozen + dt.timedelta(days=3))]
    assert COMELUS.due(priority, RES, reported, frozen=later) == frozen


@given(reported=_reports)
def test_due_never_before_report_for_every_row(reported: dt.datetime) -> None:
    for row in (*COMELUS.targets, *S27.targets, *GTR.targets):
        policy = next(x for x in (COMELUS, S27, GTR) if row in x.targets)
        event = None if row.counted_from == "report" else reported + dt.timedelta(hours=1)
        due = policy.due(row.priority, row.target, reported, event_at=event)
        assert due is not None
        assert due > (event or reported)
        assert BusinessHours.comelus().elapsed(event or reported, due) > dt.timedelta(0)


# -- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"reported_at": dt.datetime(2024, 10, 15, 10, 0)}, NaiveDatetimeError, "reported_at="),
        ({"reported_at": "2024-10-15"}, WrongTypeError, "not a datetime"),
        ({"priority": 7}, OutOfRangeError, "priority=7"),
        ({"priority": "BLOQUANT"}, WrongTypeError, "priority="),
        ({"priority": True}, WrongTypeError, "priority="),
        ({"target": "nope"}, WrongTypeError, "target="),
        ({"frozen": [(p(2024, 10, 16, 11), p(2024, 10, 16, 9))]}, EndBeforeStartError, "frozen"),
        (
            {"frozen": [(p(2024, 10, 16, 9), dt.datetime(2024, 10, 16))]},
            NaiveDatetimeError,
            r"frozen\[0\]\[1\]",
        ),
        ({"frozen": [p(2024, 10, 16, 9)]}, WrongTypeError, "frozen"),
        ({"frozen": 3}, WrongTypeError, "frozen"),
        ({"event_at": p(2024, 10, 16)}, InvalidArgumentError, "drop event_at"),
    ],
)
def test_due_refuses_bad_input(kwargs: dict[str, object], error: type, match: str) -> None:
    args: dict[str, object] = {"priority": B, "target": RES, "reported_at": REPORT} | kwargs
    with pytest.raises(error, match=match):
        COMELUS.due(args.pop("priority"), args.pop("target"), args.pop("reported_at"), **args)  # type: ignore[arg-type]


def test_event_before_report_refused() -> None:
    with pytest.raises(EndBeforeStartError, match="event_at"):
        GTR.due(B, RST, REPORT, event_at=p(2024, 10, 14, 10, 0))


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
    with pytest.raises(NaiveDatetimeError):
        Ticket(reported_at=dt.datetime(2024, 10, 15), priority=B)
    with pytest.raises(OutOfRangeError):
        Ticket(reported_at=REPORT, priority=4)
    with pytest.raises(WrongTypeError):
        StateChange(at=REPORT, state="nouveau")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError):
        COMELUS.evaluate("ticket", at=REPORT)  # type: ignore[arg-type]
    with pytest.raises(NaiveDatetimeError):
        COMELUS.evaluate(Ticket(reported_at=REPORT, priority=B), at=dt.datetime(2024, 10, 16))
    with pytest.raises(InvalidArgumentError):
        COMELUS.evaluate(
            Ticket(reported_at=REPORT, priority=B),
            at=REPORT,
            requalification="never",  # type: ignore[arg-type]
        )


def test_every_refusal_is_a_value_error() -> None:
    assert issubclass(MissingEventError, TermsError)
    with pytest.raises(ValueError, match="priority"):
        COMELUS.due(9, TC, REPORT)


# -- ticket evaluation ---------------------------------------------------------------------------


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
    assert report[WA].overdue == dt.timedelta(hours=2)  # 11–12 and 14–15
    res = report[RES]
    assert res.due == p(2024, 10, 21, 11, 0)
    assert res.frozen_time == dt.timedelta(hours=2)
    assert res.freezes == ((p(2024, 10, 16, 9, 0), p(2024, 10, 16, 11, 0)),)
    assert res.met_at == p(2024, 10, 21, 10, 0)
    assert "Contract §4.3" in res.explanation
    assert "frozen 2 h 00 min" in res.explanation
    assert report.state is TicketState.TRAITE_A_VALIDER_CLIENT
    assert report.obligations == ()


def test_evaluate_while_running_and_frozen() -> None:
    ticket = _ticket()
    running = COMELUS.evaluate(ticket, at=p(2024, 10, 15, 10, 30))
    assert running[TC].status is Status.RUNNING
    assert running[TC].remaining == dt.timedelta(hours=3, minutes=30)
    frozen = COMELUS.evaluate(ticket, at=p(2024, 10, 16, 10, 0))
    assert frozen[RES].status is Status.FROZEN
    assert frozen[RES].due == p(2024, 10, 21, 10, 0)  # provisional: frozen 1 h so far
    assert frozen[WA].status is Status.RUNNING  # freezes never stop the workaround clock
    assert "provisional" in frozen[RES].explanation
    # facts after `at` are unknown at `at`
    assert frozen[TC].status is Status.MET
    assert COMELUS.evaluate(ticket, at=p(2024, 10, 15, 10, 59))[TC].status is Status.RUNNING


def test_evaluate_breached_unmet() -> None:
    ticket = Ticket(reported_at=REPORT, priority=S)
    report = COMELUS.evaluate(ticket, at=p(2024, 10, 17, 9, 30))
    assert report[TC].status is Status.BREACHED
    assert report[TC].overdue == dt.timedelta(hours=1, minutes=30)
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
    assert report[RST].overdue == dt.timedelta(minutes=15)


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
    assert "§4.3" in report.obligations[0]
    assert "phone or write" in report.obligations[0]
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
    import attrs

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
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(records)
    assert list(frame["status"]) == [
        "met",
        "breached",
        "met",
        "breached",
        "not applicable",
        "running",
    ]


# -- automatic transitions (C9) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "target"),
    [
        (TicketState.BUG_CORRIGE_VERSION, TicketState.TRAITE_BUG_CORRIGE),
        (TicketState.EVOLUTION_INTEGREE_VERSION, TicketState.TRAITE_EVOLUTION_INTEGREE),
        (TicketState.TRAITE_A_VALIDER_CLIENT, TicketState.TRAITE_FERMETURE_AUTOMATIQUE),
    ],
)
def test_automatic_transitions(state: TicketState, target: TicketState) -> None:
    move = automatic_transition(state, REPORT)
    assert move is not None
    assert move.to_state is target
    assert move.at == p(2024, 11, 4, 10, 0)  # DST ended on 27 October; wall clock kept
    later = automatic_transition(state, REPORT, last_client_action_at=p(2024, 10, 20, 8, 0))
    assert later is not None
    assert later.at == p(2024, 11, 9, 8, 0)
    working = automatic_transition(state, REPORT, counting="working_days")
    assert working is not None
    assert working.at == p(2024, 11, 14, 10, 0)


def test_automatic_transition_none_and_errors() -> None:
    for state in TicketState:
        if state not in (
            TicketState.BUG_CORRIGE_VERSION,
            TicketState.EVOLUTION_INTEGREE_VERSION,
            TicketState.TRAITE_A_VALIDER_CLIENT,
        ):
            assert automatic_transition(state, REPORT) is None
    with pytest.raises(EndBeforeStartError):
        automatic_transition(
            TicketState.BUG_CORRIGE_VERSION, REPORT, last_client_action_at=p(2024, 10, 1)
        )
    with pytest.raises(InvalidArgumentError):
        automatic_transition(TicketState.BUG_CORRIGE_VERSION, REPORT, counting="weeks")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError):
        automatic_transition("nouveau", REPORT)  # type: ignore[arg-type]
    with pytest.raises(NaiveDatetimeError):
        automatic_transition(TicketState.BUG_CORRIGE_VERSION, dt.datetime(2024, 10, 15))


# -- no hidden inputs ----------------------------------------------------------------------------


def test_results_ignore_a_hostile_decimal_context() -> None:
    expected = COMELUS.evaluate(_ticket(), at=p(2024, 10, 25, 12, 0))
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        ctx.traps[decimal.Inexact] = True
        assert COMELUS.evaluate(_ticket(), at=p(2024, 10, 25, 12, 0)) == expected


def test_inputs_in_other_zones() -> None:
    utc = REPORT.astimezone(dt.UTC)
    due = COMELUS.due(B, RES, utc)
    assert due == p(2024, 10, 18, 18, 0)
    assert due is not None
    assert due.tzinfo == PARIS


def test_freeze_that_just_ended_is_not_frozen() -> None:
    report = COMELUS.evaluate(_ticket(), at=p(2024, 10, 16, 11, 0))
    assert report[RES].status is Status.RUNNING
    assert report[RES].due == p(2024, 10, 21, 11, 0)
