"""Tabular output shared by every report (private module).

Reports convert to plain records — a list of dicts that ``pandas.DataFrame`` takes directly
(pandas itself is never imported) — and render them as a small HTML table in Jupyter.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["cell_text", "html_table", "table_repr", "text_table"]


def cell_text(value: object) -> str:
    """How one value reads in a table cell: ISO dates and instants, empty for ``None``."""
    if value is None:
        return ""
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        seconds = int(value.total_seconds())
        sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
        return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return str(value)


def html_table(
    records: Sequence[Mapping[str, Any]],
    *,
    caption: str | None = None,
    cell: Callable[[object], str] = cell_text,
) -> str:
    """An HTML table of records, one column per key (in order of first appearance).

    >>> html_table([{"date": dt.date(2025, 9, 1), "HT": "337.50"}])
    '<table><thead><tr><th>date</th><th>HT</th></tr></thead><tbody><tr><td>2025-09-01</td><td>337.50</td></tr></tbody></table>'
    """
    head_caption = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    if not records:
        return f"<table>{head_caption}</table>"
    columns: list[str] = []
    for record in records:
        columns.extend(k for k in record if k not in columns)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell(record.get(c)))}</td>" for c in columns) + "</tr>"
        for record in records
    )
    return f"<table>{head_caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def text_table(records: Sequence[Mapping[str, Any]], *, width: int | None = None) -> str:
    """Records as an aligned plain-text table (one line per record; cells cut to ``width``)."""
    columns: list[str] = []
    for record in records:
        columns.extend(k for k in record if k not in columns)

    def cut(text: str) -> str:
        return text if width is None or len(text) <= width else text[: width - 1] + "…"

    cells = [[cut(cell_text(r.get(c))) for c in columns] for r in records]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.extend(
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    )
    return "\n".join(lines)


def table_repr(headline: str, records: Sequence[Mapping[str, Any]], *, limit: int = 12) -> str:
    """A readable ``__repr__`` for a tabular report: a headline, then the first rows.

    >>> print(table_repr("<Example: 3 rows>", [{"n": i, "square": i * i} for i in range(3)], limit=2))
    <Example: 3 rows>
    n  square
    0  0
    1  1
    … 1 more row
    """
    if not records:
        return headline
    if len(records) == 1:
        pairs = records[0]
        size = max(len(k) for k in pairs)
        body = "\n".join(f"{k.ljust(size)}  {cell_text(v)}" for k, v in pairs.items())
        return f"{headline}\n{body}"
    shown = text_table(records[:limit], width=48)
    rest = len(records) - limit
    more = f"\n… {rest} more row{'s' if rest > 1 else ''}" if rest > 0 else ""
    return f"{headline}\n{shown}{more}"
