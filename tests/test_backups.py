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

from libriciel_terms.backups import (
    BackupJob,
    BackupSchedule,
    RestorePoint,
    backup_status,
    max_data_loss,
    oldest_restore_point,
    restore_points,
)
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


def rows(points: tuple[RestorePoint, ...]) -> list[Row]:
    return [(p.kind, p.taken_at.astimezone(UTC), p.expires_at.astimezone(UTC)) for p in points]


# --------------------------------------------------------------------------- the plan as data


def test_comelus_plan_is_the_table_of_clause_2_6_2() -> None:
    assert [
        (j.kind, j.time, tuple(sorted(j.weekdays)), j.month_day, j.retention_amount, j.retention_unit)
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
    status = backup_status(paris(2025, 6, 11, 15, 0))
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
    assert "2025-04-01T23:00:00+02:00" in html


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
    assert restore_points(at, since=since, schedule=SKIPPING)


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
        jobs=[
            BackupJob(
                kind="full_weekly", time=dt.time(2, 30), weekdays={6},
                retention_amount=1, retention_unit="days",
            )
        ]
    )  # fmt: skip
    points = schedule.restore_points(paris(2025, 3, 30, 12, 0))
    assert [p.taken_at for p in points] == [paris(2025, 3, 30, 3, 30)]
    # Kept one calendar day from the wall-clock time it actually ran at.
    assert points[0].expires_at == paris(2025, 3, 31, 3, 30)


def test_a_monthly_job_in_months() -> None:
    schedule = BackupSchedule(
        jobs=[
            BackupJob(
                kind="full_monthly", time=dt.time(23, 0), month_day=28,
                retention_amount=2, retention_unit="months",
            )
        ]
    )  # fmt: skip
    points = schedule.restore_points(paris(2025, 3, 28, 22, 0))
    assert [p.taken_at.date() for p in points] == [dt.date(2025, 1, 28), dt.date(2025, 2, 28)]
    assert points[0].expires_at == paris(2025, 3, 28, 23, 0)


def test_describe() -> None:
    job = BackupJob(
        kind="differential", time=dt.time(23, 0), weekdays={0, 2},
        retention_amount=8, retention_unit="days",
    )  # fmt: skip
    assert job.describe() == "differential: Mon, Wed 23:00, kept 8 days"


# --------------------------------------------------------------------------- refusals


def job_kwargs(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "kind": "differential", "time": dt.time(23, 0), "weekdays": {0},
        "retention_amount": 8, "retention_unit": "days",
    }  # fmt: skip
    base.update(changes)
    return base


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (job_kwargs(weekdays=set()), InvalidArgumentError, "exactly one"),
        (job_kwargs(month_day=1), InvalidArgumentError, "exactly one"),
        (job_kwargs(weekdays=set(), month_day=31), OutOfRangeError, "month_day=31"),
        (job_kwargs(weekdays={7}), InvalidArgumentError, "weekday numbers"),
        (job_kwargs(time="23:00"), WrongTypeError, "time='23:00'"),
        (job_kwargs(time=dt.time(23, 0, tzinfo=UTC)), WrongTypeError, "naive time"),
        (job_kwargs(retention_amount=0), OutOfRangeError, "retention_amount=0"),
        (job_kwargs(retention_unit="weeks"), InvalidArgumentError, "retention_unit"),
        (job_kwargs(kind="snapshot"), InvalidArgumentError, "kind"),
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
        (lambda: restore_points(paris(2025, 6, 11, 15, 0), schedule="comelus"), WrongTypeError, "schedule="),
        (lambda: restore_points(paris(2025, 6, 11, 15, 0), simultaneous="both"), InvalidArgumentError, "simultaneous="),
        (lambda: max_data_loss(dt.datetime(1, 1, 2, tzinfo=UTC)), OutOfRangeError, "years 1"),
        (lambda: BackupSchedule(jobs=()), InvalidArgumentError, "jobs=()"),
        (lambda: BackupSchedule(jobs=[1]), WrongTypeError, "BackupJob"),
        (lambda: BackupSchedule(jobs="abc"), WrongTypeError, "jobs="),
        (lambda: BackupSchedule(jobs=COMELUS.jobs, zone="Europe/Paris"), WrongTypeError, "zone="),
        (lambda: BackupSchedule.comelus(skip_holidays="FR"), WrongTypeError, "skip_holidays="),
    ],
)  # fmt: skip
def test_refusals_are_terms_errors(call: object, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match) as info:
        call()  # type: ignore[operator]
    assert isinstance(info.value, TermsError)


def test_results_do_not_depend_on_the_decimal_context() -> None:
    at = paris(2025, 10, 27, 12, 29)
    expected = (restore_points(at), max_data_loss(at))
    with decimal.localcontext() as hostile:
        hostile.prec = 3
        hostile.rounding = decimal.ROUND_FLOOR
        hostile.traps[decimal.Inexact] = True
        assert (restore_points(at), max_data_loss(at)) == expected


def test_value_objects_pickle() -> None:
    status = backup_status(paris(2025, 6, 11, 15, 0))
    assert pickle.loads(pickle.dumps(status)) == status
    assert pickle.loads(pickle.dumps(SKIPPING)) == SKIPPING
