"""Tests of libriciel_terms.backups: the plan of clause 2.6.2 and its restore points, against a
slow walker that lists every backup day by day from far back."""

from __future__ import annotations

import datetime as dt
import decimal
import pickle
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms import backups
from libriciel_terms.backups import (
    MAX_JOBS,
    BackupJob,
    BackupSchedule,
    BackupStatus,
    RestorePoint,
    backup_status,
    restore_points,
)
from libriciel_terms.delays import Delay
from libriciel_terms.errors import (
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
    TermsError,
    WrongTypeError,
)
from libriciel_terms.holidays import FRANCE
from tests.strategies import aware_datetimes, paris_datetimes

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC
COMELUS = BackupSchedule.comelus()
SKIPPING = BackupSchedule.comelus(skip_holidays=FRANCE)


def paris(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


# --------------------------------------------------------------------------- slow reference

Row = tuple[str, dt.datetime, dt.datetime]  # kind, taken (UTC), expires (UTC)


def walk(
    at: dt.datetime,
    *,
    since: dt.datetime | None = None,
    monthly: tuple[int, int] = (23, 0),
    skip_holidays: bool = False,
    merge: bool = True,
) -> list[Row]:
    """Every backup of the plan, day by day from 200 days back, kept while not expired.

    Written from the contract's table without the library's helpers: incrementals expire
    24 elapsed hours later; the other backups on the same wall-clock time N days later.
    """
    at_utc = at.astimezone(UTC)
    last = at.astimezone(PARIS).date()
    day = last - dt.timedelta(days=200)
    rows: list[Row] = []

    def later(day: dt.date, hour: int, minute: int, days: int) -> dt.datetime:
        return dt.datetime.combine(
            day + dt.timedelta(days=days), dt.time(hour, minute), tzinfo=PARIS
        ).astimezone(UTC)

    while day <= last:
        if not (skip_holidays and FRANCE.is_holiday(day)):
            if day.weekday() < 5:
                for hour, minute in ((12, 30), (18, 30)):
                    taken = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS)
                    rows.append(
                        ("incremental", taken.astimezone(UTC), taken.astimezone(UTC) + dt.timedelta(hours=24))
                    )  # fmt: skip
                rows.append(("differential", later(day, 23, 0, 0), later(day, 23, 0, 8)))
            if day.weekday() == 5:
                rows.append(("full_weekly", later(day, 23, 0, 0), later(day, 23, 0, 15)))
            if day.day == 1:
                rows.append(("full_monthly", later(day, *monthly, 0), later(day, *monthly, 93)))
        day += dt.timedelta(days=1)
    alive = [
        r for r in rows
        if r[1] <= at_utc < r[2] and (since is None or r[1] >= since.astimezone(UTC))
    ]  # fmt: skip
    if merge:
        best: dict[dt.datetime, Row] = {}
        for row in alive:
            if row[1] not in best or row[2] > best[row[1]][2]:
                best[row[1]] = row
        alive = list(best.values())
    order = ["incremental", "differential", "full_weekly", "full_monthly"]
    return sorted(alive, key=lambda r: (r[1], order.index(r[0])))


def max_data_loss(at: dt.datetime, **kwargs: object) -> dt.timedelta | None:
    return backups.max_data_loss(at, **{"schedule": COMELUS, **kwargs})  # type: ignore[arg-type]


def oldest_restore_point(at: dt.datetime, **kwargs: object) -> RestorePoint | None:
    return backups.oldest_restore_point(at, **{"schedule": COMELUS, **kwargs})  # type: ignore[arg-type]


def rows(points: tuple[RestorePoint, ...]) -> list[Row]:
    return [(p.kind, p.taken_at.astimezone(UTC), p.expires_at.astimezone(UTC)) for p in points]


# --------------------------------------------------------------------------- the plan as data


def test_comelus_plan_is_the_table_of_clause_2_6_2() -> None:
    assert [
        (j.kind, j.time, tuple(sorted(j.weekdays)), j.month_day, j.retention.amount, j.retention.unit)
        for j in COMELUS.jobs
    ] == [
        ("incremental", dt.time(12, 30), (0, 1, 2, 3, 4), None, 24, "hours"),
        ("incremental", dt.time(18, 30), (0, 1, 2, 3, 4), None, 24, "hours"),
        ("differential", dt.time(23, 0), (0, 1, 2, 3, 4), None, 8, "days"),
        ("full_weekly", dt.time(23, 0), (5,), None, 15, "days"),
        ("full_monthly", dt.time(23, 0), (), 1, 93, "days"),
    ]  # fmt: skip
    assert COMELUS.skip_holidays is None
    assert COMELUS.zone == PARIS
    assert COMELUS.simultaneous == "merge"


def test_monthly_time_is_a_parameter() -> None:
    schedule = BackupSchedule.comelus(monthly_time=dt.time(1, 0))
    points = schedule.restore_points(paris(2025, 9, 1, 1, 0))
    assert points[-1].kind == "full_monthly"
    assert points[-1].taken_at == paris(2025, 9, 1, 1, 0)
    assert rows(points) == walk(paris(2025, 9, 1, 1, 0), monthly=(1, 0))


# --------------------------------------------------------------------------- examples


def test_rules_md_example_weekly_full_kept_fifteen_days_across_dst() -> None:
    saturday = paris(2025, 3, 22, 23, 0)
    before = restore_points(paris(2025, 4, 6, 22, 59))
    assert any(p.taken_at == saturday and p.kind == "full_weekly" for p in before)
    point = next(p for p in before if p.taken_at == saturday)
    assert point.expires_at == paris(2025, 4, 6, 23, 0)
    # A point expiring exactly at `at` no longer exists.
    assert all(p.taken_at != saturday for p in restore_points(paris(2025, 4, 6, 23, 0)))


def test_a_backup_taken_exactly_at_at_exists() -> None:
    points = restore_points(paris(2025, 6, 11, 12, 30))
    assert points[-1].taken_at == paris(2025, 6, 11, 12, 30)
    assert points[-1].kind == "incremental"
    assert max_data_loss(paris(2025, 6, 11, 12, 30)) == dt.timedelta(0)


def test_monday_morning_points_in_order() -> None:
    at = paris(2025, 3, 24, 9, 0)
    points = restore_points(at)
    assert [(p.kind, p.taken_at.date().isoformat()) for p in points] == [
        ("full_monthly", "2025-01-01"),
        ("full_monthly", "2025-02-01"),  # a Saturday: merged with the weekly full
        ("full_monthly", "2025-03-01"),  # a Saturday too
        ("full_weekly", "2025-03-15"),  # the one of 8 March expired on the 23rd
        ("differential", "2025-03-17"),
        ("differential", "2025-03-18"),
        ("differential", "2025-03-19"),
        ("differential", "2025-03-20"),
        ("differential", "2025-03-21"),
        ("full_weekly", "2025-03-22"),
    ]
    assert max_data_loss(at) == dt.timedelta(hours=34)
    assert oldest_restore_point(at) == points[0]
    assert rows(points) == walk(at)


def test_separate_lists_both_backups_of_the_same_instant() -> None:
    at = paris(2025, 3, 5, 9, 0)
    separate = restore_points(at, simultaneous="separate")
    assert len(separate) == len(restore_points(at)) + 1
    first = [p for p in separate if p.taken_at == paris(2025, 3, 1, 23, 0)]
    assert [p.kind for p in first] == ["full_weekly", "full_monthly"]
    assert rows(separate) == walk(at, merge=False)
    assert {p.taken_at for p in separate} == {p.taken_at for p in restore_points(at)}


def test_since_limits_the_points_to_the_schedule_start() -> None:
    since = paris(2025, 9, 1, 0, 0)
    assert restore_points(paris(2025, 9, 1, 12, 0), since=since) == ()
    assert max_data_loss(paris(2025, 9, 1, 12, 0), since=since) is None
    assert oldest_restore_point(paris(2025, 9, 1, 12, 0), since=since) is None
    points = restore_points(paris(2025, 9, 2, 13, 0), since=since)
    assert [(p.kind, p.taken_at) for p in points] == [
        ("incremental", paris(2025, 9, 1, 18, 30)),
        ("full_monthly", paris(2025, 9, 1, 23, 0)),  # merged with the Monday differential
        ("incremental", paris(2025, 9, 2, 12, 30)),
    ]
    # A first backup exactly at `since` counts.
    assert restore_points(paris(2025, 9, 1, 12, 30), since=paris(2025, 9, 1, 12, 30))[0].kind == (
        "incremental"
    )


def test_status_records_and_html() -> None:
    status = backup_status(paris(2025, 6, 11, 15, 0), schedule=COMELUS)
    assert status.latest is not None
    assert status.latest.taken_at == paris(2025, 6, 11, 12, 30)
    assert status.max_data_loss == dt.timedelta(hours=2, minutes=30)
    records = status.to_records()
    assert records[0] == {
        "taken_at": paris(2025, 4, 1, 23, 0),
        "kind": "full_monthly",
        "expires_at": paris(2025, 7, 3, 23, 0),
    }
    html = status._repr_html_()
    assert html.count("<tr>") == len(records) + 1
    assert "<td>mar. 2025-04-01 23:00</td><td>complète (mensuelle)</td>" in html


# --------------------------------------------------------------------------- against the walker

AROUND = [
    # weekends
    paris(2025, 6, 14, 22, 59), paris(2025, 6, 14, 23, 0), paris(2025, 6, 15, 12, 0),
    paris(2025, 6, 16, 12, 29), paris(2025, 6, 16, 12, 30), paris(2025, 6, 20, 23, 30),
    # month starts, including a Saturday 1st and a Sunday 1st
    paris(2025, 2, 1, 23, 0), paris(2025, 3, 1, 22, 59), paris(2025, 6, 1, 23, 30),
    paris(2025, 6, 2, 23, 0), paris(2024, 12, 31, 23, 30), paris(2025, 1, 1, 23, 0),
    # DST nights
    paris(2025, 3, 30, 1, 59), paris(2025, 3, 30, 3, 0), paris(2025, 3, 31, 12, 30),
    paris(2025, 10, 26, 2, 30), paris(2025, 10, 26, 2, 30).replace(fold=1),
    paris(2025, 10, 27, 12, 29), paris(2024, 10, 27, 2, 0), paris(2026, 3, 29, 4, 0),
    # holidays (Easter Monday, 1 May, Christmas)
    paris(2025, 4, 21, 18, 30), paris(2025, 5, 1, 23, 0), paris(2025, 12, 25, 12, 30),
]  # fmt: skip


@pytest.mark.parametrize("at", AROUND)
def test_matches_the_walker_around_weekends_month_starts_and_dst(at: dt.datetime) -> None:
    assert rows(restore_points(at)) == walk(at)
    assert rows(restore_points(at, simultaneous="separate")) == walk(at, merge=False)
    assert rows(SKIPPING.restore_points(at)) == walk(at, skip_holidays=True)


@given(aware_datetimes(dt.datetime(2001, 1, 1), dt.datetime(2098, 12, 31)))
def test_matches_the_walker_anywhere(at: dt.datetime) -> None:
    assert rows(restore_points(at)) == walk(at)


@given(paris_datetimes(), st.integers(min_value=0, max_value=120 * 24))
def test_matches_the_walker_with_a_start(at: dt.datetime, hours_before: int) -> None:
    since = at - dt.timedelta(hours=hours_before)
    assert rows(restore_points(at, since=since)) == walk(at, since=since)
    assert rows(SKIPPING.restore_points(at, since=since)) == walk(
        at, since=since, skip_holidays=True
    )


# --------------------------------------------------------------------------- properties


@given(aware_datetimes())
def test_points_are_ordered_and_expire_after_they_are_taken(at: dt.datetime) -> None:
    points = restore_points(at)
    taken = [p.taken_at.astimezone(UTC) for p in points]
    assert taken == sorted(taken)
    assert len(set(taken)) == len(taken)
    for point in points:
        assert point.expires_at.astimezone(UTC) > point.taken_at.astimezone(UTC)
        assert point.taken_at.astimezone(UTC) <= at.astimezone(UTC)
        assert at.astimezone(UTC) < point.expires_at.astimezone(UTC)
        assert point.taken_at.tzinfo == PARIS == point.expires_at.tzinfo


@given(paris_datetimes(), st.integers(min_value=7 * 24 * 60, max_value=200 * 24 * 60))
def test_a_week_after_the_start_there_is_always_a_point(at: dt.datetime, minutes: int) -> None:
    since = at - dt.timedelta(minutes=minutes)
    assert restore_points(at, since=since)
    assert SKIPPING.restore_points(at, since=since)


@given(paris_datetimes())
def test_max_data_loss_bound(at: dt.datetime) -> None:
    """Saturday 23:00 to Monday 12:30: 37 h 30 min on the wall clock; elapsed, 36 h 30 min on
    the spring weekend and 38 h 30 min on the autumn one."""
    loss = max_data_loss(at)
    assert loss is not None
    latest = restore_points(at)[-1].taken_at
    wall = at.astimezone(PARIS).replace(tzinfo=None) - latest.replace(tzinfo=None)
    assert wall <= dt.timedelta(hours=37, minutes=30)
    shift = latest.utcoffset() - at.astimezone(PARIS).utcoffset()  # type: ignore[operator]
    assert loss == wall + shift <= dt.timedelta(hours=38, minutes=30)


def test_the_bounds_are_reached() -> None:
    assert max_data_loss(paris(2025, 6, 16, 12, 29, 59)) == dt.timedelta(
        hours=37, minutes=29, seconds=59
    )
    # The clocks go back on Sunday 26 October 2025: one elapsed hour more.
    assert max_data_loss(paris(2025, 10, 27, 12, 29)) == dt.timedelta(hours=38, minutes=29)
    # They go forward on Sunday 30 March 2025: one hour less.
    assert max_data_loss(paris(2025, 3, 31, 12, 29)) == dt.timedelta(hours=36, minutes=29)


def test_skipping_holidays_loosens_the_bound() -> None:
    """With ``skip_holidays``, a holiday Monday adds a day: Saturday 23:00 to Tuesday 12:30 is
    61 h 30 min, 62 h 30 min when it follows the autumn DST change (Monday 1 November 2027)."""
    assert max_data_loss(paris(2025, 4, 22, 12, 29), schedule=SKIPPING) == dt.timedelta(
        hours=61, minutes=29
    )
    assert max_data_loss(paris(2027, 11, 2, 12, 29), schedule=SKIPPING) == dt.timedelta(
        hours=62, minutes=29
    )
    # By default backups run on holidays: the ordinary weekend bound holds.
    assert max_data_loss(paris(2027, 11, 2, 12, 29)) == dt.timedelta(hours=13, minutes=29)


def test_worst_data_loss_with_skipped_holidays_over_2025_2028() -> None:
    """Just before every backup instant of four years: the worst wall-clock loss is 61 h 30."""
    worst_wall = dt.timedelta(0)
    worst_elapsed = dt.timedelta(0)
    day = dt.date(2025, 1, 1)
    while day <= dt.date(2028, 12, 31):
        for hour, minute in ((12, 30), (23, 0)):
            at = paris(day.year, day.month, day.day, hour, minute) - dt.timedelta(microseconds=1)
            latest = SKIPPING.restore_points(at)[-1].taken_at
            worst_wall = max(worst_wall, at.replace(tzinfo=None) - latest.replace(tzinfo=None))
            loss = max_data_loss(at, schedule=SKIPPING)
            assert loss is not None
            worst_elapsed = max(worst_elapsed, loss)
        day += dt.timedelta(days=1)
    tick = dt.timedelta(microseconds=1)
    assert worst_wall + tick == dt.timedelta(hours=61, minutes=30)
    assert worst_elapsed + tick == dt.timedelta(hours=62, minutes=30)


# --------------------------------------------------------------------------- custom jobs


def test_a_job_in_the_spring_gap_runs_an_hour_later_on_the_wall_clock() -> None:
    schedule = BackupSchedule(
        jobs=[BackupJob(kind="full_weekly", time=dt.time(2, 30), weekdays={6}, retention=Delay.days(1))],
        zone=PARIS,
    )  # fmt: skip
    points = schedule.restore_points(paris(2025, 3, 30, 12, 0))
    assert [p.taken_at for p in points] == [paris(2025, 3, 30, 3, 30)]
    # Kept one calendar day from the wall-clock time it actually ran at.
    assert points[0].expires_at == paris(2025, 3, 31, 3, 30)


def test_a_monthly_job_in_months() -> None:
    schedule = BackupSchedule(
        jobs=[BackupJob(kind="full_monthly", time=dt.time(23, 0), month_day=28, retention=Delay.months(2))],
        zone=PARIS,
    )  # fmt: skip
    points = schedule.restore_points(paris(2025, 3, 28, 22, 0))
    assert [p.taken_at.date() for p in points] == [dt.date(2025, 1, 28), dt.date(2025, 2, 28)]
    assert points[0].expires_at == paris(2025, 3, 28, 23, 0)


def test_jobs_in_words() -> None:
    job = BackupJob(
        kind="differential", time=dt.time(23, 0), weekdays={0, 2}, retention=Delay.days(8)
    )
    assert job.to_text(lang="en") == "differential: Mon, Wed 23:00, kept 8 days"
    assert job.to_text() == "différentielle\u00a0: lun., mer. 23:00, conservée 8 jours"
    assert [j.to_text() for j in COMELUS.jobs] == [
        "incrémentale\u00a0: lun.–ven. 12:30, conservée 24 heures",
        "incrémentale\u00a0: lun.–ven. 18:30, conservée 24 heures",
        "différentielle\u00a0: lun.–ven. 23:00, conservée 8 jours",
        "complète (hebdomadaire)\u00a0: sam. 23:00, conservée 15 jours",
        "complète (mensuelle)\u00a0: le 1er de chaque mois 23:00, conservée 93 jours",
    ]
    three = BackupJob(
        kind="full_weekly", time=dt.time(1, 5), weekdays={4, 5, 6}, retention=Delay.hours(1)
    )
    assert three.to_text(lang="en") == "full (weekly): Fri–Sun 01:05, kept 1 hour"
    two = BackupJob(
        kind="full_weekly", time=dt.time(1, 5), weekdays={5, 6}, retention=Delay.years(1)
    )
    assert two.to_text(lang="en") == "full (weekly): Sat, Sun 01:05, kept 1 year"
    gap = BackupJob(
        kind="incremental", time=dt.time(1, 5), weekdays={0, 1, 3}, retention=Delay.days(1)
    )
    assert gap.to_text() == "incrémentale\u00a0: lun., mar., jeu. 01:05, conservée 1 jour"
    monthly = BackupJob(
        kind="full_monthly", time=dt.time(2, 0), month_day=15, retention=Delay.months(2)
    )
    assert (
        monthly.to_text()
        == "complète (mensuelle)\u00a0: le 15 de chaque mois 02:00, conservée 2 mois"
    )
    assert monthly.to_text(lang="en") == "full (monthly): day 15 of each month 02:00, kept 2 months"


# --------------------------------------------------------------------------- refusals


def job_kwargs(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "kind": "differential", "time": dt.time(23, 0), "weekdays": {0}, "retention": Delay.days(8),
    }  # fmt: skip
    base.update(changes)
    return base


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            job_kwargs(weekdays=set()),
            InvalidArgumentError,
            r"weekdays=\[\] and month_day=None: give exactly one, weekdays for a weekly job or month_day for a monthly one",
        ),
        (
            job_kwargs(month_day=1),
            InvalidArgumentError,
            r"weekdays=\[0\] and month_day=1: give exactly one",
        ),
        (job_kwargs(weekdays=set(), month_day=31), OutOfRangeError, "month_day=31 is above 28"),
        (job_kwargs(weekdays=set(), month_day=0), OutOfRangeError, "month_day=0 is below 1"),
        (
            job_kwargs(weekdays={7}),
            InvalidArgumentError,
            r"weekdays=\[7\] holds 7; pass weekday numbers 0 \(Monday\) to 6 \(Sunday\)",
        ),
        (job_kwargs(weekdays={-1, 3}), InvalidArgumentError, "holds -1; pass weekday numbers"),
        (job_kwargs(weekdays={True}), InvalidArgumentError, "holds True"),
        (
            job_kwargs(weekdays=None),
            WrongTypeError,
            "weekdays=None is a NoneType, not an iterable of int",
        ),
        (job_kwargs(weekdays=["1"]), WrongTypeError, r"weekdays\[0\]='1' is a str, not int"),
        (job_kwargs(time="23:00"), WrongTypeError, "time='23:00' is not a naive time of day"),
        (job_kwargs(time=dt.time(23, 0, tzinfo=UTC)), WrongTypeError, "naive time"),
        (
            job_kwargs(retention=Delay.days(0)),
            OutOfRangeError,
            "retention=0 jour is outside 1 to 3660 days",
        ),
        (
            job_kwargs(retention=Delay.years(11)),
            OutOfRangeError,
            "retention=11 ans is outside 1 to 10 years",
        ),
        (job_kwargs(retention=Delay.months(121)), OutOfRangeError, "outside 1 to 120 months"),
        (job_kwargs(retention=Delay.hours(87_841)), OutOfRangeError, "outside 1 to 87840 hours"),
        (job_kwargs(retention=Delay.days(3_661)), OutOfRangeError, "outside 1 to 3660 days"),
        (
            job_kwargs(retention=Delay.working_days(8)),
            InvalidArgumentError,
            "retention=8 jours ouvrés is counted in working_days; a backup is kept for hours",
        ),
        (job_kwargs(retention=8), WrongTypeError, "retention=8 is a int, not a Delay"),
        (job_kwargs(kind="snapshot"), InvalidArgumentError, "kind='snapshot' is not one of"),
    ],
)
def test_job_refusals(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match) as info:
        BackupJob(**kwargs)  # type: ignore[arg-type]
    assert isinstance(info.value, TermsError)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: restore_points(dt.datetime(2025, 6, 11, 15)), NaiveDatetimeError, "at="),
        (lambda: restore_points(dt.date(2025, 6, 11)), WrongTypeError, "at="),
        (lambda: restore_points(paris(2025, 6, 11, 15, 0), since=dt.datetime(2025, 1, 1)), NaiveDatetimeError, "since="),
        (lambda: backup_status(paris(2025, 6, 11, 15, 0), schedule="comelus"), WrongTypeError, r"schedule='comelus' is not a BackupSchedule; pass the contract's plan, e\.g\. BackupSchedule\.comelus\(\)"),
        (lambda: restore_points(paris(2025, 6, 11, 15, 0), simultaneous="both"), InvalidArgumentError, "simultaneous='both' is not one of 'merge', 'separate'"),
        (lambda: max_data_loss(dt.datetime(1, 1, 2, tzinfo=UTC)), OutOfRangeError, "years 1"),
        (lambda: BackupSchedule(jobs=(), zone=PARIS), InvalidArgumentError, r"jobs=\(\) is empty; pass at least one BackupJob"),
        (lambda: BackupSchedule(jobs=[1], zone=PARIS), WrongTypeError, "BackupJob"),
        (lambda: BackupSchedule(jobs="abc", zone=PARIS), WrongTypeError, "jobs="),
        (lambda: BackupSchedule(jobs=COMELUS.jobs, zone="Europe/Paris"), WrongTypeError, "zone="),
        (lambda: BackupSchedule(jobs=COMELUS.jobs), TypeError, "zone"),
        (lambda: BackupSchedule(jobs=COMELUS.jobs * 11, zone=PARIS), OutOfRangeError, "jobs holds 55 jobs, more than 50; pass at most 50"),
        (lambda: BackupSchedule(jobs=COMELUS.jobs, zone=PARIS, simultaneous="x"), InvalidArgumentError, "simultaneous='x'"),
        (lambda: BackupSchedule.comelus(skip_holidays="FR"), WrongTypeError, "skip_holidays='FR' is not a holiday calendar; pass e.g. FRANCE"),
    ],
)  # fmt: skip
def test_refusals_are_terms_errors(call: object, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match) as info:
        call()  # type: ignore[operator]
    assert isinstance(info.value, TermsError) or "missing 1 required keyword-only argument" in str(
        info.value
    )


def test_results_do_not_depend_on_the_decimal_context() -> None:
    at = paris(2025, 10, 27, 12, 29)
    expected = (restore_points(at), max_data_loss(at))
    with decimal.localcontext() as hostile:
        hostile.prec = 3
        hostile.rounding = decimal.ROUND_FLOOR
        hostile.traps[decimal.Inexact] = True
        assert (restore_points(at), max_data_loss(at)) == expected


def test_value_objects_pickle() -> None:
    status = backup_status(paris(2025, 6, 11, 15, 0), schedule=COMELUS)
    assert pickle.loads(pickle.dumps(status)) == status
    assert pickle.loads(pickle.dumps(SKIPPING)) == SKIPPING


# --------------------------------------------------------------------------- zone, text, readings


def test_results_come_back_in_the_schedules_zone() -> None:
    """Regression: points and the status's instant were converted to Europe/Paris whatever the
    schedule's zone."""
    tokyo = ZoneInfo("Asia/Tokyo")
    schedule = BackupSchedule(jobs=COMELUS.jobs, zone=tokyo)
    status = schedule.status(paris(2025, 3, 24, 9, 0))
    assert status.at == dt.datetime(2025, 3, 24, 17, 0, tzinfo=tokyo)
    assert status.at.tzinfo == tokyo
    assert {p.taken_at.tzinfo for p in status.points} == {tokyo}
    assert {p.expires_at.tzinfo for p in status.points} == {tokyo}
    # The jobs run on the Tokyo wall clock: Monday 12:30 there is before 17:00.
    assert status.latest is not None
    assert status.latest.taken_at == dt.datetime(2025, 3, 24, 12, 30, tzinfo=tokyo)
    assert status.max_data_loss == dt.timedelta(hours=4, minutes=30)


def test_status_in_french_and_english() -> None:
    status = COMELUS.status(paris(2025, 6, 11, 15, 0))
    lines = status.to_text().splitlines()
    assert lines[0] == (
        "13 points de restauration au mer. 2025-06-11 15:00 (perte de données maximale\u00a0: "
        "2\u00a0h 30\u00a0min)"
    )
    assert lines[1].split() == ["prise", "le", "sauvegarde", "conservée", "jusqu'au"]
    assert lines[2].split() == ["mar.", "2025-04-01", "23:00", "complète", "(mensuelle)",
                                "jeu.", "2025-07-03", "23:00"]  # fmt: skip
    english = status.to_text(lang="en").splitlines()
    assert english[0] == (
        "13 restore points at Wed 2025-06-11 15:00 (maximum data loss: 2 h 30 min)"
    )
    assert english[1].split() == ["taken", "at", "backup", "kept", "until"]
    assert english[-1].split() == ["Wed", "2025-06-11", "12:30", "incremental", "Thu",
                                   "2025-06-12", "12:30"]  # fmt: skip
    assert str(status) == status.to_text()
    assert status.to_html(lang="en").startswith("<table><caption>13 restore points at Wed")
    empty = COMELUS.status(paris(2025, 9, 1, 12, 0), since=paris(2025, 9, 1, 0, 0))
    assert empty.to_text() == "0 point de restauration au lun. 2025-09-01 12:00"
    assert empty.headline(lang="en") == "0 restore points at Mon 2025-09-01 12:00"
    assert empty.to_records() == []
    one = COMELUS.status(paris(2025, 9, 1, 13, 0), since=paris(2025, 9, 1, 0, 0))
    assert one.headline(lang="en").startswith("1 restore point at Mon 2025-09-01 13:00")
    assert one.headline().startswith("1 point de restauration au lun.")


def test_a_restore_point_reads_as_a_one_row_table() -> None:
    point = COMELUS.restore_points(paris(2025, 3, 24, 9, 0))[0]
    assert (
        point.headline()
        == "Point de restauration\u00a0: complète (mensuelle) du mer. 2025-01-01 23:00"
    )
    assert point.headline(lang="en") == "Restore point: full (monthly) of Wed 2025-01-01 23:00"
    assert point.to_text(lang="en").splitlines()[2].split() == [
        "Wed", "2025-01-01", "23:00", "full", "(monthly)", "Fri", "2025-04-04", "23:00",
    ]  # fmt: skip
    assert point.to_records() == [
        {
            "taken_at": paris(2025, 1, 1, 23, 0),
            "kind": "full_monthly",
            "expires_at": paris(2025, 4, 4, 23, 0),
        }
    ]
    html = point._repr_html_()
    assert html.startswith("<table><caption>Point de restauration")
    assert html.count("<tr>") == 2
    assert "<td>ven. 2025-04-04 23:00</td>" in html
    assert repr(point).startswith("RestorePoint(taken_at=datetime.datetime(2025, 1, 1, 23, 0")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"taken_at": dt.datetime(2025, 1, 1)}, NaiveDatetimeError, "taken_at="),
        (
            {"expires_at": paris(2025, 1, 1, 23, 0)},
            InvalidArgumentError,
            "expires_at=.* is not after taken_at=",
        ),
        ({"kind": "full"}, InvalidArgumentError, "kind='full'"),
    ],
)
def test_restore_point_refusals(
    kwargs: dict[str, object], error: type[Exception], match: str
) -> None:
    base = {
        "taken_at": paris(2025, 1, 1, 23, 0),
        "kind": "full_monthly",
        "expires_at": paris(2025, 4, 4, 23, 0),
    }
    with pytest.raises(error, match=match):
        RestorePoint(**{**base, **kwargs})  # type: ignore[arg-type]


def test_status_refuses_bad_points() -> None:
    with pytest.raises(WrongTypeError, match=r"points\[0\]=1"):
        BackupStatus(at=paris(2025, 1, 1, 0, 0), points=[1])  # type: ignore[list-item]


def two_jobs_at_23(first: Delay, second: Delay, **schedule: object) -> BackupSchedule:
    return BackupSchedule(
        jobs=[
            BackupJob(kind="differential", time=dt.time(23, 0), weekdays=range(7), retention=first),
            BackupJob(kind="full_weekly", time=dt.time(23, 0), weekdays=range(7), retention=second),
        ],
        zone=PARIS,
        **schedule,  # type: ignore[arg-type]
    )


def test_merge_keeps_the_longest_kept_backup_of_an_instant() -> None:
    """Two backups at one instant under simultaneous="merge": the longest-kept one stays,
    whichever job comes first; on a tie, the first job's."""
    at = paris(2025, 6, 11, 9, 0)
    for first, second, kind in (
        (Delay.days(2), Delay.days(5), "full_weekly"),
        (Delay.days(5), Delay.days(2), "differential"),
        (Delay.days(3), Delay.days(3), "differential"),
        (Delay.hours(72), Delay.days(3), "differential"),  # equal expiry away from DST
    ):
        points = two_jobs_at_23(first, second).restore_points(at)
        assert [p.kind for p in points][-1] == kind
        assert len({p.taken_at for p in points}) == len(points)
    longest = two_jobs_at_23(Delay.days(2), Delay.days(5)).restore_points(at)
    assert [p.taken_at.date().day for p in longest] == [6, 7, 8, 9, 10]
    assert all(p.kind == "full_weekly" for p in longest)
    separate = two_jobs_at_23(Delay.days(2), Delay.days(5)).restore_points(
        at, simultaneous="separate"
    )
    assert [p.kind for p in separate][-2:] == ["differential", "full_weekly"]
    assert len(separate) == 7


def test_the_schedules_reading_of_simultaneous_backups_is_its_default() -> None:
    at = paris(2025, 3, 5, 9, 0)
    schedule = BackupSchedule(jobs=COMELUS.jobs, zone=PARIS, simultaneous="separate")
    assert schedule.restore_points(at) == restore_points(at, simultaneous="separate")
    assert schedule.restore_points(at, simultaneous="merge") == restore_points(at)
    assert len(schedule.restore_points(at)) == len(restore_points(at)) + 1


def test_a_plan_at_the_end_of_the_calendar() -> None:
    """Regression: restore_points at year 9999 − 14 h raised a bare OverflowError."""
    end = dt.datetime.max.replace(tzinfo=UTC) - dt.timedelta(hours=14)
    with pytest.raises(
        OutOfRangeError,
        match=r"at=datetime\.datetime\(9999, 12, 31, 9, 59, 59, 999999, tzinfo=datetime\.timezone\.utc\) is too close to the limits of the calendar \(years 1–9999\)",
    ):
        restore_points(end)
    with pytest.raises(OutOfRangeError, match="has no UTC equivalent"):
        restore_points(dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))))
    with pytest.raises(OutOfRangeError, match="too close to the limits"):
        restore_points(
            dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=14)))
        )
    # Far from the ends, and with since= near the start, the plan answers.
    assert len(restore_points(dt.datetime(9999, 9, 1, tzinfo=UTC))) == 13
    early = restore_points(
        dt.datetime(1, 1, 10, 12, tzinfo=UTC), since=dt.datetime(1, 1, 2, tzinfo=UTC)
    )
    assert [p.kind for p in early][:2] == ["differential", "differential"]


def test_a_plan_keeping_too_many_backups_is_refused() -> None:
    daily = [
        BackupJob(
            kind="incremental", time=dt.time(h, 0), weekdays=range(7), retention=Delay.years(10)
        )
        for h in range(6)
    ]
    assert len(BackupSchedule(jobs=daily[:5], zone=PARIS).jobs) == 5
    with pytest.raises(
        OutOfRangeError,
        match="jobs keep up to 21978 backups at a time, more than 20000; shorten the retention",
    ):
        BackupSchedule(jobs=daily, zone=PARIS)
    assert MAX_JOBS == 50


@given(
    st.datetimes(
        timezones=st.sampled_from(
            [UTC, PARIS, dt.timezone(dt.timedelta(hours=14)), dt.timezone(dt.timedelta(hours=-12))]
        )
    ),
    st.sampled_from(["merge", "separate"]),
    st.booleans(),
)
def test_any_instant_answers_or_refuses_with_a_terms_error(
    at: dt.datetime, simultaneous: str, skip: bool
) -> None:
    schedule = SKIPPING if skip else COMELUS
    try:
        points = schedule.restore_points(at, simultaneous=simultaneous)  # type: ignore[arg-type]
    except TermsError:
        return
    for point in points:
        assert (
            point.taken_at.astimezone(UTC) <= at.astimezone(UTC) < point.expires_at.astimezone(UTC)
        )


def test_english_tables_of_points() -> None:
    point = COMELUS.restore_points(paris(2025, 3, 24, 9, 0))[0]
    assert point.to_text().splitlines()[0] == (
        "Point de restauration\u00a0: complète (mensuelle) du mer. 2025-01-01 23:00"
    )
    assert point.to_text(lang="en").splitlines()[0] == (
        "Restore point: full (monthly) of Wed 2025-01-01 23:00"
    )
    html = point.to_html(lang="en")
    assert html.startswith(
        "<table><caption>Restore point: full (monthly) of Wed 2025-01-01 23:00</caption>"
        "<thead><tr><th>taken at</th><th>backup</th><th>kept until</th></tr></thead>"
        "<tbody><tr><td>Wed 2025-01-01 23:00</td><td>full (monthly)</td>"
    )
    status_html = COMELUS.status(paris(2025, 3, 24, 9, 0)).to_html(lang="en")
    assert "<th>taken at</th><th>backup</th><th>kept until</th>" in status_html
    assert "<td>Sat 2025-03-22 23:00</td><td>full (weekly)</td><td>Sun 2025-04-06 23:00</td>" in (
        status_html
    )
    empty = COMELUS.status(paris(2025, 9, 1, 12, 0), since=paris(2025, 9, 1, 0, 0))
    assert empty.to_text(lang="en") == "0 restore points at Mon 2025-09-01 12:00"
    with pytest.raises(InvalidArgumentError, match="lang='de'"):
        point.to_html(lang="de")  # type: ignore[arg-type]
