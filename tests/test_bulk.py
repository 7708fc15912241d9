"""Array operations of BusinessHours: every element equals the scalar call (hypothesis)."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms import (
    BusinessHours,
    EndBeforeStartError,
    ExplicitHolidays,
    NaiveDatetimeError,
    OptionalDependencyError,
    OutOfRangeError,
    WrongTypeError,
)
from libriciel_terms.downtime import AvailabilityCommitment, MeasuredTime, PlannedInPsg
from tests.strategies import aware_datetimes

PARIS = ZoneInfo("Europe/Paris")
HOURS = BusinessHours.comelus()
NIGHTS = BusinessHours.weekly(
    {d: [("00:00", "02:30"), ("02:45", "04:00"), ("22:00", "24:00")] for d in range(7)},
    holidays=ExplicitHolidays.of(()),
)
SCHEDULES = st.sampled_from(
    [HOURS, BusinessHours.customer_portal(), BusinessHours.production_customer_space(), NIGHTS]
)
#: Instants to the microsecond, DST weeks included (2020–2030).
INSTANTS = st.one_of(
    aware_datetimes(dt.datetime(2020, 1, 1), dt.datetime(2030, 12, 31), resolution="us"),
    st.builds(
        lambda year, month, minutes: (
            dt.datetime(year, month, 24, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)
        ),
        st.integers(2020, 2030),
        st.sampled_from([3, 10]),
        st.integers(0, 60 * 24 * 10),
    ),
)
DURATIONS = st.one_of(
    st.timedeltas(dt.timedelta(0), dt.timedelta(hours=6000)),
    st.integers(0, 400).map(lambda h: dt.timedelta(hours=h)),  # closing boundaries
)


def utc64(instants: list[dt.datetime]) -> np.ndarray:
    return np.array([i.astimezone(dt.UTC).replace(tzinfo=None) for i in instants], "datetime64[us]")


@given(SCHEDULES, st.lists(st.tuples(INSTANTS, DURATIONS), min_size=1, max_size=30))
def test_add_many_equals_add(
    schedule: BusinessHours, pairs: list[tuple[dt.datetime, dt.timedelta]]
) -> None:
    starts = [s for s, _ in pairs]
    durations = [d for _, d in pairs]
    expected = [schedule.add(s, d) for s, d in pairs]
    assert schedule.add_many(starts, durations) == expected
    got = schedule.add_many(utc64(starts), np.array(durations, dtype="timedelta64[us]"))
    assert list(got) == list(utc64(expected))
    index = (
        pd.DatetimeIndex(starts).tz_convert("Europe/Paris")
        if False
        else pd.DatetimeIndex([s.astimezone(dt.UTC) for s in starts]).tz_convert("America/New_York")
    )
    result = schedule.add_many(index, pd.TimedeltaIndex(durations))
    assert isinstance(result, pd.DatetimeIndex)
    assert str(result.tz) == schedule.zone.key
    assert list(result.to_pydatetime()) == expected


@given(
    SCHEDULES, st.lists(st.tuples(INSTANTS, st.integers(0, 60 * 24 * 40)), min_size=1, max_size=30)
)
def test_elapsed_many_equals_elapsed(
    schedule: BusinessHours, pairs: list[tuple[dt.datetime, int]]
) -> None:
    starts = [s for s, _ in pairs]
    ends = [s + dt.timedelta(minutes=m, microseconds=7) for s, m in pairs]
    expected = [schedule.elapsed(s, e) for s, e in zip(starts, ends, strict=True)]
    assert schedule.elapsed_many(starts, ends) == expected
    got = schedule.elapsed_many(utc64(starts), utc64(ends))
    assert list(got) == list(np.array(expected, dtype="timedelta64[us]"))
    series = pd.Series(pd.DatetimeIndex([s.astimezone(dt.UTC) for s in starts]), name="reported")
    result = schedule.elapsed_many(
        series, pd.Series(pd.DatetimeIndex([e.astimezone(dt.UTC) for e in ends]))
    )
    assert isinstance(result, pd.Series)
    assert result.name == "reported"
    assert [pd.Timedelta(v).to_pytimedelta() for v in result] == expected


@given(
    st.lists(
        st.tuples(st.dates(dt.date(2000, 1, 1), dt.date(2060, 12, 31)), st.integers(-400, 400)),
        min_size=1,
        max_size=30,
    )
)
def test_add_working_days_many_equals_add_working_days(pairs: list[tuple[dt.date, int]]) -> None:
    days = [d for d, _ in pairs]
    counts = [n for _, n in pairs]
    expected = [HOURS.add_working_days(d, n) for d, n in pairs]
    assert HOURS.add_working_days_many(days, counts) == expected
    got = HOURS.add_working_days_many(np.array(days, dtype="datetime64[D]"), np.array(counts))
    assert list(got) == list(np.array(expected, dtype="datetime64[D]"))
    result = HOURS.add_working_days_many(pd.DatetimeIndex(days), counts)
    assert [d.date() for d in result] == expected


def test_spread_and_edge_inputs() -> None:
    days = [dt.date(1950, 3, 1), dt.date(2200, 12, 1), dt.date(1900, 1, 10), dt.date(2025, 6, 6)]
    counts = [10, 5, -1, 1]
    expected = [HOURS.add_working_days(d, n) for d, n in zip(days, counts, strict=True)]
    assert expected[1:3] == [dt.date(2200, 12, 8), dt.date(1900, 1, 9)]
    assert HOURS.add_working_days_many(days, counts) == expected
    starts = [dt.datetime(y, 6, 2, 10, tzinfo=PARIS) for y in (1901, 1990, 2150, 2200)]
    expected_due = [HOURS.add(s, dt.timedelta(hours=30)) for s in starts]
    assert HOURS.add_many(starts, dt.timedelta(hours=30)) == expected_due
    ends = [s + dt.timedelta(days=d) for s, d in zip(starts, (3, 2000, 30, 100), strict=True)]
    assert HOURS.elapsed_many(starts, ends) == [
        HOURS.elapsed(s, e) for s, e in zip(starts, ends, strict=True)
    ]
    far = HOURS.add_many(starts[:1], dt.timedelta(hours=40_000))
    assert far == [HOURS.add(starts[0], dt.timedelta(hours=40_000))]


def test_kinds_and_shapes() -> None:
    starts = pd.Series(
        pd.DatetimeIndex(["2024-12-20 16:30", "2024-10-15 09:00"]).tz_localize("Europe/Paris"),
        index=["a", "b"],
        name="reported",
    )
    due = HOURS.add_many(starts, dt.timedelta(hours=3))
    assert list(due.index) == ["a", "b"]
    assert due.name == "reported"
    assert due["b"] == pd.Timestamp("2024-10-15 12:00", tz="Europe/Paris")  # closing boundary kept
    assert due["a"] == pd.Timestamp("2024-12-23 10:30", tz="Europe/Paris")
    assert HOURS.add_many([], dt.timedelta(hours=1)) == []
    assert HOURS.elapsed_many([], []) == []
    assert HOURS.add_working_days_many([], 1) == []
    days = HOURS.add_working_days_many(np.array(["2024-12-24"], dtype="datetime64[D]"), 0)
    assert list(days) == [np.datetime64("2024-12-24")]


def test_refusals() -> None:
    naive = pd.DatetimeIndex(["2024-12-20 16:30"])
    with pytest.raises(
        NaiveDatetimeError, match=r"starts is a pandas DatetimeIndex without a time zone"
    ):
        HOURS.add_many(naive, dt.timedelta(hours=1))
    with pytest.raises(OutOfRangeError, match=r"starts\[0\] has nanoseconds"):
        HOURS.add_many(
            np.array(["2024-12-20T16:30:00.000000001"], "datetime64[ns]"), dt.timedelta(1)
        )
    with pytest.raises(OutOfRangeError, match=r"durations\[1\] is negative"):
        HOURS.add_many(
            utc64([dt.datetime(2024, 1, 2, tzinfo=dt.UTC)] * 2), [dt.timedelta(0), dt.timedelta(-1)]
        )
    with pytest.raises(WrongTypeError, match=r"durations has 1 elements; pass 2"):
        HOURS.add_many(utc64([dt.datetime(2024, 1, 2, tzinfo=dt.UTC)] * 2), [dt.timedelta(0)])
    with pytest.raises(WrongTypeError, match=r"starts\[0\] is NaT"):
        HOURS.add_many(np.array(["NaT"], "datetime64[us]"), dt.timedelta(1))
    with pytest.raises(WrongTypeError, match=r"starts='2024' is not an array of instants"):
        HOURS.add_many("2024", dt.timedelta(1))
    with pytest.raises(NaiveDatetimeError, match=r"starts\[0\]=.* is naive"):
        HOURS.add_many([dt.datetime(2024, 1, 2)], dt.timedelta(1))
    with pytest.raises(EndBeforeStartError, match=r"ends\[0\] is before starts\[0\]"):
        HOURS.elapsed_many(
            utc64([dt.datetime(2024, 1, 3, tzinfo=dt.UTC)]),
            utc64([dt.datetime(2024, 1, 2, tzinfo=dt.UTC)]),
        )
    with pytest.raises(WrongTypeError, match=r"days is a numpy array of datetime64\[us\]"):
        HOURS.add_working_days_many(utc64([dt.datetime(2024, 1, 3, tzinfo=dt.UTC)]), 1)
    with pytest.raises(OutOfRangeError, match=r"year=2201"):
        HOURS.add_working_days_many([dt.date(2200, 12, 31)], 1)


def test_without_numpy_the_call_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "numpy", None)
    with pytest.raises(OptionalDependencyError, match=r"pip install 'libriciel-terms\[fast\]'"):
        HOURS.add_many([dt.datetime(2024, 1, 2, tzinfo=dt.UTC)], dt.timedelta(hours=1))


# -- the availability report over many outages (issue 15: a bulk path where it pays off) -------


@given(
    SCHEDULES,
    st.lists(st.tuples(INSTANTS, st.integers(0, 60 * 24 * 3)), min_size=1, max_size=40),
    st.lists(st.tuples(INSTANTS, st.integers(0, 60 * 12)), max_size=10),
    st.sampled_from(["psg", "all_hours"]),
    st.sampled_from(["excluded", "counted"]),
)
def test_availability_over_arrays_equals_the_scalar_path(
    schedule: BusinessHours,
    outages: list[tuple[dt.datetime, int]],
    planned: list[tuple[dt.datetime, int]],
    measured: MeasuredTime,
    in_psg: PlannedInPsg,
) -> None:
    from libriciel_terms import downtime

    commitment = attrs.evolve(AvailabilityCommitment.comelus(), hours=schedule)
    period = (dt.datetime(2019, 12, 1, tzinfo=dt.UTC), dt.datetime(2031, 2, 1, tzinfo=dt.UTC))

    def pairs(items: list[tuple[dt.datetime, int]]) -> list[tuple[dt.datetime, dt.datetime]]:
        return [(s, s + dt.timedelta(minutes=m, microseconds=3)) for s, m in items]

    def report() -> downtime.AvailabilityReport:
        return commitment.report(
            *period,
            pairs(outages),
            planned=pairs(planned),
            measured_time=measured,
            planned_in_psg=in_psg,
        )

    scalar = report()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(downtime, "BULK_FROM", 0)
        bulk = report()
    assert bulk == scalar
    utc = [(s.astimezone(dt.UTC), e.astimezone(dt.UTC)) for s, e in bulk.counted]
    assert bulk.downtime == sum(
        (schedule.elapsed(s, e) if measured == "psg" else e - s for s, e in utc), dt.timedelta()
    )


def test_availability_over_many_outages_takes_the_array_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from libriciel_terms import _bulk, downtime

    calls: list[int] = []
    each = _bulk.elapsed_each
    monkeypatch.setattr(_bulk, "elapsed_each", lambda s, i: calls.append(len(i)) or each(s, i))
    start = dt.datetime(2024, 10, 1, tzinfo=PARIS)
    # 300 outages of 10 minutes, one every working day at 10:00 from October 2024
    days = [dt.date(2024, 10, 1) + dt.timedelta(k) for k in range(600)]
    days = [d for d in days if HOURS.is_working_day(d)][:300]
    outages = [
        (dt.datetime.combine(d, dt.time(10), PARIS), dt.datetime.combine(d, dt.time(10, 10), PARIS))
        for d in days
    ]
    end = dt.datetime.combine(days[-1], dt.time(23), PARIS)
    report = downtime.availability_report(start, end, outages)
    assert calls == [300]  # the downtime; the 0 planned windows stay scalar
    assert report.downtime == dt.timedelta(minutes=10 * 300)
    assert report.psg_time == dt.timedelta(hours=7 * 300)
    assert report.percent == Decimal("97.619")  # 1 - 50/2100, floored
