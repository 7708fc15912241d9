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

Conventions (RULES.md §0, §6):

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
>>> points = restore_points(at)
>>> [(p.kind, p.taken_at.strftime("%a %d %H:%M")) for p in points[-3:]]
[('differential', 'Thu 20 23:00'), ('differential', 'Fri 21 23:00'), ('full_weekly', 'Sat 22 23:00')]
>>> points[0].kind, points[0].taken_at.date().isoformat()     # the oldest state
('full_monthly', '2025-01-01')
>>> max_data_loss(at)
datetime.timedelta(days=1, seconds=36000)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal, cast
from zoneinfo import ZoneInfo

import attrs
from dateutil.relativedelta import relativedelta

from libriciel_terms import _validate
from libriciel_terms._records import html_table, table_repr
from libriciel_terms.errors import InvalidArgumentError, OutOfRangeError, WrongTypeError
from libriciel_terms.holidays import HolidayCalendar
from libriciel_terms.retention import (
    PARIS,
    RETENTION_RULES,
    _localize,
    _shift_instant,
)

__all__ = [
    "BackupJob",
    "BackupKind",
    "BackupSchedule",
    "BackupStatus",
    "RestorePoint",
    "backup_status",
    "max_data_loss",
    "oldest_restore_point",
    "restore_points",
]

#: The kinds of backup in the contract's plan (§2.6.1–2.6.2).
BackupKind = Literal["incremental", "differential", "full_weekly", "full_monthly"]
#: The unit of a backup's retention: elapsed hours, or calendar days or months.
RetentionUnit = Literal["hours", "days", "months"]
#: How backups taken at the same instant are listed (see the module docstring).
Simultaneous = Literal["merge", "separate"]

_KINDS = ("incremental", "differential", "full_weekly", "full_monthly")
_WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _utc(instant: dt.datetime) -> dt.datetime:
    return instant.astimezone(dt.UTC)


def _check_time(_instance: object, attribute: Any, value: dt.time) -> None:
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        raise WrongTypeError(
            f"{attribute.name}={value!r} is not a naive time of day; pass a wall-clock time, "
            f"e.g. time(23, 0) (the schedule's zone gives its meaning)"
        )


def _check_weekdays(_instance: object, _attribute: object, value: frozenset[int]) -> None:
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or not 0 <= item <= 6:
            raise InvalidArgumentError(
                f"weekdays={sorted(value, key=repr)!r} holds {item!r}; pass weekday numbers "
                f"0 (Monday) to 6 (Sunday)"
            )


def _check_month_day(instance: BackupJob, _attribute: object, value: int | None) -> None:
    if value is not None:
        _validate.integer("month_day", value, minimum=1)
        if value > 28:
            raise OutOfRangeError(
                f"month_day={value!r} does not exist in every month; pass a day from 1 to 28"
            )
    if (value is None) == (not instance.weekdays):
        raise InvalidArgumentError(
            f"weekdays={sorted(instance.weekdays)!r} and month_day={value!r}: give exactly one, "
            f"weekdays for a weekly job or month_day for a monthly one"
        )


def _check_amount(_instance: object, _attribute: object, value: int) -> None:
    _validate.integer("retention_amount", value, minimum=1)


@attrs.frozen(kw_only=True)
class BackupJob:
    """One line of the backup plan: when it runs and how long its backups are kept (§2.6.2).

    A job runs at ``time`` (wall clock of the schedule's zone) on ``weekdays`` (0 = Monday) or
    on day ``month_day`` of each month.

    >>> BackupSchedule.comelus().jobs[0].describe()
    'incremental: Mon–Fri 12:30, kept 24 hours'
    """

    kind: BackupKind = attrs.field(validator=_validate.attrs_one_of(*_KINDS))
    time: dt.time = attrs.field(validator=_check_time)
    weekdays: frozenset[int] = attrs.field(
        default=frozenset(), converter=frozenset, validator=_check_weekdays
    )
    month_day: int | None = attrs.field(default=None, validator=_check_month_day)
    retention_amount: int = attrs.field(validator=_check_amount)
    retention_unit: RetentionUnit = attrs.field(
        validator=_validate.attrs_one_of("hours", "days", "months")
    )

    def describe(self) -> str:
        """The job in words."""
        if self.month_day is not None:
            when = f"day {self.month_day} of each month"
        else:
            days = sorted(self.weekdays)
            contiguous = days == list(range(days[0], days[-1] + 1)) and len(days) > 2
            when = (
                f"{_WEEKDAY_NAMES[days[0]]}–{_WEEKDAY_NAMES[days[-1]]}"
                if contiguous
                else ", ".join(_WEEKDAY_NAMES[d] for d in days)
            )
        return (
            f"{self.kind}: {when} {self.time.strftime('%H:%M')}, "
            f"kept {self.retention_amount} {self.retention_unit}"
        )

    def _runs_on(self, day: dt.date) -> bool:
        if self.month_day is not None:
            return day.day == self.month_day
        return day.weekday() in self.weekdays

    def _earliest_day(self, at_day: dt.date) -> dt.date:
        """A day on or before the first one whose backup may still exist on ``at_day``."""
        if self.retention_unit == "hours":
            back = relativedelta(days=self.retention_amount // 24 + 2)
        elif self.retention_unit == "days":
            back = relativedelta(days=self.retention_amount + 2)
        else:
            back = relativedelta(months=self.retention_amount, days=2)
        earliest: dt.date = at_day - back
        return earliest

    def _days(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """The days in ``[first, last]`` the job runs on, jumping from run to run."""
        if self.month_day is not None:
            day = first.replace(day=self.month_day)
            if day < first:
                day += relativedelta(months=1)
            found = []
            while day <= last:
                found.append(day)
                day += relativedelta(months=1)
            return found
        span = (last - first).days
        return [
            first + dt.timedelta(days=i)
            for i in range(span + 1)
            if (first.weekday() + i) % 7 in self.weekdays
        ]


@attrs.frozen(kw_only=True)
class RestorePoint:
    """A backup that exists: the state taken at ``taken_at``, kept until ``expires_at``
    (excluded). Both in Europe/Paris."""

    taken_at: dt.datetime
    kind: BackupKind
    expires_at: dt.datetime

    def to_record(self) -> dict[str, Any]:
        """The point as a flat ``dict``."""
        return {"taken_at": self.taken_at, "kind": self.kind, "expires_at": self.expires_at}


def _check_zone(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, ZoneInfo):
        raise WrongTypeError(
            f'zone={value!r} is not a ZoneInfo; pass e.g. ZoneInfo("Europe/Paris")'
        )


def _job_tuple(value: Iterable[BackupJob]) -> tuple[BackupJob, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WrongTypeError(f"jobs={value!r} is not an iterable of BackupJob")
    return tuple(value)


def _check_jobs(_instance: object, _attribute: object, value: tuple[BackupJob, ...]) -> None:
    if not value:
        raise InvalidArgumentError("jobs=() is empty; pass at least one BackupJob")
    for job in value:
        if not isinstance(job, BackupJob):
            raise WrongTypeError(f"jobs holds {job!r}, not a BackupJob")


def _check_holidays(_instance: object, _attribute: object, value: HolidayCalendar | None) -> None:
    if value is not None and not isinstance(value, HolidayCalendar):
        raise WrongTypeError(
            f"skip_holidays={value!r} is not a holiday calendar; pass e.g. FRANCE, or None for "
            f"backups that run on public holidays"
        )


@attrs.frozen(kw_only=True)
class BackupStatus:
    """The backups that exist at an instant, and what they allow (Contract §2.6.2)."""

    at: dt.datetime
    points: tuple[RestorePoint, ...]

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
        return None if latest is None else _utc(self.at) - _utc(latest.taken_at)

    def to_records(self) -> list[dict[str, Any]]:
        """One ``dict`` per restore point, oldest first."""
        return [p.to_record() for p in self.points]

    def __repr__(self) -> str:
        return table_repr(
            f"<BackupStatus at {self.at.isoformat()}: {len(self.to_records())} restore points>",
            self.to_records(),
        )

    def _repr_html_(self) -> str:
        return html_table(self.to_records())


@attrs.frozen(kw_only=True)
class BackupSchedule:
    """The backup plan: jobs, the zone of their wall-clock times, and whether they skip
    public holidays (Contract §2.6)."""

    jobs: tuple[BackupJob, ...] = attrs.field(converter=_job_tuple, validator=_check_jobs)
    zone: ZoneInfo = attrs.field(default=PARIS, validator=_check_zone)
    skip_holidays: HolidayCalendar | None = attrs.field(default=None, validator=_check_holidays)

    @classmethod
    def comelus(
        cls,
        *,
        monthly_time: dt.time = dt.time(23, 0),
        skip_holidays: HolidayCalendar | None = None,
    ) -> BackupSchedule:
        """The plan of clause 2.6.2, retention periods from the table (RULES.md §6).

        >>> for job in BackupSchedule.comelus().jobs:
        ...     print(job.describe())
        incremental: Mon–Fri 12:30, kept 24 hours
        incremental: Mon–Fri 18:30, kept 24 hours
        differential: Mon–Fri 23:00, kept 8 days
        full_weekly: Sat 23:00, kept 15 days
        full_monthly: day 1 of each month 23:00, kept 93 days
        """
        monday_to_friday = frozenset(range(5))

        def job(kind: BackupKind, time: dt.time, rule: str, **when: Any) -> BackupJob:
            row = RETENTION_RULES[rule]
            return BackupJob(
                kind=kind,
                time=time,
                retention_amount=row.amount,
                retention_unit=cast(RetentionUnit, row.unit),
                **when,
            )

        return cls(
            jobs=(
                job("incremental", dt.time(12, 30), "incremental_backup", weekdays=monday_to_friday),
                job("incremental", dt.time(18, 30), "incremental_backup", weekdays=monday_to_friday),
                job("differential", dt.time(23, 0), "differential_backup", weekdays=monday_to_friday),
                job("full_weekly", dt.time(23, 0), "weekly_full_backup", weekdays={5}),
                job("full_monthly", monthly_time, "monthly_full_backup", month_day=1),
            ),
            skip_holidays=skip_holidays,
        )  # fmt: skip

    def _point(self, job: BackupJob, day: dt.date) -> RestorePoint:
        taken = _localize(dt.datetime.combine(day, job.time), self.zone)
        expires = _shift_instant(taken, job.retention_amount, job.retention_unit, self.zone)
        return RestorePoint(
            taken_at=taken.astimezone(PARIS), kind=job.kind, expires_at=expires.astimezone(PARIS)
        )

    def status(
        self,
        at: dt.datetime,
        *,
        since: dt.datetime | None = None,
        simultaneous: Simultaneous = "merge",
    ) -> BackupStatus:
        """The restore points at ``at``: taken at or before it (and at or after ``since``),
        not yet expired, oldest first (Contract §2.6.2).

        Only the days each job's retention can reach are looked at (at most 93 days back), so
        the cost does not depend on how long the schedule has run.
        """
        _validate.aware("at", at)
        if since is not None:
            _validate.aware("since", since)
        if simultaneous not in ("merge", "separate"):
            raise InvalidArgumentError(
                f"simultaneous={simultaneous!r} is not known; pass 'merge' or 'separate'"
            )
        at_day = at.astimezone(self.zone).date()
        # Every comparison in UTC: datetimes sharing a tzinfo compare as wall clocks, which
        # is wrong in the hour the clocks go back.
        at_utc = _utc(at)
        since_utc = None if since is None else _utc(since)
        found: list[tuple[RestorePoint, int]] = []
        try:
            for order, job in enumerate(self.jobs):
                first = job._earliest_day(at_day)
                if since is not None:
                    first = max(first, since.astimezone(self.zone).date())
                for day in job._days(first, at_day):
                    if self.skip_holidays is not None and self.skip_holidays.is_holiday(day):
                        continue
                    point = self._point(job, day)
                    taken = _utc(point.taken_at)
                    if since_utc is not None and taken < since_utc:
                        continue
                    if taken <= at_utc < _utc(point.expires_at):
                        found.append((point, order))
        except (OverflowError, ValueError) as error:
            if isinstance(error, InvalidArgumentError | OutOfRangeError):
                raise
            raise OutOfRangeError(
                f"at={at!r} is too close to the limits of the calendar (years 1–9999); pass an "
                f"instant between the years 1 and 9998"
            ) from None
        found.sort(key=lambda item: (_utc(item[0].taken_at), item[1]))
        if simultaneous == "merge":
            merged: dict[dt.datetime, RestorePoint] = {}
            for point, _order in found:
                key = _utc(point.taken_at)
                kept = merged.get(key)
                if kept is None or _utc(point.expires_at) > _utc(kept.expires_at):
                    merged[key] = point
            points = tuple(merged.values())
        else:
            points = tuple(point for point, _order in found)
        return BackupStatus(at=at.astimezone(PARIS), points=points)

    def restore_points(
        self,
        at: dt.datetime,
        *,
        since: dt.datetime | None = None,
        simultaneous: Simultaneous = "merge",
    ) -> tuple[RestorePoint, ...]:
        """The restore points that exist at ``at``, oldest first (see :meth:`status`)."""
        return self.status(at, since=since, simultaneous=simultaneous).points


def _schedule(schedule: object) -> BackupSchedule:
    if schedule is None:
        return BackupSchedule.comelus()
    if not isinstance(schedule, BackupSchedule):
        raise WrongTypeError(
            f"schedule={schedule!r} is not a BackupSchedule; pass e.g. BackupSchedule.comelus()"
        )
    return schedule


def backup_status(
    at: dt.datetime,
    *,
    since: dt.datetime | None = None,
    schedule: BackupSchedule | None = None,
    simultaneous: Simultaneous = "merge",
) -> BackupStatus:
    """The backups that exist at ``at`` on ``schedule`` (default the ComElus plan, §2.6.2),
    with the latest and oldest points and the maximum data loss.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> status = backup_status(datetime(2025, 6, 11, 15, 0, tzinfo=ZoneInfo("Europe/Paris")))
    >>> status.latest.kind, status.latest.taken_at.isoformat(), status.max_data_loss
    ('incremental', '2025-06-11T12:30:00+02:00', datetime.timedelta(seconds=9000))
    >>> len(status.to_records()), status.oldest.taken_at.date().isoformat()
    (13, '2025-04-01')
    """
    return _schedule(schedule).status(at, since=since, simultaneous=simultaneous)


def restore_points(
    at: dt.datetime,
    *,
    since: dt.datetime | None = None,
    schedule: BackupSchedule | None = None,
    simultaneous: Simultaneous = "merge",
) -> tuple[RestorePoint, ...]:
    """The restore points at ``at``: taken at or before it, not yet expired, oldest first
    (Contract §2.6.2). ``since`` is the first instant the schedule ran (default: it always has).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> paris = ZoneInfo("Europe/Paris")
    >>> [p.kind for p in restore_points(datetime(2025, 9, 2, 13, 0, tzinfo=paris),
    ...                                 since=datetime(2025, 9, 1, tzinfo=paris))]
    ['incremental', 'full_monthly', 'incremental']
    """
    return backup_status(at, since=since, schedule=schedule, simultaneous=simultaneous).points


def max_data_loss(
    at: dt.datetime,
    *,
    since: dt.datetime | None = None,
    schedule: BackupSchedule | None = None,
) -> dt.timedelta | None:
    """The most data an incident at ``at`` can lose: the elapsed time since the latest restore
    point (``None`` before the first backup). On the ComElus plan it is at most 37 h 30 min
    (Saturday 23:00 to Monday 12:30), 38 h 30 min on the weekend the clocks go back.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> max_data_loss(datetime(2025, 10, 27, 12, 29, tzinfo=ZoneInfo("Europe/Paris")))
    datetime.timedelta(days=1, seconds=52140)
    """
    return backup_status(at, since=since, schedule=schedule).max_data_loss


def oldest_restore_point(
    at: dt.datetime,
    *,
    since: dt.datetime | None = None,
    schedule: BackupSchedule | None = None,
) -> RestorePoint | None:
    """The oldest state that can be restored at ``at`` (``None`` before the first backup).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> oldest_restore_point(datetime(2025, 6, 2, 23, 0, tzinfo=ZoneInfo("Europe/Paris"))).taken_at
    datetime.datetime(2025, 4, 1, 23, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
    """
    return backup_status(at, since=since, schedule=schedule).oldest
