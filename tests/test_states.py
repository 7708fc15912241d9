"""Tests for libriciel_terms.states: the ticket states of §5.2.4 and the automatic transitions (C9)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
    WrongTypeError,
)
from libriciel_terms.holidays import ExplicitHolidays
from libriciel_terms.hours import BusinessHours
from libriciel_terms.states import AutoTransition, TicketState, automatic_transition
from tests.strategies import aware_datetimes

PARIS = ZoneInfo("Europe/Paris")
HOURS = BusinessHours.comelus()


def p(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


REPORT = p(2024, 10, 15, 10, 0)  # Tuesday

LABELS = {
    TicketState.NOUVEAU: ("nouveau", "client", "libriciel", "§5.2.4"),
    TicketState.A_QUALIFIER_RESPONSABLE_POLE: (
        "A qualifier par le Responsable de pôle",
        "libriciel",
        "libriciel",
        "§5.2.4.1",
    ),
    TicketState.A_QUALIFIER_PROPRIETAIRE: (
        "A qualifier par le propriétaire",
        "libriciel",
        "libriciel",
        "§5.2.4.1",
    ),
    TicketState.A_QUALIFIER_CHARGE_AFFAIRE: (
        "A qualifier par votre chargé d'affaire",
        "libriciel",
        "libriciel",
        "§5.2.4.1",
    ),
    TicketState.A_QUALIFIER_CLIENT: (
        "A qualifier par le client",
        "libriciel",
        "client",
        "§5.2.4.1",
    ),
    TicketState.ATTENTE_INFORMATION_INTERNE: (
        "En attente information interne",
        "libriciel",
        "libriciel",
        "§5.2.4.1",
    ),
    TicketState.EN_COURS_DE_TRAITEMENT: (
        "En cours de traitement par l'équipe en charge",
        "libriciel",
        "libriciel",
        "§5.2.4.1",
    ),
    TicketState.COMITE_EVOLUTION: (
        "A présenter au prochain « comité » évolution",
        "libriciel",
        "libriciel",
        "§5.2.4.1",
    ),
    TicketState.ATTENTE_INFORMATION_COMPLEMENTAIRE: (
        "En attente information complémentaire pour traitement",
        "libriciel",
        "libriciel",
        "§5.2.4.1",
    ),
    TicketState.ATTENTE_DGCL_DGFIP: (
        "En attente retour DGCL / DGFIP",
        "libriciel",
        None,
        "§5.2.4.1",
    ),
    TicketState.BUG_CORRIGE_VERSION: (
        "Bug corrigé dans version précisée",
        "libriciel",
        None,
        "§5.2.4.1",
    ),
    TicketState.EVOLUTION_INTEGREE_VERSION: (
        "Evolution intégrée dans version précisée",
        "libriciel",
        None,
        "§5.2.4.1",
    ),
    TicketState.TRAITE_INTERLOCUTEUR: (
        "Traité par l'interlocuteur Libriciel SCOP",
        "libriciel",
        None,
        "§5.2.4.1",
    ),
    TicketState.TRAITE_A_VALIDER_CLIENT: (
        "traité à valider par le client",
        "libriciel",
        "client",
        "§5.2.4.1 (C9)",
    ),
    TicketState.TRAITE_BUG_CORRIGE: (
        "Traité bug corrigé dans version précisée",
        "libriciel",
        None,
        "§5.2.4.1",
    ),
    TicketState.TRAITE_EVOLUTION_INTEGREE: (
        "Traité évolution intégrée dans version précisée",
        "libriciel",
        None,
        "§5.2.4.1",
    ),
    TicketState.TRAITE_FERMETURE_AUTOMATIQUE: (
        "Traité fermeture automatique",
        "libriciel",
        None,
        "§5.2.4.1",
    ),
    TicketState.CLOS_PAR_CLIENT: ("Clos par le client", "client", None, "§5.2.4.2"),
    TicketState.RETOUR_INFORMATION_CLIENT: (
        "Retour information du client",
        "client",
        "libriciel",
        "§5.2.4.2",
    ),
    TicketState.RELANCE_CLIENT: ("Relance client", "client", "libriciel", "§5.2.4.2"),
}


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


@pytest.mark.parametrize("state", list(TicketState), ids=[s.name for s in TicketState])
def test_every_state_as_the_contract_lists_it(state: TicketState) -> None:
    label, triggered_by, awaits, clause = LABELS[state]
    assert (state.label, state.triggered_by, state.awaits, state.clause) == (
        label,
        triggered_by,
        awaits,
        clause,
    )
    assert state.to_text() == state.to_text(lang="en") == label  # the contract's own word
    assert TicketState.parse(label) is state
    assert TicketState.parse(label.upper()) is state
    assert TicketState.parse(state.name) is state
    assert TicketState.parse(state) is state
    assert state == state.value  # records hold the identifier


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("CLOS PAR LE CLIENT", TicketState.CLOS_PAR_CLIENT),
        ("RETOUR INFORMATION DU CLIENT", TicketState.RETOUR_INFORMATION_CLIENT),
        ("a qualifier par le client", TicketState.A_QUALIFIER_CLIENT),
        ("À qualifier par le client", TicketState.A_QUALIFIER_CLIENT),
        ("En attente retour DGCL-DGFIP", TicketState.ATTENTE_DGCL_DGFIP),
        ("A présenter au prochain comité évolution", TicketState.COMITE_EVOLUTION),
        ("traite a valider par le client", TicketState.TRAITE_A_VALIDER_CLIENT),
        ("en_cours_de_traitement", TicketState.EN_COURS_DE_TRAITEMENT),
    ],
)
def test_state_parse_spellings(text: str, state: TicketState) -> None:
    assert TicketState.parse(text) is state


def test_state_parse_refuses() -> None:
    with pytest.raises(
        InvalidArgumentError,
        match="state='fermé' is not a known state; write one of: nouveau, A qualifier",
    ):
        TicketState.parse("fermé")
    with pytest.raises(WrongTypeError, match="state=3 is a int, not a str; write one of: nouveau"):
        TicketState.parse(3)  # type: ignore[arg-type]


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
    move = automatic_transition(state, REPORT, hours=HOURS)
    assert move is not None
    assert move.to_state is target
    assert move.from_state is state
    assert move.at == p(2024, 11, 4, 10, 0)  # DST ended on 27 October; wall clock kept
    assert move.at.utcoffset() == dt.timedelta(hours=1)
    assert (move.since, move.days, move.counting) == (REPORT, 20, "calendar")
    later = automatic_transition(
        state, REPORT, hours=HOURS, last_client_action_at=p(2024, 10, 20, 8, 0)
    )
    assert later is not None
    assert later.at == p(2024, 11, 9, 8, 0)
    assert later.since == p(2024, 10, 20, 8, 0)
    working = automatic_transition(state, REPORT, hours=HOURS, counting="working_days")
    assert working is not None
    assert working.at == p(2024, 11, 14, 10, 0)
    assert automatic_transition(state, REPORT, hours=HOURS, days=1).at == p(2024, 10, 16, 10, 0)  # type: ignore[union-attr]


def test_automatic_transition_explains_itself() -> None:
    move = automatic_transition(TicketState.BUG_CORRIGE_VERSION, REPORT, hours=HOURS)
    assert move is not None
    assert move.explain() == (
        "Contrat §5.2.4.1\u00a0: «\u00a0Bug corrigé dans version précisée\u00a0» devient "
        "«\u00a0Traité bug corrigé dans version précisée\u00a0» après 20 jours calendaires sans "
        "action du client (C9), comptés depuis mar. 2024-10-15 10:00\u202f; heure "
        "conservée\u00a0: lun. 2024-11-04 10:00"
    )
    working = automatic_transition(
        TicketState.BUG_CORRIGE_VERSION, REPORT, hours=HOURS, counting="working_days"
    )
    assert working is not None
    assert working.explain(lang="en") == (
        "Contract §5.2.4.1: « Bug corrigé dans version précisée » becomes « Traité bug corrigé "
        "dans version précisée » after 20 working days without client action (C9), counted "
        "from Tue 2024-10-15 10:00; wall-clock time kept: Thu 2024-11-14 10:00"
    )
    with pytest.raises(InvalidArgumentError, match="lang='de'"):
        working.explain(lang="de")  # type: ignore[arg-type]


def test_automatic_transition_as_a_report() -> None:
    move = automatic_transition(
        TicketState.BUG_CORRIGE_VERSION, REPORT, hours=HOURS, counting="working_days", days=3
    )
    assert move is not None
    assert move.to_records() == [
        {
            "from_state": TicketState.BUG_CORRIGE_VERSION,
            "to_state": TicketState.TRAITE_BUG_CORRIGE,
            "at": p(2024, 10, 18, 10, 0),
            "since": REPORT,
            "days": 3,
        }
    ]
    assert move.headline() == "Transition automatique (§5.2.4.1)"
    assert move.headline(lang="en") == "Automatic transition (§5.2.4.1)"
    assert move.notes(lang="en") == (move.explain(lang="en"),)
    assert move.notes() == (move.explain(),)
    assert move.notes()[0].startswith("Contrat §5.2.4.1")
    assert move.to_text(lang="en").splitlines()[:3] == [
        "Automatic transition (§5.2.4.1)",
        "state                              becomes                                   at  "
        "                  since                 days",
        "Bug corrigé dans version précisée  Traité bug corrigé dans version précisée  Fri "
        "2024-10-18 10:00  Tue 2024-10-15 10:00  3",
    ]
    with pytest.raises(InvalidArgumentError, match="lang='de'"):
        move.headline(lang="de")  # type: ignore[arg-type]


def test_automatic_transition_none_and_errors() -> None:
    for state in TicketState:
        if state not in (
            TicketState.BUG_CORRIGE_VERSION,
            TicketState.EVOLUTION_INTEGREE_VERSION,
            TicketState.TRAITE_A_VALIDER_CLIENT,
        ):
            assert automatic_transition(state, REPORT, hours=HOURS) is None
    with pytest.raises(EndBeforeStartError, match="last_client_action_at="):
        automatic_transition(
            TicketState.BUG_CORRIGE_VERSION,
            REPORT,
            hours=HOURS,
            last_client_action_at=p(2024, 10, 1),
        )
    with pytest.raises(
        InvalidArgumentError, match="counting='weeks' is not one of 'calendar', 'working_days'"
    ):
        automatic_transition(TicketState.BUG_CORRIGE_VERSION, REPORT, hours=HOURS, counting="weeks")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="state='nouveau' is not a TicketState"):
        automatic_transition("nouveau", REPORT, hours=HOURS)  # type: ignore[arg-type]
    with pytest.raises(NaiveDatetimeError, match="since="):
        automatic_transition(
            TicketState.BUG_CORRIGE_VERSION, dt.datetime(2024, 10, 15), hours=HOURS
        )
    with pytest.raises(NaiveDatetimeError, match="last_client_action_at="):
        automatic_transition(
            TicketState.BUG_CORRIGE_VERSION,
            REPORT,
            hours=HOURS,
            last_client_action_at=dt.datetime(2024, 10, 16),
        )
    with pytest.raises(WrongTypeError, match="hours=None is not a BusinessHours"):
        automatic_transition(TicketState.BUG_CORRIGE_VERSION, REPORT, hours=None)  # type: ignore[arg-type]
    with pytest.raises(OutOfRangeError, match="days=0 is below 1"):
        automatic_transition(TicketState.BUG_CORRIGE_VERSION, REPORT, hours=HOURS, days=0)
    with pytest.raises(OutOfRangeError, match="days=3651 is above 3650"):
        automatic_transition(TicketState.BUG_CORRIGE_VERSION, REPORT, hours=HOURS, days=3651)


def test_automatic_transition_in_the_schedule_zone() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    schedule = attrs.evolve(HOURS, zone=tokyo, holidays=ExplicitHolidays.of(()), name="Tokyo")
    move = automatic_transition(TicketState.TRAITE_A_VALIDER_CLIENT, REPORT, hours=schedule)
    assert move is not None
    assert move.at.tzinfo is tokyo
    assert move.at == dt.datetime(2024, 11, 4, 17, 0, tzinfo=tokyo)  # 10:00 Paris = 17:00 Tokyo


def test_automatic_transition_at_the_october_fold() -> None:
    """Entered at 02:15 on the second pass of the October night: 20 days later, 02:15."""
    second = dt.datetime(2025, 10, 26, 2, 15, tzinfo=PARIS, fold=1)
    first = dt.datetime(2025, 10, 26, 2, 30, tzinfo=PARIS)
    move = automatic_transition(
        TicketState.TRAITE_A_VALIDER_CLIENT, first, hours=HOURS, last_client_action_at=second
    )
    assert move is not None
    assert move.at == p(2025, 11, 15, 2, 15)
    with pytest.raises(EndBeforeStartError):
        automatic_transition(
            TicketState.TRAITE_A_VALIDER_CLIENT, second, hours=HOURS, last_client_action_at=first
        )


def test_automatic_transition_at_the_ends_of_the_calendar() -> None:
    late = dt.datetime(9999, 12, 30, 10, 0, tzinfo=PARIS)
    with pytest.raises(OutOfRangeError):
        automatic_transition(TicketState.TRAITE_A_VALIDER_CLIENT, late, hours=HOURS)
    early = dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=14)))
    with pytest.raises(OutOfRangeError):
        automatic_transition(TicketState.TRAITE_A_VALIDER_CLIENT, early, hours=HOURS)


@given(since=aware_datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1)))
def test_transition_keeps_the_wall_clock(since: dt.datetime) -> None:
    move = automatic_transition(TicketState.BUG_CORRIGE_VERSION, since, hours=HOURS)
    assert move is not None
    local = since.astimezone(PARIS)
    assert move.at.date() == local.date() + dt.timedelta(days=20)
    assert move.at.tzinfo is PARIS
    if move.at.replace(tzinfo=None) != local.replace(tzinfo=None, fold=0) + dt.timedelta(days=20):
        # only a wall time skipped by the spring change moves (forward, by the gap)
        assert move.at.month == 3


@given(days=st.integers(1, 60))
def test_working_day_transition_lands_on_a_working_day(days: int) -> None:
    move = automatic_transition(
        TicketState.BUG_CORRIGE_VERSION, REPORT, hours=HOURS, days=days, counting="working_days"
    )
    assert move is not None
    assert HOURS.is_working_day(move.at.date())
    assert HOURS.working_days_between(REPORT.date(), move.at.date()) == days


def test_auto_transition_is_a_value() -> None:
    move = automatic_transition(TicketState.BUG_CORRIGE_VERSION, REPORT, hours=HOURS)
    assert isinstance(move, AutoTransition)
    assert move == automatic_transition(TicketState.BUG_CORRIGE_VERSION, REPORT, hours=HOURS)


def test_an_automatic_transition_reads_as_a_record_and_a_headline() -> None:
    at = dt.datetime(2025, 1, 10, tzinfo=ZoneInfo("Europe/Paris"))
    since = at - dt.timedelta(days=10)
    change = AutoTransition(
        from_state=TicketState.A_QUALIFIER_CLIENT,
        to_state=TicketState.EN_COURS_DE_TRAITEMENT,
        at=at,
        since=since,
        days=10,
        counting="calendar",
    )
    assert change.to_records() == [
        {
            "from_state": TicketState.A_QUALIFIER_CLIENT,
            "to_state": TicketState.EN_COURS_DE_TRAITEMENT,
            "at": at,
            "since": since,
            "days": 10,
        }
    ]
    assert change.headline() == "Transition automatique (§5.2.4.1)"
    assert change.headline(lang="en") == "Automatic transition (§5.2.4.1)"
