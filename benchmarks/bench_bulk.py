"""Business time in bulk, the index cache and the first call (issue 15's benchmark).

Run alone with ``.venv/bin/python -m benchmarks bulk``. Every figure is a ratio or a time taken
in this run, on this machine; nothing is asserted (targets are printed beside the figures).

- ``add_many`` / ``elapsed_many`` over 100,000 tz-aware instants (a pandas ``DatetimeIndex``)
  against the scalar loop over the same instants, and against exchange_calendars' minute array
  with ``searchsorted`` on the same schedule (09–12 and 14–18 Monday–Friday as a session with a
  break, the same French holidays; minute resolution only, so it is a speed comparison);
- ``add_working_days_many`` against numpy ``busday_offset`` with a prebuilt ``busdaycalendar``;
- memory still held after 1,000 distinct schedules are built, used once and dropped;
- ``python -c "import libriciel_terms"`` against ``python -c "import attrs, dateutil"`` (and a
  bare interpreter), each in fresh processes;
- the first ``add`` in a fresh process, after the import;
- the availability report over 20,000 outages: the array path against the scalar path;
- scalar ``add`` / ``elapsed`` / ``due()`` now against the tree before issue 15 (commit
  :data:`BEFORE`, extracted with ``git archive`` and timed by the same script in the same run);
  without git, beside the figures measured then (2.6 µs and 1.9 µs);
- the slowest extreme inputs (a span of 10,000 years, a calendar closed for good).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from benchmarks import best_of
from libriciel_terms import FRANCE, BusinessHours, ExplicitHolidays, TermsError

PARIS = ZoneInfo("Europe/Paris")
N = 100_000
PREVIOUS = {
    "add +4 h": 2.6,
    "elapsed (17 days)": 1.9,
    "due() (table 4.3)": None,
}  # µs/op before issue 15, same benchmark


def _instants(n: int) -> pd.DatetimeIndex:
    rng = np.random.default_rng(2024)
    minutes = rng.integers(0, 3 * 365 * 24 * 60, n).astype("timedelta64[m]")
    utc = pd.DatetimeIndex(np.datetime64("2024-01-01T00:00", "us") + minutes).tz_localize("UTC")
    return utc.tz_convert("Europe/Paris")


def _exchange_calendar() -> object | None:
    try:
        from exchange_calendars.exchange_calendar import ExchangeCalendar
    except ImportError:
        return None
    holidays = [pd.Timestamp(d) for y in range(2023, 2032) for d in sorted(FRANCE.holidays(y))]

    class Psg(ExchangeCalendar):  # type: ignore[misc]
        name = "PSG"
        tz = PARIS
        open_times = ((None, dt.time(9)),)
        break_start_times = ((None, dt.time(12)),)
        break_end_times = ((None, dt.time(14)),)
        close_times = ((None, dt.time(18)),)

        @property
        def adhoc_holidays(self) -> list[pd.Timestamp]:
            return holidays

        @property
        def regular_holidays(self) -> None:
            return None

    return Psg(start="2023-06-01", end="2031-12-31")


def bulk() -> None:
    hours = BusinessHours.comelus()
    starts = _instants(N)
    ends = starts + pd.Timedelta(days=17, minutes=13)
    python_starts = list(starts.to_pydatetime())
    python_ends = list(ends.to_pydatetime())
    d = dt.timedelta(hours=36)
    hours.add_many(starts[:10], d)
    ours_add = best_of(lambda: hours.add_many(starts, d)) / N * 1e6
    loop_add = best_of(lambda: [hours.add(s, d) for s in python_starts], 1) / N * 1e6
    ours_elapsed = best_of(lambda: hours.elapsed_many(starts, ends)) / N * 1e6
    loop_elapsed = (
        best_of(
            lambda: [hours.elapsed(s, e) for s, e in zip(python_starts, python_ends, strict=True)],
            1,
        )
        / N
        * 1e6
    )
    print(f"{N:,} tz-aware instants (pandas DatetimeIndex, Europe/Paris), +36 h and 17-day spans")
    print(f"{'operation':<22}{'array µs/el':>12}{'loop µs/el':>12}{'ratio':>8}  target ≥ 15×")
    print(f"{'add_many':<22}{ours_add:12.3f}{loop_add:12.2f}{loop_add / ours_add:7.1f}×")
    print(
        f"{'elapsed_many':<22}{ours_elapsed:12.3f}{loop_elapsed:12.2f}{loop_elapsed / ours_elapsed:7.1f}×"
    )
    calendar = _exchange_calendar()
    if calendar is None:
        print("exchange_calendars not installed (the bench extra): comparison skipped")
        return
    index = calendar.minutes  # type: ignore[attr-defined]
    minutes = index.asi8
    start_ns, end_ns = starts.asi8, ends.asi8
    span = 36 * 60 - 1

    def pandas_add() -> object:  # the calendar's own objects: tz-aware in, tz-aware out
        at = index.searchsorted(starts)
        return (index[at + span] + pd.Timedelta(minutes=1)).tz_convert("Europe/Paris")

    def pandas_elapsed() -> object:
        return (index.searchsorted(ends) - index.searchsorted(starts)) * pd.Timedelta(minutes=1)

    def numpy_add() -> object:  # the bare int64 minute array: a lower bound
        return minutes[np.searchsorted(minutes, start_ns) + span] + 60_000_000_000

    def numpy_elapsed() -> object:
        return np.searchsorted(minutes, end_ns) - np.searchsorted(minutes, start_ns)

    print(f"exchange_calendars minute array ({len(minutes):,} minutes) with searchsorted, µs/el:")
    print(f"{'':<22}{'ours':>12}{'pandas':>12}{'bare int64':>12}")
    for label, ours, theirs, bare in (
        ("add", ours_add, best_of(pandas_add), best_of(numpy_add)),
        ("elapsed", ours_elapsed, best_of(pandas_elapsed), best_of(numpy_elapsed)),
    ):
        print(f"{label:<22}{ours:12.3f}{theirs / N * 1e6:12.3f}{bare / N * 1e6:12.3f}")
    print("  (theirs: minute resolution, no closing-boundary rule; 'pandas' uses the calendar's")
    print("   tz-aware DatetimeIndex in and out as ours does, 'bare int64' skips every conversion)")


def working_days() -> None:
    hours = BusinessHours.comelus()
    rng = np.random.default_rng(7)
    days = np.datetime64("2024-01-01") + rng.integers(0, 3 * 365, N).astype("timedelta64[D]")
    holidays = [np.datetime64(d) for y in range(2023, 2032) for d in sorted(FRANCE.holidays(y))]
    calendar = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    business = np.is_busday(days, busdaycal=calendar)
    days = days[business]  # busday_offset rolls other days first: compare on working days
    hours.add_working_days_many(days[:10], 5)
    ours = best_of(lambda: hours.add_working_days_many(days, 5)) / days.size * 1e6
    numpy_time = best_of(lambda: np.busday_offset(days, 5, busdaycal=calendar)) / days.size * 1e6
    same = bool(
        (
            hours.add_working_days_many(days, 5) == np.busday_offset(days, 5, busdaycal=calendar)
        ).all()
    )
    print(
        f"add_working_days_many on {days.size:,} working days, n=5: {ours:.3f} µs/el; "
        f"numpy busday_offset (prebuilt busdaycalendar): {numpy_time:.3f} µs/el; "
        f"ours/numpy = {ours / numpy_time:.2f} (target ≤ 1); same answers: {same}"
    )


def memory() -> None:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    start = dt.datetime(2025, 3, 3, 10, tzinfo=PARIS)
    for n in range(1000):
        schedule = BusinessHours.weekly(
            {d: [("09:00", f"{12 + n % 10:02d}:{n // 10 % 60:02d}")] for d in range(5)},
            holidays=ExplicitHolidays.of([dt.date(2025, 1, 1 + n % 28)]),
            name=f"schedule {n}",
        )
        schedule.add(start, dt.timedelta(hours=5))
        schedule.elapsed(start, start + dt.timedelta(days=30))
    del schedule
    gc.collect()
    held = (tracemalloc.get_traced_memory()[0] - before) / 2**20
    tracemalloc.stop()
    print(
        f"memory held after 1,000 distinct schedules built, used and dropped: {held:.2f} MiB "
        f"(target < 20 MiB)"
    )


def first_call() -> None:
    code = (
        "import time, datetime as dt\n"
        "from libriciel_terms import BusinessHours\n"
        "at, four = dt.datetime(2025, 3, 3, 10, tzinfo=dt.UTC), dt.timedelta(hours=4)\n"
        "t = time.perf_counter()\n"
        "own = BusinessHours.weekly({d: [('09:00', '12:00'), ('14:00', '18:00')] for d in range(5)})\n"
        "own.add(at, four)\n"
        "t1 = time.perf_counter()\n"
        "preset = BusinessHours.comelus()\n"
        "t2 = time.perf_counter()\n"
        "preset.add(at + dt.timedelta(days=400), four)\n"
        "t3 = time.perf_counter()\n"
        "print((t1 - t) * 1000, (t2 - t1) * 1000, (t3 - t2) * 1000)\n"
    )
    runs = [
        [
            float(x)
            for x in subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout.split()
        ]
        for _ in range(3)
    ]
    own, preset, add = (min(r[i] for r in runs) for i in range(3))
    print(
        f"first add in a fresh process, after the import: {own:.1f} ms on a schedule of one's own "
        f"(BusinessHours.weekly; target ≤ 20 ms); BusinessHours.comelus() the first time: "
        f"{preset:.1f} ms (it reads the bundled contract file), then its first add "
        f"{add:.1f} ms"
    )


#: The last commit before issue 15 (the compact index, the array operations, the lazy import).
BEFORE = "c211206^"
_SCALAR = """
import datetime as dt, random, sys, time
from zoneinfo import ZoneInfo
from libriciel_terms import BusinessHours
from libriciel_terms.sla import Priority, SlaPolicy, Target
paris = ZoneInfo("Europe/Paris")
rng = random.Random(2024)
origin = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
starts = [(origin + dt.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))).astimezone(paris)
          for _ in range(10_000)]
ends = [s + dt.timedelta(days=17, minutes=13) for s in starts]
keys = [(Priority(rng.randrange(4)), Target.TAKE_CHARGE if rng.random() < 0.5 else Target.RESOLUTION)
        for _ in starts]
hours, policy = BusinessHours.comelus(), SlaPolicy.comelus()
hours.add(starts[0], dt.timedelta(hours=10_000))
def best(fn):
    b = float("inf")
    for _ in range(5):
        t = time.perf_counter(); fn(); b = min(b, time.perf_counter() - t)
    return b / len(starts) * 1e6
four = dt.timedelta(hours=4)
print(best(lambda: [hours.add(s, four) for s in starts]),
      best(lambda: [hours.elapsed(s, e) for s, e in zip(starts, ends)]),
      best(lambda: [policy.due(p, t, s) for (p, t), s in zip(keys, starts)]))
"""


def _before_tree() -> Path | None:
    """The source tree of :data:`BEFORE`, extracted into a temporary folder (None without git)."""
    root = Path(__file__).resolve().parent.parent
    target = Path(tempfile.mkdtemp(prefix="libriciel-terms-before-"))
    try:
        archive = subprocess.run(
            ["git", "-C", str(root), "archive", BEFORE, "src"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return target / "src"


def _scalar_run(src: Path) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [sys.executable, "-c", _SCALAR], capture_output=True, text=True, check=True, env=env
    )
    return [float(x) for x in out.stdout.split()]


def scalar() -> None:
    labels = ("add +4 h", "elapsed (17 days)", "due() (table 4.3)")
    now_src = Path(__file__).resolve().parent.parent / "src"
    before_src = _before_tree()
    now = [min(v) for v in zip(*(_scalar_run(now_src) for _ in range(2)), strict=True)]
    if before_src is None:
        for label, per in zip(labels, now, strict=True):
            old = PREVIOUS.get(label)
            print(f"scalar {label:<18} {per:6.2f} µs/op (before issue 15: {old} µs/op, then)")
        return
    before = [float("inf")] * 3
    for _ in range(2):  # alternate, so that both trees see the same machine load
        before = [min(a, b) for a, b in zip(before, _scalar_run(before_src), strict=True)]
        now = [min(a, b) for a, b in zip(now, _scalar_run(now_src), strict=True)]
    shutil.rmtree(before_src.parent, ignore_errors=True)
    print(f"scalar, 10,000 calls each, µs/op: now against {BEFORE} (the same script, this run)")
    for label, a, b in zip(labels, now, before, strict=True):
        print(f"  {label:<20}{a:8.2f}{b:8.2f}   now/before = {a / b:.2f} (target ≤ 1)")


def import_time() -> None:
    def run(code: str, runs: int = 7) -> float:
        best = float("inf")
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            best = min(best, time.perf_counter() - start)
        return best * 1000

    bare = run("pass")
    base = run("import attrs, dateutil")
    ours = run("import libriciel_terms")
    hours = run("from libriciel_terms import BusinessHours")
    print(
        f"fresh processes, ms: bare {bare:.1f}; import attrs, dateutil {base:.1f}; "
        f"import libriciel_terms {ours:.1f} ({ours / base:.2f}×, target ≤ 3×); "
        f"from libriciel_terms import BusinessHours {hours:.1f} ({hours / base:.2f}×)"
    )


def availability_many() -> None:
    from libriciel_terms import downtime

    rng = np.random.default_rng(15)
    n = 20_000
    origin = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    minutes = rng.integers(0, 5 * 365 * 24 * 60, n).tolist()  # five years of monitoring
    lengths = rng.integers(1, 10, n).tolist()  # short outages, rarely overlapping
    outages = [
        (origin + dt.timedelta(minutes=m), origin + dt.timedelta(minutes=m + d))
        for m, d in zip(minutes, lengths, strict=True)
    ]
    period = (origin, dt.datetime(2029, 1, 1, tzinfo=dt.UTC))
    commitment = downtime.AvailabilityCommitment.comelus()
    bulk = best_of(lambda: commitment.report(*period, outages))
    saved = downtime.BULK_FROM
    downtime.BULK_FROM = n + 1
    try:
        scalar_time = best_of(lambda: commitment.report(*period, outages))
        same = commitment.report(*period, outages)
    finally:
        downtime.BULK_FROM = saved
    merged = len(commitment.report(*period, outages).counted)
    print(
        f"availability report over {n:,} outages ({merged:,} once merged): {bulk * 1000:.1f} ms (arrays) against "
        f"{scalar_time * 1000:.1f} ms (scalar path), {scalar_time / bulk:.1f}×; same report: "
        f"{same == commitment.report(*period, outages)}"
    )


def extremes() -> None:
    portal = BusinessHours.weekly(
        {d: [("08:00", "24:00")] for d in range(7)}, holidays=ExplicitHolidays.of(())
    )

    class Closed:
        def holidays(self, year: int) -> frozenset[dt.date]:
            first = dt.date(year, 1, 1)
            return frozenset(
                first + dt.timedelta(days=k)
                for k in range((dt.date(year, 12, 31) - first).days + 1)
            )

        def is_holiday(self, day: dt.date) -> bool:
            return True

    closed = BusinessHours.weekly({0: [("09:00", "12:00")]}, holidays=Closed())
    start = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
    cases: list[tuple[str, Callable[[], object]]] = [
        (
            "elapsed from year 1 to 9999 (portal)",
            lambda: portal.elapsed(start, dt.datetime(9999, 12, 30, tzinfo=dt.UTC)),
        ),
        ("add timedelta.max", lambda: portal.add(start, dt.timedelta.max)),
        (
            "add on a calendar closed for good",
            lambda: closed.add(dt.datetime(2025, 1, 6, tzinfo=PARIS), dt.timedelta(hours=1)),
        ),
        ("add_working_days(n=10**7)", lambda: portal.add_working_days(dt.date(2025, 1, 1), 10**7)),
    ]
    for label, call in cases:
        begin = time.perf_counter()
        try:
            call()
            outcome = "answered"
        except TermsError as exc:
            outcome = type(exc).__name__
        print(f"{label:<42} {time.perf_counter() - begin:7.3f} s  ({outcome}; every call ≤ 1 s)")


def main() -> None:
    bulk()
    working_days()
    memory()
    import_time()
    first_call()
    availability_many()
    scalar()
    extremes()


if __name__ == "__main__":
    main()
