"""Generate ``src/libriciel_terms/data/syntec.py`` from the Syntec reference CSVs.

Usage (from the repository root)::

    .venv/bin/python scripts/generate_syntec.py [REFERENCE_DIR] [--as-of YYYY-MM-DD]

``REFERENCE_DIR`` defaults to ``../shared/reference`` relative to the repository root and must
hold ``syntec_values.csv`` (``month,value,series,source``) and
``syntec_publication_dates.csv`` (``month,publication_date,source,note``).

What the script does, and nothing more:

- ``historique`` rows become the ``historical`` series, ``revise`` rows the ``revised`` series;
  both go into ``VALUES`` (one value per month, a duplicate month is an error).
- Rows of any other series (the frozen 2020 vintage, the withdrawn August 2022 old-series value)
  go into ``SUPERSEDED`` with their label: kept for reference, never used by a rule.
- A publication date that is an ISO date is attached to that month's value; one that is not
  (``2021-01 (end of month)``) is kept verbatim in ``UNDATED_PUBLICATIONS``.
- ``AS_OF`` is ``--as-of`` or, by default, the latest publication date in the CSV: the day on
  which the snapshot's newest value became public.

No value is derived, interpolated or corrected: the CSVs are the single source.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
OUTPUT = ROOT / "src" / "libriciel_terms" / "data" / "syntec.py"

VALUES_CSV = "syntec_values.csv"
PUBLICATIONS_CSV = "syntec_publication_dates.csv"

#: CSV series label -> series name used by the library.
MAIN_SERIES = {"historique": "historical", "revise": "revised"}

#: Longest piece of a string literal on one generated line (keeps lines under 100 characters).
CHUNK = 72


def _month(text: str, where: str) -> tuple[int, int]:
    try:
        year_text, month_text = text.strip().split("-")
        year, month = int(year_text), int(month_text)
    except ValueError:
        raise SystemExit(f"{where}: month {text!r} is not YYYY-MM") from None
    if not 1 <= month <= 12:
        raise SystemExit(f"{where}: month {text!r} is not YYYY-MM")
    return year, month


def _decimal(text: str, where: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise SystemExit(f"{where}: value {text!r} is not a decimal number") from None
    if not value.is_finite() or value <= 0:
        raise SystemExit(f"{where}: value {text!r} is not a positive number")
    return value


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _quote(text: str) -> str:
    """A double-quoted literal (the style ruff format keeps)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _pieces(text: str) -> list[str]:
    """``text`` cut into pieces of at most ``CHUNK`` characters, at spaces where possible."""
    pieces: list[str] = []
    current = ""
    for word in text.split(" "):
        token = word if not current else " " + word
        if len(current) + len(token) <= CHUNK:
            current += token
            continue
        if current:
            pieces.append(current)
            token = " " + word
        while len(token) > CHUNK:
            pieces.append(token[:CHUNK])
            token = token[CHUNK:]
        current = token
    if current:
        pieces.append(current)
    return pieces


def _string(text: str, indent: str) -> str:
    """A string literal, split into implicitly concatenated pieces when it is long."""
    if len(indent) + len(text) + 4 <= 100:
        return _quote(text)
    inner = "".join(f"\n{indent}    {_quote(piece)}" for piece in _pieces(text))
    return f"({inner}\n{indent})"


def _date(value: dt.date | None) -> str:
    return "None" if value is None else f"dt.date({value.year}, {value.month}, {value.day})"


class _Texts:
    """Interns long strings (sources, notes) so that each data row fits on one line."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def ref(self, text: str | None) -> str:
        if text is None or text == "":
            return "None"
        if text not in self.items:
            self.items.append(text)
        return str(self.items.index(text))

    def render(self, name: str, comment: str) -> list[str]:
        lines = [f"#: {comment}", f"{name}: tuple[str, ...] = ("]
        for number, text in enumerate(self.items):
            lines.append(f"    # {number}")
            lines.append(f"    {_string(text, '    ')},")
        return [*lines, ")", ""]


def read(reference: Path) -> dict[str, Any]:
    """Read and check both CSVs; return what the module will hold."""
    values: dict[tuple[int, int], dict[str, Any]] = {}
    superseded: list[dict[str, Any]] = []
    with (reference / VALUES_CSV).open(newline="", encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{VALUES_CSV}:{number}"
            month = _month(row["month"], where)
            record: dict[str, Any] = {
                "month": month,
                "value": _decimal(row["value"], where),
                "label": row["series"].strip(),
                "source": row["source"].strip(),
            }
            series = MAIN_SERIES.get(record["label"])
            if series is None:
                superseded.append(record)
                continue
            if month in values:
                raise SystemExit(f"{where}: month {row['month']} appears twice in the main series")
            record["series"] = series
            values[month] = record

    undated: list[dict[str, Any]] = []
    with (reference / PUBLICATIONS_CSV).open(newline="", encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{PUBLICATIONS_CSV}:{number}"
            month = _month(row["month"], where)
            published = _iso_date(row["publication_date"])
            source = row["source"].strip()
            if published is None:
                undated.append(
                    {"month": month, "text": row["publication_date"].strip(), "source": source}
                )
                continue
            if month not in values:
                raise SystemExit(f"{where}: a publication date for {row['month']}, without value")
            values[month]["published_on"] = published
            values[month]["publication_source"] = source
            values[month]["publication_note"] = (row.get("note") or "").strip()

    return {"values": values, "superseded": superseded, "undated": undated}


def render(data: dict[str, Any], *, as_of: dt.date) -> str:
    """The text of the generated module."""
    values: dict[tuple[int, int], dict[str, Any]] = data["values"]
    texts = _Texts()
    rows = []
    for (year, month), record in sorted(values.items()):
        rows.append(
            f"    ({year}, {month}, Decimal({_quote(str(record['value']))}), "
            f"{_quote(record['series'])}, {texts.ref(record['source'])}, "
            f"{_date(record.get('published_on'))}, "
            f"{texts.ref(record.get('publication_source'))}, "
            f"{texts.ref(record.get('publication_note'))}),"
        )
    superseded = [
        f"    ({r['month'][0]}, {r['month'][1]}, Decimal({_quote(str(r['value']))}), "
        f"{_quote(r['label'])}, {texts.ref(r['source'])}),"
        for r in data["superseded"]
    ]
    undated = [
        f"    ({r['month'][0]}, {r['month'][1]}, {_quote(r['text'])}, {texts.ref(r['source'])}),"
        for r in data["undated"]
    ]
    lines = [
        '"""Bundled snapshot of the Syntec index (GENERATED by scripts/generate_syntec.py).',
        "",
        "Generated from ``syntec_values.csv`` and ``syntec_publication_dates.csv`` (see",
        "``../shared/reference/syntec.md``). Regenerate after updating the CSVs; never edit the",
        "literals by hand. No value here is derived, interpolated or corrected.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "import datetime as dt",
        "from decimal import Decimal",
        "",
        "#: The day the snapshot's newest value was published: values published later are absent.",
        f"AS_OF = {_date(as_of)}",
        "",
        "#: The files the literals below were generated from.",
        f"SOURCE_FILES = ({_quote(VALUES_CSV)}, {_quote(PUBLICATIONS_CSV)})",
        "",
        *texts.render("TEXTS", "Sources and notes, referred to by position from the rows below."),
        "#: (year, month, value, series, source, published_on, publication source, publication",
        "#: note): series is 'historical' (the old index, final values) or 'revised' (indice",
        "#: Syntec révisé); the last three are None where no publication date was found.",
        "Row = tuple[int, int, Decimal, str, int, dt.date | None, int | None, int | None]",
        "",
        "VALUES: tuple[Row, ...] = (",
        *rows,
        ")",
        "",
        "#: Published values later replaced or withdrawn, with their CSV label: (year, month,",
        "#: value, label, source). Kept for reference; no rule uses them.",
        "SUPERSEDED: tuple[tuple[int, int, Decimal, str, int], ...] = (",
        *superseded,
        ")",
        "",
        "#: Publications whose date is not a day: (year, month, text as found, source).",
        "UNDATED_PUBLICATIONS: tuple[tuple[int, int, str, int], ...] = (",
        *undated,
        ")",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "reference",
        nargs="?",
        type=Path,
        default=DEFAULT_REFERENCE,
        help="directory holding the Syntec CSVs (default: ../shared/reference)",
    )
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    reference: Path = args.reference
    data = read(reference)
    values: dict[tuple[int, int], dict[str, object]] = data["values"]
    dated = [r["published_on"] for r in values.values() if "published_on" in r]
    as_of = args.as_of or max(dated)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render(data, as_of=as_of), encoding="utf-8")
    print(
        f"wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}"
        f": {len(values)} values, {len(data['superseded'])} superseded "
        f"and {len(data['undated'])} undated publications, as of {as_of}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
