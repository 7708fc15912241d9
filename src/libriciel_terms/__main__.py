"""``python -m libriciel_terms``: the ComElus 2024 term sheet."""

from __future__ import annotations

import datetime as dt
import sys
from zoneinfo import ZoneInfo

from libriciel_terms.hours import BusinessHours, Delay

PARIS = ZoneInfo("Europe/Paris")

SAMPLE_REPORTS = (
    dt.datetime(2024, 12, 20, 16, 30, tzinfo=PARIS),
    dt.datetime(2024, 5, 8, 10, 0, tzinfo=PARIS),
    dt.datetime(2025, 6, 2, 9, 0, tzinfo=PARIS),
    dt.datetime(2024, 10, 15, 12, 30, tzinfo=PARIS),
)


def main(argv: list[str] | None = None) -> int:
    """Print the term sheet; returns the process exit code."""
    del argv
    hours = BusinessHours.comelus()
    print("ComElus 2024 — Annemasse Agglo / Libriciel SCOP")
    print(f"Heures ouvrées (§4.1) : {hours.describe()}")
    print("Prise en charge d'un ticket Bloquant, 4 h ouvrées (tableau §4.3) :")
    for reported in SAMPLE_REPORTS:
        due = hours.deadline(reported, Delay.business_hours(4))
        print(f"  signalé {reported.isoformat()} -> {due.isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
