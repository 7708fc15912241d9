"""Availability over the guaranteed service period, against the commitment (Contract §2.5.1, §2.6.3, §2.8).

"Le titulaire s'engage à ce que son infrastructure soit disponible 98 % du temps (hors montées de
versions et opérations de maintenance planifiées)" (§2.5.1); "Notre engagement porte sur un SLA de
98 % sur la PSG" (§2.8), the PSG being Monday–Friday 09–12 and 14–18. So, over a period::

    availability = 1 − unplanned downtime inside the PSG / PSG time of the period

An :class:`AvailabilityCommitment` holds the figures of the clause (the target, the schedule) and
the reading chosen for each ambiguity of the text (docs/contradictions.md, "SLA and
availability readings"); its :meth:`~AvailabilityCommitment.report` computes. Conventions:

- Intervals are half-open ``[start, end)`` and compare as instants; outages and planned windows
  are clipped to the period. Overlapping or touching outages are merged first: an instant is
  down or not, it is never counted twice.
- Planned upgrades and maintenance are removed from **both** the downtime and the measured time
  (``planned_work="removed_from_both"``, default): an outage inside a planned window is not
  downtime, and the planned PSG time is not guaranteed time either. The other reading
  (``"removed_from_downtime"``) keeps the planned time in the measured time.
- §2.6.3: "Les opérations de mise à niveau sont réalisées en dehors des PSG". A planned window
  that overlaps the PSG is listed in :attr:`AvailabilityReport.planned_in_psg` and in the
  report's notes, never silently accepted; ``planned_in_psg="counted"`` does not excuse it.
- A period without any measured time (a weekend, or entirely planned) has availability 1:
  nothing was guaranteed, so nothing was missed.
- The fraction is exact (:class:`~fractions.Fraction`), returned as a ``Decimal`` **rounded
  down** to ``quantum`` (10⁻⁶, i.e. 0.0001 %), so it never overstates the service. "Met" is
  decided on the exact fraction. The allowed downtime is ``(1 − target) ×`` the measured time,
  rounded down to the microsecond.

October 2024: 23 working days, 161 h of PSG; an outage on Wednesday 16 October from 11:00 to
15:30 counts 2 h 30 (11–12 and 14–15:30):

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from libriciel_terms.hours import BusinessHours
>>> paris = ZoneInfo("Europe/Paris")
>>> october = (datetime(2024, 10, 1, tzinfo=paris), datetime(2024, 11, 1, tzinfo=paris))
>>> outage = (datetime(2024, 10, 16, 11, 0, tzinfo=paris), datetime(2024, 10, 16, 15, 30, tzinfo=paris))
>>> commitment = AvailabilityCommitment.comelus()
>>> report = commitment.report(*october, [outage])
>>> report.availability, report.percent, report.met
(Decimal('0.984472'), Decimal('98.447'), True)
>>> print(report.explain())
disponibilité = 1 − 2 h 30 min ouvrées / 161 h ouvrées = 98,447 % ≥ 98 % : respecté (Contrat §2.5.1, §2.8)

The failing case: an outage that ends before it starts is refused, never swapped.

>>> commitment.report(*october, [(outage[1], outage[0])])
Traceback (most recent call last):
...
libriciel_terms.errors.EndBeforeStartError: outages[0][1]=datetime.datetime(2024, 10, 16, 11, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris')) is before outages[0][0]=datetime.datetime(2024, 10, 16, 15, 30, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris')); pass an outages[0][1] on or after outages[0][0] (the two are never swapped silently)
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Literal

import attrs

from libriciel_terms import _intervals, _text, _validate
from libriciel_terms._exact import CONTEXT, round_fraction
from libriciel_terms._intervals import Interval
from libriciel_terms._labels import say
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang
from libriciel_terms.delays import BusinessDuration
from libriciel_terms.errors import OptionalDependencyError, OutOfRangeError
from libriciel_terms.hours import BusinessHours
from libriciel_terms.sla import HolidaysInPsg

__all__ = [
    "AvailabilityCommitment",
    "AvailabilityReport",
    "MeasuredTime",
    "PlannedInPsg",
    "PlannedWork",
    "availability",
    "availability_report",
]

#: Which time the 98 % is measured on: the PSG (§2.8) or every hour ("Surveillance 24/7", §2.5.1).
MeasuredTime = Literal["psg", "all_hours"]
#: What planned work is removed from: the downtime and the measured time, or the downtime only.
PlannedWork = Literal["removed_from_both", "removed_from_downtime"]
#: A planned window overlapping the PSG (§2.6.3): excluded like any planned work, or counted.
PlannedInPsg = Literal["excluded", "counted"]

_PERCENT_STEP = Decimal("0.001")
_ONE_US = dt.timedelta(microseconds=1)


def _in_percent(fraction: Decimal) -> Decimal:
    """``fraction`` × 100 without trailing zeros (``0.98`` → ``98``), in the library's context."""
    value = CONTEXT.multiply(fraction, Decimal(100)).normalize(CONTEXT)
    exponent = value.as_tuple().exponent
    return value.quantize(Decimal(1), context=CONTEXT) if exponent > 0 else value  # type: ignore[operator]


def _fraction(name: str, value: object) -> Decimal:
    return _validate.decimal(
        name, value, what="fraction", accept=(str,), minimum=Decimal(0), maximum=Decimal(1)
    )


def _target(name: str, value: object) -> Decimal:
    goal = _fraction(name, value)
    if goal == 0:
        raise OutOfRangeError(f"{name}={value!r} must be in (0, 1], e.g. Decimal('0.98')")
    return goal


def _quantum(name: str, value: object) -> Decimal:
    step = _validate.decimal(name, value, what="quantum", accept=(str,), positive=True)
    if step > 1:
        raise OutOfRangeError(f"{name}={value!r} must be in (0, 1], e.g. Decimal('0.000001')")
    return step


def _target_field(value: object) -> Decimal:
    return _target("target", value)


def _quantum_field(value: object) -> Decimal:
    return _quantum("quantum", value)


@attrs.frozen(kw_only=True)
class AvailabilityCommitment(Report):
    """The availability clause: a target over a schedule, and the reading of each ambiguity.

    ``target`` is the committed fraction (``Decimal("0.98")``, §2.5.1, §2.8); ``hours`` the
    guaranteed service period (the PSG); ``quantum`` the step the returned fraction is rounded
    down to. The readings, each with the template's default (docs/contradictions.md):

    - ``measured_time``: ``"psg"`` (§2.8, "98 % sur la PSG") or ``"all_hours"`` (§2.5.1,
      "disponible 98 % du temps", "Surveillance 24/7": every hour of the period);
    - ``planned_work``: ``"removed_from_both"`` (the planned time leaves the measured time too)
      or ``"removed_from_downtime"``;
    - ``holidays_in_psg``: ``"excluded"`` (§4.1) or ``"included"`` (§2.8 "du lundi au vendredi
      inclus");
    - ``planned_in_psg``: ``"excluded"`` (a planned window inside the PSG is excluded like any
      planned work, and flagged) or ``"counted"`` (§2.6.3: it does not count as planned work).

    :meth:`report` takes the same names as keywords to override a reading for one call.

    >>> AvailabilityCommitment.comelus().target
    Decimal('0.98')
    >>> AvailabilityCommitment(hours=BusinessHours.comelus(), target="1.5")
    Traceback (most recent call last):
    ...
    libriciel_terms.errors.OutOfRangeError: target='1.5' is above 1; pass a fraction <= 1
    """

    hours: BusinessHours = attrs.field(validator=_validate.instance_of(BusinessHours))
    target: Decimal = attrs.field(default=Decimal("0.98"), converter=_target_field)
    measured_time: MeasuredTime = attrs.field(
        default="psg", validator=_validate.choice(MeasuredTime)
    )
    planned_work: PlannedWork = attrs.field(
        default="removed_from_both", validator=_validate.choice(PlannedWork)
    )
    holidays_in_psg: HolidaysInPsg = attrs.field(
        default="excluded", validator=_validate.choice(HolidaysInPsg)
    )
    planned_in_psg: PlannedInPsg = attrs.field(
        default="excluded", validator=_validate.choice(PlannedInPsg)
    )
    quantum: Decimal = attrs.field(default=Decimal("0.000001"), converter=_quantum_field)
    clause: str = attrs.field(
        default="§2.5.1, §2.8", validator=_validate.check(_validate.text, empty=False)
    )

    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("target_percent", "engagement", "commitment", "percent"),
        Column("hours", "plage", "hours"),
        Column("measured_time", "temps mesuré", "measured time"),
        Column("planned_work", "travaux planifiés", "planned work"),
        Column("holidays_in_psg", "jours fériés", "holidays"),
        Column("planned_in_psg", "travaux dans la PSG", "planned work in the PSG"),
        Column("clause", "clause", "clause"),
    )

    @classmethod
    def comelus(
        cls,
        *,
        measured_time: MeasuredTime = "psg",
        planned_work: PlannedWork = "removed_from_both",
        holidays_in_psg: HolidaysInPsg = "excluded",
        planned_in_psg: PlannedInPsg = "excluded",
    ) -> AvailabilityCommitment:
        """ComElus: 98 % over the PSG, Monday–Friday 09–12 and 14–18 (§2.5.1, §2.8, §4.1).

        The ``[availability]`` commitment of the bundled ComElus 2024 contract file, with the
        readings given here (each keyword's default is the file's reading).
        """
        from libriciel_terms.comelus import COMELUS_2024

        return attrs.evolve(
            COMELUS_2024.availability,
            measured_time=measured_time,
            planned_work=planned_work,
            holidays_in_psg=holidays_in_psg,
            planned_in_psg=planned_in_psg,
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One record: the target in percent, the schedule's name and the readings."""
        return [
            {
                "target_percent": _in_percent(self.target),
                "hours": self.hours.name,
                "measured_time": self.measured_time,
                "planned_work": self.planned_work,
                "holidays_in_psg": self.holidays_in_psg,
                "planned_in_psg": self.planned_in_psg,
                "clause": self.clause,
            }
        ]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Engagement de disponibilité : 98 % (§2.5.1, §2.8) »."""
        goal = _text.percent(_in_percent(self.target), _text.check_lang(lang))
        return say(
            f"Engagement de disponibilité : {goal} ({self.clause})",
            f"Availability commitment: {goal} ({self.clause})",
            lang,
        )

    @property
    def psg(self) -> BusinessHours:
        """The schedule measured, with the holidays reading applied."""
        if self.holidays_in_psg == "excluded":
            return self.hours
        return self.hours.with_holidays_worked()

    def report(
        self,
        start: dt.datetime,
        end: dt.datetime,
        outages: Iterable[Interval],
        *,
        planned: Iterable[Interval] = (),
        measured_time: MeasuredTime | None = None,
        planned_work: PlannedWork | None = None,
        holidays_in_psg: HolidaysInPsg | None = None,
        planned_in_psg: PlannedInPsg | None = None,
    ) -> AvailabilityReport:
        """The availability of ``[start, end)`` and every number it comes from.

        ``outages`` and ``planned`` are iterables of ``(start, end)`` aware instants. The reading
        keywords override the commitment's fields for this call (``None``: the field).
        """
        chosen = attrs.evolve(
            self,
            measured_time=measured_time or self.measured_time,
            planned_work=planned_work or self.planned_work,
            holidays_in_psg=holidays_in_psg or self.holidays_in_psg,
            planned_in_psg=planned_in_psg or self.planned_in_psg,
        )
        _validate.ordered(
            "start", _validate.aware("start", start), "end", _validate.aware("end", end)
        )
        period = (_validate.utc(start), _validate.utc(end))
        down = _intervals.merge(_intervals.checked("outages", outages))
        windows = _intervals.merge(_intervals.checked("planned", planned))
        return _measure(
            chosen, period, _intervals.clip(down, *period), _intervals.clip(windows, *period)
        )


def _us(delta: dt.timedelta) -> int:
    return delta // _ONE_US


def _measure(
    commitment: AvailabilityCommitment,
    period: Interval,
    outages: tuple[Interval, ...],
    windows: tuple[Interval, ...],
) -> AvailabilityReport:
    """The report of ``period`` (UTC) with merged, clipped outages and planned windows."""
    psg = commitment.psg
    in_psg = _business_times(psg, windows)
    flagged = tuple(w for w, d in zip(windows, in_psg, strict=True) if d)
    if commitment.planned_in_psg == "counted":
        windows = tuple(w for w in windows if w not in flagged)
        in_psg = [d for d in in_psg if not d]
    counted = _intervals.subtract(outages, windows)

    if commitment.measured_time == "psg":
        planned_time = sum(in_psg, dt.timedelta())
        measured = psg.elapsed(*period)
        downtime = sum(_business_times(psg, counted), dt.timedelta())
    else:
        planned_time = sum((e - s for s, e in windows), dt.timedelta())
        measured = period[1] - period[0]  # both in UTC: elapsed time
        downtime = sum((e - s for s, e in counted), dt.timedelta())
    if commitment.planned_work == "removed_from_both":
        measured -= planned_time

    measured_us, down_us = _us(measured), _us(downtime)
    exact = Fraction(1) if measured_us == 0 else 1 - Fraction(down_us, measured_us)
    allowed_us = measured_us * (1 - Fraction(commitment.target))
    allowed = dt.timedelta(microseconds=allowed_us.numerator // allowed_us.denominator)
    zone = commitment.hours.zone
    return AvailabilityReport(
        start=period[0].astimezone(zone),
        end=period[1].astimezone(zone),
        target=commitment.target,
        psg_time=measured,
        planned_time=planned_time,
        downtime=downtime,
        exact=exact,
        availability=round_fraction(exact, commitment.quantum, rounding="floor"),
        percent=round_fraction(exact * 100, _PERCENT_STEP, rounding="floor"),
        allowed_downtime=allowed,
        margin=allowed - downtime,
        met=exact >= Fraction(commitment.target),
        counted=_in_zone(counted, zone),
        planned_in_psg=_in_zone(flagged, zone),
        commitment=commitment,
    )


def _decimal_hours(delta: dt.timedelta) -> Decimal:
    return BusinessDuration.of(delta).hours


#: From how many intervals the business time of each is computed over arrays (numpy, the
#: ``fast`` extra), when numpy is already imported; and from how many it is worth importing it.
#: Both paths give the same microseconds (the array path is exact).
BULK_FROM = 256
BULK_IMPORT_FROM = 50_000


def _business_times(psg: BusinessHours, intervals: Sequence[Interval]) -> list[dt.timedelta]:
    """The business time of each interval (UTC instants), over arrays for many of them."""
    n = len(intervals)
    if n >= BULK_FROM and ("numpy" in sys.modules or n >= BULK_IMPORT_FROM):
        try:
            from libriciel_terms import _bulk

            micros = _bulk.elapsed_each(psg, intervals)
        except OptionalDependencyError:  # pragma: no cover - numpy is in the test extra
            pass
        else:
            return [dt.timedelta(microseconds=m) for m in micros.tolist()]
    return [psg.elapsed(s, e) for s, e in intervals]


def _in_zone(intervals: Iterable[Interval], zone: dt.tzinfo) -> tuple[Interval, ...]:
    return tuple((s.astimezone(zone), e.astimezone(zone)) for s, e in intervals)


_BUSINESS_COLUMNS = (
    Column("start", "début", "start", "instant"),
    Column("end", "fin", "end", "instant"),
    Column("psg_hours", "PSG", "PSG", "business_hours"),
    Column("planned_hours", "travaux planifiés", "planned work", "business_hours"),
    Column("downtime_hours", "indisponibilité", "downtime", "business_hours"),
    Column("percent", "disponibilité", "availability", "percent"),
    Column("target_percent", "engagement", "commitment", "percent"),
    Column(
        "allowed_downtime_hours", "indisponibilité admise", "allowed downtime", "business_hours"
    ),
    Column("margin_hours", "marge", "margin", "business_hours"),
    Column("met", "respecté", "met"),
    Column("availability", "fraction", "fraction", "number"),
    Column("planned_in_psg", "travaux dans la PSG", "planned work in the PSG", "number"),
)
_ELAPSED_COLUMNS = tuple(
    attrs.evolve(c, kind="number", fr=f"{c.fr} (h)", en=f"{c.en} (h)")
    if c.kind == "business_hours"
    else c
    for c in _BUSINESS_COLUMNS
)


@attrs.frozen(kw_only=True)
class AvailabilityReport(Report):
    """The availability of a period, with every number it comes from (§2.5.1, §2.6.3, §2.8).

    ``psg_time`` is the measured time of the period (the PSG, or every hour under
    ``measured_time="all_hours"``) once planned windows are removed (unless
    ``planned_work="removed_from_downtime"``); ``planned_time`` the measured time those windows
    cover; ``downtime`` the unplanned downtime counted; ``exact`` the exact fraction;
    ``availability`` it rounded down to the quantum; ``percent`` it in percent rounded down to
    0.001; ``allowed_downtime`` what the target allows; ``margin`` the allowed downtime left
    (negative when missed); ``counted`` the pieces of outage that counted, merged and clipped;
    ``planned_in_psg`` the planned windows that overlap the PSG (§2.6.3). Instants are in the
    schedule's zone; durations are business time of the schedule (``timedelta``), read as
    « h ouvrées » in text and exported as ``Decimal`` hours in records.
    """

    start: dt.datetime
    end: dt.datetime
    target: Decimal
    psg_time: dt.timedelta
    planned_time: dt.timedelta
    downtime: dt.timedelta
    exact: Fraction
    availability: Decimal
    percent: Decimal
    allowed_downtime: dt.timedelta
    margin: dt.timedelta
    met: bool
    counted: tuple[Interval, ...]
    planned_in_psg: tuple[Interval, ...] = ()
    commitment: AvailabilityCommitment | None = attrs.field(default=None, repr=False)

    @property
    def COLUMNS(self) -> tuple[Column, ...]:  # type: ignore[override]  # noqa: N802  (per reading)
        """Business durations read « h ouvrées » on the PSG, plain hours on every hour."""
        elapsed = self.commitment is not None and self.commitment.measured_time == "all_hours"
        return _ELAPSED_COLUMNS if elapsed else _BUSINESS_COLUMNS

    def to_records(self) -> list[dict[str, Any]]:
        """One record; durations as ``Decimal`` hours (``*_hours``), the target in percent."""
        hours = _decimal_hours
        return [
            {
                "start": self.start,
                "end": self.end,
                "psg_hours": hours(self.psg_time),
                "planned_hours": hours(self.planned_time),
                "downtime_hours": hours(self.downtime),
                "availability": self.availability,
                "percent": self.percent,
                "target_percent": _in_percent(self.target),
                "allowed_downtime_hours": hours(self.allowed_downtime),
                "margin_hours": hours(self.margin),
                "met": self.met,
                "planned_in_psg": len(self.planned_in_psg),
            }
        ]

    def headline(self, *, lang: Lang = "fr") -> str:
        """The period, the percentage and whether the commitment was met."""
        lang = _text.check_lang(lang)
        start, end = _text.instant(self.start, lang), _text.instant(self.end, lang)
        verdict = say("respecté", "met", lang) if self.met else say("non respecté", "missed", lang)
        percent = _text.percent(self.percent, lang)
        return say(
            f"Disponibilité du {start} au {end} : {percent} ({verdict})",
            f"Availability from {start} to {end}: {percent} ({verdict})",
            lang,
        )

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """The computation, and the planned windows inside the PSG (§2.6.3)."""
        notes = [self.explain(lang=lang)]
        if self.planned_in_psg:
            windows = ", ".join(
                f"{_text.instant(s, lang)} – {_text.instant(e, lang)}"
                for s, e in self.planned_in_psg
            )
            counted = self.commitment is not None and self.commitment.planned_in_psg == "counted"
            notes.append(
                say(
                    f"§2.6.3 : les opérations de mise à niveau sont réalisées en dehors des PSG ; "
                    f"travaux planifiés pendant la PSG : {windows} "
                    f"({'comptés comme indisponibilité' if counted else 'retirés comme travaux planifiés'})",
                    f"§2.6.3: upgrades are done outside the PSG; planned work during the PSG: "
                    f"{windows} ({'counted as downtime' if counted else 'removed as planned work'})",
                    lang,
                )
            )
        return tuple(notes)

    def explain(self, *, lang: Lang = "fr") -> str:
        """« disponibilité = 1 − indisponibilité / temps mesuré = … ≥ 98 % : respecté »."""
        lang = _text.check_lang(lang)
        elapsed = self.commitment is not None and self.commitment.measured_time == "all_hours"

        def duration(delta: dt.timedelta) -> str:
            if elapsed:
                return _text.calendar_duration(delta, lang)
            return BusinessDuration.of(delta).to_text(lang=lang)

        percent = _text.percent(self.percent, lang)
        goal = _text.percent(_in_percent(self.target), lang)
        verdict = say("respecté", "met", lang) if self.met else say("non respecté", "missed", lang)
        sign = "≥" if self.met else "<"
        clause = self.commitment.clause if self.commitment is not None else "§2.5.1, §2.8"
        return say(
            f"disponibilité = 1 − {duration(self.downtime)} / {duration(self.psg_time)} = "
            f"{percent} {sign} {goal} : {verdict} (Contrat {clause})",
            f"availability = 1 − {duration(self.downtime)} / {duration(self.psg_time)} = "
            f"{percent} {sign} {goal}: {verdict} (Contract {clause})",
            lang,
        )


def availability_report(
    start: dt.datetime,
    end: dt.datetime,
    outages: Iterable[Interval],
    *,
    planned: Iterable[Interval] = (),
    hours: BusinessHours | None = None,
    target: Decimal | None = None,
    quantum: Decimal | None = None,
) -> AvailabilityReport:
    """The availability of ``[start, end)`` and how it was obtained (Contract §2.5.1, §2.8).

    The report form of :func:`availability`, with the same ``hours``: ``None`` means the ComElus
    PSG (:meth:`AvailabilityCommitment.comelus`); pass
    ``BusinessHours.production_customer_space()`` for the 9h–18h reading of §2.5.1 (C10).
    ``target`` (default 0.98) and ``quantum`` (default 10⁻⁶) replace the commitment's. The
    other readings are keywords of :meth:`AvailabilityCommitment.report`.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> paris = ZoneInfo("Europe/Paris")
    >>> day = (datetime(2024, 10, 16, tzinfo=paris), datetime(2024, 10, 17, tzinfo=paris))
    >>> r = availability_report(*day, [(datetime(2024, 10, 16, 10, 0, tzinfo=paris),
    ...                                 datetime(2024, 10, 16, 11, 0, tzinfo=paris))],
    ...                         planned=[(datetime(2024, 10, 16, 10, 30, tzinfo=paris),
    ...                                   datetime(2024, 10, 16, 12, 0, tzinfo=paris))])
    >>> r.psg_time, r.planned_time, r.downtime, r.availability, r.met
    (datetime.timedelta(seconds=19800), datetime.timedelta(seconds=5400), datetime.timedelta(seconds=1800), Decimal('0.909090'), False)
    """
    commitment = AvailabilityCommitment.comelus()
    changes: dict[str, Any] = {}
    if hours is not None:
        changes["hours"] = hours
    if target is not None:
        changes["target"] = _target("target", target)
    if quantum is not None:
        changes["quantum"] = _quantum("quantum", quantum)
    return attrs.evolve(commitment, **changes).report(start, end, outages, planned=planned)


def availability(
    start: dt.datetime,
    end: dt.datetime,
    outages: Iterable[Interval],
    *,
    planned: Iterable[Interval] = (),
    hours: BusinessHours | None = None,
) -> Decimal:
    """The availability of ``[start, end)`` over the PSG, a fraction in [0, 1] (§2.5.1, §2.8).

    Exactly ``1 − downtime / PSG time`` rounded down to 10⁻⁶. ``hours=None`` means the ComElus
    PSG (:meth:`BusinessHours.comelus`, the API's pinned default); any other schedule is
    measured the same way. For the other readings of the clause, use
    :meth:`AvailabilityCommitment.report`; see :func:`availability_report` for every number.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> paris = ZoneInfo("Europe/Paris")
    >>> availability(datetime(2024, 10, 1, tzinfo=paris), datetime(2024, 11, 1, tzinfo=paris), [])
    Decimal('1.000000')
    """
    return availability_report(start, end, outages, planned=planned, hours=hours).availability
