"""``python -m libriciel_terms``: the ComElus 2024 term sheet and its obligations calendar.

Usage::

    python -m libriciel_terms                      # the term sheet
    python -m libriciel_terms --as-of 2026-11-26   # ... starting with what falls due next
    python -m libriciel_terms --json               # the same content as JSON
    python -m libriciel_terms calendar --from 2026-01-01 --to 2026-12-31 [--party acheteur] [--ics]

The date is always an argument: nothing here reads the clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from libriciel_terms.errors import TermsError
from libriciel_terms.obligations import obligations_calendar
from libriciel_terms.termsheet import obligations_section, term_sheet


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO date such as 2026-11-26"
        ) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m libriciel_terms",
        description="The ComElus 2024 contract (Annemasse Agglo / Libriciel SCOP) as computed terms.",
    )
    parser.add_argument("--as-of", type=_date, help="start with what falls due from this date")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    commands = parser.add_subparsers(dest="command")
    calendar = commands.add_parser("calendar", help="the contract's dated obligations")
    calendar.add_argument("--from", dest="start", type=_date, default=dt.date(2024, 9, 1))
    calendar.add_argument("--to", dest="end", type=_date, default=dt.date(2031, 12, 31))
    calendar.add_argument("--party", choices=("acheteur", "titulaire"))
    calendar.add_argument("--ics", action="store_true", help="print iCalendar text")
    calendar.add_argument("--json", dest="calendar_json", action="store_true", help="print JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "calendar":
            return _calendar(args)
        sheet = term_sheet(as_of=args.as_of)
        print(sheet.to_json() if args.json else sheet.to_text())
    except TermsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _calendar(args: argparse.Namespace) -> int:
    calendar = obligations_calendar().between(args.start, args.end)
    if args.party:
        calendar = calendar.for_party(args.party)
    if args.ics:
        sys.stdout.write(calendar.to_ical())
        return 0
    section = obligations_section(
        calendar, key="calendar", title=f"Obligations du {args.start} au {args.end}"
    )
    if args.calendar_json or args.json:
        import json

        print(json.dumps(section.to_data(), ensure_ascii=False, indent=2))
    else:
        print(section.to_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
