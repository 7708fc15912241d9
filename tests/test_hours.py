"""Business hours: RULES.md §1 examples, a slow reference walker, and properties."""

from __future__ import annotations

import datetime as dt
import pickle
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms import (
    FRANCE,
    BusinessHours,
    Delay,
    EndBeforeStartError,
    ExplicitHolidays,
    InvalidArgumentError,
    InvalidScheduleError,
    NaiveDatetimeError,
    OutOfRangeError,
    TermsError,
    Window,
    WrongTypeError,
)
from tests.strategies import aware_datetimes, dates, durations

PARIS = ZoneInfo("Europe/Paris")
HOURS = BusinessHours.comelus()
PORTAL = BusinessHours.customer_portal()
SCHEDULES = st.sampled_from(
    [
        HOURS,
        PORTAL,
        BusinessHours.production_customer_space(),
        BusinessHours.weekly({5: [("09:00", "12:00")]}),
    ]
)


def paris(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


# -- the slow, obviously-correct reference --------------------------------------------------


def reference_intervals(schedule: BusinessHours, first: dt.date, last: dt.date):  # type: ignore[no-untyped-def]
    """Every open interval of every day from ``first`` to ``last``, walking day by day."""
    day = first
    while day <= last:
        if not schedule.holidays.is_holiday(day):
            for window in schedule.week[day.weekday()]:
                start = dt.datetime.combine(day, dt.time()) + window.opens
                end = dt.datetime.combine(day, dt.time()) + window.closes
                yield start, end
        day += dt.timedelta(days=1)


def local_naive(instant: dt.datetime, schedule: BusinessHours) -> dt.datetime:
    return instant.astimezone(schedule.zone).replace(tzinfo=None)


def reference_elapsed(
    schedule: BusinessHours, start: dt.datetime, end: dt.datetime
) -> dt.timedelta:
    a, b = local_naive(start, schedule), local_naive(end, schedule)
    total = dt.timedelta()
    for lo, hi in reference_intervals(schedule, a.date(), b.date()):
        lo, hi = max(lo, a), min(hi, b)
        if hi > lo:
            total += hi - lo
    return total


def reference_add(
    schedule: BusinessHours, start: dt.datetime, duration: dt.timedelta
) -> dt.datetime:
    a = local_naive(start, schedule)
    if not duration:
        return start.astimezone(schedule.zone)
    remaining = duration
    for lo, hi in reference_intervals(schedule, a.date(), a.date() + dt.timedelta(days=4000)):
        lo = max(lo, a)
        if hi <= lo:
            continue
        if remaining <= hi - lo:
            wall = lo + remaining
            return wall.replace(tzinfo=schedule.zone).astimezone(dt.UTC).astimezone(schedule.zone)
        remaining -= hi - lo
    raise AssertionError("reference ran out of days")


# -- RULES.md §1 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (paris(2024, 12, 20, 16, 30), 4, paris(2024, 12, 23, 11, 30)),
        (paris(2024, 12, 20, 16, 30), 8, paris(2024, 12, 23, 17, 30)),
        (paris(2024, 5, 8, 10, 0), 8, paris(2024, 5, 13, 10, 0)),
        (paris(2025, 6, 2, 9, 0), 36, paris(2025, 6, 10, 10, 0)),
        (paris(2024, 10, 15, 12, 30), 1, paris(2024, 10, 15, 15, 0)),
        # boundary convention: a deadline on a closing time stays there
        (paris(2024, 10, 15, 9, 0), 3, paris(2024, 10, 15, 12, 0)),
        (paris(2024, 10, 15, 14, 0), 4, paris(2024, 10, 15, 18, 0)),
        (paris(2024, 10, 15, 9, 0), 7, paris(2024, 10, 15, 18, 0)),
        # starts outside the windows count from the next opening
        (paris(2024, 10, 15, 18, 0), 1, paris(2024, 10, 16, 10, 0)),
        (paris(2024, 10, 19, 10, 0), 1, paris(2024, 10, 21, 10, 0)),
        (paris(2024, 12, 24, 17, 0), 2, paris(2024, 12, 26, 10, 0)),
    ],
)
def test_rules_examples(start: dt.datetime, hours: int, due: dt.datetime) -> None:
    result = HOURS.add(start, dt.timedelta(hours=hours))
    assert result == due
    assert result.tzinfo == PARIS
    assert result.utcoffset() == due.utcoffset()
    assert HOURS.elapsed(start, result) == dt.timedelta(hours=hours)


def test_inputs_in_other_zones_give_the_same_instant() -> None:
    start = paris(2024, 12, 20, 16, 30)
    for zone in (dt.UTC, ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")):
        result = HOURS.add(start.astimezone(zone), dt.timedelta(hours=4))
        assert result == paris(2024, 12, 23, 11, 30)
        assert result.tzinfo == PARIS


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (paris(2024, 10, 15, 9, 0), True),
        (paris(2024, 10, 15, 11, 59), True),
        (paris(2024, 10, 15, 12, 0), False),
        (paris(2024, 10, 15, 13, 59), False),
        (paris(2024, 10, 15, 14, 0), True),
        (paris(2024, 10, 15, 18, 0), False),
        (paris(2024, 10, 19, 10, 0), False),  # Saturday
        (paris(2024, 11, 11, 10, 0), False),  # Armistice
    ],
)
def test_is_open(at: dt.datetime, expected: bool) -> None:
    assert HOURS.is_open(at) is expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (paris(2024, 10, 15, 10, 30), paris(2024, 10, 15, 10, 30)),
        (paris(2024, 10, 15, 12, 0), paris(2024, 10, 15, 14, 0)),
        (paris(2024, 10, 15, 18, 0), paris(2024, 10, 16, 9, 0)),
        (paris(2024, 10, 18, 18, 30), paris(2024, 10, 21, 9, 0)),
        (paris(2024, 12, 31, 18, 0), paris(2025, 1, 2, 9, 0)),
    ],
)
def test_next_opening(at: dt.datetime, expected: dt.datetime) -> None:
    assert HOURS.next_opening(at) == expected


def test_dst_days_are_ordinary_days() -> None:
    # Friday before the spring change to Monday after: 7 h on Friday, 7 h on Monday.
    assert HOURS.elapsed(paris(2025, 3, 28, 9, 0), paris(2025, 3, 31, 18, 0)) == dt.timedelta(
        hours=14
    )
    assert HOURS.add(paris(2025, 10, 24, 17, 0), dt.timedelta(hours=2)) == paris(
        2025, 10, 27, 10, 0
    )
    # The portal is open through both DST nights; its windows are wall-clock hours.
    assert PORTAL.elapsed(paris(2025, 3, 30, 0, 0), paris(2025, 3, 31, 0, 0)) == dt.timedelta(
        hours=16
    )


def test_working_days() -> None:
    assert HOURS.is_working_day(dt.date(2025, 9, 1))
    assert not HOURS.is_working_day(dt.date(2025, 9, 6))
    assert not HOURS.is_working_day(dt.date(2025, 11, 11))
    assert HOURS.add_working_days(dt.date(2028, 8, 31), 30) == dt.date(2028, 10, 12)
    assert HOURS.add_working_days(dt.date(2024, 10, 18), 1) == dt.date(2024, 10, 21)
    assert HOURS.add_working_days(dt.date(2024, 10, 19), 1) == dt.date(2024, 10, 21)
    assert HOURS.add_working_days(dt.date(2024, 10, 21), -1) == dt.date(2024, 10, 18)
    assert HOURS.add_working_days(dt.date(2024, 10, 20), 0) == dt.date(2024, 10, 20)
    assert HOURS.working_days_between(dt.date(2024, 9, 30), dt.date(2024, 10, 31)) == 23
    assert HOURS.working_days_between(dt.date(2024, 10, 1), dt.date(2024, 10, 1)) == 0
    # jours ouvrables: Saturday counts, Sunday and holidays do not
    assert HOURS.is_ouvrable_day(dt.date(2025, 9, 6))
    assert not HOURS.is_ouvrable_day(dt.date(2025, 9, 7))
    assert HOURS.add_ouvrable_days(dt.date(2025, 9, 5), 2) == dt.date(2025, 9, 8)
    assert HOURS.ouvrable_days_between(dt.date(2025, 9, 1), dt.date(2025, 9, 8)) == 6


def test_deadlines_in_working_days() -> None:
    reported = paris(2024, 10, 15, 10, 0)
    assert HOURS.deadline(reported, Delay.working_days(3)) == paris(2024, 10, 18, 18, 0)
    assert HOURS.deadline(reported, Delay.working_days(3, counting="daily_hours")) == paris(
        2024, 10, 18, 10, 0
    )
    assert HOURS.deadline(reported, Delay.business_hours(4)) == paris(2024, 10, 15, 16, 0)
    # reported on a Saturday: Monday is the first day
    assert HOURS.deadline(paris(2024, 10, 19, 10, 0), Delay.working_days(1)) == paris(
        2024, 10, 21, 18, 0
    )
    assert HOURS.daily_business_time == dt.timedelta(hours=7)
    assert str(Delay.working_days(3)) == "3 jours ouvrés"
    assert str(Delay.working_days(3, counting="daily_hours")) == (
        "3 jours ouvrés (× heures ouvrées par jour)"
    )
    assert str(Delay.business_hours(4)) == "4 h ouvrées"


def test_custom_holidays_and_pickling() -> None:
    custom = BusinessHours.weekly(
        {d: [("09:00", "17:00")] for d in range(5)},
        holidays=ExplicitHolidays.of([dt.date(2025, 12, 24)]),
        zone="Europe/Brussels",
    )
    start = dt.datetime(2025, 12, 23, 16, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    assert custom.add(start, dt.timedelta(hours=2)) == dt.datetime(
        2025, 12, 25, 10, 0, tzinfo=ZoneInfo("Europe/Brussels")
    )
    for schedule in (HOURS, PORTAL, custom):
        copy = pickle.loads(pickle.dumps(schedule))
        assert copy == schedule
        assert hash(copy) == hash(schedule)
        assert copy.add(start, dt.timedelta(hours=5)) == schedule.add(start, dt.timedelta(hours=5))


def test_bad_input() -> None:
    with pytest.raises(
        NaiveDatetimeError, match=r"start=datetime.datetime\(2024, 1, 2, 10, 0\) is naive"
    ):
        HOURS.add(dt.datetime(2024, 1, 2, 10, 0), dt.timedelta(hours=1))
    with pytest.raises(NaiveDatetimeError, match="at="):
        HOURS.is_open(dt.datetime(2024, 1, 2, 10, 0))
    with pytest.raises(WrongTypeError, match="not a datetime"):
        HOURS.add(dt.date(2024, 1, 2), dt.timedelta(hours=1))  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="duration="):
        HOURS.add(paris(2024, 1, 2, 10), 4)  # type: ignore[arg-type]
    with pytest.raises(OutOfRangeError, match="negative"):
        HOURS.add(paris(2024, 1, 2, 10), dt.timedelta(hours=-1))
    with pytest.raises(EndBeforeStartError, match="end="):
        HOURS.elapsed(paris(2024, 1, 2, 10), paris(2024, 1, 2, 9))
    with pytest.raises(EndBeforeStartError):
        HOURS.working_days_between(dt.date(2024, 1, 2), dt.date(2024, 1, 1))
    with pytest.raises(WrongTypeError, match="n="):
        HOURS.add_working_days(dt.date(2024, 1, 2), 1.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidScheduleError, match="overlap"):
        BusinessHours.weekly({0: [("09:00", "12:00"), ("11:00", "13:00")]})
    with pytest.raises(InvalidScheduleError, match="not a time of day"):
        BusinessHours.weekly({0: [("9h", "12:00")]})
    with pytest.raises(InvalidScheduleError, match="weekday=7"):
        BusinessHours.weekly({7: [("09:00", "12:00")]})
    with pytest.raises(InvalidScheduleError):
        Window.of("12:00", "09:00")
    with pytest.raises(InvalidArgumentError, match="zone="):
        BusinessHours.weekly({0: [("09:00", "12:00")]}, zone="Mars/Olympus")
    with pytest.raises(InvalidArgumentError, match="unit="):
        Delay(amount=1, unit="weeks")  # type: ignore[arg-type]
    with pytest.raises(OutOfRangeError, match="amount="):
        Delay.working_days(-1)
    with pytest.raises(InvalidArgumentError, match="is a Sat"):
        HOURS.day_close(dt.date(2025, 9, 6))
    with pytest.raises(OutOfRangeError):
        HOURS.add(paris(2024, 1, 2, 10), dt.timedelta(days=10**6))
    with pytest.raises(TermsError):
        BusinessHours.weekly({}, holidays=FRANCE).add(paris(2024, 1, 2, 10), dt.timedelta(hours=1))


# -- properties ------------------------------------------------------------------------------


@given(SCHEDULES, aware_datetimes(), durations())
def test_elapsed_inverts_add(
    schedule: BusinessHours, start: dt.datetime, duration: dt.timedelta
) -> None:
    assert schedule.elapsed(start, schedule.add(start, duration)) == duration


@given(aware_datetimes(), durations(), durations())
def test_add_is_additive(start: dt.datetime, a: dt.timedelta, b: dt.timedelta) -> None:
    assert HOURS.add(HOURS.add(start, a), b) == HOURS.add(start, a + b)


@given(aware_datetimes(), durations(), durations())
def test_add_is_monotonic_in_duration(start: dt.datetime, a: dt.timedelta, b: dt.timedelta) -> None:
    low, high = sorted((a, b))
    assert HOURS.add(start, low) <= HOURS.add(start, high)


@given(aware_datetimes(), st.integers(0, 10_000), durations())
def test_add_is_monotonic_in_start(start: dt.datetime, minutes: int, d: dt.timedelta) -> None:
    later = start + dt.timedelta(minutes=minutes)
    assert HOURS.add(start, d) <= HOURS.add(later, d)


@given(aware_datetimes(), durations().filter(bool))
def test_results_are_inside_a_window_or_on_its_closing(start: dt.datetime, d: dt.timedelta) -> None:
    due = HOURS.add(start, d)
    assert due.tzinfo == PARIS
    assert HOURS.is_open(due) or HOURS.is_open(due - dt.timedelta(minutes=1))
    assert HOURS.is_open(due - dt.timedelta(microseconds=1))


@given(SCHEDULES, aware_datetimes(max_value=dt.datetime(2060, 1, 1)), durations(max_hours=300))
def test_add_agrees_with_reference_walker(
    schedule: BusinessHours, start: dt.datetime, d: dt.timedelta
) -> None:
    assert schedule.add(start, d) == reference_add(schedule, start, d)


@given(SCHEDULES, aware_datetimes(), st.integers(0, 60 * 24 * 60))
def test_elapsed_agrees_with_reference_walker(
    schedule: BusinessHours, start: dt.datetime, minutes: int
) -> None:
    end = start + dt.timedelta(minutes=minutes)
    assert schedule.elapsed(start, end) == reference_elapsed(schedule, start, end)


@given(aware_datetimes())
def test_utc_and_paris_inputs_agree(start: dt.datetime) -> None:
    d = dt.timedelta(hours=13)
    assert HOURS.add(start.astimezone(dt.UTC), d) == HOURS.add(start.astimezone(PARIS), d)


@given(
    st.integers(2000, 2098), st.sampled_from([3, 10]), st.integers(0, 60 * 24 * 14), durations(200)
)
def test_weeks_with_dst_changes(year: int, month: int, minutes: int, d: dt.timedelta) -> None:
    start = paris(year, month, 20) + dt.timedelta(minutes=minutes)
    assert HOURS.add(start, d) == reference_add(HOURS, start, d)


@given(dates(), st.integers(-400, 400))
def test_working_days_round_trip(day: dt.date, n: int) -> None:
    result = HOURS.add_working_days(day, n)
    if n > 0:
        assert HOURS.is_working_day(result)
        assert HOURS.working_days_between(day, result) == n
    elif n < 0:
        assert HOURS.is_working_day(result)
        # |n| - 1 working days strictly between, plus the day itself when it is one
        assert HOURS.working_days_between(result, day) == -n - 1 + HOURS.is_working_day(day)
    else:
        assert result == day


@given(dates(), st.integers(0, 120))
def test_working_days_between_counts_like_a_walker(day: dt.date, span: int) -> None:
    end = day + dt.timedelta(days=span)
    walked = sum(HOURS.is_working_day(day + dt.timedelta(days=k)) for k in range(1, span + 1))
    assert HOURS.working_days_between(day, end) == walked
    walked_ouvrables = sum(
        HOURS.is_ouvrable_day(day + dt.timedelta(days=k)) for k in range(1, span + 1)
    )
    assert HOURS.ouvrable_days_between(day, end) == walked_ouvrables


@given(aware_datetimes())
def test_next_opening_is_open_and_nothing_opens_before(at: dt.datetime) -> None:
    opening = HOURS.next_opening(at)
    assert opening >= at
    assert HOURS.is_open(opening)
    assert HOURS.elapsed(at, opening) == dt.timedelta(0)


def test_wall_times_skipped_by_dst_come_back_as_real_instants() -> None:
    always = BusinessHours.weekly(
        {d: [("00:00", "24:00")] for d in range(7)}, holidays=ExplicitHolidays.of(())
    )
    # 01:30 + 1 h of wall-clock business time is 02:30, which does not exist on 2025-03-30.
    result = always.add(paris(2025, 3, 30, 1, 30), dt.timedelta(hours=1))
    assert result == paris(2025, 3, 30, 3, 30)
    assert result.utcoffset() == dt.timedelta(hours=2)
    assert always.day_close(dt.date(2025, 3, 30)) == paris(2025, 3, 31, 0, 0)


def test_the_edges_of_the_calendars() -> None:
    # FRANCE knows 1900–2200: questions near 2200 work, the margin years are optional.
    assert HOURS.add(paris(2200, 12, 29, 17, 0), dt.timedelta(hours=2)) == paris(
        2200, 12, 30, 10, 0
    )
    with pytest.raises(OutOfRangeError, match="2201"):
        HOURS.add(paris(2200, 12, 31, 17, 0), dt.timedelta(hours=8))
    # A calendar without holidays reaches year 9999, and stops there with a TermsError.
    late = dt.datetime(9999, 12, 30, 22, 0, tzinfo=dt.UTC)
    assert PORTAL.add(late, dt.timedelta(hours=1)) == dt.datetime(9999, 12, 31, 0, 0, tzinfo=PARIS)
    assert PORTAL.add(late, dt.timedelta(hours=2)) == dt.datetime(9999, 12, 31, 9, 0, tzinfo=PARIS)
    with pytest.raises(OutOfRangeError):
        PORTAL.add(late, dt.timedelta(hours=40))
    with pytest.raises(OutOfRangeError):
        PORTAL.add(late, dt.timedelta.max)


def test_presets_are_named_and_described() -> None:
    space = BusinessHours.production_customer_space()
    assert space.name == "espace client (§2.5.1)"
    assert space.describe() == (
        "Mon–Fri 09:00–18:00; holidays: France (metropole); zone: Europe/Paris"
    )
    assert HOURS.name == "PSG ComElus (§4.1)"
    assert PORTAL.name == "portail client (§4.1)"
    assert (
        PORTAL.describe() == "Mon–Sun 08:00–24:00; holidays: 0 explicit dates; zone: Europe/Paris"
    )
    odd = BusinessHours.weekly(
        {0: [("09:00", "12:00")], 2: [("09:00", "12:00")], 6: [("10:00", "11:00:30")]}
    )
    assert odd.describe() == (
        "Mon 09:00–12:00; Wed 09:00–12:00; Sun 10:00–11:00:30; holidays: France (metropole); "
        "zone: Europe/Paris"
    )
    assert BusinessHours.weekly({}).describe().startswith("never open;")
    with pytest.raises(InvalidScheduleError, match=r"has days of different lengths"):
        _ = odd.daily_business_time


def test_jupyter_shows_the_schedule_in_french() -> None:
    html = BusinessHours.comelus()._repr_html_()
    assert html == (
        "<p><strong>PSG ComElus (§4.1)</strong>\u00a0: lun.–ven. 09:00–12:00, 14:00–18:00\u00a0; "
        "jours fériés\u00a0: France métropolitaine\u00a0; fuseau\u00a0: Europe/Paris</p>"
    )
