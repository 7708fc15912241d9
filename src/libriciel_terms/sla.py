"""Priority SLAs: priorities, targets, ticket states, clock freezes (contract §2.5.2, §2.7, §4.3, §5.2.4).

A ticket is reported at a *priority* (« Niveau 0 - Bloquant » … « Niveau 3 - Mineur », §5.2.3.1,
§5.2.5) and must meet *targets*: take charge (qualification), a workaround, a resolution — or,
for the hosting GTR of §2.5.2, the restoration of the service. A :class:`SlaPolicy` is data: for
each priority and target, a :class:`~libriciel_terms.hours.Delay`, the event it counts from, whether
the freezing states of §5.2.4.1 stop its clock, and the clause it comes from. The contract states
two readings of the same help-desk (C1): table 4.3 (:meth:`SlaPolicy.comelus`, the default) and
§2.7 (:meth:`SlaPolicy.section_2_7`); they are never merged — :func:`compare_policies` lists where
they differ.

Table 4.3, a Bloquant ticket reported on Tuesday 15 October 2024 at 10:00:

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> paris = ZoneInfo("Europe/Paris")
>>> policy = SlaPolicy.comelus()
>>> reported = datetime(2024, 10, 15, 10, 0, tzinfo=paris)
>>> policy.due(Priority.BLOQUANT, Target.TAKE_CHARGE, reported).isoformat()  # 10–12, 14–16
'2024-10-15T16:00:00+02:00'
>>> policy.due(Priority.BLOQUANT, Target.RESOLUTION, reported).isoformat()
'2024-10-18T18:00:00+02:00'

Two business hours in « A qualifier par le client » move the resolution due instant two business
hours later (§5.2.4.1: "le temps de résolution de la demande est gelé"):

>>> freeze = (datetime(2024, 10, 16, 9, 0, tzinfo=paris), datetime(2024, 10, 16, 11, 0, tzinfo=paris))
>>> policy.due(Priority.BLOQUANT, Target.RESOLUTION, reported, frozen=[freeze]).isoformat()
'2024-10-21T11:00:00+02:00'

§2.7 has no Sérieux level, so it has no target for it (C1):

>>> SlaPolicy.section_2_7().due(Priority.SERIEUX, Target.TAKE_CHARGE, reported) is None
True

The failing case: a naive instant is refused, never interpreted in some zone.

>>> policy.due(Priority.MAJEUR, Target.TAKE_CHARGE, datetime(2024, 10, 15, 10, 0))
Traceback (most recent call last):
...
libriciel_terms.errors.NaiveDatetimeError: reported_at=datetime.datetime(2024, 10, 15, 10, 0) is naive; pass an aware datetime, e.g. tzinfo=ZoneInfo("Europe/Paris")

Conventions (all documented in ``docs/slas.md``):

- Freezes: the ``(start, end)`` intervals are half-open, merged when they overlap or touch, and
  clipped to the instant the target counts from. The due instant moves later by exactly the
  business time frozen while the clock would still have been running; a freeze starting at or
  after the due instant changes nothing.
- Day-based délais (jours ouvrés) use the civil counting of RULES.md §0 (the event's day does not
  count; the délai ends when the last working day's business hours close). With freezes, the
  délai is first turned into the business time it represents from its start, then the freezes
  push it as they push an hour-based délai.
- A target counted from another event than the report (a workaround given, the actual
  take-charge) needs that event's instant: pass it as ``event_at=``; without it
  :class:`~libriciel_terms.errors.MissingEventError` says which instant is missing.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, TypeAlias

import attrs

from libriciel_terms import _validate
from libriciel_terms._records import html_table, table_repr
from libriciel_terms.delays import Delay
from libriciel_terms.errors import (
    InvalidArgumentError,
    MissingEventError,
    OutOfRangeError,
    WrongTypeError,
)
from libriciel_terms.hours import BusinessHours

__all__ = [
    "AutoTransition",
    "CountedFrom",
    "Interval",
    "PolicyComparison",
    "PolicyDifference",
    "Priority",
    "Requalification",
    "RequalificationRule",
    "SlaPolicy",
    "SlaTarget",
    "StateChange",
    "Status",
    "Target",
    "TargetReport",
    "Ticket",
    "TicketReport",
    "TicketReports",
    "TicketState",
    "automatic_transition",
    "compare_policies",
    "merge_intervals",
]

Interval: TypeAlias = tuple[dt.datetime, dt.datetime]

#: The event a délai counts from: the report (« signalement »), the workaround given (§2.7), the
#: actual take-charge (§2.5.2).
CountedFrom = Literal["report", "workaround", "take_charge"]

#: How a requalified priority moves the targets (see :meth:`SlaPolicy.evaluate`).
RequalificationRule = Literal["from_report", "from_requalification"]

_COUNTED_FROM_TEXT: dict[str, str] = {
    "report": "the report",
    "workaround": "the workaround given",
    "take_charge": "the actual take-charge",
}


# -- priorities and targets ----------------------------------------------------------------------


class Priority(enum.IntEnum):
    """The four priority levels of a ticket (contract §5.2.3.1, §5.2.5, table 4.3).

    >>> Priority(0).label
    'Niveau 0 - Bloquant'
    >>> Priority.MINEUR > Priority.BLOQUANT       # a higher number is a lower priority
    True
    """

    BLOQUANT = 0
    MAJEUR = 1
    SERIEUX = 2
    MINEUR = 3

    @property
    def label(self) -> str:
        """The contract's French label, e.g. ``'Niveau 1 - Majeur'``."""
        names = ("Bloquant", "Majeur", "Sérieux", "Mineur")
        return f"Niveau {self.value} - {names[self.value]}"


class Target(enum.Enum):
    """What must happen by a due instant (table 4.3, §2.7, §2.5.2).

    >>> Target.RESTORE.label
    'rétablissement du service'
    """

    TAKE_CHARGE = "take_charge"
    WORKAROUND = "workaround"
    RESOLUTION = "resolution"
    RESTORE = "restore"

    @property
    def label(self) -> str:
        """The contract's French wording."""
        return {
            "take_charge": "prise en charge (qualification)",
            "workaround": "solution de contournement",
            "resolution": "résolution",
            "restore": "rétablissement du service",
        }[self.value]


class Status(enum.Enum):
    """Where a target stands at the evaluation instant (:meth:`SlaPolicy.evaluate`).

    ``NOT_STARTED``: the target counts from an event (workaround given, take-charge) that has
    not happened yet. ``NOT_APPLICABLE``: the policy has no such target for the priority, or the
    ticket ended before it was due, or its starting event never happened before resolution.
    """

    MET = "met"
    BREACHED = "breached"
    RUNNING = "running"
    FROZEN = "frozen"
    NOT_STARTED = "not started"
    NOT_APPLICABLE = "not applicable"


# -- ticket states (§5.2.4) ------------------------------------------------------------------------

Actor = Literal["client", "libriciel"]


@attrs.frozen(kw_only=True)
class _StateInfo:
    label: str
    triggered_by: Actor
    awaits: Actor | None
    freezes: bool
    automatic: bool
    clause: str


def _info(
    label: str,
    triggered_by: Actor,
    awaits: Actor | None,
    *,
    freezes: bool = False,
    automatic: bool = False,
    clause: str = "Contract §5.2.4.1",
) -> _StateInfo:
    return _StateInfo(
        label=label,
        triggered_by=triggered_by,
        awaits=awaits,
        freezes=freezes,
        automatic=automatic,
        clause=clause,
    )


class TicketState(enum.Enum):
    """Every state of a support ticket (contract §5.2.4, §5.2.4.1, §5.2.4.2).

    Each state has its French ``label``, who sets it (``triggered_by``: the section that lists
    it), whose action it awaits (``awaits``, the contract's « action LS » / « action client »),
    whether it is set ``automatic``-ally, and whether it ``freezes`` the resolution clock. Four
    states freeze it (§5.2.4.1: "le temps de résolution de la demande est gelé").

    « nouveau » is the initial state (§5.2.4); « traité à valider par le client » is named only by
    the auto-closure rule (C9) and is modelled as set by Libriciel, awaiting the client.

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
    def _info(self) -> _StateInfo:
        return _STATES[self]

    @property
    def label(self) -> str:
        """The contract's French label."""
        return self._info.label

    @property
    def triggered_by(self) -> Actor:
        """Who sets the state: ``'libriciel'`` (§5.2.4.1) or ``'client'`` (§5.2.4.2)."""
        return self._info.triggered_by

    @property
    def awaits(self) -> Actor | None:
        """Whose action the state awaits (« action LS » / « action client »), if stated."""
        return self._info.awaits

    @property
    def freezes(self) -> bool:
        """Whether time spent in this state freezes the resolution clock (§5.2.4.1)."""
        return self._info.freezes

    @property
    def automatic(self) -> bool:
        """Whether the state is reached by the automatic 20-day transition (§5.2.4.1)."""
        return self._info.automatic

    @property
    def clause(self) -> str:
        """The clause that defines the state."""
        return self._info.clause


_STATES: dict[TicketState, _StateInfo] = {
    TicketState.NOUVEAU: _info("nouveau", "client", "libriciel", clause="Contract §5.2.4"),
    TicketState.A_QUALIFIER_RESPONSABLE_POLE: _info(
        "A qualifier par le Responsable de pôle", "libriciel", "libriciel"
    ),
    TicketState.A_QUALIFIER_PROPRIETAIRE: _info(
        "A qualifier par le propriétaire", "libriciel", "libriciel"
    ),
    TicketState.A_QUALIFIER_CHARGE_AFFAIRE: _info(
        "A qualifier par votre chargé d'affaire", "libriciel", "libriciel"
    ),
    TicketState.A_QUALIFIER_CLIENT: _info(
        "A qualifier par le client", "libriciel", "client", freezes=True
    ),
    TicketState.ATTENTE_INFORMATION_INTERNE: _info(
        "En attente information interne", "libriciel", "libriciel", freezes=True
    ),
    TicketState.EN_COURS_DE_TRAITEMENT: _info(
        "En cours de traitement par l'équipe en charge", "libriciel", "libriciel"
    ),
    TicketState.COMITE_EVOLUTION: _info(
        "A présenter au prochain « comité » évolution", "libriciel", "libriciel"
    ),
    TicketState.ATTENTE_INFORMATION_COMPLEMENTAIRE: _info(
        "En attente information complémentaire pour traitement",
        "libriciel",
        "libriciel",
        freezes=True,
    ),
    TicketState.ATTENTE_DGCL_DGFIP: _info(
        "En attente retour DGCL / DGFIP", "libriciel", None, freezes=True
    ),
    TicketState.BUG_CORRIGE_VERSION: _info("Bug corrigé dans version précisée", "libriciel", None),
    TicketState.EVOLUTION_INTEGREE_VERSION: _info(
        "Evolution intégrée dans version précisée", "libriciel", None
    ),
    TicketState.TRAITE_INTERLOCUTEUR: _info(
        "Traité par l'interlocuteur Libriciel SCOP", "libriciel", None
    ),
    TicketState.TRAITE_A_VALIDER_CLIENT: _info(
        "traité à valider par le client", "libriciel", "client", clause="Contract §5.2.4.1 (C9)"
    ),
    TicketState.TRAITE_BUG_CORRIGE: _info(
        "Traité bug corrigé dans version précisée", "libriciel", None, automatic=True
    ),
    TicketState.TRAITE_EVOLUTION_INTEGREE: _info(
        "Traité évolution intégrée dans version précisée", "libriciel", None, automatic=True
    ),
    TicketState.TRAITE_FERMETURE_AUTOMATIQUE: _info(
        "Traité fermeture automatique", "libriciel", None, automatic=True
    ),
    TicketState.CLOS_PAR_CLIENT: _info(
        "Clos par le client", "client", None, clause="Contract §5.2.4.2"
    ),
    TicketState.RETOUR_INFORMATION_CLIENT: _info(
        "Retour information du client", "client", "libriciel", clause="Contract §5.2.4.2"
    ),
    TicketState.RELANCE_CLIENT: _info(
        "Relance client", "client", "libriciel", clause="Contract §5.2.4.2"
    ),
}

#: The automatic transitions of §5.2.4.1: after 20 days without customer action.
_AUTOMATIC: dict[TicketState, TicketState] = {
    TicketState.BUG_CORRIGE_VERSION: TicketState.TRAITE_BUG_CORRIGE,
    TicketState.EVOLUTION_INTEGREE_VERSION: TicketState.TRAITE_EVOLUTION_INTEGREE,
    TicketState.TRAITE_A_VALIDER_CLIENT: TicketState.TRAITE_FERMETURE_AUTOMATIQUE,
}


@attrs.frozen(kw_only=True)
class AutoTransition:
    """An automatic state change: ``from_state`` becomes ``to_state`` at ``at`` (§5.2.4.1)."""

    from_state: TicketState
    to_state: TicketState
    at: dt.datetime
    explanation: str


def automatic_transition(
    state: TicketState,
    since: dt.datetime,
    *,
    last_client_action_at: dt.datetime | None = None,
    days: int = 20,
    counting: Literal["calendar", "working_days"] = "calendar",
    hours: BusinessHours | None = None,
) -> AutoTransition | None:
    """Which state a ticket moves to automatically, and when (contract §5.2.4.1, C9).

    « Bug corrigé dans version précisée », « Evolution intégrée dans version précisée » and
    « traité à valider par le client » move on "si aucune action durant 20 jours" of the client.
    The 20 days count from ``since`` (the instant the state was entered) or from the client's
    last action if later. ``counting="calendar"`` (default; the text says "jours", not "jours
    ouvrés") adds calendar days on the Europe/Paris date; ``"working_days"`` adds jours ouvrés of
    ``hours`` (default :meth:`BusinessHours.comelus`). Either way the wall-clock time is kept
    (RULES.md §0). Returns ``None`` for a state without automatic transition.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> paris = ZoneInfo("Europe/Paris")
    >>> since = datetime(2024, 10, 15, 10, 0, tzinfo=paris)
    >>> move = automatic_transition(TicketState.TRAITE_A_VALIDER_CLIENT, since)
    >>> move.to_state.label, move.at.isoformat()
    ('Traité fermeture automatique', '2024-11-04T10:00:00+01:00')
    >>> automatic_transition(TicketState.TRAITE_A_VALIDER_CLIENT, since,
    ...                      counting="working_days").at.isoformat()
    '2024-11-14T10:00:00+01:00'
    >>> automatic_transition(TicketState.EN_COURS_DE_TRAITEMENT, since) is None
    True
    """
    state = _state("state", state)
    _validate.aware("since", since)
    start = since
    if last_client_action_at is not None:
        _validate.aware("last_client_action_at", last_client_action_at)
        _validate.ordered("since", since, "last_client_action_at", last_client_action_at)
        start = last_client_action_at
    _validate.integer("days", days, minimum=1)
    if counting not in ("calendar", "working_days"):
        raise InvalidArgumentError(
            f"counting={counting!r}; pass counting='calendar' or counting='working_days'"
        )
    schedule = _schedule("hours", hours)
    target = _AUTOMATIC.get(state)
    if target is None:
        return None
    local = start.astimezone(schedule.zone)
    if counting == "calendar":
        day = local.date() + dt.timedelta(days=days)
        unit = "calendar days"
    else:
        day = schedule.add_working_days(local.date(), days)
        unit = "jours ouvrés"
    at = dt.datetime.combine(day, local.time(), tzinfo=schedule.zone)
    at = at.astimezone(dt.UTC).astimezone(schedule.zone)  # normalise a DST-gap wall time
    return AutoTransition(
        from_state=state,
        to_state=target,
        at=at,
        explanation=(
            f"Contract §5.2.4.1: « {state.label} » becomes « {target.label} » after {days} "
            f"{unit} without client action (C9: {counting} counting), counted from "
            f"{_when(start)}, wall-clock time kept"
        ),
    )


# -- policies ------------------------------------------------------------------------------------


def _priority(value: object) -> Priority:
    if isinstance(value, Priority):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongTypeError(
            f"priority={value!r} is a {type(value).__name__}; pass a Priority, "
            f"e.g. Priority.BLOQUANT, or its level 0–3"
        )
    if not 0 <= value <= 3:
        raise OutOfRangeError(
            f"priority={value!r} is not a priority level; use 0 (Bloquant), 1 (Majeur), "
            f"2 (Sérieux) or 3 (Mineur) (contract §5.2.5)"
        )
    return Priority(value)


def _target(value: object) -> Target:
    if isinstance(value, Target):
        return value
    if isinstance(value, str):
        for member in Target:
            if value in (member.value, member.name):
                return member
    raise WrongTypeError(
        f"target={value!r} is not a Target; pass e.g. Target.RESOLUTION "
        f"({', '.join(m.name for m in Target)})"
    )


def _state(name: str, value: object) -> TicketState:
    if not isinstance(value, TicketState):
        raise WrongTypeError(
            f"{name}={value!r} is not a TicketState; pass e.g. TicketState.A_QUALIFIER_CLIENT"
        )
    return value


def _schedule(name: str, value: object) -> BusinessHours:
    if value is None:
        return _COMELUS
    if not isinstance(value, BusinessHours):
        raise WrongTypeError(
            f"{name}={value!r} is not a BusinessHours; pass e.g. BusinessHours.comelus()"
        )
    return value


_COMELUS = BusinessHours.comelus()


def _check_delay(_instance: object, attribute: Any, value: Delay) -> None:
    if not isinstance(value, Delay):
        raise WrongTypeError(
            f"{attribute.name}={value!r} is not a Delay; use Delay.business_hours(4) or "
            f"Delay.working_days(3)"
        )
    if value.amount <= 0:
        raise OutOfRangeError(f"{attribute.name}={value!r}: an SLA délai must be positive")


@attrs.frozen(kw_only=True)
class SlaTarget:
    """One row of a policy: a délai for one priority and one target, and where it comes from.

    >>> row = SlaPolicy.comelus().target(Priority.MAJEUR, Target.RESOLUTION)
    >>> row.delay_text, row.counted_from, row.freezes
    ('5 jours ouvrés (civil counting)', 'report', True)
    """

    priority: Priority = attrs.field(converter=_priority)
    target: Target = attrs.field(converter=_target)
    delay: Delay = attrs.field(validator=_check_delay)
    counted_from: CountedFrom = attrs.field(
        default="report", validator=attrs.validators.in_(tuple(_COUNTED_FROM_TEXT))
    )
    freezes: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    clause: str = attrs.field(validator=attrs.validators.instance_of(str))
    condition: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    @property
    def delay_text(self) -> str:
        """The délai in words, with its counting convention."""
        delay = self.delay
        if delay.unit == "business_hours":
            return f"{delay.amount} business hours"
        counting = "civil" if delay.counting == "civil" else "× daily business hours"
        return f"{delay.amount} jours ouvrés ({counting} counting)"

    def to_record(self) -> dict[str, object]:
        """A plain record: priority, target, delay text, counted from, freezes, clause."""
        return {
            "priority": self.priority.label,
            "target": self.target.name,
            "delay": self.delay_text,
            "counted_from": _COUNTED_FROM_TEXT[self.counted_from],
            "freezes": self.freezes,
            "condition": self.condition,
            "clause": self.clause,
        }


def _check_targets(instance: SlaPolicy, _attribute: object, value: tuple[SlaTarget, ...]) -> None:
    seen: set[tuple[Priority, Target]] = set()
    for row in value:
        if not isinstance(row, SlaTarget):
            raise WrongTypeError(f"targets contains {row!r}, which is not an SlaTarget")
        key = (row.priority, row.target)
        if key in seen:
            raise InvalidArgumentError(
                f"targets has two rows for {row.priority.name} / {row.target.name}; "
                f"a policy has at most one délai per priority and target"
            )
        seen.add(key)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    try:
        return tuple(value)
    except TypeError:
        raise WrongTypeError(f"{value!r} is not an iterable") from None


@attrs.frozen(kw_only=True)
class SlaPolicy:
    """Délais per priority and target, as data (contract §2.5.2, §2.7, §4.3).

    Presets: :meth:`comelus` (table 4.3, the default reading), :meth:`section_2_7` (the figures
    of §2.7, C1) and :meth:`hosting_gtr` (§2.5.2). Build another with
    ``SlaPolicy(name=..., targets=(SlaTarget(...), ...))``.

    >>> for row in SlaPolicy.comelus().rows()[:3]:
    ...     print(row["priority"], "|", row["target"], "|", row["delay"])
    Niveau 0 - Bloquant | TAKE_CHARGE | 4 business hours
    Niveau 0 - Bloquant | WORKAROUND | 8 business hours
    Niveau 0 - Bloquant | RESOLUTION | 3 jours ouvrés (civil counting)
    """

    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    targets: tuple[SlaTarget, ...] = attrs.field(converter=_tuple, validator=_check_targets)
    hours: BusinessHours = attrs.field(
        factory=BusinessHours.comelus, validator=attrs.validators.instance_of(BusinessHours)
    )
    _by_key: dict[tuple[Priority, Target], SlaTarget] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {(t.priority, t.target): t for t in self.targets})

    # -- presets ---------------------------------------------------------------------------------

    @classmethod
    def comelus(cls) -> SlaPolicy:
        """Table 4.3 (contract §4.3), the default reading; freezes apply to resolution (§5.2.4.1).

        "Les durées indiquées dans ce tableau s'entendent en heures ouvrées et jours ouvrés."
        Bloquant and Majeur resolutions hold "si le caractère bloquant / sérieux est confirmé";
        the Majeur row's « sérieux » is read as « majeur » (C2).
        """
        clause = "Contract §4.3"
        confirmed = "if the blocking character is confirmed"
        confirmed_major = "if the major character is confirmed (text: « sérieux », C2)"
        rows = [
            (Priority.BLOQUANT, 4, 8, 3, confirmed),
            (Priority.MAJEUR, 8, 24, 5, confirmed_major),
            (Priority.SERIEUX, 12, None, 15, ""),
            (Priority.MINEUR, 36, None, 30, ""),
        ]
        targets: list[SlaTarget] = []
        for priority, take, workaround, days, condition in rows:
            targets.append(
                SlaTarget(
                    priority=priority,
                    target=Target.TAKE_CHARGE,
                    delay=Delay.business_hours(take),
                    clause=clause,
                )
            )
            if workaround is not None:
                targets.append(
                    SlaTarget(
                        priority=priority,
                        target=Target.WORKAROUND,
                        delay=Delay.business_hours(workaround),
                        clause=clause,
                    )
                )
            targets.append(
                SlaTarget(
                    priority=priority,
                    target=Target.RESOLUTION,
                    delay=Delay.working_days(days),
                    freezes=True,
                    clause=f"{clause}, §5.2.4.1",
                    condition=condition,
                )
            )
        return cls(name="table 4.3", targets=tuple(targets))

    @classmethod
    def section_2_7(cls) -> SlaPolicy:
        """The help-desk délais as §2.7 states them (C1): the other reading, never merged.

        Take charge within 4 business hours for Bloquant, Majeur and Mineur; "correctif ou
        contournement" (GTR) within 8 h (Bloquant) / 24 h (Majeur); in case of workaround,
        resolution within 3 / 5 days counted from the workaround; Mineur: resolution within 30
        days. §2.7 has no Sérieux level, so this policy has no target for it. Its "heures" are
        read as business hours (the GTR holds during the PSG, §2.8) and its "jours" as jours
        ouvrés with civil counting, like table 4.3; freezes apply to resolution (§5.2.4.1).
        """
        clause = "Contract §2.7"
        targets = [
            SlaTarget(
                priority=priority,
                target=Target.TAKE_CHARGE,
                delay=Delay.business_hours(4),
                clause=clause,
            )
            for priority in (Priority.BLOQUANT, Priority.MAJEUR, Priority.MINEUR)
        ]
        for priority, hours_, days, condition in (
            (Priority.BLOQUANT, 8, 3, "if the blocking character is confirmed"),
            (Priority.MAJEUR, 24, 5, "if the major character is confirmed"),
        ):
            targets.append(
                SlaTarget(
                    priority=priority,
                    target=Target.WORKAROUND,
                    delay=Delay.business_hours(hours_),
                    clause=clause,
                    condition="fix or workaround (GTR)",
                )
            )
            targets.append(
                SlaTarget(
                    priority=priority,
                    target=Target.RESOLUTION,
                    delay=Delay.working_days(days),
                    counted_from="workaround",
                    freezes=True,
                    clause=f"{clause}, §5.2.4.1",
                    condition=f"in case of workaround, {condition}",
                )
            )
        targets.append(
            SlaTarget(
                priority=Priority.MINEUR,
                target=Target.RESOLUTION,
                delay=Delay.working_days(30),
                freezes=True,
                clause=f"{clause}, §5.2.4.1",
            )
        )
        return cls(name="section 2.7", targets=tuple(targets))

    @classmethod
    def hosting_gtr(cls) -> SlaPolicy:
        """Hosting unavailability (contract §2.5.2, §2.8): take charge, then restore.

        Take charge within 2 business hours of the report; restore the service or give a
        workaround within 4 business hours **of the actual take-charge**. The GTR applies during
        the PSG to blocking or major incidents and outages only (§2.8), hence Bloquant and
        Majeur rows only. No freeze: §5.2.4.1 freezes the *resolution* time.
        """
        targets: list[SlaTarget] = []
        for priority in (Priority.BLOQUANT, Priority.MAJEUR):
            targets.append(
                SlaTarget(
                    priority=priority,
                    target=Target.TAKE_CHARGE,
                    delay=Delay.business_hours(2),
                    clause="Contract §2.5.2",
                )
            )
            targets.append(
                SlaTarget(
                    priority=priority,
                    target=Target.RESTORE,
                    delay=Delay.business_hours(4),
                    counted_from="take_charge",
                    clause="Contract §2.5.2, §2.8",
                    condition="restore the service or give a workaround (GTR, during the PSG)",
                )
            )
        return cls(name="hosting GTR (2.5.2)", targets=tuple(targets))

    # -- data ------------------------------------------------------------------------------------

    def target(self, priority: Priority | int, target: Target | str) -> SlaTarget | None:
        """The policy's row for ``priority`` and ``target``, or ``None`` if it has none."""
        return self._by_key.get((_priority(priority), _target(target)))

    def rows(self) -> list[dict[str, object]]:
        """The table of the policy, one record per priority and target, ordered.

        Columns: priority, target, delay, counted_from, freezes, condition, clause.
        """
        order = list(Target)
        ordered = sorted(self.targets, key=lambda t: (t.priority, order.index(t.target)))
        return [t.to_record() for t in ordered]

    to_records = rows

    def __repr__(self) -> str:
        return table_repr(f"<SlaPolicy {self.name!r}: {len(self.targets)} targets>", self.rows())

    def _repr_html_(self) -> str:
        return html_table(self.rows(), caption=f"SLA policy: {self.name}", cell=_cell)

    # -- due instants ----------------------------------------------------------------------------

    def due(
        self,
        priority: Priority | int,
        target: Target | str,
        reported_at: dt.datetime,
        *,
        frozen: Iterable[Interval] = (),
        event_at: dt.datetime | None = None,
    ) -> dt.datetime | None:
        """The instant ``target`` is due for a ticket of ``priority`` reported at ``reported_at``.

        ``None`` where the policy has no such target for that priority. ``frozen`` lists the
        ``(start, end)`` intervals the ticket spent in a freezing state (§5.2.4.1); they move only
        targets whose row says ``freezes`` and are ignored for the others. A target counted from
        another event than the report needs ``event_at`` (the workaround given, the actual
        take-charge), which must not precede ``reported_at``.

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> paris = ZoneInfo("Europe/Paris")
        >>> gtr = SlaPolicy.hosting_gtr()
        >>> reported = datetime(2024, 10, 16, 11, 0, tzinfo=paris)
        >>> gtr.due(Priority.BLOQUANT, Target.TAKE_CHARGE, reported).isoformat()
        '2024-10-16T15:00:00+02:00'
        >>> gtr.due(Priority.BLOQUANT, Target.RESTORE, reported,
        ...         event_at=datetime(2024, 10, 16, 11, 30, tzinfo=paris)).isoformat()
        '2024-10-16T17:30:00+02:00'
        >>> gtr.due(Priority.BLOQUANT, Target.RESTORE, reported)
        Traceback (most recent call last):
        ...
        libriciel_terms.errors.MissingEventError: Target.RESTORE for Niveau 0 - Bloquant counts from the actual take-charge (Contract §2.5.2, §2.8); pass its instant as event_at=
        """
        _validate.aware("reported_at", reported_at)
        # Fast path for the usual enum arguments; anything else goes through the full checks.
        if isinstance(priority, Priority) and isinstance(target, Target):
            row = self._by_key.get((priority, target))
        else:
            row = self.target(priority, target)
        intervals = _intervals("frozen", frozen)
        if row is None:
            return None
        start = reported_at if event_at is None and row.counted_from == "report" else None
        if start is None:
            start = _start_of(row, reported_at, event_at)
        if not row.freezes or not intervals:
            return self.hours.deadline(start, row.delay)
        return _run_clock(self.hours, start, row.delay, merge_intervals(intervals, after=start))[0]

    # -- tickets ---------------------------------------------------------------------------------

    def evaluate(
        self,
        ticket: Ticket,
        *,
        at: dt.datetime,
        requalification: RequalificationRule = "from_report",
    ) -> TicketReport:
        """Where each target of ``ticket`` stands at instant ``at`` (contract §4.3, §5.2.4.1).

        Facts dated after ``at`` are not yet known and are ignored. For each target of the
        ticket's priority the report gives the due instant, the status, when it was met, the
        business time remaining or overdue, the freezes applied and an explanation citing the
        clause.

        - Freezes come from the state history: the time spent in freezing states, up to the end
          of observation (``at``, the instant the target was met, or the closing). A ticket still
          in a freezing state at ``at`` has its target ``FROZEN`` and a provisional due instant
          (as if the freeze ended at ``at``).
        - A workaround target is met by the workaround or by the resolution, whichever comes
          first (a fix is more than a workaround).
        - Closing the ticket ends the clocks: a target not met by then is ``BREACHED`` if it was
          due before the closing, ``NOT_APPLICABLE`` otherwise.
        - Requalification (§4.2, §4.3): the take-charge target keeps the declared priority (the
          take-charge is the qualification); the other targets follow the priority in force at
          ``at``. With ``requalification="from_report"`` (default) they keep counting from their
          original event; with ``"from_requalification"`` the targets counted from the report
          count from the last requalification instead. Requalifying a Niveau 0 ticket to a lower
          level lists the obligation to phone or write to the client (§4.3).
        """
        if not isinstance(ticket, Ticket):
            raise WrongTypeError(f"ticket={ticket!r} is not a Ticket")
        _validate.aware("at", at)
        if requalification not in ("from_report", "from_requalification"):
            raise InvalidArgumentError(
                f"requalification={requalification!r}; pass 'from_report' or 'from_requalification'"
            )
        return _evaluate(self, ticket, at, requalification)

    def evaluate_many(
        self,
        tickets: Iterable[Ticket],
        *,
        at: dt.datetime,
        requalification: RequalificationRule = "from_report",
    ) -> TicketReports:
        """:meth:`evaluate` every ticket at ``at``; the result converts to records for pandas."""
        _validate.aware("at", at)
        return TicketReports(
            reports=tuple(
                self.evaluate(t, at=at, requalification=requalification) for t in _tuple(tickets)
            )
        )

    def compare(self, other: SlaPolicy) -> PolicyComparison:
        """Where this policy and ``other`` differ (see :func:`compare_policies`)."""
        return compare_policies(self, other)


def _start_of(
    row: SlaTarget, reported_at: dt.datetime, event_at: dt.datetime | None
) -> dt.datetime:
    if row.counted_from == "report":
        if event_at is not None:
            raise InvalidArgumentError(
                f"event_at={event_at!r} was given but Target.{row.target.name} for "
                f"{row.priority.label} counts from the report ({row.clause}); drop event_at"
            )
        return reported_at
    if event_at is None:
        raise MissingEventError(
            f"Target.{row.target.name} for {row.priority.label} counts from "
            f"{_COUNTED_FROM_TEXT[row.counted_from]} ({row.clause}); pass its instant as event_at="
        )
    _validate.aware("event_at", event_at)
    _validate.ordered("reported_at", reported_at, "event_at", event_at)
    return event_at


# -- freezes -------------------------------------------------------------------------------------


def _intervals(name: str, value: object) -> list[Interval]:
    if (
        type(value) is not list
        and type(value) is not tuple
        and (isinstance(value, (str, bytes)) or not isinstance(value, Iterable))
    ):
        raise WrongTypeError(
            f"{name}={value!r} is not an iterable of (start, end) pairs of aware datetimes"
        )
    result: list[Interval] = []
    for i, pair in enumerate(value):
        # Cheap check first (this runs on every due()); the detailed one explains a refusal.
        if (
            type(pair) is tuple
            and len(pair) == 2
            and isinstance(pair[0], dt.datetime)
            and isinstance(pair[1], dt.datetime)
            and pair[0].utcoffset() is not None
            and pair[1].utcoffset() is not None
            and pair[0] <= pair[1]
        ):
            result.append(pair)
        else:
            result.append(_validate.interval(f"{name}[{i}]", pair))
    return result


def merge_intervals(
    intervals: Iterable[Interval], *, after: dt.datetime | None = None
) -> tuple[Interval, ...]:
    """Sort, clip and merge ``(start, end)`` intervals (half-open ``[start, end)``).

    Overlapping or touching intervals become one; empty ones disappear; with ``after``, what lies
    before that instant is cut off. Used for freezes (§5.2.4.1) and outages (§2.5.1).

    >>> from datetime import datetime, timezone
    >>> t = lambda h: datetime(2024, 10, 16, h, tzinfo=timezone.utc)
    >>> [(a.hour, b.hour) for a, b in merge_intervals([(t(9), t(11)), (t(10), t(12)), (t(12), t(13)),
    ...                                                 (t(15), t(15)), (t(6), t(8))], after=t(7))]
    [(7, 8), (9, 13)]
    """
    if type(intervals) is list and len(intervals) == 1:  # the common case, kept cheap
        s, e = intervals[0]
        if after is not None and s < after:
            s = after
        return ((s, e),) if e > s else ()
    pieces = sorted(
        (max(s, after) if after is not None else s, e)
        for s, e in intervals
        if after is None or e > after
    )
    merged: list[list[dt.datetime]] = []
    for s, e in pieces:
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return tuple((s, e) for s, e in merged)


def _run_clock(
    hours: BusinessHours, start: dt.datetime, delay: Delay, freezes: Sequence[Interval]
) -> tuple[dt.datetime, tuple[Interval, ...]]:
    """Due instant and freezes applied, for merged freezes that do not precede ``start``.

    The clock runs while not frozen; the due instant is where the running business time reaches
    the délai. A freeze starting at or after that instant is not applied. Two equivalent
    computations, the cheaper for each unit (``hours.add`` is additive, so they agree):

    - business hours: walk from ``start``, spending the délai on the running stretches between
      freezes; the due instant is ``add`` of what remains after the last freeze applied;
    - jours ouvrés: take the unfrozen due instant (civil counting), then push it later by each
      freeze's business time while the freeze starts before it.
    """
    applied: list[Interval] = []
    if delay.unit == "business_hours":
        cursor, remaining = start, dt.timedelta(hours=delay.amount)
        for fs, fe in freezes:
            running = hours.elapsed(cursor, fs)
            if running >= remaining:
                break
            remaining -= running
            applied.append((fs, fe))
            cursor = fe
        return hours.add(cursor, remaining), tuple(applied)
    due = hours.deadline(start, delay)
    for fs, fe in freezes:
        if fs >= due:
            break
        applied.append((fs, fe))
        due = hours.add_elapsed(due, fs, fe)
    return due, tuple(applied)


# -- tickets -------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class StateChange:
    """The ticket entered ``state`` at ``at`` (contract §5.2.4)."""

    at: dt.datetime = attrs.field(validator=_validate.attrs_check(_validate.aware))
    state: TicketState = attrs.field(validator=_validate.attrs_check(_state))


@attrs.frozen(kw_only=True)
class Requalification:
    """The titulaire requalified the ticket to ``priority`` at ``at`` (contract §4.2, §4.3)."""

    at: dt.datetime = attrs.field(validator=_validate.attrs_check(_validate.aware))
    priority: Priority = attrs.field(converter=_priority)


def _optional_aware(_instance: object, attribute: Any, value: object) -> None:
    if value is not None:
        _validate.aware(attribute.name, value)


def _check_ticket(instance: Ticket, _attribute: object, _value: object) -> None:
    reported = instance.reported_at
    for name in ("taken_charge_at", "workaround_at", "resolved_at", "closed_at"):
        value = getattr(instance, name)
        if value is not None:
            _validate.ordered("reported_at", reported, name, value)
    previous: dt.datetime = reported
    for i, change in enumerate(instance.history):
        if not isinstance(change, StateChange):
            raise WrongTypeError(f"history[{i}]={change!r} is not a StateChange")
        _validate.ordered(
            "reported_at" if i == 0 else f"history[{i - 1}].at",
            previous,
            f"history[{i}].at",
            change.at,
        )
        previous = change.at
    previous = reported
    for i, requal in enumerate(instance.requalifications):
        if not isinstance(requal, Requalification):
            raise WrongTypeError(f"requalifications[{i}]={requal!r} is not a Requalification")
        _validate.ordered(
            "reported_at" if i == 0 else f"requalifications[{i - 1}].at",
            previous,
            f"requalifications[{i}].at",
            requal.at,
        )
        previous = requal.at


@attrs.frozen(kw_only=True)
class Ticket:
    """A support ticket: its report, priority, dated state history and dated facts (§4.1, §5.2).

    ``history`` lists the state changes in order (before the first one the ticket is
    « nouveau »). Facts: ``taken_charge_at`` (actual take-charge / qualification),
    ``workaround_at`` (workaround given), ``resolved_at``, ``closed_at``, and
    ``requalifications``. None may precede ``reported_at``
    (:class:`~libriciel_terms.errors.EndBeforeStartError`).
    """

    reference: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    reported_at: dt.datetime = attrs.field(validator=_validate.attrs_check(_validate.aware))
    priority: Priority = attrs.field(converter=_priority)
    history: tuple[StateChange, ...] = attrs.field(default=(), converter=_tuple)
    taken_charge_at: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)
    workaround_at: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)
    resolved_at: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)
    closed_at: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)
    requalifications: tuple[Requalification, ...] = attrs.field(
        default=(), converter=_tuple, validator=_check_ticket
    )

    def state_at(self, at: dt.datetime) -> TicketState:
        """The state the ticket is in at ``at`` (« nouveau » before the first change)."""
        _validate.aware("at", at)
        state = TicketState.NOUVEAU
        for change in self.history:
            if change.at > at:
                break
            state = change.state
        return state

    def priority_at(self, at: dt.datetime) -> Priority:
        """The priority in force at ``at``: the last requalification at or before it."""
        _validate.aware("at", at)
        priority = self.priority
        for requal in self.requalifications:
            if requal.at > at:
                break
            priority = requal.priority
        return priority

    def freezes(self, until: dt.datetime) -> tuple[Interval, ...]:
        """The merged intervals spent in freezing states (§5.2.4.1), cut at ``until``."""
        _validate.aware("until", until)
        found: list[Interval] = []
        changes = self.history
        for i, change in enumerate(changes):
            if change.at >= until or not change.state.freezes:
                continue
            end = changes[i + 1].at if i + 1 < len(changes) else until
            found.append((change.at, min(end, until)))
        return merge_intervals(found)


@attrs.frozen(kw_only=True)
class TargetReport:
    """Where one target of one ticket stands at the evaluation instant."""

    target: Target
    priority: Priority
    status: Status
    due: dt.datetime | None
    counted_from: dt.datetime | None
    met_at: dt.datetime | None
    remaining: dt.timedelta | None
    overdue: dt.timedelta | None
    freezes: tuple[Interval, ...]
    frozen_time: dt.timedelta
    clause: str
    explanation: str


@attrs.frozen(kw_only=True)
class TicketReport:
    """The evaluation of one ticket at instant ``at`` (:meth:`SlaPolicy.evaluate`)."""

    reference: str
    policy: str
    at: dt.datetime
    declared_priority: Priority
    priority: Priority
    state: TicketState
    targets: tuple[TargetReport, ...]
    obligations: tuple[str, ...]

    def __getitem__(self, target: Target | str) -> TargetReport:
        wanted = _target(target)
        for report in self.targets:
            if report.target is wanted:
                return report
        raise InvalidArgumentError(f"target={target!r} is not in this report")

    def to_records(self) -> list[dict[str, object]]:
        """One plain record per target (pandas: ``DataFrame(report.to_records())``)."""
        return [
            {
                "reference": self.reference,
                "policy": self.policy,
                "at": self.at,
                "priority": t.priority.name,
                "state": self.state.label,
                "target": t.target.name,
                "status": t.status.value,
                "counted_from": t.counted_from,
                "due": t.due,
                "met_at": t.met_at,
                "remaining": t.remaining,
                "overdue": t.overdue,
                "frozen_time": t.frozen_time,
                "clause": t.clause,
                "explanation": t.explanation,
            }
            for t in self.targets
        ]

    def __repr__(self) -> str:
        return table_repr(
            f"<TicketReport {self.reference or '(no reference)'} at {self.at.isoformat()}>",
            self.to_records(),
        )

    def _repr_html_(self) -> str:
        caption = f"Ticket {self.reference or '(no reference)'} at {_when(self.at)}"
        if self.obligations:
            caption += " — " + "; ".join(self.obligations)
        return html_table(self.to_records(), caption=caption, cell=_cell)


@attrs.frozen(kw_only=True)
class TicketReports:
    """The reports of many tickets (:meth:`SlaPolicy.evaluate_many`)."""

    reports: tuple[TicketReport, ...]

    def __iter__(self) -> Iterator[TicketReport]:
        return iter(self.reports)

    def __len__(self) -> int:
        return len(self.reports)

    def to_records(self) -> list[dict[str, object]]:
        """One plain record per ticket and target."""
        return [record for report in self.reports for record in report.to_records()]

    def __repr__(self) -> str:
        return table_repr(f"<TicketReports: {len(self.reports)} tickets>", self.to_records())

    def _repr_html_(self) -> str:
        return html_table(self.to_records(), caption=f"{len(self.reports)} tickets", cell=_cell)


def _facts_until(ticket: Ticket, at: dt.datetime) -> dict[str, dt.datetime | None]:
    def known(value: dt.datetime | None) -> dt.datetime | None:
        return value if value is not None and value <= at else None

    return {
        "take_charge": known(ticket.taken_charge_at),
        "workaround": known(ticket.workaround_at),
        "resolved": known(ticket.resolved_at),
        "closed": known(ticket.closed_at),
    }


def _earliest(*values: dt.datetime | None) -> dt.datetime | None:
    present = [v for v in values if v is not None]
    return min(present) if present else None


def _evaluate(
    policy: SlaPolicy, ticket: Ticket, at: dt.datetime, rule: RequalificationRule
) -> TicketReport:
    hours = policy.hours
    facts = _facts_until(ticket, at)
    declared = ticket.priority
    current = ticket.priority_at(at)
    requals = [r for r in ticket.requalifications if r.at <= at]
    obligations: list[str] = []
    previous = declared
    for requal in requals:
        if previous is Priority.BLOQUANT and requal.priority > Priority.BLOQUANT:
            obligations.append(
                f"Contract §4.3: requalified from {previous.label} to {requal.priority.label} "
                f"at {_when(requal.at)}; the titulaire must phone or write to the client with "
                f"the measures to take and/or the reasons"
            )
        previous = requal.priority
    met_by: dict[Target, dt.datetime | None] = {
        Target.TAKE_CHARGE: facts["take_charge"],
        Target.WORKAROUND: _earliest(facts["workaround"], facts["resolved"]),
        Target.RESOLUTION: facts["resolved"],
        Target.RESTORE: _earliest(facts["workaround"], facts["resolved"]),
    }
    closed = facts["closed"]
    targets: list[TargetReport] = []
    wanted = sorted({t.target for t in policy.targets}, key=list(Target).index)
    for target in wanted:
        priority = declared if target is Target.TAKE_CHARGE else current
        row = policy.target(priority, target)
        if row is None:
            targets.append(_not_applicable(target, priority, policy.name, "no such target"))
            continue
        starts = {
            "report": ticket.reported_at,
            "workaround": facts["workaround"],
            "take_charge": facts["take_charge"],
        }
        if (
            rule == "from_requalification"
            and row.counted_from == "report"
            and target is not Target.TAKE_CHARGE
            and requals
        ):
            starts["report"] = requals[-1].at
        targets.append(
            _evaluate_target(
                hours, row, starts[row.counted_from], met_by[target], closed, ticket, at
            )
        )
    return TicketReport(
        reference=ticket.reference,
        policy=policy.name,
        at=at.astimezone(hours.zone),
        declared_priority=declared,
        priority=current,
        state=ticket.state_at(at),
        targets=tuple(targets),
        obligations=tuple(obligations),
    )


def _not_applicable(target: Target, priority: Priority, policy: str, why: str) -> TargetReport:
    return TargetReport(
        target=target,
        priority=priority,
        status=Status.NOT_APPLICABLE,
        due=None,
        counted_from=None,
        met_at=None,
        remaining=None,
        overdue=None,
        freezes=(),
        frozen_time=dt.timedelta(0),
        clause="",
        explanation=f"{target.name} for {priority.label}: {why} in the policy {policy!r}",
    )


def _evaluate_target(
    hours: BusinessHours,
    row: SlaTarget,
    start: dt.datetime | None,
    met_at: dt.datetime | None,
    closed: dt.datetime | None,
    ticket: Ticket,
    at: dt.datetime,
) -> TargetReport:
    head = f"{row.clause}: {row.target.name} for {row.priority.label} within {row.delay_text}"
    if row.condition:
        head += f" ({row.condition})"
    if start is None:
        event = _COUNTED_FROM_TEXT[row.counted_from]
        ended = _earliest(met_at, closed)
        status = Status.NOT_APPLICABLE if ended is not None else Status.NOT_STARTED
        why = "the ticket ended before it" if ended is not None else "it has not happened yet"
        return attrs.evolve(
            _not_applicable(row.target, row.priority, "", ""),
            status=status,
            clause=row.clause,
            explanation=f"{head}, counted from {event}: {why}",
        )
    end_of_watch = min(x for x in (at, met_at, closed) if x is not None)
    freezes: tuple[Interval, ...] = ()
    if row.freezes:
        freezes = merge_intervals(ticket.freezes(end_of_watch), after=start)
    due, applied = _run_clock(hours, start, row.delay, freezes)
    frozen_time = sum((hours.elapsed(fs, fe) for fs, fe in applied), dt.timedelta(0))
    text = f"{head}, counted from {_COUNTED_FROM_TEXT[row.counted_from]} at {_when(start)}"
    if row.delay.unit == "working_days" and row.delay.counting == "civil":
        text += " (its day does not count; ends when the last working day's hours close)"
    if applied:
        text += f"; clock frozen {_span(frozen_time)} in freezing states (§5.2.4.1)"
    text += f"; due {_when(due)}"
    remaining = overdue = None
    in_freeze = row.freezes and ticket.state_at(at).freezes
    if met_at is not None and (closed is None or met_at <= closed):
        if met_at <= due:
            status = Status.MET
            text += f"; met at {_when(met_at)}"
        else:
            status = Status.BREACHED
            overdue = hours.elapsed(due, met_at)
            text += f"; met late at {_when(met_at)}, {_span(overdue)} business time overdue"
    elif closed is not None:
        if closed > due:
            status = Status.BREACHED
            overdue = hours.elapsed(due, closed)
            text += f"; closed at {_when(closed)} without it, {_span(overdue)} overdue"
        else:
            status = Status.NOT_APPLICABLE
            text += f"; ticket closed at {_when(closed)} before it was due"
    elif at > due:
        status = Status.BREACHED
        overdue = hours.elapsed(due, at)
        text += f"; not met, {_span(overdue)} business time overdue"
    else:
        status = Status.FROZEN if in_freeze else Status.RUNNING
        remaining = hours.elapsed(at, due)
        if in_freeze:
            text += " (provisional: the ticket is still in a freezing state)"
        text += f"; {_span(remaining)} business time remaining"
    return TargetReport(
        target=row.target,
        priority=row.priority,
        status=status,
        due=due,
        counted_from=start.astimezone(hours.zone),
        met_at=met_at,
        remaining=remaining,
        overdue=overdue,
        freezes=applied,
        frozen_time=frozen_time,
        clause=row.clause,
        explanation=text,
    )


# -- comparison ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PolicyDifference:
    """How two policies differ for one priority and target."""

    priority: Priority
    target: Target
    aspects: tuple[str, ...]
    left: str
    right: str


@attrs.frozen(kw_only=True)
class PolicyComparison:
    """The differences between two policies (:func:`compare_policies`)."""

    left: str
    right: str
    differences: tuple[PolicyDifference, ...]

    def to_records(self) -> list[dict[str, object]]:
        """One plain record per differing priority and target."""
        return [
            {
                "priority": d.priority.label,
                "target": d.target.name,
                "differs_in": ", ".join(d.aspects),
                self.left: d.left,
                self.right: d.right,
            }
            for d in self.differences
        ]

    def __repr__(self) -> str:
        return table_repr(
            f"<PolicyComparison {self.left!r} vs {self.right!r}: {len(self.differences)} differences>",
            self.to_records(),
        )

    def _repr_html_(self) -> str:
        return html_table(self.to_records(), caption=f"{self.left} vs {self.right}", cell=_cell)


def _describe_row(row: SlaTarget | None) -> str:
    if row is None:
        return "—"
    text = f"{row.delay_text} from {_COUNTED_FROM_TEXT[row.counted_from]}"
    return text + (", freezes" if row.freezes else "")


def compare_policies(left: SlaPolicy, right: SlaPolicy) -> PolicyComparison:
    """List, per priority and target, where two policies differ (contract §2.7 vs §4.3, C1).

    Compared: presence, délai (amount, unit, counting), the event it counts from, and whether
    freezes apply. Clauses and conditions are not compared (they always differ in wording).

    >>> diff = compare_policies(SlaPolicy.comelus(), SlaPolicy.section_2_7())
    >>> for d in diff.differences[:3]:
    ...     print(d.priority.name, d.target.name, d.aspects, "|", d.left, "|", d.right)
    BLOQUANT RESOLUTION ('counted from',) | 3 jours ouvrés (civil counting) from the report, freezes | 3 jours ouvrés (civil counting) from the workaround given, freezes
    MAJEUR TAKE_CHARGE ('delay',) | 8 business hours from the report | 4 business hours from the report
    MAJEUR RESOLUTION ('counted from',) | 5 jours ouvrés (civil counting) from the report, freezes | 5 jours ouvrés (civil counting) from the workaround given, freezes
    """
    for name, policy in (("left", left), ("right", right)):
        if not isinstance(policy, SlaPolicy):
            raise WrongTypeError(f"{name}={policy!r} is not an SlaPolicy")
    order = list(Target)
    keys = sorted(
        {(t.priority, t.target) for t in (*left.targets, *right.targets)},
        key=lambda k: (k[0], order.index(k[1])),
    )
    differences: list[PolicyDifference] = []
    for priority, target in keys:
        a, b = left.target(priority, target), right.target(priority, target)
        aspects: list[str] = []
        if a is None or b is None:
            aspects.append("presence")
        else:
            if a.delay != b.delay:
                aspects.append("delay")
            if a.counted_from != b.counted_from:
                aspects.append("counted from")
            if a.freezes != b.freezes:
                aspects.append("freezes")
        if aspects:
            differences.append(
                PolicyDifference(
                    priority=priority,
                    target=target,
                    aspects=tuple(aspects),
                    left=_describe_row(a),
                    right=_describe_row(b),
                )
            )
    return PolicyComparison(left=left.name, right=right.name, differences=tuple(differences))


# -- formatting ----------------------------------------------------------------------------------


def _when(instant: dt.datetime) -> str:
    local = instant.astimezone(_COMELUS.zone)
    return f"{local:%a %Y-%m-%d %H:%M}"


def _span(delta: dt.timedelta) -> str:
    minutes, seconds = divmod(int(delta.total_seconds()), 60)
    hours_, minutes = divmod(minutes, 60)
    text = f"{hours_} h {minutes:02d} min"
    return text + (f" {seconds:02d} s" if seconds else "")


def _cell(value: object) -> str:
    if isinstance(value, dt.datetime):
        return _when(value)
    if isinstance(value, dt.timedelta):
        return _span(value)
    if value is None:
        return ""
    return str(value)
