"""Tickets, their events, and where each target stands (Contract §4.1, §4.2, §4.3, §5.2.4.1).

A :class:`Ticket` is what happened: its report, priority, state history, requalifications and
dated events (taken charge, workaround given, priority confirmed, resolved, closed). Its state
follows its events: a resolved ticket is « Traité par l'interlocuteur Libriciel SCOP » unless
its history says otherwise later. :func:`evaluate` (also :meth:`SlaPolicy.evaluate
<libriciel_terms.sla.SlaPolicy.evaluate>`) says, at an instant, where each target of its
priority stands: met, breached, running, frozen, not started, not applicable — or unrecorded.

A Bloquant ticket reported Tuesday 15 October 2024 at 10:00, taken charge at 11:00, two hours
in « A qualifier par le client », worked around on Wednesday at 15:00, resolved Monday 21 at
10:00:

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from libriciel_terms.sla import Priority, SlaPolicy, Target
>>> from libriciel_terms.states import TicketState
>>> paris = ZoneInfo("Europe/Paris")
>>> at = lambda day, hour: datetime(2024, 10, day, hour, 0, tzinfo=paris)
>>> ticket = Ticket(
...     reference="ANN-117", reported_at=at(15, 10), priority=Priority.BLOQUANT,
...     history=[StateChange(at=at(16, 9), state=TicketState.A_QUALIFIER_CLIENT),
...              StateChange(at=at(16, 11), state=TicketState.RETOUR_INFORMATION_CLIENT)],
...     taken_charge_at=at(15, 11), workaround_at=at(16, 15), resolved_at=at(21, 10))
>>> report = SlaPolicy.comelus().evaluate(ticket, at=at(25, 12))
>>> [(t.target.name, t.status.value, str(t.overdue or "")) for t in report.targets]
[('TAKE_CHARGE', 'met', ''), ('WORKAROUND', 'breached', '2 h ouvrées'), ('RESOLUTION', 'met', '')]
>>> print(report[Target.RESOLUTION].explain())
Contrat §4.3, §5.2.4.1 : résolution, Niveau 0 - Bloquant, 3 jours ouvrés à compter du signalement (si le caractère bloquant est confirmé) ; point de départ mar. 2024-10-15 10:00 ; horloge gelée 2 h ouvrées (§5.2.4.1) ; échéance lun. 2024-10-21 11:00 ; respecté : résolution lun. 2024-10-21 10:00

**Missing events are never silently a breach.** A ticket resolved with no take-charge recorded
has its take-charge *unrecorded* by default; ``missing="breached"`` reads "not evidenced" as
"not met", ``missing="implied"`` takes the workaround or resolution as proof that the
take-charge happened no later than it. A ticket still open past a due instant with no event is
breached in every reading.

>>> silent = Ticket(reported_at=at(15, 10), priority=Priority.MAJEUR, resolved_at=at(16, 17))
>>> [SlaPolicy.comelus().evaluate(silent, at=at(25, 12), missing=m)[Target.TAKE_CHARGE].status.value
...  for m in ("unrecorded", "breached", "implied")]
['unrecorded', 'breached', 'breached']

The failing case: evaluating a ticket before it was reported is refused.

>>> SlaPolicy.comelus().evaluate(ticket, at=at(14, 10))
Traceback (most recent call last):
...
libriciel_terms.errors.EndBeforeStartError: at=datetime.datetime(2024, 10, 14, 10, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris')) is before reported_at=datetime.datetime(2024, 10, 15, 10, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris')) (ticket ANN-117); pass an at on or after reported_at (the two are never swapped silently)
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, ClassVar, Literal, NamedTuple, overload

import attrs

from libriciel_terms import _clock, _text, _validate
from libriciel_terms._intervals import Interval
from libriciel_terms._labels import french, say
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang
from libriciel_terms.delays import BusinessDuration
from libriciel_terms.errors import (
    EndBeforeStartError,
    OptionalDependencyError,
    UnknownKeyError,
    WrongTypeError,
)
from libriciel_terms.hours import BusinessHours
from libriciel_terms.sla import (
    Event,
    Priority,
    SlaPolicy,
    SlaTarget,
    Target,
    counted_from_text,
)
from libriciel_terms.states import TicketState

__all__ = [
    "Missing",
    "Requalification",
    "RequalificationNotice",
    "RequalificationRule",
    "StateChange",
    "Status",
    "TargetReport",
    "Ticket",
    "TicketReport",
    "TicketReports",
    "evaluate",
    "evaluate_many",
]

#: How an event a target needs, but that is not recorded, is read (see :func:`evaluate`).
Missing = Literal["unrecorded", "breached", "implied"]
#: How a requalified priority moves the targets (see :func:`evaluate`).
RequalificationRule = Literal["from_report", "from_requalification"]


class Status(enum.StrEnum):
    """Where a target stands at the evaluation instant (:func:`evaluate`).

    ``NOT_STARTED``: the target counts from an event (workaround given, take-charge,
    confirmation) that has not happened yet. ``NOT_APPLICABLE``: the policy has no such target
    for the priority, or the ticket was closed before it was due, or its starting event never
    happened before the ticket ended. ``UNRECORDED``: the event the target needs is not recorded
    although a later event shows it happened (``missing="unrecorded"``).

    >>> Status.BREACHED.to_text(), Status.UNRECORDED.to_text(lang="en")
    ('dépassé', 'unrecorded')
    """

    MET = "met"
    BREACHED = "breached"
    RUNNING = "running"
    FROZEN = "frozen"
    NOT_STARTED = "not started"
    NOT_APPLICABLE = "not applicable"
    UNRECORDED = "unrecorded"

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The status in words: « respecté », « dépassé »…"""
        fr, en = _STATUS_WORDS[self]
        return say(fr, en, _text.check_lang(lang))


_STATUS_WORDS: MappingProxyType[Status, tuple[str, str]] = MappingProxyType(
    {
        Status.MET: ("respecté", "met"),
        Status.BREACHED: ("dépassé", "breached"),
        Status.RUNNING: ("en cours", "running"),
        Status.FROZEN: ("gelé", "frozen"),
        Status.NOT_STARTED: ("non démarré", "not started"),
        Status.NOT_APPLICABLE: ("sans objet", "not applicable"),
        Status.UNRECORDED: ("non enregistré", "unrecorded"),
    }
)

#: The state an event implies when the history records nothing later (§5.2.4, §5.2.4.1).
_STATE_AFTER: MappingProxyType[Event, TicketState] = MappingProxyType(
    {
        Event.TAKE_CHARGE: TicketState.EN_COURS_DE_TRAITEMENT,
        Event.RESOLUTION: TicketState.TRAITE_INTERLOCUTEUR,
        Event.CLOSING: TicketState.CLOS_PAR_CLIENT,
    }
)


# -- tickets -------------------------------------------------------------------------------------


def _priority(value: object) -> Priority:
    return Priority.of(value)


@attrs.frozen(kw_only=True)
class StateChange:
    """The ticket entered ``state`` at ``at`` (Contract §5.2.4)."""

    at: dt.datetime = attrs.field(validator=_validate.check(_validate.aware))
    state: TicketState = attrs.field(validator=_validate.instance_of(TicketState))


@attrs.frozen(kw_only=True)
class Requalification:
    """The titulaire requalified the ticket to ``priority`` at ``at`` (Contract §4.2, §4.3)."""

    at: dt.datetime = attrs.field(validator=_validate.check(_validate.aware))
    priority: Priority = attrs.field(converter=_priority)


@attrs.frozen(kw_only=True)
class RequalificationNotice:
    """An obligation of §4.3: a Niveau 0 ticket requalified lower must be notified to the client.

    "Toute requalification d'un niveau 0 - Bloquant vers un niveau inférieur […] se verra
    accompagnée d'un contact téléphonique ou d'une notification écrite au Client".
    """

    at: dt.datetime
    from_priority: Priority
    to_priority: Priority

    def __attrs_post_init__(self) -> None:
        _validate.fields(
            self, {"at": dt.datetime, "from_priority": Priority, "to_priority": Priority}
        )

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The obligation in a sentence."""
        when = _text.instant(self.at, _text.check_lang(lang))
        old, new = self.from_priority.label, self.to_priority.label
        return say(
            f"Contrat §4.3 : requalifié de {old} en {new} le {when} ; le titulaire doit "
            f"téléphoner ou écrire au client pour lui notifier les mesures à prendre et/ou les "
            f"motifs",
            f"Contract §4.3: requalified from {old} to {new} at {when}; the titulaire must "
            f"phone or write to the client with the measures to take and/or the reasons",
            lang,
        )

    def __str__(self) -> str:
        return self.to_text()


_EVENT_FIELDS = (
    ("taken_charge_at", Event.TAKE_CHARGE),
    ("workaround_at", Event.WORKAROUND),
    ("confirmed_at", Event.CONFIRMATION),
    ("resolved_at", Event.RESOLUTION),
    ("closed_at", Event.CLOSING),
)


def _check_ticket(instance: Ticket, _attribute: object, _value: object) -> None:
    reported = instance.reported_at
    for name, _event in _EVENT_FIELDS:
        value = getattr(instance, name)
        if value is not None:
            _validate.ordered("reported_at", reported, name, value)
    dated: tuple[tuple[str, Sequence[StateChange | Requalification]], ...] = (
        ("history", instance.history),
        ("requalifications", instance.requalifications),
    )
    for field, items in dated:
        previous, previous_name = reported, "reported_at"
        for i, item in enumerate(items):
            _validate.ordered(previous_name, previous, f"{field}[{i}].at", item.at)
            previous, previous_name = item.at, f"{field}[{i}].at"


@attrs.frozen(kw_only=True)
class Ticket(Report):
    """A support ticket: its report, priority, dated state history and dated events (§4.1, §5.2).

    ``history`` lists the state changes in order (before the first one the ticket is
    « nouveau »). Events: ``taken_charge_at`` (actual take-charge / qualification),
    ``workaround_at`` (workaround given), ``confirmed_at`` (the blocking or major character
    confirmed, table 4.3), ``resolved_at``, ``closed_at``; and ``requalifications``, in order.
    None may precede ``reported_at``
    (:class:`~libriciel_terms.errors.EndBeforeStartError`); instants compare as instants.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> paris = ZoneInfo("Europe/Paris")
    >>> t = Ticket(reference="CE-1", reported_at=datetime(2024, 10, 15, 10, tzinfo=paris),
    ...            priority=Priority.MINEUR, resolved_at=datetime(2024, 10, 18, 9, tzinfo=paris))
    >>> t.state_at(datetime(2024, 10, 20, tzinfo=paris)).label
    "Traité par l'interlocuteur Libriciel SCOP"
    >>> print(t.to_text())
    Ticket CE-1, Niveau 3 - Mineur
    date                   événement    état                                       priorité
    mar. 2024-10-15 10:00  signalement  nouveau
    ven. 2024-10-18 09:00  résolution   Traité par l'interlocuteur Libriciel SCOP
    """

    reference: str = attrs.field(default="", validator=_validate.check(_validate.text))
    reported_at: dt.datetime = attrs.field(validator=_validate.check(_validate.aware))
    priority: Priority = attrs.field(converter=_priority)
    history: tuple[StateChange, ...] = attrs.field(
        default=(),
        converter=_validate.tuple_of(StateChange),  # type: ignore[misc]
    )
    taken_charge_at: dt.datetime | None = attrs.field(
        default=None, validator=_validate.optional(_validate.aware)
    )
    workaround_at: dt.datetime | None = attrs.field(
        default=None, validator=_validate.optional(_validate.aware)
    )
    confirmed_at: dt.datetime | None = attrs.field(
        default=None, validator=_validate.optional(_validate.aware)
    )
    resolved_at: dt.datetime | None = attrs.field(
        default=None, validator=_validate.optional(_validate.aware)
    )
    closed_at: dt.datetime | None = attrs.field(
        default=None, validator=_validate.optional(_validate.aware)
    )
    requalifications: tuple[Requalification, ...] = attrs.field(
        default=(),
        converter=_validate.tuple_of(Requalification),  # type: ignore[misc]
        validator=_check_ticket,
    )
    #: Derived once: the report and the events as given and in UTC (report, take-charge,
    #: workaround, confirmation, resolution, closing); the timeline of states (instants in UTC,
    #: states); the merged freezing spans (end ``None``: still frozen); the requalifications.
    _given: tuple[dt.datetime | None, ...] = attrs.field(init=False, repr=False, eq=False)
    _utc: tuple[dt.datetime | None, ...] = attrs.field(init=False, repr=False, eq=False)
    _times: tuple[dt.datetime, ...] = attrs.field(init=False, repr=False, eq=False)
    _states: tuple[TicketState, ...] = attrs.field(init=False, repr=False, eq=False)
    _frozen: tuple[tuple[dt.datetime, dt.datetime | None], ...] = attrs.field(
        init=False, repr=False, eq=False
    )
    _requalified: tuple[dt.datetime, ...] = attrs.field(init=False, repr=False, eq=False)
    _last: dt.datetime = attrs.field(init=False, repr=False, eq=False)
    #: The events and the freezing spans as keys (µs on the UTC line, ``_clock.NONE`` for none),
    #: for the evaluation of many tickets over arrays.
    _keys: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _frozen_keys: tuple[tuple[int, int], ...] = attrs.field(init=False, repr=False, eq=False)

    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("at", "date", "date", "instant"),
        Column("event", "événement", "event"),
        Column("state", "état", "state"),
        Column("priority", "priorité", "priority"),
    )

    def __attrs_post_init__(self) -> None:
        utc = _validate.utc
        given = (
            self.reported_at,
            self.taken_charge_at,
            self.workaround_at,
            self.confirmed_at,
            self.resolved_at,
            self.closed_at,
        )
        events = tuple(None if v is None else utc(v) for v in given)
        timeline: list[tuple[dt.datetime, int, TicketState]] = [
            (at, 0, _STATE_AFTER[event])
            for at, (_name, event) in zip(events[1:], _EVENT_FIELDS, strict=True)
            if at is not None and event in _STATE_AFTER
        ]
        timeline.extend((utc(c.at), 1, c.state) for c in self.history)
        timeline.sort(key=lambda item: (item[0], item[1]))
        frozen: list[tuple[dt.datetime, dt.datetime | None]] = []
        for i, (at, _, state) in enumerate(timeline):
            end = timeline[i + 1][0] if i + 1 < len(timeline) else None
            if not state.freezes or end == at:
                continue
            if frozen and frozen[-1][1] == at:
                frozen[-1] = (frozen[-1][0], end)
            else:
                frozen.append((at, end))
        setattr_ = object.__setattr__
        setattr_(self, "_given", given)
        setattr_(self, "_utc", events)
        setattr_(self, "_times", tuple(item[0] for item in timeline))
        setattr_(self, "_states", tuple(item[2] for item in timeline))
        setattr_(self, "_frozen", tuple(frozen))
        requalified = tuple(utc(r.at) for r in self.requalifications)
        setattr_(self, "_requalified", requalified)
        instants = [e for e in events if e is not None]
        setattr_(self, "_last", max((*instants, *(t[0] for t in timeline), *requalified)))
        key = _clock.key
        setattr_(self, "_keys", tuple(key(e) for e in events))
        setattr_(self, "_frozen_keys", tuple((key(s), key(e)) for s, e in frozen))

    def state_at(self, at: dt.datetime) -> TicketState:
        """The state at ``at``: the latest state change or event at or before it (« nouveau »
        before any). A recorded state change wins over the state an event implies at the same
        instant (take-charge: « En cours de traitement », resolution: « Traité par
        l'interlocuteur », closing: « Clos par le client »)."""
        return self._state_at(_validate.utc(_validate.aware("at", at)))

    def _state_at(self, at_utc: dt.datetime) -> TicketState:
        i = bisect.bisect_right(self._times, at_utc)
        return self._states[i - 1] if i else TicketState.NOUVEAU

    def priority_at(self, at: dt.datetime) -> Priority:
        """The priority in force at ``at``: the last requalification at or before it."""
        i = bisect.bisect_right(self._requalified, _validate.utc(_validate.aware("at", at)))
        return self.requalifications[i - 1].priority if i else self.priority

    def freezes(self, until: dt.datetime) -> tuple[Interval, ...]:
        """The merged intervals spent in freezing states (§5.2.4.1) before ``until``, in UTC."""
        return self._freezes(_validate.utc(_validate.aware("until", until)))

    def _freezes(self, until: dt.datetime) -> tuple[Interval, ...]:
        return tuple(
            (s, until if e is None or e > until else e) for s, e in self._frozen if s < until
        )

    def to_records(self) -> list[dict[str, Any]]:
        """The ticket's life, one record per dated fact: the report, each event, each state
        change, each requalification, in time order (instants as given)."""
        facts: list[tuple[dt.datetime, int, dict[str, Any]]] = [
            (self._utc[0] or self.reported_at, 0, {"at": self.reported_at, "event": Event.REPORT})
        ]
        for (name, event), at in zip(_EVENT_FIELDS, self._utc[1:], strict=True):
            if at is not None:
                facts.append((at, 1, {"at": getattr(self, name), "event": event}))
        for change in self.history:
            facts.append((_validate.utc(change.at), 2, {"at": change.at, "state": change.state}))
        for requal, at in zip(self.requalifications, self._requalified, strict=True):
            facts.append((at, 3, {"at": requal.at, "priority": requal.priority.label}))
        facts.sort(key=lambda f: (f[0], f[1]))
        records = [
            {"at": None, "event": None, "state": None, "priority": None} | f[2] for f in facts
        ]
        for record, (at, _, _) in zip(records, facts, strict=True):
            if record["state"] is None and record["priority"] is None:
                record["state"] = self._state_at(at)
        return records

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Ticket CE-1, Niveau 3 - Mineur »."""
        _text.check_lang(lang)
        return f"Ticket {self.reference or '—'}, {self.priority.label}"


# -- reports -------------------------------------------------------------------------------------

_US_HOUR = dt.timedelta(hours=1)


def _hours(duration: BusinessDuration | None) -> Any:
    return None if duration is None else duration.hours


_TARGET_COLUMNS = (
    Column("priority", "priorité", "priority"),
    Column("target", "objectif", "target"),
    Column("status", "statut", "status"),
    Column("counted_from", "point de départ", "counted from", "instant"),
    Column("due", "échéance", "due", "instant"),
    Column("met_at", "atteint le", "met at", "instant"),
    Column("remaining_hours", "reste", "remaining", "business_hours"),
    Column("overdue_hours", "retard", "overdue", "business_hours"),
    Column("frozen_hours", "gel", "frozen", "business_hours"),
    Column("clause", "clause", "clause"),
)


_MAYBE_INSTANT = (dt.datetime, type(None))
_TARGET_REPORT_FIELDS: Mapping[str, type | tuple[type, ...]] = MappingProxyType(
    {
        "target": Target,
        "priority": Priority,
        "status": Status,
        "rule": (SlaTarget, type(None)),
        "at": dt.datetime,
        "hours": BusinessHours,
        "due": _MAYBE_INSTANT,
        "counted_from": _MAYBE_INSTANT,
        "met_at": _MAYBE_INSTANT,
        "implied": bool,
        "evidence": (Event, type(None)),
        "evidence_at": _MAYBE_INSTANT,
        "freezes": tuple,
        "provisional": bool,
    }
)
_TICKET_REPORT_FIELDS: Mapping[str, type | tuple[type, ...]] = MappingProxyType(
    {
        "reference": str,
        "policy": str,
        "at": dt.datetime,
        "reported_at": dt.datetime,
        "declared_priority": Priority,
        "priority": Priority,
        "state": TicketState,
        "targets": tuple,
        "obligations": tuple,
    }
)


@attrs.frozen(kw_only=True)
class TargetReport(Report):
    """Where one target of one ticket stands at the evaluation instant ``at``.

    ``due`` and every instant are in the policy schedule's zone. ``met_at`` is when the target
    was met (``implied`` when read from a later event under ``missing="implied"``);
    ``evidence`` names the event that met it, showed it happened (unrecorded), or closed the
    ticket without it, at ``evidence_at``. ``freezes`` are the freezes applied; ``provisional``
    says the ticket is still in a freezing state (the due instant assumes the freeze ends at
    ``at``). :attr:`remaining`, :attr:`overdue` and :attr:`frozen_time` are business durations
    on the policy's schedule.
    """

    target: Target
    priority: Priority
    status: Status
    rule: SlaTarget | None
    at: dt.datetime
    hours: BusinessHours = attrs.field(repr=False)
    due: dt.datetime | None = None
    counted_from: dt.datetime | None = None
    met_at: dt.datetime | None = None
    implied: bool = False
    evidence: Event | None = None
    evidence_at: dt.datetime | None = None
    freezes: tuple[Interval, ...] = ()
    provisional: bool = False

    COLUMNS: ClassVar[tuple[Column, ...]] = _TARGET_COLUMNS

    def __attrs_post_init__(self) -> None:
        _validate.fields(self, _TARGET_REPORT_FIELDS)

    @property
    def remaining(self) -> BusinessDuration | None:
        """Business time left before the due instant, for a running or frozen target."""
        if self.status not in (Status.RUNNING, Status.FROZEN) or self.due is None:
            return None
        return BusinessDuration.of(self.hours.elapsed(self.at, self.due))

    @property
    def overdue(self) -> BusinessDuration | None:
        """Business time from the due instant to when the target was met, the ticket moved on
        without it, or ``at`` (still open); ``None`` unless breached with a due instant."""
        if self.status is not Status.BREACHED or self.due is None:
            return None
        end = self.met_at or self.evidence_at or self.at
        if _validate.utc(end) < _validate.utc(self.due):
            end = self.due
        return BusinessDuration.of(self.hours.elapsed(self.due, end))

    @property
    def frozen_time(self) -> BusinessDuration:
        """Business time of the freezes that moved the due instant."""
        elapsed = self.hours.elapsed
        return BusinessDuration.of(sum((elapsed(s, e) for s, e in self.freezes), dt.timedelta()))

    def to_records(self) -> list[dict[str, Any]]:
        """One record: priority, target, status, instants, business hours as ``Decimal``."""
        return [self._record()]

    def _record(self) -> dict[str, Any]:
        return {
            "priority": self.priority.label,
            "target": self.target,
            "status": self.status,
            "counted_from": self.counted_from,
            "due": self.due,
            "met_at": self.met_at,
            "remaining_hours": _hours(self.remaining),
            "overdue_hours": _hours(self.overdue),
            "frozen_hours": _hours(self.frozen_time) if self.freezes else None,
            "clause": None if self.rule is None else self.rule.clause,
        }

    def headline(self, *, lang: Lang = "fr") -> str:
        """The target, the priority and the status."""
        return (
            f"{self.target.to_text(lang=lang)}, {self.priority.label}{say(' :', ':', lang)} "
            f"{self.status.to_text(lang=lang)}"
        )

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """The explanation."""
        return (self.explain(lang=lang),)

    def explain(self, *, lang: Lang = "fr") -> str:
        """How the status and the due instant were found, citing the clauses (built on demand)."""
        lang = _text.check_lang(lang)
        rule = self.rule
        if rule is None:
            return say(
                f"{self.target.to_text(lang=lang)}, {self.priority.label} : pas de délai dans "
                f"cette politique",
                f"{self.target.to_text(lang=lang)}, {self.priority.label}: no time limit in this policy",
                lang,
            )
        parts = _explanation(self, rule, lang)
        return "; ".join(parts) if lang == "en" else french(" ; ".join(parts))


def _explanation(report: TargetReport, rule: SlaTarget, lang: Lang) -> list[str]:
    when = _text.instant
    head = (
        f"{say('Contrat', 'Contract', lang)} {rule.clause}{say(' :', ':', lang)} "
        f"{report.target.to_text(lang=lang)}, {report.priority.label}, {rule.to_text(lang=lang)}"
    )
    if rule.freezes:  # the freezing is said below, with its amount
        head = head.removesuffix(say(", gelé (§5.2.4.1)", ", frozen (§5.2.4.1)", lang))
    if rule.condition:
        head += f" ({rule.condition})"
    parts = [head]
    if report.counted_from is None:
        parts.append(_no_start(report, rule, lang))
        return parts
    parts.append(say("point de départ ", "counted from ", lang) + when(report.counted_from, lang))
    if report.freezes:
        frozen = report.frozen_time.to_text(lang=lang)
        parts.append(
            say(f"horloge gelée {frozen} (§5.2.4.1)", f"clock frozen {frozen} (§5.2.4.1)", lang)
        )
    if report.due is not None:
        parts.append(say("échéance ", "due ", lang) + when(report.due, lang))
    parts.append(_outcome(report, lang))
    return parts


def _no_start(report: TargetReport, rule: SlaTarget, lang: Lang) -> str:
    start = counted_from_text(rule.counted_from, lang)
    if report.status is Status.NOT_STARTED:
        return say(f"{start} : pas encore arrivé", f"{start}: it has not happened yet", lang)
    if report.status is Status.NOT_APPLICABLE:
        return say(
            f"{start} : jamais arrivé avant la fin du ticket",
            f"{start}: it never happened before the ticket ended",
            lang,
        )
    return _unrecorded(report, lang)


#: The French article of each event's word (« le contournement », « la résolution »).
_ARTICLE: MappingProxyType[Event, str] = MappingProxyType(
    {
        Event.REPORT: "le",
        Event.TAKE_CHARGE: "la",
        Event.WORKAROUND: "le",
        Event.CONFIRMATION: "la",
        Event.RESOLUTION: "la",
        Event.CLOSING: "la",
    }
)


def _unrecorded(report: TargetReport, lang: Lang) -> str:
    evidence = report.evidence or Event.RESOLUTION
    event = evidence.to_text(lang=lang)
    at = _text.instant(report.evidence_at, lang) if report.evidence_at else "?"
    status = report.status.to_text(lang=lang)
    return say(
        f"{status} : l'événement n'est pas enregistré, mais {_ARTICLE[evidence]} {event} du {at} "
        f"montre qu'il a eu lieu",
        f"{status}: the event is not recorded, but the {event} at {at} shows it happened",
        lang,
    )


def _outcome(report: TargetReport, lang: Lang) -> str:
    status, when = report.status, _text.instant
    word = status.to_text(lang=lang)
    if status in (Status.MET, Status.BREACHED) and report.met_at is not None:
        event = report.evidence.to_text(lang=lang) if report.evidence else ""
        text = f"{word}{say(' :', ':', lang)} {event} {when(report.met_at, lang)}"
        if report.implied:
            text += say(" (déduit : non enregistré)", " (implied: not recorded)", lang)
        if report.overdue is not None:
            text += say(", retard ", ", overdue ", lang) + report.overdue.to_text(lang=lang)
        return text
    if status is Status.UNRECORDED or (
        status is Status.BREACHED and report.evidence not in (None, Event.CLOSING)
    ):
        return _unrecorded(report, lang)
    if report.evidence is Event.CLOSING and report.evidence_at is not None:
        closed = when(report.evidence_at, lang)
        if status is Status.NOT_APPLICABLE:
            return say(
                f"ticket clos le {closed} avant l'échéance",
                f"ticket closed at {closed} before it was due",
                lang,
            )
        overdue = report.overdue.to_text(lang=lang) if report.overdue else ""
        return say(
            f"{word} : ticket clos le {closed} sans lui, retard {overdue}",
            f"{word}: closed at {closed} without it, overdue {overdue}",
            lang,
        )
    if status is Status.BREACHED:
        overdue = report.overdue.to_text(lang=lang) if report.overdue else ""
        return say(
            f"{word} : non atteint, retard {overdue}", f"{word}: not met, overdue {overdue}", lang
        )
    remaining = report.remaining.to_text(lang=lang) if report.remaining else ""
    text = say(f"{word} : reste {remaining}", f"{word}: {remaining} remaining", lang)
    if report.provisional:
        text += say(
            " (provisoire : le ticket est encore dans un état qui gèle l'horloge)",
            " (provisional: the ticket is still in a freezing state)",
            lang,
        )
    return text


@attrs.frozen(kw_only=True)
class TicketReport(Report, Mapping[Target, TargetReport]):
    """The evaluation of one ticket at instant ``at`` (:func:`evaluate`): a mapping from each
    target to its :class:`TargetReport`, in the order of :class:`~libriciel_terms.sla.Target`.

    ``priority`` is the priority in force at ``at`` (after requalifications), ``state`` the
    state at ``at``; ``obligations`` lists the notices §4.3 requires (a Niveau 0 ticket
    requalified lower).
    """

    reference: str
    policy: str
    at: dt.datetime
    reported_at: dt.datetime
    declared_priority: Priority
    priority: Priority
    state: TicketState
    targets: tuple[TargetReport, ...]
    obligations: tuple[RequalificationNotice, ...] = ()

    def __attrs_post_init__(self) -> None:
        _validate.fields(self, _TICKET_REPORT_FIELDS)

    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("reference", "ticket", "ticket"),
        Column("state", "état", "state"),
        *_TARGET_COLUMNS,
        Column("policy", "politique", "policy"),
        Column("at", "évalué le", "evaluated at", "instant"),
        Column("reported_at", "signalé le", "reported at", "instant"),
    )

    def __getitem__(self, target: Target | str) -> TargetReport:
        wanted = Target.of(target)
        for report in self.targets:
            if report.target is wanted:
                return report
        raise UnknownKeyError(
            f"target={target!r} is not in this report; its targets: "
            f"{', '.join(t.target.name for t in self.targets)}"
        )

    def __iter__(self) -> Iterator[Target]:
        return (t.target for t in self.targets)

    def __len__(self) -> int:
        return len(self.targets)

    def to_records(self) -> list[dict[str, Any]]:
        """One record per target, with the ticket's reference, policy, instant and state."""
        head = {
            "reference": self.reference,
            "policy": self.policy,
            "at": self.at,
            "reported_at": self.reported_at,
            "state": self.state,
        }
        return [head | t._record() for t in self.targets]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Ticket CE-1 (Niveau 1 - Majeur), table 4.3, au <instant> »."""
        when = _text.instant(self.at, _text.check_lang(lang))
        reference = self.reference or "—"
        return say(
            f"Ticket {reference} ({self.priority.label}), « {self.policy} », au {when}",
            f"Ticket {reference} ({self.priority.label}), « {self.policy} », at {when}",
            lang,
        )

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """The obligations, then each target's explanation."""
        return (
            *(o.to_text(lang=lang) for o in self.obligations),
            *(t.explain(lang=lang) for t in self.targets),
        )


@attrs.frozen(kw_only=True, eq=False)
class TicketReports(Report, Sequence[TicketReport]):
    """The reports of many tickets (:func:`evaluate_many`), in the order of the tickets.

    The due instants, statuses and business durations of a large batch are computed at once,
    over arrays; :meth:`to_records` and
    :func:`~libriciel_terms.compliance.compliance_summary` read them directly, and each
    :class:`TicketReport` is assembled from them when first read (an index, an iteration), and
    equals the one :func:`evaluate` gives.
    """

    _given: tuple[TicketReport, ...] = attrs.field(default=(), alias="reports", repr=False)
    policy: str = ""
    at: dt.datetime | None = None
    _lazy: _Lazy | None = attrs.field(default=None, repr=False)

    COLUMNS: ClassVar[tuple[Column, ...]] = TicketReport.COLUMNS

    def __attrs_post_init__(self) -> None:
        _validate.fields(
            self,
            {
                "_given": tuple,
                "policy": str,
                "at": (dt.datetime, type(None)),
                "_lazy": (_Lazy, type(None)),
            },
        )

    @property
    def reports(self) -> tuple[TicketReport, ...]:
        """Every ticket's report, in the order of the tickets."""
        return self._given if self._lazy is None else self._lazy.all()

    @overload
    def __getitem__(self, index: int) -> TicketReport: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[TicketReport]: ...
    def __getitem__(self, index: int | slice) -> TicketReport | Sequence[TicketReport]:
        if self._lazy is None or isinstance(index, slice):
            return self.reports[index]
        return self._lazy.get(range(len(self))[index])

    def __iter__(self) -> Iterator[TicketReport]:
        if self._lazy is None:
            return iter(self._given)
        return map(self._lazy.get, range(len(self)))

    def __len__(self) -> int:
        return len(self._given) if self._lazy is None else len(self._lazy.items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TicketReports):
            return NotImplemented
        return (self.policy, self.at, self.reports) == (other.policy, other.at, other.reports)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (_ticket_reports, (self.reports, self.policy, self.at))

    def to_records(self) -> list[dict[str, Any]]:
        """One record per ticket and target (``pandas.DataFrame(reports.to_records())``)."""
        if self._lazy is not None:
            return self._lazy.records()
        return [record for report in self for record in report.to_records()]

    def _table(self) -> tuple[tuple[Target, ...], dt.tzinfo, _Table] | None:
        """The targets, the schedule's zone and the statuses of every ticket × target over
        arrays, for a summary (:func:`~libriciel_terms.compliance.compliance_summary`);
        ``None`` unless the evaluation was computed over arrays."""
        if self._lazy is None:
            return None
        context = self._lazy.context
        return context.wanted, context.hours.zone, self._lazy.table()

    def headline(self, *, lang: Lang = "fr") -> str:
        """How many tickets, which policy, at which instant."""
        n = len(self)
        when = "" if self.at is None else _text.instant(self.at, _text.check_lang(lang))
        return say(
            f"{n} tickets, « {self.policy} », au {when}",
            f"{n} tickets, « {self.policy} », at {when}",
            lang,
        )


def _ticket_reports(
    reports: tuple[TicketReport, ...], policy: str, at: dt.datetime | None
) -> TicketReports:
    return TicketReports(reports=reports, policy=policy, at=at)


# -- evaluation ----------------------------------------------------------------------------------


def evaluate(
    policy: SlaPolicy,
    ticket: Ticket,
    *,
    at: dt.datetime,
    requalification: RequalificationRule = "from_report",
    missing: Missing = "unrecorded",
) -> TicketReport:
    """Where each target of ``ticket`` stands at instant ``at`` (Contract §4.3, §5.2.4.1).

    Facts dated after ``at`` are not yet known and are ignored; ``at`` before the report is
    refused. For each target of the ticket's priority the report gives the due instant, the
    status, when it was met, the business time remaining or overdue, the freezes applied, and
    an explanation citing the clause (:meth:`TargetReport.explain`).

    - Freezes come from the state history: the time spent in freezing states, up to the end of
      observation (``at``, the instant the target was met, or the closing). A ticket still in a
      freezing state at ``at`` has its target ``FROZEN`` and a provisional due instant.
    - A workaround (or restore) target is met by the workaround or by the resolution, whichever
      comes first (a fix is more than a workaround).
    - **Missing events.** The take-charge must precede a workaround or a resolution. When it is
      not recorded but one of them is, ``missing`` decides: ``"unrecorded"`` (default) gives the
      status ``UNRECORDED`` (counted apart, never a breach), ``"breached"`` reads "not
      evidenced" as not met (overdue up to the later event), ``"implied"`` takes the later
      event's instant as the take-charge's (its latest possible instant). A ticket still open
      past a due instant with nothing recorded is ``BREACHED`` in every reading.
    - Closing the ticket ends the clocks: a target not met by then is ``BREACHED`` if it was due
      before the closing, ``NOT_APPLICABLE`` otherwise.
    - Requalification (§4.2, §4.3): the take-charge target keeps the declared priority (the
      take-charge is the qualification); the other targets follow the priority in force at
      ``at``. With ``requalification="from_report"`` (default) they keep counting from their
      original event; with ``"from_requalification"`` the targets counted from the report count
      from the last requalification instead. Requalifying a Niveau 0 ticket to a lower level
      lists the notice §4.3 requires (:attr:`TicketReport.obligations`).
    """
    context = _Context.of(policy, at, requalification, missing)
    if not isinstance(ticket, Ticket):
        raise WrongTypeError(f"ticket={ticket!r} is not a Ticket")
    context.check_reported(ticket, "reported_at")
    plan = context.plan(ticket)
    dues = _clock.dues([step[4] for step in plan[1] if step[4] is not None])
    return context.assemble(ticket, plan, iter(dues))


def evaluate_many(
    policy: SlaPolicy,
    tickets: Iterable[Ticket],
    *,
    at: dt.datetime,
    requalification: RequalificationRule = "from_report",
    missing: Missing = "unrecorded",
) -> TicketReports:
    """:func:`evaluate` every ticket at ``at``; the result converts to records for pandas.

    Many tickets (:data:`_BULK_MIN` or more) with numpy installed (the ``fast`` extra): the due
    instants (``_clock.due_keys``), statuses and business durations of every target of every
    ticket are computed at once over arrays, the records and summaries read from them, each
    report (and its explanations) assembled when first read; otherwise ticket by ticket. Both
    give the same reports and records.
    """
    context = _Context.of(policy, at, requalification, missing)
    items: tuple[Ticket, ...] = _validate.items("tickets", tickets, Ticket)
    lazy = _bulk_evaluation(context, items) if len(items) >= _BULK_MIN else None
    if lazy is not None:
        return TicketReports(policy=policy.name, at=context.at, lazy=lazy)
    for i, ticket in enumerate(items):
        context.check_reported(ticket, f"tickets[{i}].reported_at")
    reports: list[TicketReport] = []
    for first in range(0, len(items), _CHUNK):
        chunk = items[first : first + _CHUNK]
        plans = [context.plan(ticket) for ticket in chunk]
        requests = [step[4] for _, steps in plans for step in steps if step[4] is not None]
        dues = iter(_clock.dues(requests))
        reports.extend(
            context.assemble(t, plan, dues) for t, plan in zip(chunk, plans, strict=True)
        )
    return TicketReports(reports=tuple(reports), policy=policy.name, at=context.at)


#: From this many tickets on, :func:`evaluate_many` computes over arrays (when numpy is there).
_BULK_MIN = 64
#: Tickets with more freezing spans than this are evaluated one by one.
_BULK_FREEZES = 8


#: Tickets planned, computed and assembled together: enough for a bulk computation of the due
#: instants to pay off, few enough that the plans stay small.
_CHUNK = 1024


#: One target's plan: target, priority, row, start (as given), due request (or ``None``).
_Step = tuple[Target, Priority, SlaTarget | None, dt.datetime | None, _clock.Request | None]


@attrs.frozen
class _Context:
    """What every ticket of one evaluation shares: the policy, the instant and the readings."""

    policy: SlaPolicy
    hours: BusinessHours
    at: dt.datetime
    at_utc: dt.datetime
    rule: RequalificationRule
    missing: Missing
    wanted: tuple[Target, ...]
    #: The reports of targets the policy has no row for, shared (they are immutable).
    no_row: dict[tuple[Target, Priority], TargetReport] = attrs.field(factory=dict)

    @classmethod
    def of(cls, policy: object, at: object, requalification: object, missing: object) -> _Context:
        if not isinstance(policy, SlaPolicy):
            raise WrongTypeError(f"policy={policy!r} is not an SlaPolicy")
        instant = _validate.utc(_validate.aware("at", at))
        rule = _validate.one_of(
            "requalification", requalification, _validate.literal_values(RequalificationRule)
        )
        reading = _validate.one_of("missing", missing, _validate.literal_values(Missing))
        wanted = tuple(t for t in Target if any(row.target is t for row in policy.targets))
        return cls(
            policy=policy,
            hours=policy.hours,
            at=instant.astimezone(policy.hours.zone),
            at_utc=instant,
            rule=rule,
            missing=reading,
            wanted=wanted,
        )

    def check_reported(self, ticket: Ticket, name: str) -> None:
        if ticket._utc[0] > self.at_utc:  # type: ignore[operator]
            of = f" (ticket {ticket.reference})" if ticket.reference else ""
            raise EndBeforeStartError(
                f"at={self.at!r} is before {name}={ticket.reported_at!r}{of}; pass an at on or "
                f"after {name.rpartition('.')[2]} (the two are never swapped silently)"
            )

    def plan(self, ticket: Ticket) -> tuple[_Facts, list[_Step]]:
        """Each target's row and start, and the due instant to compute (the bulk seam's input)."""
        facts = _Facts(ticket, self.at_utc, self.missing, self.rule)
        steps: list[_Step] = []
        get = self.policy.get
        for target in self.wanted:
            priority = ticket.priority if target is Target.TAKE_CHARGE else facts.current
            row = get((priority, target))
            if row is None:
                steps.append((target, priority, None, None, None))
                continue
            start = facts.start(row, target)
            request: _clock.Request | None = None
            if start is not None:
                freezes: tuple[Interval, ...] = ()
                if row.freezes and ticket._frozen:
                    cut = _validate.utc(start)
                    freezes = tuple(
                        (max(s, cut), e)
                        for s, e in ticket._freezes(facts.end_of_watch(target, self.at_utc))
                        if e > cut
                    )
                request = (self.hours, start, row.delay, freezes)
            steps.append((target, priority, row, start, request))
        return facts, steps

    def assemble(
        self,
        ticket: Ticket,
        plan: tuple[_Facts, list[_Step]],
        dues: Iterator[tuple[dt.datetime, tuple[Interval, ...]]],
    ) -> TicketReport:
        """The ticket's report from its plan and the due instants computed for it, in order."""
        facts, steps = plan
        state = ticket._state_at(self.at_utc)
        targets = []
        for target, priority, row, start, request in steps:
            if row is None:  # the same for every ticket: one shared report
                report = self.no_row.get((target, priority)) or self.no_row.setdefault(
                    (target, priority), self._report(target, priority, Status.NOT_APPLICABLE, None)
                )
            elif request is None:
                report = self._unstarted(facts, target, priority, row)
            else:
                due, applied = next(dues)
                report = self._classify(facts, target, priority, row, start, due, applied)
                if report.status is Status.RUNNING and row.freezes and state.freezes:
                    report = attrs.evolve(report, status=Status.FROZEN, provisional=True)
            targets.append(report)
        zone = self.hours.zone
        return TicketReport(
            reference=ticket.reference,
            policy=self.policy.name,
            at=self.at,
            reported_at=ticket.reported_at.astimezone(zone),
            declared_priority=ticket.priority,
            priority=facts.current,
            state=state,
            targets=tuple(targets),
            obligations=_notices(ticket, facts.requalified, zone) if facts.requalified else (),
        )

    def _classify(
        self,
        facts: _Facts,
        target: Target,
        priority: Priority,
        row: SlaTarget,
        start: dt.datetime | None,
        due: dt.datetime,
        applied: tuple[Interval, ...],
    ) -> TargetReport:
        """Met, breached or running, once the due instant is known."""
        due_utc = due.astimezone(_UTC)
        met, met_utc, event, implied = facts.met(target)
        closed = facts.closed
        evidence_at = None
        if met_utc is not None and (closed is None or met_utc <= closed):
            status = Status.MET if met_utc <= due_utc else Status.BREACHED
        elif target is Target.TAKE_CHARGE and facts.proof is not None:
            status = self.unproven
            event, evidence_at, met = facts.proof_event, facts.proof_given, None
        elif closed is not None:
            status = Status.BREACHED if closed > due_utc else Status.NOT_APPLICABLE
            event, evidence_at, met = Event.CLOSING, facts.closed_given, None
        else:
            status = Status.BREACHED if self.at_utc > due_utc else Status.RUNNING
            event, met = None, None
        zone = self.hours.zone
        assert start is not None
        return TargetReport(
            target=target,
            priority=priority,
            status=status,
            rule=row,
            at=self.at,
            hours=self.hours,
            due=due,
            counted_from=start.astimezone(zone),
            met_at=None if met is None else met.astimezone(zone),
            implied=implied,
            evidence=event,
            evidence_at=None if evidence_at is None else evidence_at.astimezone(zone),
            freezes=_in_zone(applied, zone) if applied else (),
        )

    def _unstarted(
        self, facts: _Facts, target: Target, priority: Priority, row: SlaTarget
    ) -> TargetReport:
        """A target whose starting event is not known at ``at``."""
        evidence, evidence_at = None, None
        if row.counted_from == "take_charge" and facts.proof is not None:
            status = self.unproven
            evidence = facts.proof_event
            evidence_at = facts.proof_given.astimezone(self.hours.zone)  # type: ignore[union-attr]
        elif facts.met(target)[1] is not None or facts.closed is not None:
            status = Status.NOT_APPLICABLE
        else:
            status = Status.NOT_STARTED
        return self._report(
            target, priority, status, row, evidence=evidence, evidence_at=evidence_at
        )

    @property
    def unproven(self) -> Status:
        """The status of a target whose event is not recorded but shown by a later one."""
        return Status.UNRECORDED if self.missing == "unrecorded" else Status.BREACHED

    def _report(
        self,
        target: Target,
        priority: Priority,
        status: Status,
        row: SlaTarget | None,
        **found: Any,
    ) -> TargetReport:
        return TargetReport(
            target=target,
            priority=priority,
            status=status,
            rule=row,
            at=self.at,
            hours=self.hours,
            **found,
        )


_UTC = dt.UTC


def _in_zone(intervals: tuple[Interval, ...], zone: dt.tzinfo) -> tuple[Interval, ...]:
    return tuple((s.astimezone(zone), e.astimezone(zone)) for s, e in intervals)


class _Facts:
    """A ticket's events known at the evaluation instant (as given, and in UTC to compare), and
    what they imply: the proof of an unrecorded take-charge, the priority in force."""

    __slots__ = (
        "closed",
        "closed_given",
        "current",
        "given",
        "implied",
        "known",
        "proof",
        "proof_event",
        "proof_given",
        "requal_start",
        "requalified",
    )

    def __init__(self, ticket: Ticket, at: dt.datetime, missing: Missing, rule: str) -> None:
        known, given = ticket._utc, ticket._given
        if ticket._last > at:  # some facts are not known yet at ``at``
            known = tuple(None if v is None or v > at else v for v in known)
            given = tuple(g if k is not None else None for g, k in zip(given, known, strict=True))
        self.closed, self.closed_given = known[5], given[5]
        # A workaround or a resolution proves the take-charge happened no later than it.
        self.proof = self.proof_given = None
        self.proof_event = Event.RESOLUTION
        if known[1] is None:
            first = 2 if known[2] is not None and (known[4] is None or known[2] <= known[4]) else 4
            if known[first] is not None:
                self.proof, self.proof_given = known[first], given[first]
                self.proof_event = Event.WORKAROUND if first == 2 else Event.RESOLUTION
        self.implied = missing == "implied" and self.proof is not None
        if self.implied:
            known = (known[0], self.proof, *known[2:])
            given = (given[0], self.proof_given, *given[2:])
            self.proof = self.proof_given = None
        self.known, self.given = known, given
        n = bisect.bisect_right(ticket._requalified, at) if ticket._requalified else 0
        self.requalified = n
        self.current = ticket.requalifications[n - 1].priority if n else ticket.priority
        requalified_at = ticket.requalifications[n - 1].at if n else None
        self.requal_start = requalified_at if rule == "from_requalification" else None

    def start(self, row: SlaTarget, target: Target) -> dt.datetime | None:
        """The instant ``row`` counts from (as given), or ``None`` if not known at ``at``."""
        index = _START_INDEX[row.counted_from]
        if index == 0 and self.requal_start is not None and target is not Target.TAKE_CHARGE:
            return self.requal_start
        return self.given[index]

    def met(
        self, target: Target
    ) -> tuple[dt.datetime | None, dt.datetime | None, Event | None, bool]:
        """When ``target`` was met (as given, in UTC), by which event, and whether implied."""
        known, given = self.known, self.given
        if target is Target.TAKE_CHARGE:
            event = self.proof_event if self.implied else Event.TAKE_CHARGE
            return given[1], known[1], event, self.implied
        if target is Target.RESOLUTION:
            return given[4], known[4], Event.RESOLUTION, False
        if known[2] is not None and (known[4] is None or known[2] <= known[4]):
            return given[2], known[2], Event.WORKAROUND, False
        return given[4], known[4], Event.RESOLUTION, False

    def end_of_watch(self, target: Target, at: dt.datetime) -> dt.datetime:
        """Where observation of ``target`` stops: ``at``, the meeting, or the closing (UTC)."""
        end = at
        for instant in (self.met(target)[1], self.closed):
            if instant is not None and instant < end:
                end = instant
        return end


#: Index of each starting event in a ticket's events (report, take-charge, workaround,
#: confirmation, resolution, closing).
_START_INDEX: MappingProxyType[str, int] = MappingProxyType(
    {"report": 0, "take_charge": 1, "workaround": 2, "confirmation": 3}
)


def _notices(ticket: Ticket, known: int, zone: dt.tzinfo) -> tuple[RequalificationNotice, ...]:
    notices = []
    previous = ticket.priority
    for requal in ticket.requalifications[:known]:
        if previous is Priority.BLOQUANT and requal.priority > Priority.BLOQUANT:
            notices.append(
                RequalificationNotice(
                    at=requal.at.astimezone(zone),
                    from_priority=previous,
                    to_priority=requal.priority,
                )
            )
        previous = requal.priority
    return tuple(notices)


# -- many tickets over arrays --------------------------------------------------------------------

#: Status codes in the arrays of a bulk evaluation.
_STATUSES = (
    Status.MET,
    Status.BREACHED,
    Status.RUNNING,
    Status.FROZEN,
    Status.NOT_STARTED,
    Status.NOT_APPLICABLE,
    Status.UNRECORDED,
)
_MET, _BREACHED, _RUNNING, _FROZEN, _NOT_STARTED, _NOT_APPLICABLE, _UNRECORDED = range(7)


class _Cells:
    """Every ticket × target of a bulk evaluation, as ``(tickets, targets)`` arrays: the status
    code, the row of the policy (-1: none), the priority, the due key, the index of the event
    counted from and of the one that met the target (-1: none), the instant that ends an
    overdue, the business µs remaining, overdue and frozen (-1: none), and how many of the
    ticket's freezes moved the due instant."""

    __slots__ = (
        "applied",
        "due",
        "end",
        "frozen",
        "met",
        "overdue",
        "priority",
        "remaining",
        "row",
        "start",
        "status",
    )

    def __init__(self, np: Any, n: int, w: int) -> None:
        none = _clock.NONE
        self.status = np.full((n, w), _NOT_APPLICABLE, dtype=np.int8)
        self.row = np.full((n, w), -1, dtype=np.int16)
        self.priority = np.zeros((n, w), dtype=np.int8)
        self.due = np.full((n, w), none, dtype=np.int64)
        self.end = np.full((n, w), none, dtype=np.int64)
        self.start = np.full((n, w), -1, dtype=np.int8)
        self.met = np.full((n, w), -1, dtype=np.int8)
        self.overdue = np.full((n, w), -1, dtype=np.int64)
        self.remaining = np.full((n, w), -1, dtype=np.int64)
        self.frozen = np.full((n, w), -1, dtype=np.int64)
        self.applied = np.zeros((n, w), dtype=np.int64)


class _Table(NamedTuple):
    """What a compliance summary counts of many reports (:meth:`TicketReports._table`): the
    report key of each ticket; per ticket × target the status code, whether the policy has a
    row, the priority, the due key and the business µs overdue (-1: none)."""

    reported: Any
    status: Any
    ruled: Any
    priority: Any
    due: Any
    overdue: Any
    #: The status of each code; the due key of no due instant.
    statuses: tuple[Status, ...] = _STATUSES
    none: int = _clock.NONE


class _Known:
    """The events of many tickets known at ``at`` (keys, ``NONE`` if not), read as
    :class:`_Facts` reads one ticket's: the first fix (workaround or resolution), the proof of
    an unrecorded take-charge, the take-charge implied by it; and the index of the event (in
    ``Ticket._given``) each stands for."""

    def __init__(self, np: Any, known: Any, missing: Missing) -> None:
        none = _clock.NONE
        self.report, taken, self.workaround = known[:, 0], known[:, 1], known[:, 2]
        self.confirmation, self.resolution, self.closed = known[:, 3], known[:, 4], known[:, 5]
        self.fix = np.minimum(self.workaround, self.resolution)
        by_workaround = (self.workaround != none) & (self.workaround <= self.resolution)
        self.fix_index = np.where(by_workaround, 2, 4).astype(np.int8)
        self.proof = (taken == none) & (self.fix != none)
        self.implied = self.proof if missing == "implied" else np.zeros_like(self.proof)
        if missing == "implied":
            taken = np.where(self.implied, self.fix, taken)
            self.proof = np.zeros_like(self.proof)
        self.taken = taken
        self.taken_index = np.where(self.implied, self.fix_index, 1).astype(np.int8)

    def met(self, np: Any, target: Target) -> tuple[Any, Any]:
        """The keys meeting ``target`` and the indexes of their events."""
        if target is Target.TAKE_CHARGE:
            return self.taken, self.taken_index
        if target is Target.RESOLUTION:
            return self.resolution, np.full(self.resolution.shape, 4, dtype=np.int8)
        return self.fix, self.fix_index

    def start(self, np: Any, counted_from: str) -> tuple[Any, Any]:
        """The keys a row counts from and the indexes of their events."""
        if counted_from == "take_charge":
            return self.taken, self.taken_index
        index = _START_INDEX[counted_from]
        keys = {0: self.report, 2: self.workaround, 3: self.confirmation}[index]
        return keys, np.full(keys.shape, index, dtype=np.int8)


class _Lazy:
    """The statuses and durations of every ticket × target computed over arrays; each ticket's
    report assembled when first read; records and tallies straight from the arrays."""

    __slots__ = ("built", "cells", "context", "items", "scalar", "states")

    def __init__(
        self,
        context: _Context,
        items: tuple[Ticket, ...],
        cells: _Cells,
        scalar: Any,
        states: list[TicketState],
    ) -> None:
        self.context, self.items, self.cells = context, items, cells
        self.scalar, self.states = scalar, states
        self.built: list[TicketReport | None] = [None] * len(items)

    def get(self, i: int) -> TicketReport:
        found = self.built[i]
        if found is None:
            found = self.built[i] = self._build(i)
        return found

    def all(self) -> tuple[TicketReport, ...]:
        return tuple(map(self.get, range(len(self.items))))

    def _build(self, i: int) -> TicketReport:
        context, ticket = self.context, self.items[i]
        plan = context.plan(ticket)
        if self.scalar[i]:
            requests = [step[4] for step in plan[1] if step[4] is not None]
            return context.assemble(ticket, plan, iter(_clock.dues(requests)))
        zone = context.hours.zone
        dues, applied = self.cells.due[i].tolist(), self.cells.applied[i].tolist()
        found = [
            (_clock.instant(dues[j], zone), tuple(step[4][3][: applied[j]]))
            for j, step in enumerate(plan[1])
            if step[4] is not None
        ]
        return context.assemble(ticket, plan, iter(found))

    def records(self) -> list[dict[str, Any]]:
        """:meth:`TicketReports.to_records`, from the arrays (the scalar tickets' from their
        reports): the same records as the reports give."""
        from libriciel_terms import _bulk

        np, context, cells = _clock.numpy(), self.context, self.cells
        zone, at, name, wanted = context.hours.zone, context.at, context.policy.name, context.wanted
        dues = _bulk.datetimes(cells.due, zone, _clock.NONE)
        remaining = _bulk.hours_decimals(cells.remaining.reshape(-1))
        overdue = _bulk.hours_decimals(cells.overdue.reshape(-1))
        frozen = _bulk.hours_decimals(cells.frozen.reshape(-1))
        status = np.array(_STATUSES, dtype=object)[cells.status.reshape(-1)].tolist()
        clauses = [None, *(rule.clause for rule in context.policy.targets)]
        clause = np.array(clauses, dtype=object)[cells.row.reshape(-1) + 1].tolist()
        start, met = cells.start.reshape(-1).tolist(), cells.met.reshape(-1).tolist()
        labels = {priority: priority.label for priority in Priority}
        records: list[dict[str, Any]] = []
        add, c = records.append, 0
        for i, (ticket, scalar) in enumerate(zip(self.items, self.scalar.tolist(), strict=True)):
            if scalar:
                records.extend(self.get(i).to_records())
                c += len(wanted)
                continue
            given, state, label = ticket._given, self.states[i], labels[ticket.priority]
            reference, reported = ticket.reference, given[0].astimezone(zone)  # type: ignore[union-attr]
            for target in wanted:
                s, m = start[c], met[c]
                add(
                    {
                        "reference": reference,
                        "policy": name,
                        "at": at,
                        "reported_at": reported,
                        "state": state,
                        "priority": label,
                        "target": target,
                        "status": status[c],
                        "counted_from": None if s < 0 else given[s].astimezone(zone),
                        "due": dues[c],
                        "met_at": None if m < 0 else given[m].astimezone(zone),
                        "remaining_hours": remaining[c],
                        "overdue_hours": overdue[c],
                        "frozen_hours": frozen[c],
                        "clause": clause[c],
                    }
                )
                c += 1
        return records

    def table(self) -> _Table:
        """The cells a summary counts, the scalar tickets' filled from their reports."""
        cells, np = self.cells, _clock.numpy()
        status, row, priority = cells.status.copy(), cells.row.copy(), cells.priority.copy()
        due, overdue = cells.due.copy(), cells.overdue.copy()
        for i in np.flatnonzero(self.scalar).tolist():
            for j, target in enumerate(self.get(i).targets):
                status[i, j] = _STATUSES.index(target.status)
                row[i, j] = -1 if target.rule is None else 0
                priority[i, j] = target.priority
                due[i, j] = _clock.key(target.due)
                late = target.overdue
                overdue[i, j] = -1 if late is None else late.microseconds
        reported = np.fromiter((t._keys[0] for t in self.items), dtype=np.int64)
        return _Table(reported, status, row >= 0, priority, due, overdue)


def _bulk_evaluation(context: _Context, items: tuple[Ticket, ...]) -> _Lazy | None:
    """The status of every target of every ticket, over arrays (``None``: no numpy).

    Tickets requalified, or with many freezing spans, or whose priority has a délai without a
    bulk computation, are left to the ticket-by-ticket path (``scalar``).
    """
    try:
        np = _clock.numpy()
    except OptionalDependencyError:
        return None
    n = len(items)
    keys = np.array([t._keys for t in items], dtype=np.int64).reshape(n, 6)
    at_key = _clock.key(context.at_utc)
    late = np.flatnonzero(keys[:, 0] > at_key)
    if late.size:
        first = int(late[0])
        context.check_reported(items[first], f"tickets[{first}].reported_at")
    priorities = np.fromiter((t.priority for t in items), dtype=np.int64, count=n)
    scalar = np.fromiter(
        (bool(t.requalifications) or len(t._frozen_keys) > _BULK_FREEZES for t in items),
        dtype=bool,
        count=n,
    )
    rows = context.policy.targets
    for row in rows:
        if not _clock.bulk_supported(row.delay):
            scalar |= priorities == row.priority
    known = _Known(np, np.where(keys > at_key, _clock.NONE, keys), context.missing)
    freezes = _freeze_arrays(np, items, scalar)
    at_utc = context.at_utc
    states = [t._state_at(at_utc) for t in items]
    freezing = np.fromiter((s.freezes for s in states), dtype=bool, count=n)
    cells = _Cells(np, n, len(context.wanted))
    cells.priority[:] = priorities[:, None]
    for j, target in enumerate(context.wanted):
        for r, row in enumerate(rows):
            if row.target is not target:
                continue
            chosen = np.flatnonzero((priorities == row.priority) & ~scalar)
            if chosen.size:
                cells.row[chosen, j] = r
                _fill(context, cells, j, row, chosen, known, freezes, freezing)
    _durations(np, context, cells)
    return _Lazy(context, items, cells, scalar, states)


def _fill(
    context: _Context,
    cells: _Cells,
    j: int,
    row: SlaTarget,
    chosen: Any,
    known: _Known,
    freezes: tuple[Any, Any],
    freezing: Any,
) -> None:
    """Column ``j`` of the tickets ``chosen``, whose priority has ``row`` (as :meth:`_Context.
    assemble`, :meth:`_Context._classify` and :meth:`_Context._unstarted`)."""
    np, none = _clock.numpy(), _clock.NONE
    at_key = _clock.key(context.at_utc)
    unproven = _UNRECORDED if context.missing == "unrecorded" else _BREACHED
    met_keys, met_index = known.met(np, row.target)
    start_keys, start_index = known.start(np, row.counted_from)
    start = start_keys[chosen]
    idle, busy = chosen[start == none], chosen[start != none]
    if idle.size:  # the starting event is not known at ``at``
        ended = (met_keys[idle] != none) | (known.closed[idle] != none)
        status = np.where(ended, _NOT_APPLICABLE, _NOT_STARTED)
        if row.counted_from == "take_charge":
            status = np.where(known.proof[idle], unproven, status)
        cells.status[idle, j] = status
    if not busy.size:
        return
    cells.start[busy, j] = start_index[busy]
    met, closed = met_keys[busy], known.closed[busy]
    until = np.minimum(np.minimum(met, closed), at_key)
    due = _due(context, row, start_keys[busy], until, freezes, busy, cells, j)
    by_event = (met != none) & (met <= closed)
    by_proof = ~by_event & known.proof[busy] & (row.target is Target.TAKE_CHARGE)
    by_closing = ~by_event & ~by_proof & (closed != none)
    still = np.where(row.freezes & freezing[busy], _FROZEN, _RUNNING)
    cells.status[busy, j] = np.select(
        [by_event, by_proof, by_closing],
        [
            np.where(met <= due, _MET, _BREACHED),
            unproven,
            np.where(closed > due, _BREACHED, _NOT_APPLICABLE),
        ],
        np.where(at_key > due, _BREACHED, still),
    )
    cells.met[busy, j] = np.where(by_event, met_index[busy], -1)
    cells.end[busy, j] = np.select(
        [by_event, by_proof, by_closing], [met, known.fix[busy], closed], at_key
    )


def _due(
    context: _Context,
    row: SlaTarget,
    start: Any,
    until: Any,
    freezes: tuple[Any, Any],
    busy: Any,
    cells: _Cells,
    j: int,
) -> Any:
    """The due keys of the tickets ``busy`` (column ``j``), their freezes cut at ``until``;
    the freezes applied, and their business time, noted in ``cells``."""
    np = _clock.numpy()
    fs, fe = freezes[0][busy], freezes[1][busy]
    if row.freezes:
        fs, fe = _clipped(np, fs, fe, start, until)
    else:
        fs, fe = fs[:, :0], fe[:, :0]
    due, applied = _clock.due_keys(context.hours, row.delay, start, fs, fe)
    cells.due[busy, j], cells.applied[busy, j] = due, applied
    moved = np.flatnonzero(applied)
    if moved.size:  # the business time of the freezes applied: the first ``applied`` kept
        fs, fe, left = fs[moved], fe[moved], applied[moved]
        frozen = np.zeros(moved.size, dtype=np.int64)
        for k in range(fs.shape[1]):
            counted = np.flatnonzero((fs[:, k] != _clock.NONE) & (left > 0))
            frozen[counted] += _bulk_elapsed(context, fs[counted, k], fe[counted, k])
            left[counted] -= 1
        cells.frozen[busy[moved], j] = frozen
    return due


def _bulk_elapsed(context: _Context, first: Any, last: Any) -> Any:
    from libriciel_terms import _bulk

    return _bulk.elapsed_keys(context.hours, first, last)


def _durations(np: Any, context: _Context, cells: _Cells) -> None:
    """The business time overdue (breached: from the due instant to the end of the overdue) and
    remaining (running or frozen: from ``at`` to the due instant) of every cell, at once."""
    none, at_key = _clock.NONE, _clock.key(context.at_utc)
    due = cells.due
    late = np.nonzero((cells.status == _BREACHED) & (due != none))
    left = np.nonzero(((cells.status == _RUNNING) | (cells.status == _FROZEN)) & (due != none))
    firsts = np.concatenate([due[late], np.full(left[0].size, at_key, dtype=np.int64)])
    lasts = np.concatenate([np.maximum(cells.end[late], due[late]), due[left]])
    elapsed = _bulk_elapsed(context, firsts, lasts)
    cells.overdue[late] = elapsed[: late[0].size]
    cells.remaining[left] = elapsed[late[0].size :]


def _freeze_arrays(np: Any, items: tuple[Ticket, ...], scalar: Any) -> tuple[Any, Any]:
    """Each ticket's freezing spans as keys, padded with ``NONE`` to the most any ticket has."""
    spans = [(i, k, s, e) for i, t in enumerate(items) for k, (s, e) in enumerate(t._frozen_keys)]
    width = max((k + 1 for i, k, _, _ in spans if not scalar[i]), default=0)
    starts = np.full((len(items), width), _clock.NONE, dtype=np.int64)
    ends = starts.copy()
    kept = [span for span in spans if not scalar[span[0]]]
    if kept:
        rows, ranks, firsts, lasts = np.array(kept, dtype=np.int64).T
        starts[rows, ranks], ends[rows, ranks] = firsts, lasts
    return starts, ends


def _clipped(np: Any, fs: Any, fe: Any, start: Any, until: Any) -> tuple[Any, Any]:
    """The freezes that count: cut to start at ``start`` and end by ``until`` (``NONE`` if not)."""
    ends = np.minimum(fe, until[:, None])
    keep = (fs < until[:, None]) & (ends > start[:, None])
    none = _clock.NONE
    return np.where(keep, np.maximum(fs, start[:, None]), none), np.where(keep, ends, none)
