"""Generate the bundled rate tables: ``data/ecb_mro.csv`` and ``data/legal_rate.csv`` → ``data/rates.py``.

Usage (from the repository root)::

    .venv/bin/python scripts/generate_rates.py [--known-through YYYY-MM-DD] [--as-of YYYY-MM-DD]
    .venv/bin/python scripts/generate_rates.py --import-reference DIR

The single sources of the bundled rates are two CSV files beside the generated module, written
in the format of a user's file (``docs/reference-files.md``):

- ``ecb_mro.csv``: ``effective_from,rate_percent,source``, one row per change of the ECB main
  refinancing operations rate;
- ``legal_rate.csv``: ``half_year,creditor,rate_percent,source``, the French legal interest
  rate of each half-year for both kinds of creditor (``other_cases``, ``individuals``).

This script reads them with the library's own parser, :meth:`RateTable.from_csv_text` — the
checks a user's file goes through — and writes their rows as Python literals in
``data/rates.py``, so that no file is read when the package is imported.

``--known-through`` is the day through which the ECB table is known to be complete: its rows list
changes only, so the last one cannot say until when "no change" was checked. The default is the
last ECB meeting the reference research checked, 5 February 2026 ("unchanged at the meetings up
to and including 5 Feb 2026"). Raise it only after checking the ECB's decisions up to the new
date, and add their rows to the CSV. ``--as-of`` (the day the tables were last checked against
their sources) defaults to it.

``--import-reference DIR`` first rebuilds the two CSV files from the research tables
``ecb_mro.csv`` (``effective_date,rate_percent,source``) and ``taux_legal.csv``
(``semester,rate_particuliers,rate_autres,source``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "libriciel_terms" / "data"
ECB_CSV = DATA / "ecb_mro.csv"
LEGAL_CSV = DATA / "legal_rate.csv"
OUTPUT = DATA / "rates.py"
DEFAULT_KNOWN_THROUGH = dt.date(2026, 2, 5)


def _csv(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def import_reference(reference: Path) -> tuple[str, str]:
    """The texts of ``ecb_mro.csv`` and ``legal_rate.csv`` from the research tables."""
    with (reference / "ecb_mro.csv").open(newline="", encoding="utf-8") as handle:
        ecb = [
            (row["effective_date"].strip(), row["rate_percent"].strip(), row["source"].strip())
            for row in csv.DictReader(handle)
        ]
    legal: list[tuple[str, ...]] = []
    with (reference / "taux_legal.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            half, source = row["semester"].strip(), row["source"].strip()
            legal.append((half, "other_cases", row["rate_autres"].strip(), source))
            legal.append((half, "individuals", row["rate_particuliers"].strip(), source))
    return (
        _csv(("effective_from", "rate_percent", "source"), ecb),
        _csv(("half_year", "creditor", "rate_percent", "source"), legal),
    )


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _date(day: dt.date) -> str:
    return f"dt.date({day.year}, {day.month}, {day.day})"


def render(ecb_text: str, legal_text: str, *, known_through: dt.date, as_of: dt.date) -> str:
    """The text of ``data/rates.py`` for the two CSV texts (checked by the library)."""
    from libriciel_terms.rates import RateTable

    ecb = RateTable.from_csv_text(
        ecb_text, series="ecb_mro", known_through=known_through, name="data/ecb_mro.csv"
    )
    others, individuals = (
        RateTable.from_csv_text(
            legal_text, series="legal_rate", creditor=creditor, name="data/legal_rate.csv"
        )
        for creditor in ("other_cases", "individuals")
    )
    if [row.starts_on for row in others.rows] != [row.starts_on for row in individuals.rows]:
        raise SystemExit("legal_rate.csv: both creditors need the same half-years")
    legal_rows = []
    for other, individual in zip(others.rows, individuals.rows, strict=True):
        if other.source != individual.source:
            raise SystemExit(f"legal_rate.csv: two sources for {other.starts_on}; use one")
        legal_rows.extend(
            [
                "    (",
                f"        {_date(other.starts_on)},",
                f"        Decimal({_quote(str(individual.rate_percent))}),",
                f"        Decimal({_quote(str(other.rate_percent))}),",
                f"        {_quote(other.source)},",
                "    ),",
            ]
        )
    ecb_rows = []
    for row in ecb.rows:
        ecb_rows.extend(
            [
                "    (",
                f"        {_date(row.starts_on)},",
                f"        Decimal({_quote(str(row.rate_percent))}),",
                f"        {_quote(row.source)},",
                "    ),",
            ]
        )
    lines = [
        '"""Bundled rate tables for late-payment interest (GENERATED: do not edit by hand).',
        "",
        "Generated by ``scripts/generate_rates.py`` from ``ecb_mro.csv`` and ``legal_rate.csv``",
        "beside this module, read with the library's own parser. Regenerate after adding rows to",
        "the CSV files.",
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
        "#: The ECB main refinancing operations rate is known for every day up to this date.",
        f"ECB_MRO_KNOWN_THROUGH = {_date(ecb.known_through)}",
        "",
        "#: (date of effect, rate in percent, source): one row per change of the MRO rate.",
        "ECB_MRO_ROWS: tuple[tuple[dt.date, Decimal, str], ...] = (",
        *ecb_rows,
        ")",
        "",
        "#: The legal interest rate is known for every half-year up to this date.",
        f"LEGAL_RATE_KNOWN_THROUGH = {_date(others.known_through)}",
        "",
        "#: (first day of the half-year, rate for individuals, rate for all other cases, source),",
        "#: in percent (CMF L313-2).",
        "LEGAL_RATE_ROWS: tuple[tuple[dt.date, Decimal, Decimal, str], ...] = (",
        *legal_rows,
        ")",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--import-reference", type=Path, default=None, metavar="DIR")
    parser.add_argument(
        "--known-through", type=dt.date.fromisoformat, default=DEFAULT_KNOWN_THROUGH
    )
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None)
    args = parser.parse_args(argv)
    if args.import_reference is not None:
        ecb_text, legal_text = import_reference(args.import_reference)
        ECB_CSV.write_text(ecb_text, encoding="utf-8")
        LEGAL_CSV.write_text(legal_text, encoding="utf-8")
        print(f"wrote {ECB_CSV.relative_to(ROOT)} and {LEGAL_CSV.relative_to(ROOT)}")
    text = render(
        ECB_CSV.read_text(encoding="utf-8"),
        LEGAL_CSV.read_text(encoding="utf-8"),
        known_through=args.known_through,
        as_of=args.as_of or args.known_through,
    )
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
