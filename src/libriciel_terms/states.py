"""Ticket states: who sets them, which freeze the clock, which move on by themselves (Contract §5.2.4).

"Lors de la création d'un ticket, l'état est fixé à « nouveau »" (§5.2.4). Libriciel sets the
states of §5.2.4.1, the client those of §5.2.4.2. Four of them freeze the resolution clock: "le
temps de résolution de la demande est gelé" (§5.2.4.1). Three move on by themselves "si aucune
action durant 20 jours" of the client (§5.2.4.1; « traité à valider par le client » is named only
there, see contradiction C9). State labels are the contract's French, in every language.

>>> TicketState.A_QUALIFIER_CLIENT.label, TicketState.A_QUALIFIER_CLIENT.freezes
('A qualifier par le client', True)
>>> TicketState.parse("CLOS PAR LE CLIENT") is TicketState.CLOS_PAR_CLIENT
True

An automatic transition keeps the wall-clock time; "20 jours" are calendar days by default (C9):

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from libriciel_terms.hours import BusinessHours
>>> since = datetime(2024, 10, 15, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
>>> move = automatic_transition(TicketState.TRAITE_A_VALIDER_CLIENT, since, hours=BusinessHours.comelus())
>>> move.to_state.label, move.at.isoformat()
('Traité fermeture automatique', '2024-11-04T10:00:00+01:00')
>>> print(move.explain())
Contrat §5.2.4.1 : « traité à valider par le client » devient « Traité fermeture automatique » après 20 jours calendaires sans action du client (C9), comptés depuis mar. 2024-10-15 10:00 ; heure conservée : lun. 2024-11-04 10:00

The failing case: a label that is not a state of the contract is refused, with the accepted ones.

>>> TicketState.parse("résolu")
Traceback (most recent call last):
...
libriciel_terms.errors.InvalidArgumentError: state='résolu' is not a known state; write one of: nouveau, A qualifier par le Responsable de pôle, A qualifier par le propriétaire, A qualifier par votre chargé d'affaire, A qualifier par le client, En attente information interne, En cours de traitement par l'équipe en charge, A présenter au prochain « comité » évolution, En attente information complémentaire pour traitement, En attente retour DGCL / DGFIP, Bug corrigé dans version précisée, Evolution intégrée dans version précisée, Traité par l'interlocuteur Libriciel SCOP, traité à valider par le client, Traité bug corrigé dans version précisée, Traité évolution intégrée dans version précisée, Traité fermeture automatique, Clos par le client, Retour information du client, Relance client (or the names, e.g. A_QUALIFIER_CLIENT) (case, accents and punctuation ignored)
"""

from __future__ import annotations

import datetime as dt
import enum
from types import MappingProxyType
from typing import Any, ClassVar, Literal

import attrs

from libriciel_terms import _labels, _text, _validate
from libriciel_terms._dates import localize, shift_day
from libriciel_terms._labels import say
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang
from libriciel_terms.errors import WrongTypeError
from libriciel_terms.hours import BusinessHours

__all__ = [
    "Actor",
    "AutoCounting",
    "AutoTransition",
    "TicketState",
    "automatic_transition",
]

#: Who sets a state or whose action it awaits (« action LS » / « action client »).
Actor = Literal["client", "libriciel"]
#: How the "20 jours" of §5.2.4.1 are counted (C9).
AutoCounting = Literal["calendar", "working_days"]


@attrs.frozen
class _Info:
    label: str
    triggered_by: Actor
    awaits: Actor | None
    freezes: bool = False
    automatic: bool = False
    clause: str = "§5.2.4.1"


class TicketState(enum.StrEnum):
    """Every state of a support ticket (Contract §5.2.4, §5.2.4.1, §5.2.4.2).

    Each state has its French ``label``, who sets it (``triggered_by``: the section that lists
    it), whose action it awaits (``awaits``), whether it is set ``automatic``-ally, and whether it
    ``freezes`` the resolution clock. The value is an identifier (``"a_qualifier_client"``), so
    records and JSON hold it as a plain string.

    >>> [s.label for s in TicketState if s.freezes]  # doctest: +NORMALIZE_WHITESPACE
    ['A qualifier par le client', 'En attente information interne',
     'En attente information complémentaire pour traitement', 'En attente retour DGCL / DGFIP']
    >>> TicketState.RETOUR_INFORMATION_CLIENT.triggered_by, TicketState.RETOUR_INFORMATION_CLIENT.awaits
    ('client', 'libriciel')
    """

    NOUVEAU = "nouveau"
    A_QUALIFIER_RESPONSABLE_POLE = "a_qualifier_responsable_pole"
    A_QUALIFIER_PROPRIETAIRE = "a_qualifier_proprietaire"
    A_QUALIFIER_CHARGE_AFFAIRE = "a_qualifier_charge_affaire"
    A_QUALIFIER_CLIENT = "a_qualifier_client"
    ATTENTE_INFORMATION_INTERNE = "attente_information_interne"
    EN_COURS_DE_TRAITEMENT = "en_cours_de_traitement"
    COMITE_EVOLUTION = "comite_evolution"
    ATTENTE_INFORMATION_COMPLEMENTAIRE = "attente_information_complementaire"
    ATTENTE_DGCL_DGFIP = "attente_dgcl_dgfip"
    BUG_CORRIGE_VERSION = "bug_corrige_version"
    EVOLUTION_INTEGREE_VERSION = "evolution_integree_version"
    TRAITE_INTERLOCUTEUR = "traite_interlocuteur"
    TRAITE_A_VALIDER_CLIENT = "traite_a_valider_client"
    TRAITE_BUG_CORRIGE = "traite_bug_corrige"
    TRAITE_EVOLUTION_INTEGREE = "traite_evolution_integree"
    TRAITE_FERMETURE_AUTOMATIQUE = "traite_fermeture_automatique"
    CLOS_PAR_CLIENT = "clos_par_client"
    RETOUR_INFORMATION_CLIENT = "retour_information_client"
    RELANCE_CLIENT = "relance_client"

    @property
    def label(self) -> str:
        """The contract's French label."""
        return _STATES[self].label

    @property
    def triggered_by(self) -> Actor:
        """Who sets the state: ``'libriciel'`` (§5.2.4.1) or ``'client'`` (§5.2.4.2)."""
        return _STATES[self].triggered_by

    @property
    def awaits(self) -> Actor | None:
        """Whose action the state awaits (« action LS » / « action client »), if stated."""
        return _STATES[self].awaits

    @property
    def freezes(self) -> bool:
        """Whether time spent in this state freezes the resolution clock (§5.2.4.1)."""
        return _STATES[self].freezes

    @property
    def automatic(self) -> bool:
        """Whether the state is reached by the automatic 20-day transition (§5.2.4.1)."""
        return _STATES[self].automatic

    @property
    def clause(self) -> str:
        """The clause that defines the state."""
        return _STATES[self].clause

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The contract's label, in every language (it is the contract's own word)."""
        _text.check_lang(lang)
        return self.label

    @classmethod
    def parse(cls, text: str) -> TicketState:
        """The state an export names: its label or its name, case, accents and punctuation ignored.

        >>> TicketState.parse("en attente retour dgcl-dgfip") is TicketState.ATTENTE_DGCL_DGFIP
        True
        """
        if isinstance(text, cls):
            return text
        accepted = ", ".join(s.label for s in cls) + " (or the names, e.g. A_QUALIFIER_CLIENT)"
        return _labels.lookup("state", text, _SPELLINGS, accepted)


_STATES: MappingProxyType[TicketState, _Info] = MappingProxyType(
    {
        TicketState.NOUVEAU: _Info("nouveau", "client", "libriciel", clause="§5.2.4"),
        TicketState.A_QUALIFIER_RESPONSABLE_POLE: _Info(
            "A qualifier par le Responsable de pôle", "libriciel", "libriciel"
        ),
        TicketState.A_QUALIFIER_PROPRIETAIRE: _Info(
            "A qualifier par le propriétaire", "libriciel", "libriciel"
        ),
        TicketState.A_QUALIFIER_CHARGE_AFFAIRE: _Info(
            "A qualifier par votre chargé d'affaire", "libriciel", "libriciel"
        ),
        TicketState.A_QUALIFIER_CLIENT: _Info(
            "A qualifier par le client", "libriciel", "client", freezes=True
        ),
        TicketState.ATTENTE_INFORMATION_INTERNE: _Info(
            "En attente information interne", "libriciel", "libriciel", freezes=True
        ),
        TicketState.EN_COURS_DE_TRAITEMENT: _Info(
            "En cours de traitement par l'équipe en charge", "libriciel", "libriciel"
        ),
        TicketState.COMITE_EVOLUTION: _Info(
            "A présenter au prochain « comité » évolution", "libriciel", "libriciel"
        ),
        TicketState.ATTENTE_INFORMATION_COMPLEMENTAIRE: _Info(
            "En attente information complémentaire pour traitement",
            "libriciel",
            "libriciel",
            freezes=True,
        ),
        TicketState.ATTENTE_DGCL_DGFIP: _Info(
            "En attente retour DGCL / DGFIP", "libriciel", None, freezes=True
        ),
        TicketState.BUG_CORRIGE_VERSION: _Info(
            "Bug corrigé dans version précisée", "libriciel", None
        ),
        TicketState.EVOLUTION_INTEGREE_VERSION: _Info(
            "Evolution intégrée dans version précisée", "libriciel", None
        ),
        TicketState.TRAITE_INTERLOCUTEUR: _Info(
            "Traité par l'interlocuteur Libriciel SCOP", "libriciel", None
        ),
        TicketState.TRAITE_A_VALIDER_CLIENT: _Info(
            "traité à valider par le client", "libriciel", "client", clause="§5.2.4.1 (C9)"
        ),
        TicketState.TRAITE_BUG_CORRIGE: _Info(
            "Traité bug corrigé dans version précisée", "libriciel", None, automatic=True
        ),
        TicketState.TRAITE_EVOLUTION_INTEGREE: _Info(
            "Traité évolution intégrée dans version précisée", "libriciel", None, automatic=True
        ),
        TicketState.TRAITE_FERMETURE_AUTOMATIQUE: _Info(
            "Traité fermeture automatique", "libriciel", None, automatic=True
        ),
        TicketState.CLOS_PAR_CLIENT: _Info("Clos par le client", "client", None, clause="§5.2.4.2"),
        TicketState.RETOUR_INFORMATION_CLIENT: _Info(
            "Retour information du client", "client", "libriciel", clause="§5.2.4.2"
        ),
        TicketState.RELANCE_CLIENT: _Info(
            "Relance client", "client", "libriciel", clause="§5.2.4.2"
        ),
    }
)

_SPELLINGS: MappingProxyType[str, TicketState] = MappingProxyType(
    {
        **{_labels.plain(s.label): s for s in TicketState},
        **{_labels.plain(s.name): s for s in TicketState},
    }
)

#: The automatic transitions of §5.2.4.1: after 20 days without client action.
_AUTOMATIC: MappingProxyType[TicketState, TicketState] = MappingProxyType(
    {
        TicketState.BUG_CORRIGE_VERSION: TicketState.TRAITE_BUG_CORRIGE,
        TicketState.EVOLUTION_INTEGREE_VERSION: TicketState.TRAITE_EVOLUTION_INTEGREE,
        TicketState.TRAITE_A_VALIDER_CLIENT: TicketState.TRAITE_FERMETURE_AUTOMATIQUE,
    }
)


@attrs.frozen(kw_only=True)
class AutoTransition(Report):
    """An automatic state change: ``from_state`` becomes ``to_state`` at ``at`` (§5.2.4.1).

    ``since`` is the instant the 20 days count from (the state's entry or the client's last
    action), ``days`` and ``counting`` how they were counted; :meth:`explain` says it in words.
    """

    from_state: TicketState = attrs.field(validator=_validate.instance_of(TicketState))
    to_state: TicketState = attrs.field(validator=_validate.instance_of(TicketState))
    at: dt.datetime = attrs.field(validator=_validate.check(_validate.aware))
    since: dt.datetime = attrs.field(validator=_validate.check(_validate.aware))
    days: int = attrs.field(validator=_validate.check(_validate.integer, minimum=0))
    counting: AutoCounting = attrs.field(validator=_validate.choice(AutoCounting))

    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("from_state", "état", "state"),
        Column("to_state", "devient", "becomes"),
        Column("at", "le", "at", "instant"),
        Column("since", "depuis", "since", "instant"),
        Column("days", "jours", "days", "number"),
    )

    def to_records(self) -> list[dict[str, Any]]:
        """One record: the two states, the instants and the days (``counting`` in the notes)."""
        return [
            {
                "from_state": self.from_state,
                "to_state": self.to_state,
                "at": self.at,
                "since": self.since,
                "days": self.days,
            }
        ]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Transition automatique (§5.2.4.1) »."""
        return say(
            "Transition automatique (§5.2.4.1)",
            "Automatic transition (§5.2.4.1)",
            _text.check_lang(lang),
        )

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """The explanation."""
        return (self.explain(lang=lang),)

    def explain(self, *, lang: Lang = "fr") -> str:
        """How the instant was computed, citing the clause."""
        lang = _text.check_lang(lang)
        unit = {
            "calendar": say("jours calendaires", "calendar days", lang),
            "working_days": say("jours ouvrés", "working days", lang),
        }[self.counting]
        since, at = _text.instant(self.since, lang), _text.instant(self.at, lang)
        old, new = self.from_state.label, self.to_state.label
        return say(
            f"Contrat §5.2.4.1 : « {old} » devient « {new} » après {self.days} {unit} sans "
            f"action du client (C9), comptés depuis {since} ; heure conservée : {at}",
            f"Contract §5.2.4.1: « {old} » becomes « {new} » after {self.days} {unit} "
            f"without client action (C9), counted from {since}; wall-clock time kept: {at}",
            lang,
        )


def automatic_transition(
    state: TicketState,
    since: dt.datetime,
    *,
    hours: BusinessHours,
    last_client_action_at: dt.datetime | None = None,
    days: int = 20,
    counting: AutoCounting = "calendar",
) -> AutoTransition | None:
    """Which state a ticket moves to automatically, and when (Contract §5.2.4.1, C9).

    « Bug corrigé dans version précisée », « Evolution intégrée dans version précisée » and
    « traité à valider par le client » move on "si aucune action durant 20 jours" of the client.
    The ``days`` count from ``since`` (the instant the state was entered) or from the client's
    last action if later. ``counting="calendar"`` (default; the text says "jours", not "jours
    ouvrés") adds calendar days on the date in ``hours``' zone; ``"working_days"`` adds jours
    ouvrés of ``hours``. Either way the wall-clock time is kept, in the schedule's zone.
    Returns ``None`` for a state without automatic transition.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> since = datetime(2024, 10, 15, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    >>> hours = BusinessHours.comelus()
    >>> automatic_transition(TicketState.TRAITE_A_VALIDER_CLIENT, since, hours=hours,
    ...                      counting="working_days").at.isoformat()
    '2024-11-14T10:00:00+01:00'
    >>> automatic_transition(TicketState.EN_COURS_DE_TRAITEMENT, since, hours=hours) is None
    True
    """
    if not isinstance(state, TicketState):
        raise WrongTypeError(
            f"state={state!r} is not a TicketState; pass e.g. TicketState.A_QUALIFIER_CLIENT "
            f"or TicketState.parse(label)"
        )
    start = _validate.aware("since", since)
    if last_client_action_at is not None:
        _validate.aware("last_client_action_at", last_client_action_at)
        _validate.ordered("since", since, "last_client_action_at", last_client_action_at)
        start = last_client_action_at
    days = _validate.integer("days", days, minimum=1, maximum=3650)
    counting = _validate.one_of("counting", counting, _validate.literal_values(AutoCounting))
    schedule = _schedule(hours)
    target = _AUTOMATIC.get(state)
    if target is None:
        return None
    local = _validate.utc(start).astimezone(schedule.zone)
    if counting == "calendar":
        day = shift_day(local.date(), days, "days")
    else:
        day = schedule.add_working_days(local.date(), days)
    at = localize(dt.datetime.combine(day, local.time().replace(fold=0)), schedule.zone)
    return AutoTransition(
        from_state=state,
        to_state=target,
        at=at,
        since=local,
        days=days,
        counting=counting,
    )


def _schedule(value: object) -> BusinessHours:
    if not isinstance(value, BusinessHours):
        raise WrongTypeError(
            f"hours={value!r} is not a BusinessHours; pass the contract's schedule, e.g. "
            f"BusinessHours.comelus()"
        )
    return value
