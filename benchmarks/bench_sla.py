"""SLA engine speed: ``due()`` with a freeze, and evaluating 100 000 tickets (``make bench``).

Run alone with ``.venv/bin/python -m benchmarks sla``. Nothing here is asserted: speed depends on
the machine; the numbers are printed for the record.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

from libriciel_terms.sla import Priority, SlaPolicy, StateChange, Target, Ticket, TicketState

PARIS = ZoneInfo("Europe/Paris")
TICKETS = 100_000
SEED = 20240901


def _tickets(n: int, rng: random.Random) -> list[Ticket]:
    base = dt.datetime(2024, 9, 1, tzinfo=PARIS)
    freezing = [s for s in TicketState if s.freezes]
    result = []
    for i in range(n):
        reported = base + dt.timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60))
        history = []
        cursor = reported
        for _ in range(rng.choice((1, 2))):
            start = cursor + dt.timedelta(minutes=rng.randrange(30, 3 * 24 * 60))
            end = start + dt.timedelta(minutes=rng.randrange(30, 2 * 24 * 60))
            history.append(StateChange(at=start, state=rng.choice(freezing)))
            history.append(StateChange(at=end, state=TicketState.RETOUR_INFORMATION_CLIENT))
            cursor = end
        taken = reported + dt.timedelta(minutes=rng.randrange(10, 600))
        result.append(
            Ticket(
                reference=f"T-{i}",
                reported_at=reported,
                priority=Priority(rng.randrange(4)),
                history=history,
                taken_charge_at=taken,
                workaround_at=taken + dt.timedelta(minutes=rng.randrange(10, 3000)),
                resolved_at=cursor + dt.timedelta(minutes=rng.randrange(10, 20_000)),
            )
        )
    return result


def _time(label: str, n: int, run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    per = elapsed / n * 1e6
    print(f"{label:<58} {per:8.2f} µs  ({n} in {elapsed:.2f} s)")
    return per


def main() -> None:
    rng = random.Random(SEED)
    policy = SlaPolicy.comelus()
    tickets = _tickets(TICKETS, rng)
    at = dt.datetime(2027, 1, 1, tzinfo=PARIS)
    policy.evaluate(tickets[0], at=at)  # build the business-time index once

    freezes = [t.freezes(at) for t in tickets]
    calls = [(t.priority, t.reported_at, list(f)) for t, f in zip(tickets, freezes, strict=True)]
    one = [(p, r, f[:1]) for p, r, f in calls]

    def due_one_freeze() -> None:
        for priority, reported, frozen in one:
            policy.due(priority, Target.RESOLUTION, reported, frozen=frozen)

    def due_no_freeze() -> None:
        for priority, reported, _ in calls:
            policy.due(priority, Target.RESOLUTION, reported)

    def due_all_targets() -> None:
        for priority, reported, frozen in calls:
            for target in (Target.TAKE_CHARGE, Target.WORKAROUND, Target.RESOLUTION):
                policy.due(priority, target, reported, frozen=frozen)

    def evaluate_all() -> None:
        policy.evaluate_many(tickets, at=at)

    print(f"SLA engine, {TICKETS} tickets with one or two freezes (table 4.3)")
    _time("due(RESOLUTION), no freeze", TICKETS, due_no_freeze)
    per = _time("due(RESOLUTION), one freeze  [target ≤ 10 µs]", TICKETS, due_one_freeze)
    _time("due() for every target, all freezes (per ticket)", TICKETS, due_all_targets)
    _time("evaluate_many(): full report, every target (per ticket)", TICKETS, evaluate_all)
    verdict = "met" if per <= 10 else f"missed by {per - 10:.1f} µs ({per / 10 - 1:.0%})"
    print(f"due() with a freeze: {per:.2f} µs — 10 µs target {verdict}")


if __name__ == "__main__":
    main()
