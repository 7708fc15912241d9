"""Tests for libriciel_terms.compliance: the compliance summary (Contract §1.9, §4.3, §2.5.1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from libriciel_terms.compliance import ComplianceRow, ComplianceSummary, compliance_summary
from libriciel_terms.delays import BusinessDuration
from libriciel_terms.downtime import AvailabilityCommitment
from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    OutsideTermError,
    WrongTypeError,
)
from libriciel_terms.sla import Priority, SlaPolicy, Target
from libriciel_terms.tickets import Status, Ticket

PARIS = ZoneInfo("Europe/Paris")
B, M, S, MI = Priority.BLOQUANT, Priority.MAJEUR, Priority.SERIEUX, Priority.MINEUR
TC, WA, RES = Target.TAKE_CHARGE, Target.WORKAROUND, Target.RESOLUTION


def p(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


TICKETS = [
    # October: a Bloquant met everywhere but the workaround (2 h late)
    Ticket(
        reference="A",
        reported_at=p(2024, 10, 15, 10),
        priority=B,
        taken_charge_at=p(2024, 10, 15, 11),
        workaround_at=p(2024, 10, 16, 15),
        resolved_at=p(2024, 10, 18, 17),
    ),
    # October: a Mineur taken charge 19 business hours late, resolved in time
    Ticket(
        reference="B",
        reported_at=p(2024, 10, 16, 10),
        priority=MI,
        taken_charge_at=p(2024, 10, 28, 9),
        resolved_at=p(2024, 10, 30, 9),
    ),
    # November: a Mineur resolved with no take-charge recorded
    Ticket(
        reference="C", reported_at=p(2024, 11, 4, 10), priority=MI, resolved_at=p(2024, 11, 5, 9)
    ),
    # December: a Majeur still open at the evaluation
    Ticket(reference="D", reported_at=p(2024, 12, 30, 10), priority=M),
]
AT = p(2024, 12, 30, 11)
REPORTS = SlaPolicy.comelus().evaluate_many(TICKETS, at=AT)
OUTAGES = [
    (p(2024, 10, 16, 11), p(2024, 10, 16, 15, 30)),  # 2 h 30 of PSG
    (p(2024, 11, 26, 9), p(2024, 11, 26, 16)),  # 5 h of PSG
]


def test_per_month() -> None:
    summary = compliance_summary(REPORTS)
    rows = [
        (r.period, r.priority, r.target, r.met, r.breached, r.running, r.unrecorded, r.rate_percent)
        for r in summary.rows
    ]
    assert rows == [
        ("2024-10", B, TC, 1, 0, 0, 0, Decimal("100.0")),
        ("2024-10", B, WA, 0, 1, 0, 0, Decimal("0.0")),
        ("2024-10", B, RES, 1, 0, 0, 0, Decimal("100.0")),
        ("2024-10", MI, TC, 0, 1, 0, 0, Decimal("0.0")),
        ("2024-10", MI, RES, 1, 0, 0, 0, Decimal("100.0")),
        ("2024-11", MI, TC, 0, 0, 0, 1, None),
        ("2024-11", MI, RES, 1, 0, 0, 0, Decimal("100.0")),
        ("2024-12", M, TC, 0, 0, 1, 0, None),
        ("2024-12", M, WA, 0, 0, 1, 0, None),
        ("2024-12", M, RES, 0, 0, 1, 0, None),
    ]
    assert summary.rows[1].worst_overdue == BusinessDuration.of(dt.timedelta(hours=2))
    assert summary.rows[3].worst_overdue == BusinessDuration.of(dt.timedelta(hours=19))
    assert summary.rows[0].worst_overdue is None
    assert summary.missed is True
    assert summary.unrecorded == 1
    assert [r.missed for r in summary.rows[:4]] == [False, True, False, True]
    assert (summary.rows[0].period_start, summary.rows[0].period_end) == (
        dt.date(2024, 10, 1),
        dt.date(2024, 10, 31),
    )
    assert summary.policy == "table 4.3"
    assert summary.at == AT


def test_per_quarter_and_per_contract_period() -> None:
    quarter = compliance_summary(REPORTS, by="quarter")
    assert [
        (r.period, r.priority.name, r.target.name, r.met, r.breached, r.unrecorded)
        for r in quarter.rows[:5]
    ] == [
        ("2024-Q4", "BLOQUANT", "TAKE_CHARGE", 1, 0, 0),
        ("2024-Q4", "BLOQUANT", "WORKAROUND", 0, 1, 0),
        ("2024-Q4", "BLOQUANT", "RESOLUTION", 1, 0, 0),
        ("2024-Q4", "MAJEUR", "TAKE_CHARGE", 0, 0, 0),
        ("2024-Q4", "MAJEUR", "WORKAROUND", 0, 0, 0),
    ]
    mineur = [r for r in quarter.rows if r.priority is MI]
    assert [(r.target, r.met, r.breached, r.unrecorded, r.rate_percent) for r in mineur] == [
        (TC, 0, 1, 1, Decimal("0.0")),
        (RES, 2, 0, 0, Decimal("100.0")),
    ]
    assert (quarter.rows[0].period_start, quarter.rows[0].period_end) == (
        dt.date(2024, 10, 1),
        dt.date(2024, 12, 31),
    )
    periods = [(dt.date(2024, 9, 1), dt.date(2025, 8, 31))]
    contract = compliance_summary(REPORTS, by="period", periods=periods)
    assert {r.period for r in contract.rows} == {"2024-09-01/2025-08-31"}
    with pytest.raises(OutsideTermError, match="2024-10-15 is in none of the periods given"):
        compliance_summary(
            REPORTS, by="period", periods=[(dt.date(2025, 9, 1), dt.date(2026, 8, 31))]
        )
    with pytest.raises(InvalidArgumentError, match="by='period' needs periods="):
        compliance_summary(REPORTS, by="period")
    with pytest.raises(InvalidArgumentError, match="periods= is for by='period', not by='month'"):
        compliance_summary(REPORTS, periods=periods)
    with pytest.raises(EndBeforeStartError, match=r"periods\[0\]\[1\]"):
        compliance_summary(
            REPORTS, by="period", periods=[(dt.date(2025, 1, 1), dt.date(2024, 1, 1))]
        )
    with pytest.raises(
        WrongTypeError, match=r"periods\[0\]=\(1,\) is not a \(first day, last day\) pair"
    ):
        compliance_summary(REPORTS, by="period", periods=[(1,)])  # type: ignore[list-item]


def test_dated_by_due() -> None:
    late = Ticket(
        reference="E",
        reported_at=p(2024, 10, 31, 17),
        priority=S,
        taken_charge_at=p(2024, 10, 31, 17, 30),
    )
    reports = SlaPolicy.comelus().evaluate_many([late], at=p(2024, 12, 1))
    by_report = compliance_summary(reports)
    by_due = compliance_summary(reports, dated_by="due")
    assert [(r.period, r.target) for r in by_report.rows] == [("2024-10", TC), ("2024-10", RES)]
    assert [(r.period, r.target) for r in by_due.rows] == [("2024-11", TC), ("2024-11", RES)]


def test_availability_of_each_month() -> None:
    summary = compliance_summary(
        REPORTS, commitment=AvailabilityCommitment.comelus(), outages=OUTAGES
    )
    months = [(month, r.exact, r.met) for month, r in summary.availability]
    assert months == [
        ("2024-10", Fraction(317, 322), True),
        ("2024-11", Fraction(128, 133), False),  # 19 days × 7 h = 133 h, 5 h down
        ("2024-12", Fraction(1), True),
    ]
    assert summary.availability_records()[1]["month"] == "2024-11"
    assert summary.availability_records()[1]["downtime_hours"] == Decimal(5)
    notes = summary.notes(lang="en")
    assert notes[-1].startswith("2024-11: availability = 1 − 5 business hours / 133 business hours")
    quarter = compliance_summary(
        REPORTS, by="quarter", commitment=AvailabilityCommitment.comelus(), outages=OUTAGES
    )
    assert [m for m, _ in quarter.availability] == ["2024-10", "2024-11", "2024-12"]
    assert compliance_summary([], commitment=AvailabilityCommitment.comelus()).availability == ()
    with pytest.raises(WrongTypeError, match=r"commitment=0.98 is not an AvailabilityCommitment"):
        compliance_summary(REPORTS, commitment=0.98)  # type: ignore[arg-type]


def test_texts_cite_section_1_9_and_invent_no_penalty() -> None:
    summary = compliance_summary(
        REPORTS, commitment=AvailabilityCommitment.comelus(), outages=OUTAGES
    )
    french, english = summary.to_text(), summary.to_text(lang="en")
    assert french.splitlines()[0] == (
        "Respect des délais, «\u00a0table 4.3\u00a0», au lun. 2024-12-30 11:00\u00a0: délais manqués"
    )
    assert (
        english.splitlines()[0]
        == "Compliance, « table 4.3 », at Mon 2024-12-30 11:00: time limits missed"
    )
    assert "§1.9" in french
    assert (
        "la collectivité peut décider d'arrêter le service de maintenance et de support" in french
    )
    assert "Le contrat ne prévoit pas de pénalité." in french
    assert "The contract sets no penalty." in english
    assert "Disponibilité par mois" in french
    assert "Availability per month" in english
    assert "1 objectif(s) non enregistré(s)" in french
    for word in ("met", "breached", "business", "penalty", "rate"):
        assert f" {word} " not in french
    for word in ("respectés", "dépassés", "ouvrées", "pénalité", "taux"):
        assert word not in english
    html = summary._repr_html_()
    assert html.count("<table>") == 2
    assert "§1.9" in html
    quiet = compliance_summary(REPORTS[:1][0:0])
    assert quiet.missed is False
    assert quiet.notes() == ()
    assert quiet.headline(lang="en") == "Compliance, «  », at : no time limit missed"


def test_records() -> None:
    summary = compliance_summary(REPORTS)
    assert summary.to_records()[3] == {
        "period": "2024-10",
        "period_start": dt.date(2024, 10, 1),
        "period_end": dt.date(2024, 10, 31),
        "priority": "Niveau 3 - Mineur",
        "target": "take_charge",
        "met": 0,
        "breached": 1,
        "running": 0,
        "not_started": 0,
        "unrecorded": 0,
        "not_applicable": 0,
        "rate_percent": Decimal("0.0"),
        "worst_overdue_hours": Decimal(19),
        "missed": True,
    }


def test_rates_round_down() -> None:
    row = ComplianceRow(
        period="x",
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 1, 31),
        priority=B,
        target=TC,
        met=2,
        breached=1,
    )
    assert row.rate_percent == Decimal("66.6")
    assert row.decided == 3
    assert (
        ComplianceRow(
            period="x",
            period_start=dt.date(2024, 1, 1),
            period_end=dt.date(2024, 1, 31),
            priority=B,
            target=TC,
            unrecorded=3,
        ).rate_percent
        is None
    )


def test_missing_readings_change_the_counts() -> None:
    implied = SlaPolicy.comelus().evaluate_many(TICKETS, at=AT, missing="implied")
    november = [r for r in compliance_summary(implied).rows if r.period == "2024-11"]
    assert (november[0].met, november[0].unrecorded) == (1, 0)
    breached = SlaPolicy.comelus().evaluate_many(TICKETS, at=AT, missing="breached")
    november = [r for r in compliance_summary(breached).rows if r.period == "2024-11"]
    assert (november[0].breached, november[0].unrecorded) == (1, 0)


def test_bad_input() -> None:
    with pytest.raises(WrongTypeError, match=r"reports\[0\]=1 is a int, not TicketReport"):
        compliance_summary([1])  # type: ignore[list-item]
    with pytest.raises(
        InvalidArgumentError, match="dated_by='resolution' is not one of 'report', 'due'"
    ):
        compliance_summary(REPORTS, dated_by="resolution")  # type: ignore[arg-type]
    assert isinstance(compliance_summary(REPORTS), ComplianceSummary)


def test_rates_ignore_a_hostile_decimal_context(hostile_decimal: object) -> None:
    summary = compliance_summary(
        REPORTS, commitment=AvailabilityCommitment.comelus(), outages=OUTAGES
    )
    assert summary.rows[0].rate_percent == Decimal("100.0")
    assert ComplianceRow(
        period="x",
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 1, 31),
        priority=B,
        target=TC,
        met=1,
        breached=2,
    ).rate_percent == Decimal("33.3")
    assert summary.to_records()[3]["worst_overdue_hours"] == Decimal(19)
    assert "95,488" not in summary.to_text()
    assert "96,240\u202f%" in summary.to_text()


def _headers(text: str, line: int = 1) -> list[str]:
    return [h.strip() for h in text.splitlines()[line].split("  ") if h.strip()]


def test_summary_headers_and_notes_in_both_languages() -> None:
    summary = compliance_summary(
        REPORTS, commitment=AvailabilityCommitment.comelus(), outages=OUTAGES
    )
    french, english = summary.to_text(), summary.to_text(lang="en")
    assert _headers(french) == [
        "période",
        "priorité",
        "objectif",
        "respectés",
        "dépassés",
        "en cours",
        "non démarrés",
        "non enregistrés",
        "sans objet",
        "taux",
        "pire retard",
        "délais manqués",
        "début",
        "fin",
    ]
    assert _headers(english) == [
        "period",
        "priority",
        "target",
        "met",
        "breached",
        "running",
        "not started",
        "unrecorded",
        "not applicable",
        "rate",
        "worst overdue",
        "time limits missed",
        "start",
        "end",
    ]
    months_at = french.splitlines().index("Disponibilité par mois")
    assert _headers(french, months_at + 1) == [
        "mois",
        "PSG",
        "indisponibilité",
        "disponibilité",
        "engagement",
        "respecté",
        "travaux dans la PSG",
    ]
    months_at = english.splitlines().index("Availability per month")
    assert _headers(english, months_at + 1) == [
        "month",
        "PSG",
        "downtime",
        "availability",
        "commitment",
        "met",
        "planned work in the PSG",
    ]
    notes = summary.notes()
    assert notes[0].startswith(
        "§1.9\u00a0: lorsque les prestations ne sont pas exécutées dans les délais prévus"
    )
    assert notes[1] == (
        "1 objectif(s) non enregistré(s)\u00a0: un événement manque (la prise en charge) alors qu'un "
        "événement ultérieur montre qu'il a eu lieu\u202f; ils ne sont comptés ni respectés ni dépassés."
    )
    assert summary.notes(lang="en")[1] == (
        "1 target(s) unrecorded: an event (the take-charge) is missing although a later event "
        "shows it happened; counted neither met nor breached."
    )
    assert notes[2].startswith(
        "2024-11\u00a0: disponibilité = 1 − 5\u00a0h ouvrées / 133\u00a0h ouvrées"
    )
    html = summary.to_html(lang="en")
    assert "<caption>Availability per month</caption>" in html
    assert "<caption>Compliance, «" in html
    assert "<p>§1.9: when the services" in html


@pytest.mark.parametrize(
    ("day", "label", "first", "last"),
    [
        (dt.date(2024, 1, 1), "2024-Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        (dt.date(2024, 3, 31), "2024-Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        (dt.date(2024, 4, 1), "2024-Q2", dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
        (dt.date(2024, 9, 30), "2024-Q3", dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
        (dt.date(2024, 12, 31), "2024-Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
    ],
)
def test_quarters(day: dt.date, label: str, first: dt.date, last: dt.date) -> None:
    ticket = Ticket(
        reported_at=dt.datetime.combine(day, dt.time(10), tzinfo=PARIS),
        priority=S,
        taken_charge_at=dt.datetime.combine(day, dt.time(10, 30), tzinfo=PARIS),
    )
    reports = SlaPolicy.comelus().evaluate_many(
        [ticket], at=dt.datetime.combine(day, dt.time(11), tzinfo=PARIS)
    )
    row = compliance_summary(reports, by="quarter").rows[0]
    assert (row.period, row.period_start, row.period_end) == (label, first, last)


def test_the_worst_overdue_is_the_largest() -> None:
    tickets = [
        Ticket(
            reported_at=p(2024, 10, 15, 10), priority=B, taken_charge_at=p(2024, 10, 15, 17)
        ),  # 1 h late
        Ticket(
            reported_at=p(2024, 10, 15, 10), priority=B, taken_charge_at=p(2024, 10, 16, 10)
        ),  # 3 h late
        Ticket(
            reported_at=p(2024, 10, 15, 10), priority=B, taken_charge_at=p(2024, 10, 15, 16, 30)
        ),  # 30 min
    ]
    row = compliance_summary(
        SlaPolicy.comelus().evaluate_many(tickets, at=p(2024, 10, 20)), dated_by="due"
    ).rows[0]
    assert (row.breached, row.worst_overdue) == (3, BusinessDuration.of(dt.timedelta(hours=3)))


def test_availability_over_contract_periods_without_rows() -> None:
    periods = [(dt.date(2024, 10, 1), dt.date(2024, 11, 30))]
    summary = compliance_summary(
        [],
        by="period",
        periods=periods,
        commitment=AvailabilityCommitment.comelus(),
        outages=OUTAGES,
    )
    assert [m for m, _ in summary.availability] == ["2024-10", "2024-11"]
    assert summary.policy == ""
    assert summary.at is None
    assert summary.rows == ()


def _many(n: int) -> list[Ticket]:
    """``n`` tickets over five months: every priority, events missing, closings, freezes, and a
    few requalified (evaluated one by one inside a batch)."""
    from libriciel_terms.states import TicketState
    from libriciel_terms.tickets import Requalification, StateChange

    tickets = []
    for i in range(n):
        reported = p(2024, 9, 2, 9) + dt.timedelta(hours=29 * i)
        later = [reported + dt.timedelta(hours=h) for h in (1 + i % 5, 20 + i % 41, 60 + i % 97)]
        tickets.append(
            Ticket(
                reference=f"T{i}",
                reported_at=reported,
                priority=Priority(i % 4),
                taken_charge_at=later[0] if i % 3 else None,
                workaround_at=later[1] if i % 4 else None,
                resolved_at=later[2] if i % 5 else None,
                closed_at=later[2] + dt.timedelta(hours=3) if i % 7 == 0 else None,
                history=[StateChange(at=later[0], state=TicketState.A_QUALIFIER_CLIENT)]
                + [StateChange(at=later[1], state=TicketState.EN_COURS_DE_TRAITEMENT)] * (i % 2)
                if i % 6 == 0
                else [],
                requalifications=[Requalification(at=later[0], priority=Priority((i + 1) % 4))]
                if i % 11 == 0
                else [],
            )
        )
    return tickets


@pytest.mark.parametrize("missing", ["unrecorded", "breached", "implied"])
def test_a_summary_of_reports_computed_over_arrays_is_the_same(missing: str) -> None:
    """Counted over the arrays of ``evaluate_many`` or report by report: the same summary."""
    tickets = _many(120)
    policy = SlaPolicy.comelus()
    many = policy.evaluate_many(tickets, at=p(2025, 2, 3), missing=missing)  # type: ignore[arg-type]
    assert many._lazy is not None
    each = [policy.evaluate(t, at=p(2025, 2, 3), missing=missing) for t in tickets]  # type: ignore[arg-type]
    periods = [
        (dt.date(2024, 9, 1), dt.date(2024, 12, 31)),
        (dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
    ]
    for options in (
        {},
        {"by": "quarter", "dated_by": "due"},
        {"by": "period", "periods": periods},
        {"commitment": AvailabilityCommitment.comelus()},
    ):
        summary = compliance_summary(many, **options)  # type: ignore[arg-type]
        assert summary == compliance_summary(each, **options)  # type: ignore[arg-type]
        assert summary.to_text() == compliance_summary(each, **options).to_text()  # type: ignore[arg-type]
    assert many._lazy.built.count(None) == 120 - 11  # only the requalified were built
    assert sum(r.breached for r in summary.rows) > 0
    assert any(r.worst_overdue for r in summary.rows)
    short = [(dt.date(2024, 9, 1), dt.date(2024, 10, 31))]
    with pytest.raises(OutsideTermError) as bulk:
        compliance_summary(many, by="period", periods=short)
    with pytest.raises(OutsideTermError) as one_by_one:
        compliance_summary(each, by="period", periods=short)
    assert str(bulk.value) == str(one_by_one.value)


def test_running_and_frozen_targets_count_together_over_arrays() -> None:
    """A frozen target counts as running: over arrays, the two statuses add up in one row."""
    from libriciel_terms.states import TicketState
    from libriciel_terms.tickets import StateChange

    tickets = []
    for i in range(64):
        reported = p(2025, 1, 6, 9) + dt.timedelta(minutes=i)
        frozen = [
            StateChange(at=reported + dt.timedelta(hours=1), state=TicketState.A_QUALIFIER_CLIENT)
        ]
        tickets.append(
            Ticket(
                reference=f"T{i}",
                reported_at=reported,
                priority=MI,
                taken_charge_at=reported + dt.timedelta(minutes=30),
                history=frozen if i % 2 else [],
            )
        )
    policy = SlaPolicy.comelus()
    many = policy.evaluate_many(tickets, at=p(2025, 1, 7, 10))
    assert many._lazy is not None
    statuses = {t.target: set() for t in many[0].targets}  # type: ignore[var-annotated]
    for report in many:
        for target in report.targets:
            statuses[target.target].add(target.status)
    assert statuses[RES] == {Status.RUNNING, Status.FROZEN}
    summary = compliance_summary(many)
    rows = [(r.period, r.target, r.met, r.running, r.breached) for r in summary.rows]
    assert rows == [("2025-01", TC, 64, 0, 0), ("2025-01", RES, 0, 64, 0)]
    each = [policy.evaluate(t, at=p(2025, 1, 7, 10)) for t in tickets]
    assert summary == compliance_summary(each)


def test_the_months_table_in_english_html() -> None:
    summary = compliance_summary(
        REPORTS, commitment=AvailabilityCommitment.comelus(), outages=OUTAGES
    )
    english = summary.to_html(lang="en")
    assert "<caption>Availability per month</caption>" in english
    assert "indisponibilité" not in english
    assert ">downtime<" in english
    assert "indisponibilité" in summary.to_html()
