"""Business-time arithmetic against pandas' ``CustomBusinessHour`` (issue 2's benchmark).

Both sides get the same 10 000 random aware starts (2024–2026, Europe/Paris), the windows
09–12 and 14–18 Monday–Friday and the same French holidays. Printed: µs per operation for
+4 h, +36 h, +5000 h and ``elapsed``, pandas' time, and the ratio. pandas is measured on a
sample (it is slow) and scaled per operation.

Note the conventions differ at closing boundaries: pandas rolls a result that lands exactly on
a closing time to the next opening (09:00 + 3 h gives 14:00), libriciel-terms keeps it (12:00).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

from libriciel_terms import FRANCE, BusinessHours

PARIS = ZoneInfo("Europe/Paris")
N = 10_000
PANDAS_SAMPLE = 300


def _starts(n: int, seed: int = 2024) -> list[dt.datetime]:
    rng = random.Random(seed)
    origin = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    span = 3 * 365 * 24 * 60
    return [
        (origin + dt.timedelta(minutes=rng.randrange(span))).astimezone(PARIS) for _ in range(n)
    ]


def _per_op(fn: Callable[[], object], count: int, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best / count * 1e6


def main() -> None:
    hours = BusinessHours.comelus()
    starts = _starts(N)
    ends = [s + dt.timedelta(days=17, minutes=13) for s in starts]
    hours.add(starts[0], dt.timedelta(hours=10_000))  # warm the cumulative index once
    rows: list[tuple[str, float, float | None]] = []
    for label, delta in (
        ("add +4 h", dt.timedelta(hours=4)),
        ("add +36 h", dt.timedelta(hours=36)),
        ("add +5000 h", dt.timedelta(hours=5000)),
    ):
        ours = _per_op(lambda d=delta: [hours.add(s, d) for s in starts], N)
        rows.append((label, ours, None))
    ours_elapsed = _per_op(
        lambda: [hours.elapsed(s, e) for s, e in zip(starts, ends, strict=True)], N
    )
    rows.append(("elapsed (17 days)", ours_elapsed, None))

    try:
        import pandas as pd
    except ImportError:
        pd = None
    if pd is not None:
        holidays = sorted(d for y in range(2023, 2030) for d in FRANCE.holidays(y))
        sample = [pd.Timestamp(s) for s in starts[:PANDAS_SAMPLE]]
        results = []
        for _label, hours_n in (("add +4 h", 4), ("add +36 h", 36), ("add +5000 h", 5000)):
            offset = pd.offsets.CustomBusinessHour(
                n=hours_n, start=["09:00", "14:00"], end=["12:00", "18:00"], holidays=holidays
            )
            results.append(
                _per_op(lambda o=offset: [s + o for s in sample], PANDAS_SAMPLE, repeat=1)
            )
        # pandas has no business-time "elapsed": the closest is counting business hours over a
        # range; we time the usual idiom (business hours via a per-minute date_range mask is far
        # slower), so the figure is a lower bound for pandas.
        one = pd.offsets.CustomBusinessHour(
            n=1, start=["09:00", "14:00"], end=["12:00", "18:00"], holidays=holidays
        )

        def pandas_elapsed() -> None:
            for s, e in zip(sample[:50], ends[:50], strict=True):
                rng = pd.date_range(s, pd.Timestamp(e), freq=one)
                _ = len(rng)

        results.append(_per_op(pandas_elapsed, 50, repeat=1))
        rows = [
            (label, ours, theirs) for (label, ours, _), theirs in zip(rows, results, strict=True)
        ]

    print(f"{'operation':<20}{'libriciel µs/op':>18}{'pandas µs/op':>16}{'ratio':>10}")
    for label, ours, theirs in rows:
        ratio = f"{theirs / ours:9.0f}×" if theirs else "n/a"
        pandas_text = f"{theirs:16.1f}" if theirs else f"{'n/a':>16}"
        print(f"{label:<20}{ours:18.2f}{pandas_text}{ratio:>10}")
    add4 = rows[0][1]
    add5000 = rows[2][1]
    print(f"add(+5000 h) / add(+4 h) = {add5000 / add4:.2f} (target ≤ 1.5)")
