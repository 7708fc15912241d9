"""Availability over the guaranteed service period (contract §2.5.1, §2.8).

"Le titulaire s'engage à ce que son infrastructure soit disponible 98 % du temps (hors montées de
versions et opérations de maintenance planifiées)" (§2.5.1); "Notre engagement porte sur un SLA de
98 % sur la PSG" (§2.8), the PSG being Monday–Friday 09–12 and 14–18 outside the titulaire's
legal holidays. So, over a period::

    availability = 1 − unplanned downtime inside the PSG / PSG time of the period

Conventions (fixed and documented, see ``docs/slas.md``):

- Intervals are half-open ``[start, end)``; outages and planned windows are clipped to the period.
- Overlapping or touching outages are merged first: an instant is down or not, it is never
  counted twice.
- Planned upgrades and maintenance are removed from **both** the numerator and the denominator:
  an outage inside a planned window is not downtime, and the planned PSG time is not guaranteed
  time either. (The other reading, removing it from the downtime only, gives a higher figure.)
- A period without any guaranteed time (a weekend, or entirely planned) has availability 1:
  nothing was guaranteed, so nothing was missed.
- The fraction is computed exactly (:class:`~fractions.Fraction`); :func:`availability` returns it
  as a ``Decimal`` **rounded down** to ``quantum`` (default 10⁻⁶, i.e. 0.0001 %), so it never
  overstates the service. "Met" is decided on the exact fraction, never on the rounded one.
- The allowed downtime is ``(1 − target) ×`` the PSG time, rounded down to the microsecond.

October 2024 (RULES.md §2): 23 working days, 161 h of PSG; an outage on Wednesday 16 October from
11:00 to 15:30 counts 2 h 30 (11–12 and 14–15:30):

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> paris = ZoneInfo("Europe/Paris")
>>> october = (datetime(2024, 10, 1, tzinfo=paris), datetime(2024, 11, 1, tzinfo=paris))
>>> outage = (datetime(2024, 10, 16, 11, 0, tzinfo=paris), datetime(2024, 10, 16, 15, 30, tzinfo=paris))
>>> availability(*october, [outage])
Decimal('0.984472')
>>> report = availability_report(*october, [outage])
>>> report.psg_time, report.downtime, report.percent, report.met
(datetime.timedelta(days=6, seconds=61200), datetime.timedelta(seconds=9000), Decimal('98.447'), True)
>>> str(report.allowed_downtime)
'3:13:12'

The failing case: an outage that ends before it starts is refused, never swapped.

>>> availability(*october, [(outage[1], outage[0])])
Traceback (most recent call last):
...
libriciel_terms.errors.EndBeforeStartError: outages[0][1]=datetime.datetime(2024, 10, 16, 11, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris')) is before outages[0][0]=datetime.datetime(2024, 10, 16, 15, 30, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris')); pass an outages[0][1] on or after outages[0][0] (the two are never swapped silently)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

import attrs

from libriciel_terms import _validate
from libriciel_terms._exact import round_fraction
from libriciel_terms._records import html_table, table_repr
from libriciel_terms.errors import OutOfRangeError, WrongTypeError
from libriciel_terms.hours import BusinessHours
from libriciel_terms.sla import Interval, merge_intervals

__all__ = ["AvailabilityReport", "availability", "availability_report"]

#: The committed availability (§2.5.1, §2.8).
TARGET = Decimal("0.98")
#: Default quantum of the returned fraction: 10⁻⁶ (0.0001 %).
QUANTUM = Decimal("0.000001")


@attrs.frozen(kw_only=True)
class AvailabilityReport:
    """The availability of a period over the PSG, with every number it comes from (§2.5.1, §2.8).

    ``psg_time`` is the guaranteed time of the period once planned windows are removed;
    ``planned_time`` the PSG time those windows removed; ``downtime`` the unplanned downtime
    counted inside the PSG; ``exact`` the exact fraction; ``availability`` it rounded down to the
    quantum; ``percent`` it in percent rounded down to 0.001; ``allowed_downtime`` what the target
    allows; ``margin`` the allowed downtime left (negative when missed); ``counted`` the pieces of
    outage that counted, merged and clipped.
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

    def to_records(self) -> list[dict[str, object]]:
        """One plain record (pandas: ``DataFrame(report.to_records())``)."""
        return [
            {
                "start": self.start,
                "end": self.end,
                "psg_time": self.psg_time,
                "planned_time": self.planned_time,
                "downtime": self.downtime,
                "availability": self.availability,
                "percent": self.percent,
                "target": self.target,
                "allowed_downtime": self.allowed_downtime,
                "margin": self.margin,
                "met": self.met,
            }
        ]

    def __repr__(self) -> str:
        return table_repr(
            f"<AvailabilityReport {self.start:%Y-%m-%d %H:%M}…{self.end:%Y-%m-%d %H:%M}>",
            self.to_records(),
        )

    def _repr_html_(self) -> str:
        return html_table(self.to_records(), caption="Availability (contract §2.5.1, §2.8)")


def _intervals(name: str, value: object) -> list[Interval]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongTypeError(
            f"{name}={value!r} is not an iterable of (start, end) pairs of aware datetimes"
        )
    return [_validate.interval(f"{name}[{i}]", pair) for i, pair in enumerate(value)]


def _clip(intervals: Iterable[Interval], start: dt.datetime, end: dt.datetime) -> list[Interval]:
    return [(s, min(e, end)) for s, e in merge_intervals(intervals, after=start) if s < end]


def _subtract(pieces: Iterable[Interval], holes: tuple[Interval, ...]) -> list[Interval]:
    """``pieces`` minus ``holes`` (both merged and sorted)."""
    result: list[Interval] = []
    for s, e in pieces:
        cursor = s
        for hs, he in holes:
            if he <= cursor or hs >= e:
                continue
            if hs > cursor:
                result.append((cursor, hs))
            cursor = max(cursor, he)
            if cursor >= e:
                break
        if cursor < e:
            result.append((cursor, e))
    return result


def availability_report(
    start: dt.datetime,
    end: dt.datetime,
    outages: Iterable[Interval],
    *,
    planned: Iterable[Interval] = (),
    hours: BusinessHours | None = None,
    target: Decimal = TARGET,
    quantum: Decimal = QUANTUM,
) -> AvailabilityReport:
    """The availability of ``[start, end)`` and how it was obtained (contract §2.5.1, §2.8).

    ``outages`` and ``planned`` are iterables of ``(start, end)`` aware instants; ``hours`` is the
    PSG (default :meth:`BusinessHours.comelus`; pass
    ``BusinessHours.production_customer_space()`` for the 9h–18h reading of §2.5.1, C10);
    ``target`` the committed fraction (``Decimal("0.98")``); ``quantum`` the step the returned
    fraction is rounded down to.

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
    _validate.aware("start", start)
    _validate.aware("end", end)
    _validate.ordered("start", start, "end", end)
    down = _intervals("outages", outages)
    kept = _intervals("planned", planned)
    schedule = hours if hours is not None else BusinessHours.comelus()
    if not isinstance(schedule, BusinessHours):
        raise WrongTypeError(
            f"hours={hours!r} is not a BusinessHours; pass BusinessHours.comelus()"
        )
    goal = _validate.decimal("target", target, what="fraction", accept=(str,))
    if not Decimal(0) < goal <= Decimal(1):
        raise OutOfRangeError(f"target={target!r} must be in (0, 1], e.g. Decimal('0.98')")
    step = _validate.decimal("quantum", quantum, what="quantum", accept=(str,), positive=True)

    planned_pieces = tuple(_clip(kept, start, end))
    counted = tuple(_subtract(_clip(down, start, end), planned_pieces))
    period = schedule.elapsed(start, end)
    planned_time = sum((schedule.elapsed(s, e) for s, e in planned_pieces), dt.timedelta(0))
    psg_time = period - planned_time
    downtime = sum((schedule.elapsed(s, e) for s, e in counted), dt.timedelta(0))

    psg_us = _microseconds(psg_time)
    down_us = _microseconds(downtime)
    exact = Fraction(1) if psg_us == 0 else 1 - Fraction(down_us, psg_us)
    allowed_us = Fraction(psg_us) * (1 - Fraction(goal))
    allowed = dt.timedelta(microseconds=allowed_us.numerator // allowed_us.denominator)
    return AvailabilityReport(
        start=start.astimezone(schedule.zone),
        end=end.astimezone(schedule.zone),
        target=goal,
        psg_time=psg_time,
        planned_time=planned_time,
        downtime=downtime,
        exact=exact,
        availability=round_fraction(exact, step, rounding="floor"),
        percent=round_fraction(exact * 100, Decimal("0.001"), rounding="floor"),
        allowed_downtime=allowed,
        margin=allowed - downtime,
        met=exact >= Fraction(goal),
        counted=counted,
    )


def availability(
    start: dt.datetime,
    end: dt.datetime,
    outages: Iterable[Interval],
    *,
    planned: Iterable[Interval] = (),
    hours: BusinessHours | None = None,
) -> Decimal:
    """The availability of ``[start, end)`` over the PSG, a fraction in [0, 1] (§2.5.1, §2.8).

    Exactly ``1 − downtime / PSG time`` rounded down to 10⁻⁶; see :func:`availability_report`
    for every number behind it and the conventions in the module docstring.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> paris = ZoneInfo("Europe/Paris")
    >>> availability(datetime(2024, 10, 1, tzinfo=paris), datetime(2024, 11, 1, tzinfo=paris), [])
    Decimal('1.000000')
    """
    return availability_report(start, end, outages, planned=planned, hours=hours).availability


def _microseconds(delta: dt.timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
