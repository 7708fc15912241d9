"""Priorities, targets and SLA policies: when each délai of a ticket is due (Contract §2.5.2, §2.7, §2.8, §4.3, §5.2.3).

A ticket is reported at a *priority* (« Niveau 0 - Bloquant » … « Niveau 3 - Mineur », §5.2.3.1,
§5.2.5) and must meet *targets*: take charge (qualification), a workaround, a resolution — or,
for the hosting GTR of §2.5.2, the restoration of the service. A :class:`SlaPolicy` is data: for
each priority and target, a :class:`~libriciel_terms.delays.Delay`, the event it counts from,
whether the freezing states of §5.2.4.1 stop its clock, and the clause it comes from. The
contract states two readings of the same help desk (C1): table 4.3 (:meth:`SlaPolicy.comelus`,
the default) and §2.7 (:meth:`SlaPolicy.section_2_7`); they are never merged —
:func:`compare_policies` lists where they differ. Each ambiguity of the text is a keyword of the
preset (docs/contradictions.md, "SLA and availability readings").

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
- Day-based délais (jours ouvrés) use the civil counting (the event's day does not count; the
  délai ends when the last working day's business hours close). With freezes, the délai is
  first turned into its unfrozen due instant, then the freezes push it as they push an
  hour-based délai.
- A target counted from another event than the report (a workaround given, the actual
  take-charge, the confirmation of the priority) needs that event's instant: pass it as
  ``event_at=``; without it :class:`~libriciel_terms.errors.MissingEventError` says which
  instant is missing.
- Instants compare as instants (in UTC, so the repeated hour of the October night is ordered
  right) and due instants come back in the policy schedule's zone.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import attrs

from libriciel_terms import _clock, _intervals, _labels, _text, _validate
from libriciel_terms._intervals import Interval
from libriciel_terms._labels import say
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang
from libriciel_terms.delays import Delay
from libriciel_terms.errors import (
    InvalidArgumentError,
    MissingEventError,
    OutOfRangeError,
    UnknownKeyError,
    WrongTypeError,
)
from libriciel_terms.hours import BusinessHours

if TYPE_CHECKING:
    from libriciel_terms.tickets import (
        Missing,
        RequalificationRule,
        Ticket,
        TicketReport,
        TicketReports,
    )

__all__ = [
    "CountedFrom",
    "Event",
    "GtrScope",
    "HolidaysInPsg",
    "Interval",
    "PolicyComparison",
    "PolicyDifference",
    "Priority",
    "ResolutionFrom",
    "SlaPolicy",
    "SlaTarget",
    "Target",
    "Units27",
    "compare_policies",
    "counted_from_text",
    "merge_intervals",
    "psg",
]

#: The event a délai counts from: the report (« signalement »), the workaround given (§2.7), the
#: actual take-charge (§2.5.2), the confirmation of the blocking or major character (table 4.3).
CountedFrom = Literal["report", "workaround", "take_charge", "confirmation"]
#: What table 4.3's Bloquant and Majeur resolutions count from (see :meth:`SlaPolicy.comelus`).
ResolutionFrom = Literal["report", "workaround", "confirmation"]
#: How §2.7's "8 heures", "24 heures" and "3 / 5 / 30 jours" are counted.
Units27 = Literal["business", "calendar"]
#: Which incidents the hosting GTR covers (§2.5.2 vs §2.8).
GtrScope = Literal["blocking_or_major", "any_unavailability"]
#: Whether the PSG runs on the titulaire's legal holidays (§4.1 vs §1.6, §2.7, §2.8).
HolidaysInPsg = Literal["excluded", "included"]


# -- priorities and targets ----------------------------------------------------------------------

_PRIORITY_NAMES = ("Bloquant", "Majeur", "Sérieux", "Mineur")
_PRIORITY_ENGLISH = ("blocking", "major", "serious", "minor")


class Priority(enum.IntEnum):
    """The four priority levels of a ticket (Contract §5.2.3.1, §5.2.5, table 4.3).

    >>> Priority(0).label
    'Niveau 0 - Bloquant'
    >>> Priority.MINEUR > Priority.BLOQUANT       # a higher number is a lower priority
    True
    >>> Priority.parse("Sérieux"), Priority.parse("niveau 1 - MAJEUR"), Priority.parse("P0")
    (<Priority.SERIEUX: 2>, <Priority.MAJEUR: 1>, <Priority.BLOQUANT: 0>)
    """

    BLOQUANT = 0
    MAJEUR = 1
    SERIEUX = 2
    MINEUR = 3

    @property
    def label(self) -> str:
        """The contract's French label, e.g. ``'Niveau 1 - Majeur'``."""
        return f"Niveau {self.value} - {_PRIORITY_NAMES[self.value]}"

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The contract's label, in every language (it is the contract's own word)."""
        _text.check_lang(lang)
        return self.label

    @classmethod
    def of(cls, value: object) -> Priority:
        """A :class:`Priority` or its level 0–3 (``bool`` refused); labels go through :meth:`parse`."""
        return _priority(value)

    @classmethod
    def parse(cls, value: object) -> Priority:
        """The priority an export names: « Niveau 0 - Bloquant », « bloquant », « P0 », ``0``…

        Case, accents and punctuation are ignored; English names (blocking, major, serious,
        minor) are accepted too. A level and a name that disagree are refused.

        >>> Priority.parse("Niveau 0 - Majeur")
        Traceback (most recent call last):
        ...
        libriciel_terms.errors.InvalidArgumentError: priority='Niveau 0 - Majeur' is not a known priority; write one of: Niveau 0 - Bloquant, Niveau 1 - Majeur, Niveau 2 - Sérieux, Niveau 3 - Mineur, bloquant, majeur, sérieux, mineur, P0 to P3, 0 to 3 (case, accents and punctuation ignored)
        """
        if isinstance(value, cls):
            return value
        if not isinstance(value, (str, bool)):
            try:
                level = operator.index(value)  # type: ignore[arg-type]
            except TypeError:
                pass
            else:
                return _priority(level)
        return _labels.lookup("priority", value, _PRIORITY_SPELLINGS, _PRIORITY_ACCEPTED)


def _priority_spellings() -> dict[str, Priority]:
    table: dict[str, Priority] = {}
    for p in Priority:
        name = _labels.plain(_PRIORITY_NAMES[p])
        for spelling in (
            p.label,
            f"niveau {p.value}",
            f"level {p.value}",
            f"{p.value} {name}",
            _PRIORITY_NAMES[p],
            _PRIORITY_ENGLISH[p],
            f"p{p.value}",
            str(p.value),
        ):
            table[_labels.plain(spelling)] = p
    return table


_PRIORITY_SPELLINGS = MappingProxyType(_priority_spellings())
_PRIORITY_ACCEPTED = (
    ", ".join(p.label for p in Priority)
    + ", "
    + ", ".join(n.lower() for n in _PRIORITY_NAMES)
    + ", P0 to P3, 0 to 3"
)


class Target(enum.StrEnum):
    """What must happen by a due instant (table 4.3, §2.7, §2.5.2).

    The value is an identifier (``"take_charge"``); :attr:`label` is the contract's French
    wording and :meth:`to_text` reads in French or English.

    >>> Target.RESTORE.label, Target.RESTORE.to_text(lang="en")
    ('rétablissement du service', 'service restored')
    >>> Target.parse("Prise en charge") is Target.TAKE_CHARGE
    True
    """

    TAKE_CHARGE = "take_charge"
    WORKAROUND = "workaround"
    RESOLUTION = "resolution"
    RESTORE = "restore"

    @property
    def label(self) -> str:
        """The contract's French wording."""
        return _TARGET_WORDS[self][0]

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The target in words: « prise en charge (qualification) », "take charge"."""
        fr, en = _TARGET_WORDS[self]
        return say(fr, en, _text.check_lang(lang))

    @classmethod
    def of(cls, value: object) -> Target:
        """A :class:`Target`, its value (``"resolution"``) or its name (``"RESOLUTION"``)."""
        return _target(value)

    @classmethod
    def parse(cls, value: object) -> Target:
        """The target an export or a contract file names, French or English, any case."""
        if isinstance(value, cls):
            return value
        return _labels.lookup("target", value, _TARGET_SPELLINGS, _TARGET_ACCEPTED)


_TARGET_WORDS: MappingProxyType[Target, tuple[str, str]] = MappingProxyType(
    {
        Target.TAKE_CHARGE: ("prise en charge (qualification)", "take charge (qualification)"),
        Target.WORKAROUND: ("solution de contournement", "workaround"),
        Target.RESOLUTION: ("résolution", "resolution"),
        Target.RESTORE: ("rétablissement du service", "service restored"),
    }
)
_TARGET_SPELLINGS = MappingProxyType(
    {
        _labels.plain(spelling): target
        for target, spellings in {
            Target.TAKE_CHARGE: ("prise en charge", "qualification", "take charge"),
            Target.WORKAROUND: ("contournement", "correctif ou contournement"),
            Target.RESOLUTION: (),
            Target.RESTORE: ("rétablissement", "restoration"),
        }.items()
        for spelling in (*spellings, target.value, target.name, *_TARGET_WORDS[target])
    }
)
_TARGET_ACCEPTED = (
    "prise en charge, contournement, résolution, rétablissement "
    "(or take_charge, workaround, resolution, restore)"
)


class Event(enum.StrEnum):
    """An event of a ticket's life: what a délai counts from or what meets it (§4.1, §4.3).

    >>> Event.REPORT.to_text(), Event.CLOSING.to_text(lang="en")
    ('signalement', 'closing')
    """

    REPORT = "report"
    TAKE_CHARGE = "take_charge"
    WORKAROUND = "workaround"
    CONFIRMATION = "confirmation"
    RESOLUTION = "resolution"
    CLOSING = "closing"

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The event in words: « signalement », "report"."""
        fr, en = _EVENT_WORDS[self]
        return say(fr, en, _text.check_lang(lang))


_EVENT_WORDS: MappingProxyType[Event, tuple[str, str]] = MappingProxyType(
    {
        Event.REPORT: ("signalement", "report"),
        Event.TAKE_CHARGE: ("prise en charge", "take-charge"),
        Event.WORKAROUND: ("contournement", "workaround"),
        Event.CONFIRMATION: ("confirmation de la priorité", "confirmation of the priority"),
        Event.RESOLUTION: ("résolution", "resolution"),
        Event.CLOSING: ("clôture", "closing"),
    }
)


def _priority(value: object) -> Priority:
    """A priority given as a :class:`Priority` or its level (exports go through ``parse``)."""
    if isinstance(value, Priority):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongTypeError(
            f"priority={value!r} is a {type(value).__name__}; pass a Priority, "
            f"e.g. Priority.BLOQUANT, its level 0–3, or Priority.parse(label)"
        )
    if not 0 <= value <= 3:
        raise OutOfRangeError(
            f"priority={value!r} is not a priority level; use 0 (Bloquant), 1 (Majeur), "
            f"2 (Sérieux) or 3 (Mineur) (Contract §5.2.5)"
        )
    return Priority(value)


def _target(value: object) -> Target:
    """A target given as a :class:`Target`, its value or its name (exports go through ``parse``)."""
    if isinstance(value, Target):
        return value
    if isinstance(value, str):
        for member in Target:
            if value in (member.value, member.name):
                return member
    raise WrongTypeError(
        f"target={value!r} is not a Target; pass e.g. Target.RESOLUTION "
        f"({', '.join(m.name for m in Target)}) or Target.parse(label)"
    )


def _positive_delay(name: str, value: object) -> Delay:
    if not isinstance(value, Delay):
        raise WrongTypeError(
            f"{name}={value!r} is not a Delay; use Delay.business_hours(4), "
            f'Delay.working_days(3) or Delay.parse("4 heures ouvrées")'
        )
    if value.amount <= 0:
        raise OutOfRangeError(f"{name}={value!r}: an SLA délai must be positive")
    return value


#: How each starting event reads: (French, English), after « à compter de » / "from".
_FROM_WORDS: MappingProxyType[str, tuple[str, str]] = MappingProxyType(
    {
        "report": ("du signalement", "the report"),
        "workaround": ("du contournement", "the workaround given"),
        "take_charge": ("de la prise en charge", "the actual take-charge"),
        "confirmation": ("de la confirmation de la priorité", "the confirmation of the priority"),
    }
)


def counted_from_text(event: CountedFrom, lang: Lang = "fr") -> str:
    """The starting event in words: « à compter du signalement », "from the report"."""
    known = _validate.one_of("event", event, _validate.literal_values(CountedFrom))
    fr, en = _FROM_WORDS[known]
    return say(f"à compter {fr}", f"from {en}", _text.check_lang(lang))


# -- one row -------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class SlaTarget:
    """One row of a policy: a délai for one priority and one target, and where it comes from.

    ``clause`` cites the contract (``"§4.3"``); ``condition`` quotes the contract's condition
    (« si le caractère bloquant est confirmé »), reported, not evaluated.

    >>> row = SlaPolicy.comelus().target(Priority.MAJEUR, Target.RESOLUTION)
    >>> str(row.delay), row.counted_from, row.freezes
    ('5 jours ouvrés', 'report', True)
    >>> row.to_text(), row.to_text(lang="en")
    ('5 jours ouvrés à compter du signalement, gelé (§5.2.4.1)', '5 working days from the report, frozen (§5.2.4.1)')
    """

    priority: Priority = attrs.field(converter=_priority)
    target: Target = attrs.field(converter=_target)
    delay: Delay = attrs.field(validator=_validate.check(_positive_delay))
    counted_from: CountedFrom = attrs.field(
        default="report", validator=_validate.choice(CountedFrom)
    )
    freezes: bool = attrs.field(default=False, validator=_validate.instance_of(bool))
    clause: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    condition: str = attrs.field(default="", validator=_validate.check(_validate.text))

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The délai, its starting event and whether it freezes, in words."""
        text = f"{self.delay.to_text(lang=lang)} {counted_from_text(self.counted_from, lang)}"
        return text + (
            say(", gelé (§5.2.4.1)", ", frozen (§5.2.4.1)", lang) if self.freezes else ""
        )

    def _record(self) -> dict[str, Any]:
        return {
            "priority": self.priority.label,
            "target": self.target,
            "delay": self.delay,
            "counted_from": Event(self.counted_from),
            "freezes": self.freezes,
            "condition": self.condition,
            "clause": self.clause,
        }


def _check_targets(_instance: object, _attribute: object, value: tuple[SlaTarget, ...]) -> None:
    seen: set[tuple[Priority, Target]] = set()
    for row in value:
        key = (row.priority, row.target)
        if key in seen:
            raise InvalidArgumentError(
                f"targets has two rows for {row.priority.name} / {row.target.name}; "
                f"a policy has at most one délai per priority and target"
            )
        seen.add(key)


_TARGET_ORDER = {t: i for i, t in enumerate(Target)}


def _key(value: object) -> tuple[Priority, Target]:
    if not isinstance(value, tuple) or len(value) != 2:
        raise UnknownKeyError(
            f"key={value!r} is not a (priority, target) pair; write e.g. "
            f"policy[Priority.BLOQUANT, Target.RESOLUTION]"
        )
    return _priority(value[0]), _target(value[1])


def psg(holidays_in_psg: HolidaysInPsg = "excluded") -> BusinessHours:
    """The ComElus PSG: Monday–Friday 09–12 and 14–18, with or without the legal holidays.

    §4.1 excludes "les jours fériés légaux du titulaire" (``"excluded"``, the default); §1.6,
    §2.7 and §2.8 say "du lundi au vendredi inclus" with no exception (``"included"``: the PSG
    runs on holidays that fall on a weekday).

    >>> from datetime import date
    >>> psg().is_working_day(date(2024, 11, 11)), psg("included").is_working_day(date(2024, 11, 11))
    (False, True)
    """
    reading = _validate.one_of(
        "holidays_in_psg", holidays_in_psg, _validate.literal_values(HolidaysInPsg)
    )
    hours = BusinessHours.comelus()
    return hours if reading == "excluded" else hours.with_holidays_worked()


# -- policies ------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class SlaPolicy(Report, Mapping[tuple[Priority, Target], SlaTarget]):
    """Délais per priority and target, and the schedule they count on (Contract §2.5.2, §2.7, §4.3).

    Presets: :meth:`comelus` (table 4.3, the default reading), :meth:`section_2_7` (the figures
    of §2.7, C1) and :meth:`hosting_gtr` (§2.5.2). Build another with ``SlaPolicy(name=...,
    targets=(SlaTarget(...), ...), hours=BusinessHours(...))``. A policy is a mapping from
    ``(priority, target)`` to its row; a missing row raises
    :class:`~libriciel_terms.errors.UnknownKeyError` (``target()`` returns ``None`` instead).

    >>> policy = SlaPolicy.comelus()
    >>> len(policy), str(policy[Priority.BLOQUANT, Target.WORKAROUND].delay)
    (10, '8 h ouvrées')
    >>> print(policy.to_text())  # doctest: +ELLIPSIS
    Politique SLA « table 4.3 » : 10 objectifs, PSG ComElus (§4.1)
    priorité             objectif                         délai           à compter de  gel  condition ...
    Niveau 0 - Bloquant  prise en charge (qualification)  4 h ouvrées     signalement   non  ...
    ...
    """

    name: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    targets: tuple[SlaTarget, ...] = attrs.field(
        converter=_validate.tuple_of(SlaTarget),  # type: ignore[misc]
        validator=_check_targets,
    )
    hours: BusinessHours = attrs.field(validator=_validate.instance_of(BusinessHours))
    _by_key: Mapping[tuple[Priority, Target], SlaTarget] = attrs.field(
        init=False, repr=False, eq=False
    )

    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("priority", "priorité", "priority"),
        Column("target", "objectif", "target"),
        Column("delay", "délai", "time limit"),
        Column("counted_from", "à compter de", "counted from"),
        Column("freezes", "gel", "frozen"),
        Column("condition", "condition", "condition"),
        Column("clause", "clause", "clause"),
    )

    def __attrs_post_init__(self) -> None:
        ordered = sorted(self.targets, key=lambda t: (t.priority, _TARGET_ORDER[t.target]))
        by_key = MappingProxyType({(t.priority, t.target): t for t in ordered})
        object.__setattr__(self, "_by_key", by_key)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_policy, (self.name, self.targets, self.hours))

    # -- presets: accessors of the bundled ComElus 2024 contract file --------------------------------

    @classmethod
    def comelus(cls, *, resolution_from: ResolutionFrom = "report") -> SlaPolicy:
        """Table 4.3 (Contract §4.3), the default reading; freezes apply to resolution (§5.2.4.1).

        The policy ``[sla.table_4_3]`` of the bundled ComElus 2024 contract file, read with
        :meth:`with_readings`. "Les durées indiquées dans ce tableau s'entendent en heures
        ouvrées et jours ouvrés." Bloquant and Majeur resolutions hold "si le caractère bloquant
        / sérieux est confirmé"; the Majeur row's « sérieux » is read as « majeur » (C2). The
        table does not say what "prise en charge immédiate en maintenance pour résolution dans
        les 3 jours" counts from: ``resolution_from="report"`` (default), ``"workaround"`` or
        ``"confirmation"``.

        >>> SlaPolicy.comelus(resolution_from="workaround").name
        'table 4.3, resolution_from=workaround'
        """
        return _bundled_policy("table_4_3").with_readings(resolution_from=resolution_from)

    @classmethod
    def section_2_7(
        cls, *, units: Units27 = "business", holidays_in_psg: HolidaysInPsg = "excluded"
    ) -> SlaPolicy:
        """The help-desk délais as §2.7 states them (C1): the other reading, never merged.

        The policy ``[sla.section_2_7]`` of the bundled ComElus 2024 contract file, read with
        :meth:`with_readings`. Take charge within "4 heures ouvrées" for Bloquant, Majeur and
        Mineur; "correctif ou contournement" (GTR) within 8 h (Bloquant) / 24 h (Majeur); in case
        of workaround, resolution within 3 / 5 days counted from the workaround; Mineur:
        resolution within 30 days. §2.7 has no Sérieux level, so this policy has no target for
        it. Its "8 heures", "24 heures" and "jours" say neither « ouvrées » nor « ouvrés »:
        ``units="business"`` (default) reads them as business hours (the GTR holds during the
        PSG, §2.8) and jours ouvrés, like table 4.3; ``units="calendar"`` as elapsed hours and
        calendar days. ``holidays_in_psg`` chooses the schedule (:func:`psg`).

        >>> SlaPolicy.section_2_7(units="calendar")[Priority.MAJEUR, Target.WORKAROUND].delay
        Delay(amount=24, unit='hours', counting='civil')
        """
        return _bundled_policy("section_2_7").with_readings(
            units=units, holidays_in_psg=holidays_in_psg
        )

    @classmethod
    def hosting_gtr(
        cls,
        *,
        scope: GtrScope = "blocking_or_major",
        holidays_in_psg: HolidaysInPsg = "excluded",
    ) -> SlaPolicy:
        """Hosting unavailability (Contract §2.5.2, §2.8): take charge, then restore.

        The policy ``[sla.gtr_hebergement]`` of the bundled ComElus 2024 contract file, read with
        :meth:`with_readings`. Take charge within 2 business hours of the report; restore the
        service or give a workaround within 4 business hours **of the actual take-charge**.
        §2.5.2 covers "[l'] indisponibilité d'un composant applicatif hébergé", any of them; §2.8
        says "La GTR ne s'applique que pour un incident bloquant ou majeur ou à une coupure de
        service". ``scope="blocking_or_major"`` (default, §2.8) has Bloquant and Majeur rows only;
        ``"any_unavailability"`` (§2.5.2) has a row for every priority. No freeze: §5.2.4.1
        freezes the *resolution* time.

        >>> gtr = SlaPolicy.hosting_gtr(scope="any_unavailability")
        >>> sorted({row.priority.name for row in gtr.targets})
        ['BLOQUANT', 'MAJEUR', 'MINEUR', 'SERIEUX']
        """
        return _bundled_policy("gtr_hebergement").with_readings(
            scope=scope, holidays_in_psg=holidays_in_psg
        )

    # -- readings --------------------------------------------------------------------------------

    def with_readings(
        self,
        *,
        resolution_from: ResolutionFrom = "report",
        units: Units27 = "business",
        scope: GtrScope = "blocking_or_major",
        holidays_in_psg: HolidaysInPsg = "excluded",
    ) -> SlaPolicy:
        """This policy read another way where the text is ambiguous (docs/contradictions.md).

        Each keyword's default leaves the policy as written; another value changes it and adds
        ``", keyword=value"`` to its name:

        - ``resolution_from`` (table 4.3): what a *conditional* resolution (one with a
          ``condition``, counted from the report) counts from: ``"workaround"`` or
          ``"confirmation"``.
        - ``units`` (§2.7): ``"calendar"`` reads every délai but the take-charge's as elapsed
          time (business hours → hours, jours ouvrés → calendar days).
        - ``scope`` (§2.5.2 vs §2.8): ``"any_unavailability"`` gives every priority the rows of
          the most urgent one.
        - ``holidays_in_psg`` (§1.6, §2.7, §2.8 vs §4.1): ``"included"`` runs the schedule on
          the holidays that fall on a working day.

        >>> SlaPolicy.comelus().with_readings(holidays_in_psg="included").hours.is_open(
        ...     datetime(2024, 11, 11, 10, 0, tzinfo=paris))
        True
        """
        start = _validate.one_of(
            "resolution_from", resolution_from, _validate.literal_values(ResolutionFrom)
        )
        calendar = _validate.one_of("units", units, _validate.literal_values(Units27))
        chosen = _validate.one_of("scope", scope, _validate.literal_values(GtrScope))
        holidays = _validate.one_of(
            "holidays_in_psg", holidays_in_psg, _validate.literal_values(HolidaysInPsg)
        )
        targets = self.targets
        name = self.name
        if start != "report":
            targets = tuple(_counted_from_reading(row, start) for row in targets)
            name += _reading_suffix(resolution_from=(start, "report"))
        if calendar == "calendar":
            targets = tuple(_calendar_reading(row) for row in targets)
            name += _reading_suffix(units=(calendar, "business"))
        if chosen == "any_unavailability":
            targets = _every_priority(targets)
            name += _reading_suffix(scope=(chosen, "blocking_or_major"))
        hours = self.hours
        if holidays == "included":
            hours = hours.with_holidays_worked()
            name += _reading_suffix(holidays_in_psg=(holidays, "excluded"))
        return attrs.evolve(self, name=name, targets=targets, hours=hours)

    # -- the table -------------------------------------------------------------------------------

    def target(self, priority: Priority | int, target: Target | str) -> SlaTarget | None:
        """The policy's row for ``priority`` and ``target``, or ``None`` if it has none."""
        return self._by_key.get((_priority(priority), _target(target)))

    def __getitem__(self, key: tuple[Priority, Target]) -> SlaTarget:
        row = self._by_key.get(_key(key))
        if row is None:
            priority, target = _key(key)
            raise UnknownKeyError(
                f"policy {self.name!r} has no délai for {priority.name} / {target.name}; "
                f"its rows: {', '.join(f'{p.name}/{t.name}' for p, t in self._by_key)}"
            )
        return row

    def get(  # type: ignore[override]
        self, key: tuple[Priority, Target], default: SlaTarget | None = None
    ) -> SlaTarget | None:
        """The row for ``key``, or ``default`` (the fast lookup of the evaluation)."""
        try:
            return self._by_key.get(key, default)
        except TypeError:  # an unhashable key (a list): not a (priority, target) pair
            return self._by_key.get(_key(key), default)

    def __iter__(self) -> Iterator[tuple[Priority, Target]]:
        return iter(self._by_key)

    def __len__(self) -> int:
        return len(self._by_key)

    def to_records(self) -> list[dict[str, Any]]:
        """One record per priority and target, ordered: priority (label), target, delay (its
        words, as ``Delay.parse`` reads them), counted_from, freezes, condition, clause."""
        return [row._record() for row in self._by_key.values()]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Politique SLA « table 4.3 » : 10 objectifs, <schedule> »."""
        lang = _text.check_lang(lang)
        n = len(self)
        return say(
            f"Politique SLA « {self.name} » : {n} objectifs, {self.hours.name}",
            f"SLA policy « {self.name} »: {n} targets, {self.hours.name}",
            lang,
        )

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
        take-charge, the confirmation), which must not precede ``reported_at``. The instant is in
        the policy schedule's zone.

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
        libriciel_terms.errors.MissingEventError: Target.RESTORE for Niveau 0 - Bloquant counts from the actual take-charge (§2.5.2, §2.8); pass its instant as event_at=
        """
        _validate.aware("reported_at", reported_at)
        # Fast path for the usual enum arguments; anything else goes through the full checks.
        if type(priority) is Priority and type(target) is Target:
            row = self._by_key.get((priority, target))
        else:
            row = self.target(priority, target)
        intervals = _intervals.checked("frozen", frozen)
        if row is None:
            return None
        start = reported_at
        if event_at is not None or row.counted_from != "report":
            start = _start_of(row, reported_at, event_at)
        if not row.freezes or not intervals:
            return _clock.due(self.hours, start, row.delay, ())[0]
        merged = _intervals.merge(intervals, after=_validate.utc(start))
        return _clock.due(self.hours, start, row.delay, merged)[0]

    # -- tickets ---------------------------------------------------------------------------------

    def evaluate(
        self,
        ticket: Ticket,
        *,
        at: dt.datetime,
        requalification: RequalificationRule = "from_report",
        missing: Missing = "unrecorded",
    ) -> TicketReport:
        """Where each target of ``ticket`` stands at ``at``: :func:`libriciel_terms.tickets.evaluate`."""
        from libriciel_terms import tickets

        return tickets.evaluate(
            self, ticket, at=at, requalification=requalification, missing=missing
        )

    def evaluate_many(
        self,
        tickets: Iterable[Ticket],
        *,
        at: dt.datetime,
        requalification: RequalificationRule = "from_report",
        missing: Missing = "unrecorded",
    ) -> TicketReports:
        """Every ticket at ``at``: :func:`libriciel_terms.tickets.evaluate_many`."""
        from libriciel_terms import tickets as module

        return module.evaluate_many(
            self, tickets, at=at, requalification=requalification, missing=missing
        )

    def compare(self, other: SlaPolicy) -> PolicyComparison:
        """Where this policy and ``other`` differ (see :func:`compare_policies`)."""
        return compare_policies(self, other)


def _policy(name: str, targets: tuple[SlaTarget, ...], hours: BusinessHours) -> SlaPolicy:
    return SlaPolicy(name=name, targets=targets, hours=hours)


def _reading_suffix(**readings: tuple[str, str]) -> str:
    return "".join(f", {k}={v}" for k, (v, default) in readings.items() if v != default)


def _bundled_policy(key: str) -> SlaPolicy:
    # Imported here: the contract module builds its policies with this one.
    from libriciel_terms.comelus import COMELUS_2024

    return COMELUS_2024.policies[key]


def _counted_from_reading(row: SlaTarget, start: CountedFrom) -> SlaTarget:
    conditional = row.target is Target.RESOLUTION and row.condition and row.counted_from == "report"
    return attrs.evolve(row, counted_from=start) if conditional else row


_CALENDAR_UNITS: MappingProxyType[str, str] = MappingProxyType(
    {"business_hours": "hours", "working_days": "days", "ouvrable_days": "days"}
)


def _calendar_reading(row: SlaTarget) -> SlaTarget:
    unit = _CALENDAR_UNITS.get(row.delay.unit)
    if row.target is Target.TAKE_CHARGE or unit is None:
        return row
    return attrs.evolve(row, delay=Delay(amount=row.delay.amount, unit=unit))  # type: ignore[arg-type]


def _every_priority(targets: tuple[SlaTarget, ...]) -> tuple[SlaTarget, ...]:
    if not targets:
        return targets
    top = min(row.priority for row in targets)
    covered = {row.priority for row in targets}
    extra = [
        attrs.evolve(row, priority=priority)
        for priority in Priority
        if priority not in covered
        for row in targets
        if row.priority == top
    ]
    return targets + tuple(extra)


def _start_of(
    row: SlaTarget, reported_at: dt.datetime, event_at: dt.datetime | None
) -> dt.datetime:
    if row.counted_from == "report":
        raise InvalidArgumentError(
            f"event_at={event_at!r} was given but Target.{row.target.name} for "
            f"{row.priority.label} counts from the report ({row.clause}); drop event_at"
        )
    if event_at is None:
        raise MissingEventError(
            f"Target.{row.target.name} for {row.priority.label} counts from "
            f"{_FROM_WORDS[row.counted_from][1]} ({row.clause}); pass its instant as event_at="
        )
    _validate.aware("event_at", event_at)
    _validate.ordered("reported_at", reported_at, "event_at", event_at)
    return event_at


def merge_intervals(
    intervals: Iterable[Interval], *, after: dt.datetime | None = None
) -> tuple[Interval, ...]:
    """Sort, clip and merge ``(start, end)`` intervals (half-open ``[start, end)``), in UTC.

    Overlapping or touching intervals become one; empty ones disappear; with ``after``, what lies
    before that instant is cut off. Instants compare as instants and come back in UTC. Used for
    freezes (§5.2.4.1) and outages (§2.5.1).

    >>> from datetime import datetime, timezone
    >>> t = lambda h: datetime(2024, 10, 16, h, tzinfo=timezone.utc)
    >>> [(a.hour, b.hour) for a, b in merge_intervals([(t(9), t(11)), (t(10), t(12)), (t(12), t(13)),
    ...                                                 (t(15), t(15)), (t(6), t(8))], after=t(7))]
    [(7, 8), (9, 13)]
    """
    checked = _intervals.checked("intervals", intervals)
    cut = None if after is None else _validate.utc(_validate.aware("after", after))
    return _intervals.merge(checked, after=cut)


# -- comparison ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PolicyDifference:
    """How two policies differ for one priority and target: the aspects and the two rows.

    ``aspects`` holds ``"presence"``, ``"delay"``, ``"counted from"`` or ``"freezes"``; ``left``
    and ``right`` are the rows (``None`` where a policy has none).
    """

    priority: Priority
    target: Target
    aspects: tuple[str, ...]
    left: SlaTarget | None
    right: SlaTarget | None


_ASPECT_WORDS: MappingProxyType[str, tuple[str, str]] = MappingProxyType(
    {
        "presence": ("présence", "presence"),
        "delay": ("délai", "time limit"),
        "counted from": ("point de départ", "counted from"),
        "freezes": ("gel", "freezes"),
    }
)


@attrs.frozen(kw_only=True)
class PolicyComparison(Report):
    """The differences between two policies (:func:`compare_policies`)."""

    left: str
    right: str
    differences: tuple[PolicyDifference, ...]

    def __attrs_post_init__(self) -> None:
        _validate.fields(self, {"left": str, "right": str, "differences": tuple})
        _validate.items("differences", self.differences, PolicyDifference)

    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("priority", "priorité", "priority"),
        Column("target", "objectif", "target"),
        Column("left_delay", "délai (1)", "time limit (1)"),
        Column("left_counted_from", "à compter de (1)", "counted from (1)"),
        Column("left_freezes", "gel (1)", "frozen (1)"),
        Column("right_delay", "délai (2)", "time limit (2)"),
        Column("right_counted_from", "à compter de (2)", "counted from (2)"),
        Column("right_freezes", "gel (2)", "frozen (2)"),
    )

    def to_records(self) -> list[dict[str, Any]]:
        """One record per differing priority and target: each side's délai, starting event and
        freezing (``None`` where the policy has no such row). :meth:`notes` says what differs."""
        records = []
        for d in self.differences:
            record: dict[str, Any] = {"priority": d.priority.label, "target": d.target}
            for side, row in (("left", d.left), ("right", d.right)):
                record[f"{side}_delay"] = None if row is None else row.delay
                record[f"{side}_counted_from"] = None if row is None else Event(row.counted_from)
                record[f"{side}_freezes"] = None if row is None else row.freezes
            records.append(record)
        return records

    def headline(self, *, lang: Lang = "fr") -> str:
        """Which two policies, and how many differences."""
        n = len(self.differences)
        return say(
            f"(1) « {self.left} » et (2) « {self.right} » : {n} différences",
            f"(1) « {self.left} » vs (2) « {self.right} »: {n} differences",
            _text.check_lang(lang),
        )

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """Each difference in a sentence."""
        lines = []
        for d in self.differences:
            aspects = ", ".join(say(*_ASPECT_WORDS[a], lang) for a in d.aspects)
            sides = [
                row.to_text(lang=lang) if row is not None else "—" for row in (d.left, d.right)
            ]
            head = f"{d.priority.label}, {d.target.to_text(lang=lang)} ({aspects})"
            lines.append(
                say(f"{head} : {sides[0]} | {sides[1]}", f"{head}: {sides[0]} | {sides[1]}", lang)
            )
        return tuple(lines)


def compare_policies(left: SlaPolicy, right: SlaPolicy) -> PolicyComparison:
    """List, per priority and target, where two policies differ (Contract §2.7 vs §4.3, C1).

    Compared: presence, délai (amount, unit, counting), the event it counts from, and whether
    freezes apply. Clauses and conditions are not compared (they always differ in wording).

    >>> diff = compare_policies(SlaPolicy.comelus(), SlaPolicy.section_2_7())
    >>> for d in diff.differences[:3]:
    ...     print(d.priority.name, d.target.name, d.aspects)
    BLOQUANT RESOLUTION ('counted from',)
    MAJEUR TAKE_CHARGE ('delay',)
    MAJEUR RESOLUTION ('counted from',)
    >>> print(diff.notes()[1])
    Niveau 1 - Majeur, prise en charge (qualification) (délai) : 8 h ouvrées à compter du signalement | 4 h ouvrées à compter du signalement
    """
    for name, policy in (("left", left), ("right", right)):
        if not isinstance(policy, SlaPolicy):
            raise WrongTypeError(f"{name}={policy!r} is not an SlaPolicy")
    keys = sorted({*left, *right}, key=lambda k: (k[0], _TARGET_ORDER[k[1]]))
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
                    priority=priority, target=target, aspects=tuple(aspects), left=a, right=b
                )
            )
    return PolicyComparison(left=left.name, right=right.name, differences=tuple(differences))
