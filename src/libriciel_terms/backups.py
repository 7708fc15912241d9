"""Backups and restore points (contract §2.6).

Clause 2.6 describes the backup plan (BURP, encrypted, kept off-site) and its retention table
(§2.6.2), which :meth:`BackupSchedule.comelus` holds as data:

=================  ===============================  ==========
backup             when (Europe/Paris wall clock)   kept
=================  ===============================  ==========
incremental        Monday–Friday 12:30 and 18:30    24 hours
differential       Monday–Friday 23:00              8 days
full (weekly)      Saturday 23:00                   15 days
full (monthly)     1st of each month, 23:00 (*)     93 days
=================  ===============================  ==========

(*) The hour of the monthly full backup is not stated: 23:00 like the other night backups, and
a parameter (``monthly_time``).

A :class:`BackupSchedule` is the plan of any contract: its jobs, the zone of their wall-clock
times and its readings; its results are in that zone. Conventions (the docs' "Conventions" page):

- **Public holidays.** The table says "lundi au vendredi", not "jours ouvrés": backups are a
  machine schedule and run on public holidays. ``skip_holidays=FRANCE`` gives the other
  reading (then no job runs on a holiday, the monthly one included).
- **Retention.** "24h" is elapsed time; "8 jrs", "15 jrs", "93 jrs" are calendar days keeping the
  wall-clock time: the full backup of Sat 2025-03-22 23:00 expires Sun 2025-04-06 23:00.
- **Expiry.** A backup exists on ``[taken_at, expires_at)``: at its expiry instant it is gone.
- **Start.** By default the schedule has always run; ``since=`` gives the first instant it ran
  (backups taken before it do not exist).
- **Simultaneous backups.** On the 1st of a month at 23:00 the monthly full backup and the
  differential (or, on a Saturday, the weekly full) fall at the same instant: one state, listed
  once as the backup kept longest (``simultaneous="merge"``, default), or once per job
  (``"separate"``). Either way the restorable states are the same.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> paris = ZoneInfo("Europe/Paris")
>>> at = datetime(2025, 3, 24, 9, 0, tzinfo=paris)          # a Monday morning
>>> status = BackupSchedule.comelus().status(at)
>>> [(p.kind, p.taken_at.strftime("%a %d %H:%M")) for p in status.points[-3:]]
[('differential', 'Thu 20 23:00'), ('differential', 'Fri 21 23:00'), ('full_weekly', 'Sat 22 23:00')]
>>> status.oldest.kind, status.oldest.taken_at.date().isoformat()     # the oldest state
('full_monthly', '2025-01-01')
>>> status.max_data_loss
datetime.timedelta(days=1, seconds=36000)
>>> print(status.headline())
10 points de restauration au lun. 2025-03-24 09:00 (perte de données maximale : 1 j 10 h)

The failing case: a naive instant is refused, never read in some zone.

>>> restore_points(datetime(2025, 3, 24, 9, 0))
Traceback (most recent call last):
...
libriciel_terms.errors.NaiveDatetimeError: at=datetime.datetime(2025, 3, 24, 9, 0) is naive; pass an aware datetime, e.g. tzinfo=ZoneInfo("Europe/Paris")
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal
from zoneinfo import ZoneInfo

import attrs

from libriciel_terms import _validate
from libriciel_terms._dates import localize, shift_instant
from libriciel_terms._report import Column, Report
from libriciel_terms._text import NBSP, WEEKDAYS, Lang, calendar_duration, check_lang, instant, pick
from libriciel_terms.delays import Delay
from libriciel_terms.errors import (
    InvalidArgumentError,
    OutOfRangeError,
    TermsError,
    WrongTypeError,
)
from libriciel_terms.holidays import HolidayCalendar

__all__ = [
    "MAX_JOBS",
    "MAX_KEPT",
    "MAX_RETENTION",
    "BackupJob",
    "BackupKind",
    "BackupSchedule",
    "BackupStatus",
    "RestorePoint",
    "Simultaneous",
    "backup_status",
    "max_data_loss",
    "oldest_restore_point",
    "restore_points",
]

#: The kinds of backup in the contract's plan (§2.6.1–2.6.2).
BackupKind = Literal["incremental", "differential", "full_weekly", "full_monthly"]
#: How backups taken at the same instant are listed (see the module docstring).
Simultaneous = Literal["merge", "separate"]

#: The longest a backup may be kept, per unit of its retention (ten years): it bounds the days
#: a status looks at, so that no call runs long.
MAX_RETENTION: dict[str, int] = {"hours": 87_840, "days": 3_660, "months": 120, "years": 10}
#: The most jobs a plan may have.
MAX_JOBS = 50
#: The most backups a plan may keep at a time (a daily backup kept ten years is 3,660): it bounds
#: the work of a status.
MAX_KEPT = 20_000

_KINDS: dict[str, tuple[str, str]] = {
    "incremental": ("incrémentale", "incremental"),
    "differential": ("différentielle", "differential"),
    "full_weekly": ("complète (hebdomadaire)", "full (weekly)"),
    "full_monthly": ("complète (mensuelle)", "full (monthly)"),
}
_UTC = dt.UTC


# --------------------------------------------------------------------------- jobs


def _check_time(_instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        raise WrongTypeError(
            f"{attribute.name}={value!r} is not a naive time of day; pass a wall-clock time, "
            f"e.g. time(23, 0) (the schedule's zone gives its meaning)"
        )


def _weekday_set(value: object) -> frozenset[int]:
    days = _validate.items("weekdays", value, int)
    for day in days:
        if isinstance(day, bool) or not 0 <= day <= 6:
            raise InvalidArgumentError(
                f"weekdays={sorted(days, key=repr)!r} holds {day!r}; pass weekday numbers "
                f"0 (Monday) to 6 (Sunday)"
            )
    return frozenset(days)


def _check_retention(_instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Delay):
        raise WrongTypeError(
            f"{attribute.name}={value!r} is a {type(value).__name__}, not a Delay; pass e.g. "
            f"Delay.days(8) or Delay.hours(24)"
        )
    longest = MAX_RETENTION.get(value.unit)
    if longest is None:
        raise InvalidArgumentError(
            f"{attribute.name}={value} is counted in {value.unit}; a backup is kept for hours, "
            f"days, months or years of calendar time (pass e.g. Delay.days(8))"
        )
    if not 1 <= value.amount <= longest:
        raise OutOfRangeError(
            f"{attribute.name}={value} is outside 1 to {longest} {value.unit} (ten years); pass "
            f"a retention within them"
        )


@attrs.frozen(kw_only=True)
class BackupJob:
    """One line of the backup plan: when it runs and how long its backups are kept (§2.6.2).

    A job runs at ``time`` (wall clock of the schedule's zone) on ``weekdays`` (0 = Monday) or
    on day ``month_day`` (1 to 28) of each month; its backups are kept ``retention``.

    >>> job = BackupSchedule.comelus().jobs[0]
    >>> job.to_text(), job.to_text(lang="en")
    ('incrémentale : lun.–ven. 12:30, conservée 24 heures', 'incremental: Mon–Fri 12:30, kept 24 hours')
    """

    kind: BackupKind = attrs.field(validator=_validate.choice(BackupKind))
    time: dt.time = attrs.field(validator=_check_time)
    weekdays: frozenset[int] = attrs.field(default=frozenset(), converter=_weekday_set)
    month_day: int | None = attrs.field(
        default=None, validator=_validate.optional(_validate.integer, minimum=1, maximum=28)
    )
    retention: Delay = attrs.field(validator=_check_retention)

    def __attrs_post_init__(self) -> None:
        if (self.month_day is None) == (not self.weekdays):
            raise InvalidArgumentError(
                f"weekdays={sorted(self.weekdays)!r} and month_day={self.month_day!r}: give "
                f"exactly one, weekdays for a weekly job or month_day for a monthly one"
            )

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The job in words: « incrémentale : lun.–ven. 12:30, conservée 24 heures »."""
        lang = check_lang(lang)
        if self.month_day is not None:
            day = "1er" if self.month_day == 1 else str(self.month_day)
            when = pick(f"le {day} de chaque mois", f"day {self.month_day} of each month", lang)
        else:
            names = [WEEKDAYS[d][1 if lang == "en" else 0] for d in sorted(self.weekdays)]
            contiguous = (
                len(names) > 2 and max(self.weekdays) - min(self.weekdays) == len(names) - 1
            )
            when = f"{names[0]}–{names[-1]}" if contiguous else ", ".join(names)
        kind = pick(*_KINDS[self.kind], lang)
        kept = pick(
            f"conservée {self.retention.to_text(lang='fr')}",
            f"kept {self.retention.to_text(lang='en')}",
            lang,
        )
        return f"{kind}{pick(NBSP, '', lang)}: {when} {self.time:%H:%M}, {kept}"

    def _lookback(self) -> int:
        """More days than the retention can span: a backup older than that is gone."""
        per_unit = {"hours": 1, "days": 1, "months": 31, "years": 366}[self.retention.unit]
        amount = self.retention.amount
        days = amount // 24 if self.retention.unit == "hours" else amount * per_unit
        return days + 2

    def _most_kept(self) -> int:
        """More backups than this job can keep at a time."""
        if self.month_day is None:
            return self._lookback() * len(self.weekdays) // 7 + 1
        return self._lookback() // 28 + 1

    def _days(self, first: int, last: int) -> list[int]:
        """The ordinals in ``[first, last]`` of the days the job runs on."""
        if self.month_day is None:
            return [o for o in range(first, last + 1) if (o - 1) % 7 in self.weekdays]
        return [o for o in range(first, last + 1) if dt.date.fromordinal(o).day == self.month_day]


# --------------------------------------------------------------------------- restore points


def _check_expiry(instance: RestorePoint, _attribute: object, value: dt.datetime) -> None:
    _validate.ordered("taken_at", instance.taken_at, "expires_at", value, strict=True)


_POINT_COLUMNS: tuple[Column, ...] = (
    Column("taken_at", "prise le", "taken at", "instant"),
    Column("kind", "sauvegarde", "backup"),
    Column("expires_at", "conservée jusqu'au", "kept until", "instant"),
)


@attrs.frozen(kw_only=True)
class RestorePoint(Report):
    """A backup that exists: the state taken at ``taken_at``, kept until ``expires_at``
    (excluded), both in the schedule's zone.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> point = restore_points(datetime(2025, 3, 24, 9, 0, tzinfo=ZoneInfo("Europe/Paris")))[0]
    >>> print(point.headline())
    Point de restauration : complète (mensuelle) du mer. 2025-01-01 23:00
    """

    COLUMNS: ClassVar[tuple[Column, ...]] = _POINT_COLUMNS

    taken_at: dt.datetime = attrs.field(validator=_validate.check(_validate.aware))
    kind: BackupKind = attrs.field(validator=_validate.choice(BackupKind))
    expires_at: dt.datetime = attrs.field(
        validator=[_validate.check(_validate.aware), _check_expiry]
    )

    def to_records(self) -> list[dict[str, Any]]:
        """The point as one record: ``taken_at``, ``kind``, ``expires_at``."""
        return [{"taken_at": self.taken_at, "kind": self.kind, "expires_at": self.expires_at}]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Point de restauration : complète (mensuelle) du mer. 2025-01-01 23:00 »."""
        kind, taken = pick(*_KINDS[self.kind], lang), instant(self.taken_at, lang)
        return pick(
            f"Point de restauration{NBSP}: {kind} du {taken}",
            f"Restore point: {kind} of {taken}",
            lang,
        )

    def display_records(self, *, lang: Lang = "fr") -> list[dict[str, Any]]:
        """The point as people read it, in ``lang``."""
        return _shown((self,), lang)


def _shown(points: tuple[RestorePoint, ...], lang: Lang) -> list[dict[str, Any]]:
    return [
        {"taken_at": p.taken_at, "kind": pick(*_KINDS[p.kind], lang), "expires_at": p.expires_at}
        for p in points
    ]


@attrs.frozen(kw_only=True)
class BackupStatus(Report):
    """The backups that exist at an instant, and what they allow (Contract §2.6.2)."""

    COLUMNS: ClassVar[tuple[Column, ...]] = _POINT_COLUMNS

    at: dt.datetime = attrs.field(validator=_validate.check(_validate.aware))
    points: tuple[RestorePoint, ...] = attrs.field(converter=_validate.tuple_of(RestorePoint))  # type: ignore[misc]

    @property
    def latest(self) -> RestorePoint | None:
        """The most recent restore point, if any."""
        return self.points[-1] if self.points else None

    @property
    def oldest(self) -> RestorePoint | None:
        """The oldest restorable state, if any."""
        return self.points[0] if self.points else None

    @property
    def max_data_loss(self) -> dt.timedelta | None:
        """Elapsed time since the latest restore point (``None`` when there is none)."""
        latest = self.latest
        # Subtract in UTC: two datetimes sharing a tzinfo subtract as wall clocks.
        return None if latest is None else _validate.utc(self.at) - _validate.utc(latest.taken_at)

    def to_records(self) -> list[dict[str, Any]]:
        """One record per restore point, oldest first."""
        return [record for point in self.points for record in point.to_records()]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« 13 points de restauration au mer. 2025-06-11 15:00 (perte de données maximale : …) »."""
        n, at, loss = len(self.points), instant(self.at, lang), self.max_data_loss
        head = pick(
            f"{n} point{'s' if n > 1 else ''} de restauration au {at}",
            f"{n} restore point{'s' if n != 1 else ''} at {at}",
            lang,
        )
        if loss is None:
            return head
        worst = calendar_duration(loss, lang)
        return head + pick(
            f" (perte de données maximale{NBSP}: {worst})", f" (maximum data loss: {worst})", lang
        )

    def display_records(self, *, lang: Lang = "fr") -> list[dict[str, Any]]:
        """The restore points as people read them, in ``lang``."""
        return _shown(self.points, lang)


# --------------------------------------------------------------------------- the plan


def _check_jobs(_instance: object, _attribute: object, value: tuple[BackupJob, ...]) -> None:
    if not value:
        raise InvalidArgumentError("jobs=() is empty; pass at least one BackupJob")
    if len(value) > MAX_JOBS:
        raise OutOfRangeError(
            f"jobs holds {len(value)} jobs, more than {MAX_JOBS}; pass at most {MAX_JOBS}"
        )
    kept = sum(job._most_kept() for job in value)
    if kept > MAX_KEPT:
        raise OutOfRangeError(
            f"jobs keep up to {kept} backups at a time, more than {MAX_KEPT}; shorten the "
            f"retention of the most frequent jobs"
        )


def _check_holidays(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None and not isinstance(value, HolidayCalendar):
        raise WrongTypeError(
            f"skip_holidays={value!r} is not a holiday calendar; pass e.g. FRANCE, or None for "
            f"backups that run on public holidays"
        )


@attrs.frozen(kw_only=True)
class BackupSchedule:
    """The backup plan: its jobs, the zone of their wall-clock times (results come back in it)
    and its readings — whether jobs skip public holidays (``skip_holidays``) and how backups
    taken at one instant are listed (``simultaneous``) (Contract §2.6)."""

    jobs: tuple[BackupJob, ...] = attrs.field(
        converter=_validate.tuple_of(BackupJob),  # type: ignore[misc]
        validator=_check_jobs,
    )
    zone: ZoneInfo = attrs.field(validator=_validate.instance_of(ZoneInfo))
    skip_holidays: HolidayCalendar | None = attrs.field(default=None, validator=_check_holidays)
    simultaneous: Simultaneous = attrs.field(
        default="merge", validator=_validate.choice(Simultaneous)
    )

    @classmethod
    def comelus(
        cls,
        *,
        monthly_time: dt.time = dt.time(23, 0),
        skip_holidays: HolidayCalendar | None = None,
    ) -> BackupSchedule:
        """The plan of clause 2.6.2 (Europe/Paris), retention periods from its retention table:
        the backup plan of the bundled ComElus 2024 contract file, with the readings given.

        >>> for job in BackupSchedule.comelus().jobs:
        ...     print(job.to_text(lang="en"))
        incremental: Mon–Fri 12:30, kept 24 hours
        incremental: Mon–Fri 18:30, kept 24 hours
        differential: Mon–Fri 23:00, kept 8 days
        full (weekly): Sat 23:00, kept 15 days
        full (monthly): day 1 of each month 23:00, kept 93 days
        """
        from libriciel_terms.comelus import COMELUS_2024

        plan = COMELUS_2024.backups
        jobs = tuple(
            attrs.evolve(job, time=monthly_time) if job.kind == "full_monthly" else job
            for job in plan.jobs
        )
        return attrs.evolve(plan, jobs=jobs, skip_holidays=skip_holidays)

    def status(
        self,
        at: dt.datetime,
        *,
        since: dt.datetime | None = None,
        simultaneous: Simultaneous | None = None,
    ) -> BackupStatus:
        """The restore points at ``at``: taken at or before it (and at or after ``since``),
        not yet expired, oldest first, in the schedule's zone (Contract §2.6.2).

        ``simultaneous`` overrides the schedule's reading for this call. Only the days each job's
        retention can reach are looked at (at most ten years back), so the cost does not depend
        on how long the schedule has run.
        """
        at_utc = _validate.utc(_validate.aware("at", at))
        since_utc = None if since is None else _validate.utc(_validate.aware("since", since))
        listing = self.simultaneous if simultaneous is None else simultaneous
        listing = _validate.one_of("simultaneous", listing, _validate.literal_values(Simultaneous))
        try:
            now = at_utc.astimezone(self.zone)
            found = self._alive(at_utc, since_utc)
        except (OverflowError, ValueError) as error:
            if isinstance(error, TermsError):
                raise
            raise _near_the_limits(at) from None
        found.sort(key=lambda item: (item[0], item[1]))
        if listing == "merge":
            points = _merged(found)
        else:
            points = tuple(point for _taken, _order, point in found)
        return BackupStatus(at=now, points=points)

    def _alive(
        self, at_utc: dt.datetime, since_utc: dt.datetime | None
    ) -> list[tuple[dt.datetime, int, RestorePoint]]:
        """Every backup alive at ``at_utc``: (taken, job order, point)."""
        last = at_utc.astimezone(self.zone).date().toordinal()
        floor = 1 if since_utc is None else since_utc.astimezone(self.zone).date().toordinal()
        found = []
        for order, job in enumerate(self.jobs):
            start = last - job._lookback()
            if start < 1 and since_utc is None:
                raise _near_the_limits(at_utc)
            first = max(floor, start)
            for ordinal in job._days(first, last):
                day = dt.date.fromordinal(ordinal)
                if self.skip_holidays is not None and self.skip_holidays.is_holiday(day):
                    continue
                try:
                    taken = localize(dt.datetime.combine(day, job.time), self.zone)
                    taken_utc = taken.astimezone(_UTC)
                    if taken_utc > at_utc or (since_utc is not None and taken_utc < since_utc):
                        continue
                    kept = job.retention
                    expires = shift_instant(taken, kept.amount, kept.unit, self.zone)  # type: ignore[arg-type]
                except (OutOfRangeError, OverflowError):
                    raise _near_the_limits(at_utc) from None
                if at_utc < expires.astimezone(_UTC):
                    point = RestorePoint(taken_at=taken, kind=job.kind, expires_at=expires)
                    found.append((taken_utc, order, point))
        return found

    def restore_points(
        self,
        at: dt.datetime,
        *,
        since: dt.datetime | None = None,
        simultaneous: Simultaneous | None = None,
    ) -> tuple[RestorePoint, ...]:
        """The restore points that exist at ``at``, oldest first (see :meth:`status`)."""
        return self.status(at, since=since, simultaneous=simultaneous).points


def _near_the_limits(at: dt.datetime) -> OutOfRangeError:
    return OutOfRangeError(
        f"at={at!r} is too close to the limits of the calendar (years 1–9999): the backups it "
        f"would list, or their expiry, fall outside them; pass an instant further inside, or "
        f"since= for a plan that started after the year 1"
    )


def _merged(found: list[tuple[dt.datetime, int, RestorePoint]]) -> tuple[RestorePoint, ...]:
    """One point per instant: the one kept longest (the first job's on a tie)."""
    kept: dict[dt.datetime, RestorePoint] = {}
    for taken, _order, point in found:
        other = kept.get(taken)
        if other is None or _validate.utc(point.expires_at) > _validate.utc(other.expires_at):
            kept[taken] = point
    return tuple(kept.values())


def _schedule(schedule: object) -> BackupSchedule:
    if not isinstance(schedule, BackupSchedule):
        raise WrongTypeError(
            f"schedule={schedule!r} is not a BackupSchedule; pass the contract's plan, e.g. "
            f"BackupSchedule.comelus()"
        )
    return schedule


def restore_points(
    at: dt.datetime,
    *,
    since: dt.datetime | None = None,
    simultaneous: Simultaneous | None = None,
) -> tuple[RestorePoint, ...]:
    """The restore points of the ComElus plan at ``at``: taken at or before it, not yet expired,
    oldest first, in Europe/Paris (Contract §2.6.2). ``since`` is the first instant the plan ran
    (default: it always has).

    An accessor of the ComElus figures; for another plan use ``schedule.restore_points(at)``.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> paris = ZoneInfo("Europe/Paris")
    >>> [p.kind for p in restore_points(datetime(2025, 9, 2, 13, 0, tzinfo=paris),
    ...                                 since=datetime(2025, 9, 1, tzinfo=paris))]
    ['incremental', 'full_monthly', 'incremental']
    """
    return BackupSchedule.comelus().restore_points(at, since=since, simultaneous=simultaneous)


def backup_status(
    at: dt.datetime,
    *,
    schedule: BackupSchedule,
    since: dt.datetime | None = None,
    simultaneous: Simultaneous | None = None,
) -> BackupStatus:
    """The backups that exist at ``at`` on ``schedule``, with the latest and oldest points and
    the maximum data loss (the function form of :meth:`BackupSchedule.status`).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> status = backup_status(datetime(2025, 6, 11, 15, 0, tzinfo=ZoneInfo("Europe/Paris")),
    ...                        schedule=BackupSchedule.comelus())
    >>> status.latest.kind, status.latest.taken_at.isoformat(), status.max_data_loss
    ('incremental', '2025-06-11T12:30:00+02:00', datetime.timedelta(seconds=9000))
    >>> len(status.to_records()), status.oldest.taken_at.date().isoformat()
    (13, '2025-04-01')
    """
    return _schedule(schedule).status(at, since=since, simultaneous=simultaneous)


def max_data_loss(
    at: dt.datetime, *, schedule: BackupSchedule, since: dt.datetime | None = None
) -> dt.timedelta | None:
    """The most data an incident at ``at`` can lose: the elapsed time since the latest restore
    point (``None`` before the first backup). On the ComElus plan it is at most 37 h 30 min
    (Saturday 23:00 to Monday 12:30), 38 h 30 min on the weekend the clocks go back.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> max_data_loss(datetime(2025, 10, 27, 12, 29, tzinfo=ZoneInfo("Europe/Paris")),
    ...               schedule=BackupSchedule.comelus())
    datetime.timedelta(days=1, seconds=52140)
    """
    return _schedule(schedule).status(at, since=since).max_data_loss


def oldest_restore_point(
    at: dt.datetime, *, schedule: BackupSchedule, since: dt.datetime | None = None
) -> RestorePoint | None:
    """The oldest state that can be restored at ``at`` (``None`` before the first backup).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> oldest_restore_point(datetime(2025, 6, 2, 23, 0, tzinfo=ZoneInfo("Europe/Paris")),
    ...                      schedule=BackupSchedule.comelus()).taken_at
    datetime.datetime(2025, 4, 1, 23, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
    """
    return _schedule(schedule).status(at, since=since).oldest
