"""Generate ``src/libriciel_terms/data/rates.py`` from the reference rate tables.

Reads ``ecb_mro.csv`` (ECB main refinancing operations rate, one row per change) and
``taux_legal.csv`` (French legal interest rate, one row per half-year) from the reference
directory and writes them as Python literals, with each row's source, the files' SHA-256 and
an ``AS_OF`` date, so that no rule reads a file at run time (CONTRIBUTING.md, "Bundled data").

Usage (from the repository root)::

    .venv/bin/python scripts/generate_rates.py [REFERENCE_DIR] [--as-of YYYY-MM-DD]

``REFERENCE_DIR`` defaults to ``../shared/reference`` relative to the repository root.

``--as-of`` is the date through which the ECB table is known to be complete: the CSV lists
changes only, so its last row cannot say until when "no change" was checked. The default is
the date of the last ECB meeting the reference note (``late-payment.md`` §3.1) checked,
5 February 2026 ("unchanged at the meetings up to and including 5 Feb 2026"). Raise it only
after checking the ECB's decisions up to the new date, and add their rows to the CSV.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "libriciel_terms" / "data" / "rates.py"
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
DEFAULT_AS_OF = dt.date(2026, 2, 5)

_SEMESTER = re.compile(r"^(\d{4})-S([12])$")


class DataError(Exception):
    """A reference file is malformed; the message names the file, the row and the problem."""


def _rate(text: str, where: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise DataError(f"{where}: rate {text!r} is not a decimal number") from None
    if not value.is_finite() or value < 0:
        raise DataError(f"{where}: rate {text!r} must be a finite, non-negative number")
    return value


def _rows(path: Path, header: list[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != header:
            raise DataError(f"{path.name}: header {reader.fieldnames} is not {header}")
        rows = list(reader)
    if not rows:
        raise DataError(f"{path.name}: no rows")
    return rows


def read_ecb(path: Path) -> list[tuple[dt.date, Decimal, str]]:
    """(effective date, rate in percent, source) rows, strictly increasing dates."""
    result: list[tuple[dt.date, Decimal, str]] = []
    for number, row in enumerate(
        _rows(path, ["effective_date", "rate_percent", "source"]), start=2
    ):
        where = f"{path.name} line {number}"
        try:
            effective = dt.date.fromisoformat(row["effective_date"])
        except ValueError:
            raise DataError(f"{where}: {row['effective_date']!r} is not a date") from None
        if result and effective <= result[-1][0]:
            raise DataError(f"{where}: {effective} does not follow {result[-1][0]}")
        result.append((effective, _rate(row["rate_percent"], where), row["source"].strip()))
    return result


def read_legal(path: Path) -> list[tuple[dt.date, Decimal, Decimal, str]]:
    """(first day of the half-year, rate for individuals, rate for all other cases, source)."""
    result: list[tuple[dt.date, Decimal, Decimal, str]] = []
    for number, row in enumerate(
        _rows(path, ["semester", "rate_particuliers", "rate_autres", "source"]), start=2
    ):
        where = f"{path.name} line {number}"
        match = _SEMESTER.match(row["semester"].strip())
        if match is None:
            raise DataError(f"{where}: {row['semester']!r} is not a half-year like 2025-S1")
        starts = dt.date(int(match[1]), 1 if match[2] == "1" else 7, 1)
        if result:
            previous = result[-1][0]
            expected = (
                dt.date(previous.year, 7, 1)
                if previous.month == 1
                else dt.date(previous.year + 1, 1, 1)
            )
            if starts != expected:
                raise DataError(f"{where}: {row['semester']} does not follow the previous row")
        result.append(
            (
                starts,
                _rate(row["rate_particuliers"], where),
                _rate(row["rate_autres"], where),
                row["source"].strip(),
            )
        )
    return result


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _date(day: dt.date) -> str:
    return f"dt.date({day.year}, {day.month}, {day.day})"


def _str(text: str) -> str:
    # Double quotes, as ruff format writes them, so the output is already formatted.
    if '"' in text or "\\" in text or "\n" in text:
        return repr(text)
    return f'"{text}"'


def _row(*items: str) -> list[str]:
    return ["    (", *(f"        {item}," for item in items), "    ),"]


def render(reference: Path, as_of: dt.date) -> str:
    """The text of the data module."""
    ecb_path, legal_path = reference / "ecb_mro.csv", reference / "taux_legal.csv"
    ecb, legal = read_ecb(ecb_path), read_legal(legal_path)
    if as_of < ecb[-1][0]:
        raise DataError(f"--as-of {as_of} precedes the last ECB row ({ecb[-1][0]})")
    last_start = legal[-1][0]
    legal_known_through = (
        dt.date(last_start.year, 6, 30)
        if last_start.month == 1
        else dt.date(last_start.year, 12, 31)
    )
    lines = [
        '"""Bundled rate tables for late-payment interest (GENERATED: do not edit by hand).',
        "",
        "Generated by ``scripts/generate_rates.py`` from the reference tables (research note",
        "``late-payment.md`` §3 and §4, which cites every source):",
        "",
        f"- ``ecb_mro.csv`` sha256 {_sha256(ecb_path)}",
        f"- ``taux_legal.csv`` sha256 {_sha256(legal_path)}",
        "",
        "Regenerate after adding rows to the CSVs: ``python scripts/generate_rates.py``.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "import datetime as dt",
        "from decimal import Decimal",
        "",
        "#: The date the tables were last checked against their sources.",
        f"AS_OF = {_date(as_of)}",
        "",
        "#: Where the ECB rows come from, as a whole (each row also carries its own source).",
        "ECB_MRO_SOURCES = (",
        '    "Banque de France policy-rates table; ECB key-rates page mirror (sdw.zentral-bank.eu); "',
        '    "Bank of Slovenia ECB interest-rates table (bsi.si); press reports for decisions after "',
        '    "April 2025 (reference note late-payment.md §3.1)"',
        ")",
        "",
        "#: The ECB main refinancing operations rate is known for every day up to this date.",
        f"ECB_MRO_KNOWN_THROUGH = {_date(as_of)}",
        "",
        "#: (date of effect, rate in percent, source): one row per change of the MRO rate.",
        "ECB_MRO_ROWS: tuple[tuple[dt.date, Decimal, str], ...] = (",
    ]
    for day, rate, source in ecb:
        lines += _row(_date(day), f'Decimal("{rate}")', _str(source))
    lines += [
        ")",
        "",
        "#: Where the legal-rate rows come from, as a whole (each row also carries its arrêté).",
        "LEGAL_RATE_SOURCES = (",
        '    "Arrêtés of the Minister for the Economy under art. L313-2 Code monétaire et financier; "',
        '    "Trésor table (tresor.economie.gouv.fr) to 2020-S1 (reference note late-payment.md §4)"',
        ")",
        "",
        "#: The legal interest rate is known for every half-year up to this date.",
        f"LEGAL_RATE_KNOWN_THROUGH = {_date(legal_known_through)}",
        "",
        "#: (first day of the half-year, rate for a creditor who is an individual not acting for",
        "#: professional needs, rate for all other cases, source), in percent.",
        "LEGAL_RATE_ROWS: tuple[tuple[dt.date, Decimal, Decimal, str], ...] = (",
    ]
    for day, individuals, others, source in legal:
        lines += _row(_date(day), f'Decimal("{individuals}")', f'Decimal("{others}")', _str(source))
    lines += [")", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("reference", nargs="?", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=DEFAULT_AS_OF)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        text = render(args.reference, args.as_of)
    except (DataError, OSError) as error:
        print(f"generate_rates: {error}", file=sys.stderr)
        return 1
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
