"""Business time at its limits: long closures, clock changes inside windows, the ends of the
calendar, going backwards, inputs from numpy and pandas, the index cache, and hostile inputs.

Each finding of the audits has a regression test here that failed before its fix.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from libriciel_terms import (
    BusinessHours,
    EndBeforeStartError,
    ExplicitHolidays,
    InvalidArgumentError,
    InvalidScheduleError,
    NaiveDatetimeError,
    OutOfRangeError,
    TermsError,
    Window,
    WrongTypeError,
    _index,
)
from tests.strategies import aware_datetimes, durations

PARIS = ZoneInfo("Europe/Paris")
HOURS = BusinessHours.comelus()
PORTAL = BusinessHours.customer_portal()
NONE = ExplicitHolidays.of(())
WEEKDAYS = {d: [("09:00", "12:00"), ("14:00", "18:00")] for d in range(5)}


def paris(*args: int, fold: int = 0) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS, fold=fold)  # type: ignore[misc]


def closed(first: dt.date, days: int) -> ExplicitHolidays:
    return ExplicitHolidays.of(first + dt.timedelta(days=k) for k in range(days))


# -- a slow reference that walks real time minute by minute ----------------------------------


def ref_is_open(schedule: BusinessHours, instant: dt.datetime) -> bool:
    local = instant.astimezone(schedule.zone)
    if schedule.holidays.is_holiday(local.date()):
        return False
    wall = dt.timedelta(hours=local.hour, minutes=local.minute, seconds=local.second)
    return any(w.opens <= wall < w.closes for w in schedule.week[local.weekday()])


def ref_elapsed_minutes(schedule: BusinessHours, start: dt.datetime, end: dt.datetime) -> int:
    """Open minutes in [start, end), walking UTC minutes (minute-aligned instants only)."""
    at, stop = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    minutes = 0
    while at < stop:
        minutes += ref_is_open(schedule, at)
        at += dt.timedelta(minutes=1)
    return minutes


def ref_nth_working_day(schedule: BusinessHours, day: dt.date, n: int) -> dt.date:
    step = dt.timedelta(days=1 if n > 0 else -1)
    left = abs(n)
    while left:
        day += step
        if day.weekday() < 5 and not schedule.holidays.is_holiday(day):
            left -= 1
    return day


# -- long closures (issue: the lookup margin) -------------------------------------------------


def test_a_150_day_closure_after_an_earlier_query() -> None:
    schedule = BusinessHours.weekly(WEEKDAYS, holidays=closed(dt.date(2027, 10, 1), 150))
    assert schedule.add_working_days(dt.date(2024, 3, 1), 1) == dt.date(2024, 3, 4)
    # was 2028-01-01, a Saturday, once 2024 had been asked
    assert schedule.add_working_days(dt.date(2027, 9, 30), 1) == dt.date(2028, 2, 28)
    assert schedule.add_ouvrable_days(dt.date(2027, 9, 30), 1) == dt.date(2028, 2, 28)


def test_a_closure_over_five_whole_years() -> None:
    five_years = (dt.date(2030, 1, 1) - dt.date(2025, 1, 1)).days
    schedule = BusinessHours.weekly(WEEKDAYS, holidays=closed(dt.date(2025, 1, 1), five_years))
    assert schedule.add_working_days(dt.date(2024, 12, 31), 1) == dt.date(2030, 1, 1)
    assert schedule.add_working_days(dt.date(2030, 1, 1), -1) == dt.date(2024, 12, 31)
    assert schedule.working_days_between(dt.date(2024, 12, 30), dt.date(2030, 1, 2)) == 3
    start = dt.datetime(2024, 12, 31, 17, 0, tzinfo=PARIS)
    assert schedule.add(start, dt.timedelta(hours=2)) == dt.datetime(2030, 1, 1, 10, tzinfo=PARIS)
    assert schedule.elapsed(start, dt.datetime(2030, 1, 1, 10, tzinfo=PARIS)) == dt.timedelta(
        hours=2
    )


@given(
    st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)),
    st.integers(30, 900),
    st.lists(
        st.tuples(st.dates(dt.date(2023, 6, 1), dt.date(2033, 6, 1)), st.integers(-40, 40)),
        min_size=1,
        max_size=6,
    ),
)
def test_long_closures_in_any_query_order(
    first: dt.date, days: int, queries: list[tuple[dt.date, int]]
) -> None:
    schedule = BusinessHours.weekly(WEEKDAYS, holidays=closed(first, days))
    for day, n in queries:
        expected = ref_nth_working_day(schedule, day, n) if n else day
        assert schedule.add_working_days(day, n) == expected


# -- clock changes inside windows -------------------------------------------------------------

NIGHTS = BusinessHours.weekly(
    {d: [("00:00", "02:30"), ("02:45", "04:00"), ("22:00", "24:00")] for d in range(7)},
    holidays=NONE,
)
MARCH, OCTOBER = dt.date(2025, 3, 30), dt.date(2025, 10, 26)


def test_the_two_nights_hold_their_real_hours() -> None:
    one_to_four = BusinessHours.weekly({d: [("01:00", "04:00")] for d in range(7)}, holidays=NONE)
    for day, hours in ((MARCH, 2), (OCTOBER, 4), (dt.date(2025, 6, 1), 3)):
        start = dt.datetime.combine(day, dt.time(0), tzinfo=PARIS)
        assert one_to_four.elapsed(start, start + dt.timedelta(days=1)) == dt.timedelta(hours=hours)
    # October: 15 minutes after 02:30 on the second pass is 02:45 on the second pass, not the first
    second_pass = paris(2025, 10, 26, 2, 30, fold=1)
    result = one_to_four.add(second_pass, dt.timedelta(minutes=15))
    assert result == paris(2025, 10, 26, 2, 45, fold=1)
    assert result.utcoffset() == dt.timedelta(hours=1)
    assert result > second_pass
    # March: 01:30 + 1 h of business time is 03:30 (02:00–03:00 does not exist)
    start = paris(2025, 3, 30, 1, 30)
    result = one_to_four.add(start, dt.timedelta(hours=1))
    assert result == paris(2025, 3, 30, 3, 30)
    assert one_to_four.elapsed(start, result) == dt.timedelta(hours=1)
    assert one_to_four.day_close(MARCH) == paris(2025, 3, 30, 4, 0)


@pytest.mark.parametrize("day", [MARCH, OCTOBER])
@given(st.integers(-12 * 60, 30 * 60), st.integers(0, 14 * 60))
def test_invariants_on_both_nights(day: dt.date, offset: int, minutes: int) -> None:
    start = dt.datetime.combine(day, dt.time(0), tzinfo=PARIS).astimezone(dt.UTC)
    start += dt.timedelta(minutes=offset)
    duration = dt.timedelta(minutes=minutes)
    due = NIGHTS.add(start, duration)
    assert due >= start
    assert NIGHTS.elapsed(start, due) == duration
    assert NIGHTS.subtract(due, duration) <= start or not ref_is_open(NIGHTS, start)
    assert NIGHTS.elapsed(NIGHTS.subtract(start, duration), start) == duration
    end = start + dt.timedelta(minutes=minutes)
    assert NIGHTS.elapsed(start, end) == dt.timedelta(
        minutes=ref_elapsed_minutes(NIGHTS, start, end)
    )
    if minutes:
        assert NIGHTS.is_open(due - dt.timedelta(microseconds=1))


@given(st.integers(0, 3 * 24 * 60), st.integers(0, 3 * 24 * 60))
@example(466, 510)
def test_add_is_monotonic_through_the_october_night(a: int, b: int) -> None:
    start = dt.datetime(2025, 10, 24, 22, 0, tzinfo=dt.UTC)
    low, high = sorted((a, b))
    # Compared in UTC: two datetimes of one zone compare their wall clocks and ignore fold, so
    # 02:01 (first pass) would look later than 02:00 (second pass, fold=1) — (466, 510) minutes.
    early = NIGHTS.add(start, dt.timedelta(minutes=low)).astimezone(dt.UTC)
    assert early <= NIGHTS.add(start, dt.timedelta(minutes=high)).astimezone(dt.UTC)


@pytest.mark.parametrize("zone", ["Europe/Paris", "America/New_York", "Australia/Sydney"])
@pytest.mark.parametrize("year", [2030, 2200, 2700, 9000])
def test_far_clock_changes_follow_the_400_year_cycle(zone: str, year: int) -> None:
    tz = ZoneInfo(zone)
    assert _index.transitions(tz, year) == _index.search_transitions(tz, year)
    assert len(_index.transitions(tz, year)) == 2


# -- comparing instants as instants (the October fold) ----------------------------------------


def test_elapsed_compares_instants_not_wall_clocks() -> None:
    a = paris(2025, 10, 26, 2, 30)  # 00:30 UTC
    b = paris(2025, 10, 26, 2, 15, fold=1)  # 01:15 UTC, 45 minutes later
    assert PORTAL.elapsed(a, b) == dt.timedelta(0)
    assert NIGHTS.elapsed(a, b) == dt.timedelta(minutes=45 - 15)  # 02:30–02:45 is closed
    with pytest.raises(EndBeforeStartError, match=r"end=.* is before start="):
        PORTAL.elapsed(b, a)
    assert HOURS.add_elapsed(paris(2025, 10, 27, 9), a, b) == paris(2025, 10, 27, 9)


# -- the ends of the calendar -----------------------------------------------------------------


def test_working_days_near_the_ends_of_the_french_calendar() -> None:
    assert HOURS.add_working_days(dt.date(2200, 12, 1), 5) == dt.date(2200, 12, 8)
    assert HOURS.add_working_days(dt.date(1900, 1, 10), -1) == dt.date(1900, 1, 9)
    assert HOURS.add_working_days(dt.date(2200, 12, 30), 1) == dt.date(2200, 12, 31)
    with pytest.raises(OutOfRangeError, match=r"year=2201 is outside 1900–2200"):
        HOURS.add_working_days(dt.date(2200, 12, 31), 1)
    with pytest.raises(OutOfRangeError, match=r"year=1899"):
        HOURS.add_working_days(dt.date(1900, 1, 1), -1)
    with pytest.raises(OutOfRangeError, match=r"year=1941 is in 1941–1946"):
        HOURS.add_working_days(dt.date(1940, 12, 31), 260)


@pytest.mark.parametrize(
    "at",
    [
        dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
        dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-14))),
    ],
)
def test_instants_off_the_calendar_are_out_of_range(at: dt.datetime) -> None:
    message = r"at=.* falls outside the years 1–9999 in Europe/Paris"
    with pytest.raises(OutOfRangeError, match=message):
        HOURS.is_open(at)
    with pytest.raises(OutOfRangeError, match=r"start=.* falls outside the years 1–9999"):
        PORTAL.add(at, dt.timedelta(hours=1))
    with pytest.raises(OutOfRangeError, match=r"start=.* falls outside"):
        PORTAL.elapsed(at, at)


def test_durations_past_the_ends_say_so() -> None:
    late = dt.datetime(9999, 12, 30, 22, tzinfo=dt.UTC)
    message = (
        r"datetime.timedelta\(days=1, seconds=57600\) of business time from "
        r"start=datetime.datetime\(9999, 12, 30, 23, 0, tzinfo=zoneinfo.ZoneInfo\(key='Europe/Paris'\)\) "
        r"ends after year 9999; pass a shorter duration \(year 10000 is outside"
    )
    with pytest.raises(OutOfRangeError, match=message):
        PORTAL.add(late, dt.timedelta(hours=40))
    with pytest.raises(
        OutOfRangeError, match=r"timedelta\(days=999999999.*ends after year 9999; pass"
    ):
        PORTAL.add(late, dt.timedelta.max)
    with pytest.raises(
        OutOfRangeError, match=r"timedelta\(days=10000000\) .* ends before year 1; pass"
    ):
        PORTAL.subtract(late, dt.timedelta(days=10**7))
    early = dt.datetime(1, 1, 3, 12, tzinfo=dt.UTC)
    with pytest.raises(
        OutOfRangeError, match=r"timedelta\(days=2\) of business time from start=.* ends too early"
    ):
        PORTAL.subtract(early, dt.timedelta(days=2))


def test_the_first_and_last_days_of_the_calendar() -> None:
    first = dt.datetime(1, 1, 2, 8, 0, tzinfo=dt.UTC)
    assert PORTAL.subtract(first, dt.timedelta(hours=1)).astimezone(dt.UTC) < first
    with pytest.raises(
        OutOfRangeError,
        match=r"ends too early; pass a shorter duration \(year 0 is outside the years 1–9999",
    ):
        PORTAL.subtract(first, dt.timedelta(days=3))
    with pytest.raises(OutOfRangeError, match=r"ends before year 1"):
        PORTAL.subtract(first, dt.timedelta(days=30))
    with pytest.raises(OutOfRangeError, match=r"year 0 is outside the years 1–9999"):
        PORTAL.previous_opening(dt.datetime(1, 1, 1, 7, tzinfo=dt.UTC))
    assert PORTAL.working_days_between(dt.date(1, 1, 1), dt.date(9999, 12, 31)) == 2_608_614
    assert PORTAL.add_working_days(dt.date(1, 1, 1), 2_608_614) == dt.date(9999, 12, 31)
    with pytest.raises(
        OutOfRangeError, match=r"n=2608615 days from day=.*: year 10000 is outside the years 1–9999"
    ):
        PORTAL.add_working_days(dt.date(1, 1, 1), 2_608_615)
    with pytest.raises(OutOfRangeError, match="leaves the years 1–9999"):
        PORTAL.add_working_days(dt.date(2025, 1, 1), 10**12)


# -- going backwards --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        (paris(2024, 10, 15, 15, 0), 1, paris(2024, 10, 15, 14, 0)),  # an opening stays
        (paris(2024, 10, 15, 14, 0), 1, paris(2024, 10, 15, 11, 0)),
        (paris(2024, 10, 15, 12, 0), 3, paris(2024, 10, 15, 9, 0)),
        (paris(2024, 10, 21, 10, 0), 2, paris(2024, 10, 18, 17, 0)),
        (paris(2024, 12, 26, 9, 0), 1, paris(2024, 12, 24, 17, 0)),
        (paris(2024, 12, 23, 11, 30), 4, paris(2024, 12, 20, 16, 30)),
        (paris(2025, 1, 2, 10, 0), 2, paris(2024, 12, 31, 17, 0)),  # across the new year
    ],
)
def test_subtract(start: dt.datetime, hours: int, expected: dt.datetime) -> None:
    result = HOURS.subtract(start, dt.timedelta(hours=hours))
    assert result == expected
    assert result.tzinfo is PARIS
    assert HOURS.elapsed(result, start) == dt.timedelta(hours=hours)


@pytest.mark.parametrize(
    ("at", "opening", "closing"),
    [
        (paris(2024, 10, 15, 10, 0), paris(2024, 10, 15, 9, 0), paris(2024, 10, 15, 10, 0)),
        (paris(2024, 10, 15, 9, 0), paris(2024, 10, 15, 9, 0), paris(2024, 10, 15, 9, 0)),
        (paris(2024, 10, 15, 12, 0), paris(2024, 10, 15, 9, 0), paris(2024, 10, 15, 12, 0)),
        (paris(2024, 10, 15, 13, 0), paris(2024, 10, 15, 9, 0), paris(2024, 10, 15, 12, 0)),
        (paris(2024, 10, 15, 8, 0), paris(2024, 10, 14, 14, 0), paris(2024, 10, 14, 18, 0)),
        (paris(2024, 10, 20, 12, 0), paris(2024, 10, 18, 14, 0), paris(2024, 10, 18, 18, 0)),
        (paris(2025, 1, 2, 8, 0), paris(2024, 12, 31, 14, 0), paris(2024, 12, 31, 18, 0)),
    ],
)
def test_previous_opening_and_closing(
    at: dt.datetime, opening: dt.datetime, closing: dt.datetime
) -> None:
    assert HOURS.previous_opening(at) == opening
    assert HOURS.previous_closing(at) == closing
    assert HOURS.previous_opening(at.astimezone(dt.UTC)).tzinfo is PARIS


@given(aware_datetimes(), durations())
def test_subtract_inverts_add(start: dt.datetime, d: dt.timedelta) -> None:
    back = HOURS.subtract(start, d)
    assert back <= start
    assert HOURS.elapsed(back, start) == d
    assert HOURS.subtract(HOURS.add(start, d), d) <= max(start, HOURS.next_opening(start))
    # add() lands on the earliest instant with d elapsed: at most start, and no business time
    # between them (12:00 for a start at the 14:00 opening, by the closing-boundary rule).
    again = HOURS.add(back, d)
    assert again <= start
    assert HOURS.elapsed(again, start) == dt.timedelta(0)


@given(aware_datetimes())
def test_previous_opening_and_closing_bracket_the_last_business_time(at: dt.datetime) -> None:
    opening, closing = HOURS.previous_opening(at), HOURS.previous_closing(at)
    assert opening <= closing <= at
    assert HOURS.is_open(opening)
    assert HOURS.elapsed(closing, at) == dt.timedelta(0)
    assert HOURS.elapsed(opening, closing) > dt.timedelta(0) or opening == closing == at


def test_add_and_elapsed_refuse_going_backwards_with_a_pointer() -> None:
    with pytest.raises(OutOfRangeError, match=r"is negative; .*subtract\(\) counts backwards"):
        HOURS.add(paris(2024, 10, 15, 10), dt.timedelta(hours=-1))
    with pytest.raises(OutOfRangeError, match="negative"):
        HOURS.subtract(paris(2024, 10, 15, 10), dt.timedelta(hours=-1))
    with pytest.raises(EndBeforeStartError, match=r"until=.* is before since="):
        HOURS.add_elapsed(paris(2024, 10, 15, 10), paris(2024, 10, 15, 11), paris(2024, 10, 15, 9))


# -- add_elapsed (the freeze primitive) -------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "since", "until", "expected"),
    [
        # a 4-hour freeze inside business hours moves the due instant by 4 business hours
        (paris(2024, 10, 15, 10), paris(2024, 10, 14, 9), paris(2024, 10, 14, 15), paris(2024, 10, 15, 16)),
        # a freeze entirely outside business hours moves nothing
        (paris(2024, 10, 15, 10), paris(2024, 10, 19, 9), paris(2024, 10, 20, 20), paris(2024, 10, 15, 10)),
        # a due instant on a closing boundary stays the earliest instant
        (paris(2024, 10, 15, 11), paris(2024, 10, 16, 9), paris(2024, 10, 16, 10), paris(2024, 10, 15, 12)),
        # 3 h frozen (Fri 16–18, Mon 9–10): Tue 24 17–18, then 26 December 9–11 (25 is a holiday)
        (paris(2024, 12, 24, 17), paris(2024, 12, 20, 16), paris(2024, 12, 23, 10), paris(2024, 12, 26, 11)),
    ],
)  # fmt: skip
def test_add_elapsed(
    start: dt.datetime, since: dt.datetime, until: dt.datetime, expected: dt.datetime
) -> None:
    assert HOURS.add_elapsed(start, since, until) == expected
    assert HOURS.add_elapsed(start, since, until) == HOURS.add(start, HOURS.elapsed(since, until))


@given(aware_datetimes(), aware_datetimes(), st.integers(0, 30 * 24 * 60))
def test_add_elapsed_is_add_of_elapsed(start: dt.datetime, since: dt.datetime, m: int) -> None:
    until = since + dt.timedelta(minutes=m)
    assert HOURS.add_elapsed(start, since, until) == HOURS.add(start, HOURS.elapsed(since, until))


# -- windows: strings, times, refusals --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("09:00", dt.timedelta(hours=9)),
        ("9:05", dt.timedelta(hours=9, minutes=5)),
        (" 09:00 ", dt.timedelta(hours=9)),
        ("09:00:30", dt.timedelta(hours=9, seconds=30)),
        ("00:00", dt.timedelta(0)),
        ("23:59:59", dt.timedelta(hours=23, minutes=59, seconds=59)),
        (dt.time(9, 0, 30, 5), dt.timedelta(hours=9, seconds=30, microseconds=5)),
        (dt.timedelta(hours=9), dt.timedelta(hours=9)),
    ],
)
def test_window_times(text: str | dt.time, offset: dt.timedelta) -> None:
    assert Window.of(text, "24:00").opens == offset


@pytest.mark.parametrize(
    "text", ["9h", "0900", "09:60", "24:01", "25:00", "09:00:60", "²:00", "０９:００", "09:00:00:00", "-1:00", "", "9:5:"]
)  # fmt: skip
def test_window_strings_refused(text: str) -> None:
    with pytest.raises(InvalidScheduleError, match=r"is not a time of day; write e\.g\. \"09:00\""):
        Window.of(text, "24:00")


def test_window_and_schedule_refusals_are_terms_errors() -> None:
    with pytest.raises(WrongTypeError, match=r"has a tzinfo; window times are wall-clock times"):
        Window.of(dt.time(9, tzinfo=dt.UTC), "12:00")
    with pytest.raises(WrongTypeError, match=r"opens=9 is a int; pass a time of day"):
        Window.of(9, "12:00")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"opens=9 is not a timedelta offset"):
        Window(opens=9, closes=dt.timedelta(hours=12))  # type: ignore[arg-type]
    with pytest.raises(InvalidScheduleError, match=r"window 12:00–12:00 is not within a day"):
        Window.of("12:00", "12:00")
    with pytest.raises(WrongTypeError, match=r"week=None is not seven tuples"):
        BusinessHours(week=None)  # type: ignore[arg-type]
    with pytest.raises(InvalidScheduleError, match=r"week has 6 days; give 7"):
        BusinessHours(week=[()] * 6)
    with pytest.raises(WrongTypeError, match=r"week\[0\] holds 'x'"):
        BusinessHours(week=[("x",)] + [()] * 6)  # type: ignore[list-item]
    with pytest.raises(WrongTypeError, match=r"windows=\[\] is not a mapping"):
        BusinessHours.weekly([])  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"holidays=None has no holidays"):
        BusinessHours.weekly(WEEKDAYS, holidays=None)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"zone=1 is not a ZoneInfo"):
        BusinessHours.weekly(WEEKDAYS, zone=1)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"name=1"):
        BusinessHours.weekly(WEEKDAYS, name=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match=r"zone='' is not an IANA time zone"):
        BusinessHours.weekly(WEEKDAYS, zone="")


def test_windows_touching_and_days_with_24_hours() -> None:
    touching = BusinessHours.weekly({0: [("09:00", "12:00"), ("12:00", "14:00")]}, holidays=NONE)
    start = paris(2025, 9, 1, 11)
    assert touching.add(start, dt.timedelta(hours=1)) == paris(2025, 9, 1, 12)
    assert touching.add(start, dt.timedelta(hours=2)) == paris(2025, 9, 1, 13)
    assert touching.previous_opening(paris(2025, 9, 1, 12, 30)) == paris(2025, 9, 1, 12)
    assert PORTAL.day_close(dt.date(2025, 9, 1)) == paris(2025, 9, 2, 0)
    assert PORTAL.add(paris(2025, 9, 1, 23), dt.timedelta(hours=1)) == paris(2025, 9, 2, 0)


# -- inputs from numpy and pandas -------------------------------------------------------------


def test_numpy_and_pandas_inputs() -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    assert HOURS.add_working_days(dt.date(2024, 10, 18), np.int64(1)) == dt.date(2024, 10, 21)
    assert HOURS.add_working_days(np.datetime64("2024-10-18"), 1) == dt.date(2024, 10, 21)
    assert HOURS.is_working_day(np.datetime64("2025-06-09")) is False
    assert (
        HOURS.working_days_between(np.datetime64("2024-09-30"), np.datetime64("2024-10-31")) == 23
    )
    with pytest.raises(WrongTypeError, match=r"n=(np\.)?True_? is a bool"):
        HOURS.add_working_days(dt.date(2024, 10, 18), np.bool_(True))
    with pytest.raises(WrongTypeError, match=r"n=(np\.float64\()?1\.0\)? is a float64"):
        HOURS.add_working_days(dt.date(2024, 10, 18), np.float64(1.0))
    with pytest.raises(WrongTypeError, match=r"is not a numpy datetime64 day"):
        HOURS.add_working_days(np.datetime64("2024-10-18T10:00"), 1)
    with pytest.raises(WrongTypeError, match=r"is not a numpy datetime64 day"):
        HOURS.add_working_days(np.datetime64("NaT", "D"), 1)
    start = pd.Timestamp("2024-12-20 16:30", tz="Europe/Paris")
    result = HOURS.add(start, dt.timedelta(hours=4))
    assert result == paris(2024, 12, 23, 11, 30)
    assert type(result) is dt.datetime
    assert type(HOURS.add(start, dt.timedelta(0))) is dt.datetime
    assert HOURS.elapsed(start, pd.Timestamp("2024-12-23 10:30", tz="UTC")) == dt.timedelta(hours=4)
    with pytest.raises(InvalidArgumentError, match=r"start=.* has 7 ns; .*floor\('us'\)"):
        HOURS.add(pd.Timestamp("2024-12-20 16:30:00.000000007", tz="Europe/Paris"), dt.timedelta(1))
    with pytest.raises(
        NaiveDatetimeError, match=r"start=Timestamp\('2024-12-20 16:30:00'\) is naive"
    ):
        HOURS.add(pd.Timestamp("2024-12-20 16:30"), dt.timedelta(hours=1))
    with pytest.raises(WrongTypeError, match=r"start=.* is a datetime64, not a datetime"):
        HOURS.add(np.datetime64("2024-12-20T16:30"), dt.timedelta(hours=1))


# -- the index cache (issue: the leak) --------------------------------------------------------


def test_schedules_share_their_index_by_definition_not_name() -> None:
    a = BusinessHours.weekly(WEEKDAYS, name="a")
    b = BusinessHours.weekly(WEEKDAYS, name="b")
    assert a != b
    a.add(paris(2025, 1, 6, 9), dt.timedelta(hours=1))
    assert a._index() is b._index()
    assert BusinessHours.weekly(WEEKDAYS, zone="Europe/Brussels")._index() is not a._index()


def test_the_cache_is_bounded() -> None:
    _index.clear()
    for n in range(3 * _index.SHARED_INDEXES):
        schedule = BusinessHours.weekly({0: [("09:00", f"{10 + n % 14:02d}:{n // 14:02d}")]})
        schedule.add(paris(2025, 1, 6, 9), dt.timedelta(minutes=30))
    del schedule
    gc.collect()
    assert len(_index._SHARED) == _index.SHARED_INDEXES
    # a schedule keeps at most YEAR_TABLES day tables, whatever it is asked
    for year in range(1950, 2150, 3):
        PORTAL.is_open(dt.datetime(year, 6, 1, 12, tzinfo=PARIS))
    assert len(PORTAL._index().tables) <= _index.YEAR_TABLES


def test_the_longest_spans_build_two_tables() -> None:
    portal = BusinessHours.weekly(
        {d: [("08:00", "24:00")] for d in range(7)}, holidays=NONE, name="fresh portal"
    )
    _index.clear()
    start, end = dt.datetime(1, 1, 2, tzinfo=dt.UTC), dt.datetime(9999, 12, 30, tzinfo=dt.UTC)
    expected = PORTAL.elapsed(start, end)
    assert portal.elapsed(start, end) == expected
    assert len(portal._index().tables) == 2
    assert portal.add(start, expected) == portal.add(end, dt.timedelta(0)) or expected
    # add lands on the same 16-hour grid at the far end
    assert portal.add(start, expected) <= end


def test_a_calendar_that_closes_every_open_day_is_refused() -> None:
    class Closed:
        def holidays(self, year: int) -> frozenset[dt.date]:
            first = dt.date(year, 1, 1)
            days = (dt.date(year, 12, 31) - first).days + 1
            return frozenset(first + dt.timedelta(days=k) for k in range(days))

        def is_holiday(self, day: dt.date) -> bool:
            return True

    schedule = BusinessHours.weekly({0: [("09:00", "12:00")]}, holidays=Closed())
    message = r"no business time in the 100 years up to .*closes every open day"
    with pytest.raises(InvalidScheduleError, match=message):
        schedule.add(paris(2025, 1, 6, 9), dt.timedelta(hours=1))
    with pytest.raises(InvalidScheduleError, match=r"no jour ouvré in the 100 years up to 2125"):
        schedule.add_working_days(dt.date(2025, 1, 6), 1)
    with pytest.raises(InvalidScheduleError, match=r"no jour ouvrable in the 100 years up to 2125"):
        schedule.add_ouvrable_days(dt.date(2025, 1, 6), 1)
    with pytest.raises(InvalidScheduleError, match=r"no jour ouvré in the 100 years up to 1924:"):
        schedule.add_working_days(dt.date(2025, 1, 6), -1)
    with pytest.raises(InvalidScheduleError, match=r"no business time in the 100 years up to 1924"):
        schedule.subtract(paris(2025, 1, 6, 9), dt.timedelta(hours=1))
    with pytest.raises(InvalidScheduleError, match=r"is never open; nothing can be added"):
        BusinessHours.weekly({}).add(paris(2025, 1, 6, 9), dt.timedelta(hours=1))


# -- hostile inputs: every refusal a TermsError, every answer exact ---------------------------

EXTREME_INSTANTS = st.one_of(
    st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31), timezones=st.just(dt.UTC)),
    st.sampled_from(
        [
            dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
            dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=-14))),
            dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-14))),
            dt.datetime(9999, 12, 31, 23, 59, tzinfo=PARIS),
            dt.datetime(1900, 1, 1, tzinfo=PARIS),
            dt.datetime(2200, 12, 31, 23, tzinfo=PARIS),
        ]
    ),
)
EXTREME_DURATIONS = st.one_of(
    st.timedeltas(dt.timedelta(0), dt.timedelta.max),
    st.sampled_from([dt.timedelta.max, dt.timedelta(microseconds=1), dt.timedelta(days=10**6)]),
)
EXTREME_COUNTS = st.one_of(
    st.integers(-(10**7), 10**7), st.sampled_from([10**30, -(10**30), 2**63, 0])
)


@given(
    st.sampled_from([HOURS, PORTAL, NIGHTS]),
    EXTREME_INSTANTS,
    EXTREME_INSTANTS,
    EXTREME_DURATIONS,
    EXTREME_COUNTS,
)
def test_extreme_inputs_answer_or_refuse_with_a_terms_error(
    schedule: BusinessHours, a: dt.datetime, b: dt.datetime, d: dt.timedelta, n: int
) -> None:
    calls = [
        lambda: schedule.is_open(a),
        lambda: schedule.add(a, d),
        lambda: schedule.subtract(a, d),
        lambda: schedule.elapsed(min(a, b), max(a, b)),
        lambda: schedule.next_opening(a),
        lambda: schedule.previous_opening(a),
        lambda: schedule.previous_closing(a),
        lambda: schedule.add_working_days(a.date(), n),
        lambda: schedule.add_ouvrable_days(b.date(), n),
        lambda: schedule.working_days_between(min(a, b).date(), max(a, b).date()),
    ]
    for call in calls:
        try:
            result = call()
        except TermsError:
            continue
        if isinstance(result, dt.datetime):
            assert result.tzinfo is schedule.zone
        else:
            assert isinstance(result, (bool, dt.date, int, dt.timedelta))


def test_random_schedules_agree_with_the_walker() -> None:
    rng = random.Random(17)
    for _ in range(20):
        week = {}
        for day in range(7):
            hour = rng.randrange(0, 20)
            week[day] = [
                (f"{hour:02d}:{rng.choice([0, 30]):02d}", f"{hour + rng.randrange(1, 4):02d}:00")
            ]
        schedule = BusinessHours.weekly(
            week, holidays=closed(dt.date(2025, 3, 28), rng.randrange(0, 4))
        )
        start = dt.datetime(2025, 3, 27, rng.randrange(24), tzinfo=PARIS)
        end = start + dt.timedelta(hours=rng.randrange(1, 120))
        minutes = ref_elapsed_minutes(schedule, start, end)
        assert schedule.elapsed(start, end) == dt.timedelta(minutes=minutes)
        assert schedule.elapsed(start, schedule.add(start, dt.timedelta(minutes=minutes))) == (
            dt.timedelta(minutes=minutes)
        )


# -- the index's own edges (days with a clock change inside a window) -------------------------


def test_instants_with_seconds_on_a_night_with_a_clock_change() -> None:
    # October: 00:00–02:30 and 02:45–03:00 on the first pass, 02:00–02:30 and 02:45–04:00 on the
    # second (fold=1); datetime arithmetic drops fold, so the instants are written out
    first_pass = dt.datetime(2025, 10, 26, 2, 20, 17, 3, tzinfo=PARIS)
    second_pass = dt.datetime(2025, 10, 26, 2, 20, 17, 3, tzinfo=PARIS, fold=1)
    midnight = paris(2025, 10, 26, 0, 0)
    into = dt.timedelta(minutes=20, seconds=17, microseconds=3)
    assert NIGHTS.elapsed(midnight, first_pass) == dt.timedelta(hours=2) + into
    assert NIGHTS.elapsed(midnight, second_pass) == dt.timedelta(hours=2, minutes=45) + into
    assert NIGHTS.add(midnight, dt.timedelta(hours=2, minutes=45) + into) == second_pass


def test_boundaries_on_a_night_with_a_clock_change() -> None:
    midnight = paris(2025, 10, 26, 0, 0)
    assert NIGHTS.add(midnight, dt.timedelta(hours=3)) == paris(2025, 10, 26, 2, 15, fold=1)
    # a result on the second pass's closing stays there
    assert NIGHTS.add(midnight, dt.timedelta(hours=3, minutes=15)) == paris(
        2025, 10, 26, 2, 30, fold=1
    )
    late = paris(2025, 10, 26, 2, 50, fold=1)
    assert NIGHTS.subtract(late, dt.timedelta(minutes=5)) == paris(2025, 10, 26, 2, 45, fold=1)
    # back past the closing at 02:30 (second pass) to the opening at 02:00 (second pass)
    assert NIGHTS.subtract(late, dt.timedelta(minutes=35)) == paris(2025, 10, 26, 2, 0, fold=1)
    assert NIGHTS.previous_opening(paris(2025, 10, 26, 2, 10, fold=1)) == paris(
        2025, 10, 26, 2, 0, fold=1
    )
    assert NIGHTS.previous_opening(paris(2025, 10, 26, 3, 0)) == paris(2025, 10, 26, 2, 45, fold=1)
    assert NIGHTS.previous_opening(paris(2025, 10, 26, 2, 35, fold=1)) == paris(
        2025, 10, 26, 2, 0, fold=1
    )
    assert NIGHTS.previous_closing(paris(2025, 10, 26, 2, 40, fold=1)) == paris(
        2025, 10, 26, 2, 30, fold=1
    )
    # the day before closes at 24:00, which is the first instant of the night
    assert NIGHTS.add(paris(2025, 10, 25, 23, 0), dt.timedelta(hours=1)) == midnight
    assert NIGHTS.day_close(dt.date(2025, 10, 25)) == midnight


def test_the_index_refuses_what_dates_cannot_hold() -> None:
    with pytest.raises(OutOfRangeError, match=r"^the result falls outside the years 1–9999$"):
        _index.instant_of(0, PARIS)
    with pytest.raises(OutOfRangeError, match=r"^the result falls after 9999-12-31$"):
        PORTAL.day_close(dt.date(9999, 12, 31))
    assert _index.key_of(paris(2025, 1, 1, 0, 0, 1) + dt.timedelta(microseconds=2)) == (
        dt.date(2025, 1, 1).toordinal() * _index.DAY - 3_600_000_000 + 1_000_002
    )


def _utc_key(*args: int) -> int:
    return _index.key_of(dt.datetime(*args, tzinfo=dt.UTC))  # type: ignore[misc]


def test_clock_changes_are_found_to_the_second() -> None:
    hour = 3_600_000_000
    assert _index.transitions(PARIS, 2025) == (
        (_utc_key(2025, 3, 30, 1), hour, 2 * hour),
        (_utc_key(2025, 10, 26, 1), 2 * hour, hour),
    )
    assert _index.search_transitions(ZoneInfo("Asia/Tokyo"), 2025) == ()
    sao_paulo = _index.search_transitions(ZoneInfo("America/Sao_Paulo"), 2018)
    assert [(k - _utc_key(2018, 1, 1)) // hour for k, _, _ in sao_paulo] == [1154, 7371]
    assert [(b // hour, a // hour) for _, b, a in sao_paulo] == [(-2, -3), (-3, -2)]


SAO_PAULO = ZoneInfo("America/Sao_Paulo")


@pytest.mark.parametrize(
    ("windows", "zone", "year", "expected"),
    [
        (WEEKDAYS, PARIS, 2025, set()),
        ({d: [("08:00", "24:00")] for d in range(7)}, PARIS, 2025, set()),
        ({d: [("03:00", "05:00")] for d in range(7)}, PARIS, 2025, set()),
        ({d: [("00:00", "02:00")] for d in range(7)}, PARIS, 2025, {MARCH, OCTOBER}),
        ({d: [("00:00", "24:00")] for d in range(7)}, PARIS, 2025, {MARCH, OCTOBER}),
        ({d: [("02:59", "03:01")] for d in range(7)}, PARIS, 2025, {MARCH, OCTOBER}),
        # Brazil changed its clocks at midnight: the days on both sides of it are affected
        (WEEKDAYS, SAO_PAULO, 2018, {dt.date(2018, 2, 17), dt.date(2018, 2, 18), dt.date(2018, 11, 3), dt.date(2018, 11, 4)}),
    ],
)  # fmt: skip
def test_which_days_meet_a_clock_change(
    windows: dict[int, list[tuple[str, str]]], zone: ZoneInfo, year: int, expected: set[dt.date]
) -> None:
    schedule = BusinessHours.weekly(windows, holidays=NONE, zone=zone)
    table = schedule._index().table(year)
    assert {dt.date.fromordinal(o) for o in table.special} == expected


@pytest.mark.parametrize(
    "schedule",
    [
        HOURS,
        PORTAL,
        NIGHTS,
        BusinessHours.weekly(WEEKDAYS, holidays=NONE, zone=SAO_PAULO),
        BusinessHours.weekly({d: [("00:00", "24:00")] for d in range(7)}, holidays=NONE, zone=SAO_PAULO),
        BusinessHours.weekly({5: [("09:00", "12:00")]}, holidays=closed(dt.date(2018, 2, 10), 30)),
        # holidays on the days of the clock changes, whose windows meet them
        BusinessHours.weekly(
            {d: [("00:00", "24:00")] for d in range(7)},
            holidays=ExplicitHolidays.of([MARCH, OCTOBER, dt.date(2024, 3, 31), dt.date(2018, 10, 28)]),
        ),
    ],
)  # fmt: skip
@pytest.mark.parametrize("year", [2018, 2024, 2025])
def test_yearly_totals_agree_with_the_day_tables(schedule: BusinessHours, year: int) -> None:
    index = schedule._index()
    table = index.table(year)
    expected = (table.busy[-1], table.ouvres[-1], table.ouvrables[-1])
    assert index._count_year(year) == expected
    fresh = _index.Index(index.windows_us, index.holidays, index.zone)
    assert tuple(fresh.total(year, c) for c in ("busy", "ouvres", "ouvrables")) == expected
    assert fresh.tables == {}  # totals come without building the year's table


@given(
    st.integers(0, 2 * 24 * 60),
    st.integers(0, 30 * 60),
    st.sampled_from([(2018, 2, 16), (2018, 11, 2)]),
)
def test_midnight_clock_changes_keep_the_invariants(
    offset: int, minutes: int, day: tuple[int, int, int]
) -> None:
    always = BusinessHours.weekly(
        {d: [("00:00", "00:30"), ("23:00", "24:00")] for d in range(7)},
        holidays=NONE,
        zone=SAO_PAULO,
    )
    start = dt.datetime(*day, tzinfo=SAO_PAULO).astimezone(dt.UTC) + dt.timedelta(minutes=offset)
    duration = dt.timedelta(minutes=minutes)
    due = always.add(start, duration)
    assert due >= start
    assert always.elapsed(start, due) == duration
    end = start + duration
    assert always.elapsed(start, end) == dt.timedelta(
        minutes=ref_elapsed_minutes(always, start, end)
    )


def test_openings_and_closings_at_the_edges_of_a_night() -> None:
    # an instant on an opening of the second pass is its own previous opening
    assert NIGHTS.previous_opening(paris(2025, 10, 26, 2, 0, fold=1)) == paris(
        2025, 10, 26, 2, 0, fold=1
    )
    touching = BusinessHours.weekly(
        {d: [("00:00", "02:15"), ("02:15", "04:00")] for d in range(7)}, holidays=NONE
    )
    assert touching.previous_opening(paris(2025, 10, 26, 2, 15)) == paris(2025, 10, 26, 2, 15)
    assert touching.previous_opening(paris(2025, 10, 26, 2, 15, fold=1)) == paris(
        2025, 10, 26, 2, 15, fold=1
    )
    # São Paulo moved its clocks from 00:00 to 01:00 on 4 November 2018: the day before
    # closes at 24:00, the first instant of the 4th, which the clocks showed as 01:00
    evenings = BusinessHours.weekly(
        {d: [("22:00", "24:00")] for d in range(7)}, zone=SAO_PAULO, holidays=NONE
    )
    close = evenings.day_close(dt.date(2018, 11, 3))
    assert (close.hour, close.tzinfo) == (1, SAO_PAULO)
    assert close == dt.datetime(2018, 11, 4, 1, 0, tzinfo=SAO_PAULO)
    due = evenings.add(dt.datetime(2018, 11, 3, 23, tzinfo=SAO_PAULO), dt.timedelta(hours=1))
    assert (due.hour, due.tzinfo) == (1, SAO_PAULO)


def test_a_result_on_the_last_day_of_a_year() -> None:
    assert HOURS.add(paris(2024, 12, 30, 10), dt.timedelta(hours=10)) == paris(2024, 12, 31, 15)
    assert HOURS.add(paris(2024, 12, 31, 17), dt.timedelta(hours=1)) == paris(2024, 12, 31, 18)


@pytest.mark.parametrize(
    ("zone", "year"),
    [
        ("Pacific/Fiji", 2015),
        ("Europe/Paris", 2025),
        ("America/Sao_Paulo", 2018),
        ("Australia/Lord_Howe", 2024),
    ],
)
def test_clock_changes_agree_with_a_day_by_day_scan(zone: str, year: int) -> None:
    tz = ZoneInfo(zone)
    first = dt.datetime(year, 1, 1, tzinfo=dt.UTC) - dt.timedelta(days=2)
    hour = dt.timedelta(minutes=30)
    scanned = []
    at = first
    while at < dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=2):
        before, after = at.astimezone(tz).utcoffset(), (at + hour).astimezone(tz).utcoffset()
        if before != after:
            scanned.append((at + hour).astimezone(tz).utcoffset() - before)
        at += hour
    found = _index.search_transitions(tz, year)
    assert [dt.timedelta(microseconds=a - b) for _, b, a in found] == scanned
