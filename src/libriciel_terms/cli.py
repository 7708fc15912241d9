"""The command line: ``libriciel-terms`` (or ``python -m libriciel_terms``).

Usage::

    libriciel-terms                                   # the ComElus 2024 term sheet
    libriciel-terms sheet [CONTRACT.toml] [--as-of DATE] [--json]
    libriciel-terms calendar [CONTRACT.toml …] [--from DATE] [--to DATE] [--party P] [--ics | --json]
    libriciel-terms sheet … --syntec FILE.csv --ecb FILE.csv  # index values and rates to add
    libriciel-terms check CONTRACT.toml
    libriciel-terms data [--syntec FILE.csv] [--ecb FILE.csv]   # the bundled values and gaps
    libriciel-terms revision [CONTRACT.toml] --anniversary DATE [--syntec FILE.csv]
    libriciel-terms interest [CONTRACT.toml] --amount TTC --received DATE --paid DATE [--ecb FILE.csv]
    libriciel-terms sla [CONTRACT.toml] TICKETS.csv [--as-of INSTANT] [--zone ZONE]
                    [--columns reported_at=Date de création,…] [--states FILE.csv]
                    [--outages FILE.csv] [--planned FILE.csv] [--by month|quarter|period]
                    [--missing unrecorded|breached|implied] [--format text|csv|json|html]
    libriciel-terms … --lang en                       # English instead of French

Several contract files make a portfolio. Without a contract file, the bundled ComElus 2024
contract is used. Dates are always arguments: nothing here reads the clock.

Exit status: 0 done; 1 a contract or data file is invalid, or a value is refused (the message
says which and how to fix it); 2 the command line itself is wrong; 3 the output could not be
written (the reader closed the pipe, the disk is full, or the terminal's encoding cannot show
the text). No traceback is ever printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import os
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from libriciel_terms import _text, _validate
from libriciel_terms._text import Lang, pick
from libriciel_terms.errors import TermsError

if TYPE_CHECKING:
    from libriciel_terms.compliance import ComplianceSummary
    from libriciel_terms.contract import Contract
    from libriciel_terms.tickets import Ticket, TicketReports

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_OUTPUT", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 3

_COMMANDS = ("sheet", "calendar", "check", "data", "revision", "interest", "sla")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO date such as 2026-11-26"
        ) from None


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang", choices=("fr", "en"), default="fr", help="language of the output (default fr)"
    )
    parser = argparse.ArgumentParser(
        prog="libriciel-terms",
        description="Contracts of the Libriciel convention de service as computed terms.",
        parents=[common],
    )
    commands = parser.add_subparsers(dest="command")
    sheet = commands.add_parser("sheet", parents=[common], help="a contract's term sheet")
    sheet.add_argument("contract", nargs="?", help="a contract file (default: ComElus 2024)")
    sheet.add_argument("--as-of", type=_date, help="start with what falls due from this date")
    sheet.add_argument("--json", action="store_true", help="JSON instead of text")
    _reference_options(sheet)
    calendar = commands.add_parser(
        "calendar", parents=[common], help="dated obligations of one or several contracts"
    )
    calendar.add_argument("contracts", nargs="*", help="contract files (a portfolio)")
    calendar.add_argument("--from", dest="start", type=_date, help="first day (default: start)")
    calendar.add_argument("--to", dest="end", type=_date, help="last day (default: the end)")
    calendar.add_argument("--party", choices=("acheteur", "titulaire"))
    output = calendar.add_mutually_exclusive_group()
    output.add_argument("--ics", action="store_true", help="iCalendar text")
    output.add_argument("--json", action="store_true", help="JSON")
    _reference_options(calendar)
    check = commands.add_parser("check", parents=[common], help="validate a contract file")
    check.add_argument("contract", help="a contract file")
    data = commands.add_parser("data", parents=[common], help="the bundled index values and rates")
    _reference_options(data)
    revision = commands.add_parser(
        "revision", parents=[common], help="the price revision at an anniversary (§1.11)"
    )
    revision.add_argument("contract", nargs="?", help="a contract file (default: ComElus 2024)")
    revision.add_argument("--anniversary", type=_date, required=True, help="the anniversary date")
    _reference_options(revision)
    interest = commands.add_parser(
        "interest", parents=[common], help="late-payment interest on one invoice (§1.8)"
    )
    interest.add_argument("contract", nargs="?", help="a contract file (default: ComElus 2024)")
    interest.add_argument("--amount", required=True, help="the amount paid late, TTC (e.g. 405.00)")
    interest.add_argument("--received", type=_date, required=True, help="invoice received on")
    interest.add_argument("--paid", type=_date, required=True, help="paid on")
    _reference_options(interest)
    _sla_parser(commands, common)
    return parser


def _sla_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    sla = commands.add_parser(
        "sla",
        parents=[common],
        help="SLA compliance of a ticket export (§4.3, §1.9)",
        description="Reads a UTF-8 CSV export (comma or semicolon), evaluates every ticket and "
        "prints the compliance summary, then one row per ticket and target.",
    )
    sla.add_argument(
        "files",
        nargs="+",
        metavar="[CONTRACT.toml] TICKETS.csv",
        help="a contract file (default: ComElus 2024), then the ticket export",
    )
    sla.add_argument(
        "--as-of",
        metavar="INSTANT",
        help="evaluate at this instant: 2025-01-01 (midnight), 2025-01-01T12:00 or with its "
        "offset (default: the latest instant in the files)",
    )
    sla.add_argument("--zone", help="the zone of times written without an offset (Europe/Paris)")
    sla.add_argument(
        "--columns", help="field=Column pairs, e.g. reported_at=Date de création,priority=Priorité"
    )
    sla.add_argument("--states", metavar="FILE.csv", help="state changes, one row per change")
    sla.add_argument("--state-columns", help="reference=…,at=…,state=… for --states")
    sla.add_argument("--outages", metavar="FILE.csv", help="outages, for the availability")
    sla.add_argument("--planned", metavar="FILE.csv", help="planned maintenance windows")
    sla.add_argument("--interval-columns", help="start=…,end=… for --outages and --planned")
    sla.add_argument("--policy", help="a policy of the contract (default: its default policy)")
    sla.add_argument("--by", choices=("month", "quarter", "period"), default="month")
    sla.add_argument(
        "--missing",
        choices=("unrecorded", "breached", "implied"),
        default="unrecorded",
        help="how an unrecorded event is read (default: unrecorded, never a breach)",
    )
    sla.add_argument("--format", choices=("text", "csv", "json", "html"), default="text")
    sla.add_argument(
        "--only",
        choices=("summary", "tickets"),
        help="one table (CSV holds one: the ticket rows unless --only summary)",
    )


def _reference_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--syntec", metavar="FILE.csv", help="Syntec index values to add")
    command.add_argument("--ecb", metavar="FILE.csv", help="ECB main refinancing rates to add")
    command.add_argument(
        "--on-conflict",
        choices=("raise", "keep", "replace"),
        default="raise",
        help="when a value contradicts a bundled one (default: refuse)",
    )


def _with_command(argv: Sequence[str]) -> list[str]:
    """``libriciel-terms`` and ``libriciel-terms --as-of …`` mean the ``sheet`` command."""
    words = list(argv)
    if any(word in _COMMANDS for word in words) or {"-h", "--help"} & set(words):
        return words
    return ["sheet", *words]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see the module docstring)."""
    args = _parser().parse_args(_with_command(sys.argv[1:] if argv is None else argv))
    lang: Lang = args.lang
    run = _RUNNERS[args.command]
    try:
        status, text = run(args, lang)
    except TermsError as exc:
        return _fail(pick(f"erreur{_text.NBSP}: {exc}", f"error: {exc}", lang))
    return _emit(text, status, lang)


def _fail(message: str, status: int = EXIT_INVALID, stream: TextIO | None = None) -> int:
    target = sys.stderr if stream is None else stream
    try:
        target.write(message.rstrip("\n") + "\n")
        target.flush()
    except (OSError, UnicodeEncodeError):
        os.write(2, message.encode("ascii", "backslashreplace") + b"\n")
    return status


def _emit(text: str, status: int, lang: Lang) -> int:
    """Write the whole output; a closed pipe, a full disk or a narrow encoding is one line."""
    try:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (… | head -1): point stdout at /dev/null so that the
        # interpreter's own flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return _fail(
            pick("sortie interrompue (tube fermé)", "output stopped (closed pipe)", lang),
            EXIT_OUTPUT,
        )
    except UnicodeEncodeError:
        encoding = getattr(sys.stdout, "encoding", "?")
        return _fail(
            pick(
                f"l'encodage de la sortie ({encoding}) ne peut pas écrire ce texte ; "
                f"utiliser PYTHONIOENCODING=utf-8",
                f"the output's encoding ({encoding}) cannot write this text; "
                f"set PYTHONIOENCODING=utf-8",
                lang,
            ),
            EXIT_OUTPUT,
        )
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        if exc.errno == errno.ENOSPC:
            reason = pick("disque plein", "disk full", lang)
        return _fail(
            pick(f"sortie impossible : {reason}", f"cannot write the output: {reason}", lang),
            EXIT_OUTPUT,
        )
    return status


# -- commands ------------------------------------------------------------------------------------

#: DTSTAMP of exported events: fixed, so that the same calendar always gives the same file.
_STAMP = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _contract(path: str | None, args: argparse.Namespace) -> Contract:
    if path is None:
        from libriciel_terms.comelus import COMELUS_2024

        contract = COMELUS_2024
    else:
        from libriciel_terms.files import load_contract

        contract = load_contract(path)
    return _with_reference_values(contract, args)


def _with_reference_values(contract: Contract, args: argparse.Namespace) -> Contract:
    syntec_path, ecb_path = getattr(args, "syntec", None), getattr(args, "ecb", None)
    if syntec_path is None and ecb_path is None:
        return contract
    from libriciel_terms.files import load_ecb_rates, load_syntec

    return contract.with_reference_values(
        syntec=None if syntec_path is None else load_syntec(syntec_path),
        ecb=None if ecb_path is None else load_ecb_rates(ecb_path),
        on_conflict=args.on_conflict,
    )


def _check(args: argparse.Namespace, lang: Lang) -> tuple[int, str]:
    contract = _contract(args.contract, args)
    term = contract.term
    lines = [
        pick(f"{args.contract} : contrat valide", f"{args.contract}: valid contract", lang),
        f"  {contract.name}",
        pick(
            f"  {len(term.periods)} période(s), du {_text.date_long(term.start, lang)} "
            f"au {_text.date_long(term.latest_end, lang)}",
            f"  {len(term.periods)} period(s), from {_text.date_long(term.start, lang)} "
            f"to {_text.date_long(term.latest_end, lang)}",
            lang,
        ),
        "",
        contract.readings().to_text(lang=lang),
    ]
    if contract.printed is not None:
        from libriciel_terms.consistency import check_consistency

        report = check_consistency(term, contract.prices, contract.printed)
        lines.extend(["", report.to_text(lang=lang)])
    return EXIT_OK, "\n".join(lines)


def _sheet(args: argparse.Namespace, lang: Lang) -> tuple[int, str]:
    sheet = _contract(args.contract, args).term_sheet(as_of=args.as_of)
    return EXIT_OK, sheet.to_json(lang=lang) if args.json else sheet.to_text(lang=lang)


def _calendar(args: argparse.Namespace, lang: Lang) -> tuple[int, str]:
    from libriciel_terms.portfolio import Portfolio

    paths = args.contracts or [None]
    portfolio = Portfolio([_contract(path, args) for path in paths])
    calendar = portfolio.obligations(args.start, args.end)
    if args.party:
        calendar = calendar.for_party(args.party)
    if args.ics:
        return EXIT_OK, calendar.to_ical(stamp=_STAMP, lang=lang)
    if args.json:
        data = [{k: _json(v) for k, v in record.items()} for record in calendar.to_records()]
        return EXIT_OK, json.dumps(data, ensure_ascii=False, indent=2)
    return EXIT_OK, calendar.to_text(lang=lang)


def _json(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    return value


def _data(args: argparse.Namespace, lang: Lang) -> tuple[int, str]:
    from libriciel_terms.reference_data import reference_data

    contract = _contract(None, args)
    report = reference_data(syntec=contract.revision.index, ecb_rates=contract.payment.ecb_rates)
    return EXIT_OK, report.to_text(lang=lang)


def _revision(args: argparse.Namespace, lang: Lang) -> tuple[int, str]:
    revision = _contract(args.contract, args).revision.revision(args.anniversary)
    return EXIT_OK, revision.to_text(lang=lang)


def _interest(args: argparse.Namespace, lang: Lang) -> tuple[int, str]:
    from libriciel_terms.claims import PaymentRequest

    contract = _contract(args.contract, args)
    amount = _validate.decimal("--amount", args.amount, what="amount", accept=(str,))
    request = PaymentRequest.paid_in_full(
        pick("facture", "invoice", lang), amount, received_on=args.received, paid_on=args.paid
    )
    claim = contract.payment.claim(request)
    return EXIT_OK, f"{claim.to_text(lang=lang)}\n\n{claim.explain(lang=lang)}"


# -- sla -----------------------------------------------------------------------------------------


def _sla(args: argparse.Namespace, lang: Lang) -> tuple[int, str]:
    """The compliance summary of a ticket export, then one row per ticket and target."""
    from libriciel_terms.compliance import compliance_summary
    from libriciel_terms.files import load_records
    from libriciel_terms.ticket_records import (
        intervals_from_records,
        parse_columns,
        state_changes_from_records,
        tickets_from_records,
    )

    if len(args.files) > 2:
        argparse.ArgumentParser(prog="libriciel-terms sla").error(
            f"{len(args.files)} files given; pass [CONTRACT.toml] TICKETS.csv"
        )
    *contract_path, tickets_path = args.files
    contract = _contract(contract_path[0] if contract_path else None, args)
    policy = contract.sla if args.policy is None else contract.policies[args.policy]
    zone = args.zone

    def columns(text: str | None) -> dict[str, str] | None:
        return None if text is None else parse_columns(text)

    history = None
    if args.states:
        history = _named(
            args.states,
            lambda: state_changes_from_records(
                load_records(args.states), columns=columns(args.state_columns), zone=zone
            ),
        )
    batch = _named(
        tickets_path,
        lambda: tickets_from_records(
            load_records(tickets_path), columns=columns(args.columns), zone=zone, history=history
        ),
    )
    at = _as_of(args.as_of, zone or policy.hours.zone.key, batch.tickets)
    reports = policy.evaluate_many(batch, at=at, missing=args.missing)

    def intervals(path: str | None) -> Any:
        if path is None:
            return ()
        return _named(
            path,
            lambda: intervals_from_records(
                load_records(path), columns=columns(args.interval_columns), zone=zone
            ),
        )

    summary = compliance_summary(
        reports,
        by=args.by,
        periods=[(p.start, p.end) for p in contract.term.periods] if args.by == "period" else None,
        commitment=contract.availability if args.outages or args.planned else None,
        outages=intervals(args.outages),
        planned=intervals(args.planned),
    )
    return EXIT_OK, _sla_output(summary, reports, args.format, args.only, lang)


#: The fixes the Python API suggests, as written on the command line.
_CLI_FIXES = (('pass zone="Europe/Paris"', "pass --zone Europe/Paris"),)


def _named(path: str, read: Callable[[], Any]) -> Any:
    """``read()``, its bad rows reported under the file's name, their fixes in the words of the
    command line (``--zone``, not ``zone=``)."""
    import attrs

    from libriciel_terms.errors import RecordsError

    try:
        return read()
    except RecordsError as exc:
        problems = []
        for problem in exc.problems:
            fix = problem.fix
            for python, command_line in _CLI_FIXES:
                fix = fix.replace(python, command_line)
            problems.append(attrs.evolve(problem, fix=fix))
        raise RecordsError(path, problems) from None


def _as_of(text: str | None, zone: str, tickets: Sequence[Ticket]) -> dt.datetime:
    """``--as-of`` as an instant (a date is its midnight; no offset: ``zone``), or the latest
    instant the tickets record (never the clock)."""
    from zoneinfo import ZoneInfo

    from libriciel_terms._dates import localize
    from libriciel_terms.errors import InvalidArgumentError

    if text is None:
        instants = [
            at
            for t in tickets
            for at in (
                t.reported_at,
                t.taken_charge_at,
                t.workaround_at,
                t.confirmed_at,
                t.resolved_at,
                t.closed_at,
                *(c.at for c in t.history),
                *(r.at for r in t.requalifications),
            )
            if at is not None
        ]
        if not instants:
            raise InvalidArgumentError(
                "the export holds no ticket; pass --as-of or a non-empty file"
            )
        return max(instants, key=_validate.utc)
    try:
        parsed = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidArgumentError(
            f"--as-of {text!r} is not an ISO date or instant; write e.g. 2025-01-01 or "
            f"2025-01-01T12:00+01:00"
        ) from None
    if parsed.tzinfo is None:
        parsed = localize(parsed, ZoneInfo(zone))
    return parsed


def _sla_output(
    summary: ComplianceSummary, reports: TicketReports, form: str, only: str | None, lang: Lang
) -> str:
    from libriciel_terms.ticket_records import records_to_csv_text, records_to_json_text

    show_summary, show_tickets = only != "tickets", only != "summary"
    if form == "csv":
        chosen = summary if only == "summary" else reports
        return records_to_csv_text(chosen.to_records())
    if form == "json":
        data: dict[str, Any] = {}
        if show_summary:
            data["summary"] = json.loads(records_to_json_text(summary.to_records()))
            data["availability"] = json.loads(records_to_json_text(summary.availability_records()))
        if show_tickets:
            data["tickets"] = json.loads(records_to_json_text(reports.to_records()))
        return json.dumps(data, ensure_ascii=False, indent=2)
    parts = [
        r.to_html(lang=lang) if form == "html" else r.to_text(lang=lang)
        for r, shown in ((summary, show_summary), (reports, show_tickets))
        if shown
    ]
    return ("\n" if form == "html" else "\n\n").join(parts)


_RUNNERS: dict[str, Callable[[argparse.Namespace, Lang], tuple[int, str]]] = {
    "sheet": _sheet,
    "calendar": _calendar,
    "check": _check,
    "data": _data,
    "revision": _revision,
    "interest": _interest,
    "sla": _sla,
}
