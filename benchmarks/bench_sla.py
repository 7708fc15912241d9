"""SLA engine speed: ``due()`` and evaluating 100 000 tickets (``make bench``).

Run alone with ``.venv/bin/python -m benchmarks sla``. Nothing here is asserted: speed depends on
the machine and its load; the numbers are printed for the record, each the best of a few runs,
and compared as ratios measured in the same run.

The tickets are synthetic: 100 000 of them over two years, priorities mixed, a third with a
freezing episode (§5.2.4.1), every event recorded. The comparisons the issue asks for, measured
in the same run: ``evaluate_many`` against a plain loop of ``evaluate`` (at least 5× faster), and
per ticket against computing its three ``due()`` instants alone, the freezes given (no more than
twice). ``evaluate_many`` computes every due instant, status and business duration over arrays
(numpy, the ``fast`` extra), and assembles a ticket's report objects (and their explanations) only
when one is read: what a user reads of them all, ``to_records()`` and ``compliance_summary()``,
comes from the arrays; both are compared with the same done over a loop of ``evaluate``.

As :mod:`timeit` does, the garbage collector is off while a run is timed: 100 000 reports held
at once make Python's cyclic collector traverse them again and again, a cost of the interpreter
that the loop of ``due()`` calls, which keeps nothing, never pays. The figure with the collector
on is printed too.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

from libriciel_terms.compliance import compliance_summary
from libriciel_terms.sla import Priority, SlaPolicy, Target
from libriciel_terms.states import TicketState
from libriciel_terms.tickets import StateChange, Ticket, evaluate

PARIS = ZoneInfo("Europe/Paris")
TICKETS = 100_000
SEED = 20240901
REPEAT = 3


def _plus(at: dt.datetime, minutes: int) -> dt.datetime:
    """``minutes`` of elapsed time later (aware + timedelta is wall-clock arithmetic)."""
    return (at.astimezone(dt.UTC) + dt.timedelta(minutes=minutes)).astimezone(PARIS)


def tickets(n: int, rng: random.Random) -> list[Ticket]:
    """``n`` tickets over two years from 2024-09-01; every third one frozen once."""
    base = dt.datetime(2024, 9, 1, tzinfo=PARIS)
    freezing = [s for s in TicketState if s.freezes]
    result = []
    for i in range(n):
        reported = _plus(base, rng.randrange(0, 2 * 365 * 24 * 60))
        history: list[StateChange] = []
        cursor = reported
        if i % 3 == 0:
            start = _plus(cursor, rng.randrange(30, 3 * 24 * 60))
            end = _plus(start, rng.randrange(30, 2 * 24 * 60))
            history = [
                StateChange(at=start, state=rng.choice(freezing)),
                StateChange(at=end, state=TicketState.RETOUR_INFORMATION_CLIENT),
            ]
            cursor = end
        taken = _plus(reported, rng.randrange(10, 600))
        result.append(
            Ticket(
                reference=f"T-{i}",
                reported_at=reported,
                priority=Priority(rng.randrange(4)),
                history=history,
                taken_charge_at=taken,
                workaround_at=_plus(taken, rng.randrange(10, 3000)),
                resolved_at=_plus(cursor, rng.randrange(10, 20_000)),
            )
        )
    return result


def best(label: str, n: int, run: Callable[[], object], *, collect: bool = False) -> float:
    """The best of ``REPEAT`` runs, in µs per item, printed; the collector off unless ``collect``."""
    times = []
    for _ in range(REPEAT):
        gc.collect()
        if not collect:
            gc.disable()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        gc.enable()
    per = min(times) / n * 1e6
    print(f"{label:<60} {per:8.2f} µs  ({n} in {min(times):.2f} s, best of {REPEAT})")
    return per


def main() -> None:
    rng = random.Random(SEED)
    policy = SlaPolicy.comelus()
    sample = tickets(TICKETS, rng)
    at = dt.datetime(2027, 1, 1, tzinfo=PARIS)
    policy.evaluate_many(sample[:1000], at=at)  # build the business-time index once
    gc.collect()
    gc.freeze()  # the 100 000 tickets are not the benchmark's garbage

    calls = [(t.priority, t.reported_at, t.freezes(at)) for t in sample]

    def due_no_freeze() -> None:
        for priority, reported, _ in calls:
            policy.due(priority, Target.RESOLUTION, reported)

    def due_three_targets() -> None:
        for priority, reported, frozen in calls:
            for target in (Target.TAKE_CHARGE, Target.WORKAROUND, Target.RESOLUTION):
                policy.due(priority, target, reported, frozen=frozen)

    def evaluate_all() -> None:
        policy.evaluate_many(sample, at=at)

    def evaluate_loop() -> None:
        [evaluate(policy, ticket, at=at) for ticket in sample]

    def evaluate_and_read() -> None:
        policy.evaluate_many(sample, at=at).to_records()

    def loop_and_read() -> None:
        [r for t in sample for r in evaluate(policy, t, at=at).to_records()]

    def summary_bulk() -> None:
        compliance_summary(policy.evaluate_many(sample, at=at))

    def summary_loop() -> None:
        compliance_summary([evaluate(policy, t, at=at) for t in sample])

    print(f"SLA engine, {TICKETS} tickets, priorities mixed, a third frozen once (table 4.3)")
    best("due(RESOLUTION), no freeze", TICKETS, due_no_freeze)
    three = best(
        "due() of its three targets, freezes given (per ticket)", TICKETS, due_three_targets
    )
    loop = best(
        "a loop of evaluate(): full report, every target (per ticket)", TICKETS, evaluate_loop
    )
    full = best(
        "evaluate_many(): every due instant, reports when read (per ticket)", TICKETS, evaluate_all
    )
    best("evaluate_many(), the collector on (per ticket)", TICKETS, evaluate_all, collect=True)
    read_loop = best(
        "a loop of evaluate().to_records(): every record (per ticket)", TICKETS, loop_and_read
    )
    read = best(
        "evaluate_many().to_records(): every record (per ticket)", TICKETS, evaluate_and_read
    )
    best(
        "evaluate_many().to_records(), the collector on (per ticket)",
        TICKETS,
        evaluate_and_read,
        collect=True,
    )
    summary_of_loop = best(
        "compliance_summary() of a loop of evaluate() (per ticket)", TICKETS, summary_loop
    )
    summary = best("compliance_summary(evaluate_many()) (per ticket)", TICKETS, summary_bulk)
    gc.unfreeze()
    print(f"a loop of evaluate() / evaluate_many(): {loop / full:.1f}× (target: at least 5×)")
    print(
        f"evaluate_many per ticket / its three due() alone: {full / three:.2f} "
        f"(target: no more than 2)"
    )
    print(
        f"records: a loop of evaluate().to_records() / evaluate_many().to_records(): "
        f"{read_loop / read:.1f}× (target: at least 5×)"
    )
    print(
        f"evaluate_many().to_records() per ticket / its three due() alone: {read / three:.2f} "
        f"(target: no more than 2)"
    )
    print(
        f"summary: of a loop of evaluate() / of evaluate_many(): {summary_of_loop / summary:.1f}× "
        f"(target: at least 5×)"
    )
    print(
        f"compliance_summary(evaluate_many()) per ticket / its three due() alone: "
        f"{summary / three:.2f} (target: no more than 2)"
    )


if __name__ == "__main__":
    main()
