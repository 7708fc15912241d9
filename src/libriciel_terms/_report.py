"""The report protocol: records for machines, text and HTML for people (private module).

A result that reads as a table subclasses :class:`Report` and defines three things:

- ``COLUMNS``: one :class:`Column` per record key — its French and English headers and how a
  cell reads (``money``, ``percent``, ``date``…);
- ``to_records()``: plain ``dict``\\ s with identifier keys, ISO-able values and plain
  ``Decimal``\\ s (what ``pandas.DataFrame`` and JSON take);
- ``headline(lang=...)``: one line that says what the table is;
- optionally ``display_records(lang=...)``: the rows as people read them, when some values are
  words to translate (a party, a status), with the same keys as ``to_records()``.

The mixin renders ``to_text(lang=...)``, ``to_html(lang=...)``, ``str()`` and Jupyter's
``_repr_html_`` from those, so no report builds its own table; ``__repr__`` stays attrs'
constructor-like one. Explanations (``notes(lang=...)``) are built when asked for, never while
computing.

>>> import attrs
>>> @attrs.frozen
... class Squares(Report):
...     n: int
...     COLUMNS = (Column("n", "n", "n", "number"), Column("price", "prix", "price", "money"))
...     def to_records(self):
...         return [{"n": i, "price": Decimal(i * i * 1000)} for i in range(self.n)]
...     def headline(self, *, lang="fr"):
...         return pick(f"{self.n} carrés", f"{self.n} squares", lang)
>>> print(Squares(3).to_text())
3 carrés
n  prix
0  0,00 €
1  1 000,00 €
2  4 000,00 €
>>> print(Squares(2).to_text(lang="en"))
2 squares
n  price
0  €0.00
1  €1,000.00
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import html
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Literal

import attrs

from libriciel_terms import _text
from libriciel_terms._exact import round_fraction
from libriciel_terms._labels import french
from libriciel_terms._text import Lang, pick

__all__ = ["Column", "Report", "cell", "table_html", "table_text"]

_US_PER_HOUR = 3_600_000_000

#: How a cell reads: ``auto`` infers from the value's type; ``money`` is euros to the cent;
#: ``percent`` a value given in percent; ``number`` a plain decimal; ``date`` ISO;
#: ``instant`` weekday, ISO date and time in the instant's own zone; ``business_hours`` a
#: ``Decimal`` of business hours, read « 64 h ouvrées ».
Kind = Literal["auto", "text", "money", "percent", "number", "date", "instant", "business_hours"]


@attrs.frozen
class Column:
    """One column of a report: its record key, French and English headers, and cell kind."""

    key: str
    fr: str
    en: str
    kind: Kind = "auto"

    def header(self, lang: Lang) -> str:
        """The header in ``lang``."""
        return pick(self.fr, self.en, lang)


def cell(value: object, lang: Lang, kind: Kind = "auto") -> str:
    """How one value reads in a table cell for a person."""
    if value is None:
        return ""
    if kind == "money" and isinstance(value, (Decimal, int)):
        return _text.money(value, lang)
    if kind == "percent" and isinstance(value, (Decimal, int)):
        return _text.percent(value, lang)
    if kind == "business_hours" and isinstance(value, (Decimal, int)):
        microseconds = round_fraction(Fraction(value) * _US_PER_HOUR, Decimal(1))
        return _text.business_duration(int(microseconds), lang)
    if isinstance(value, bool):
        return _text.yes_no(value, lang)
    if isinstance(value, dt.datetime):
        return _text.instant(value, lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (Decimal, int)):
        return _text.number(value, lang)
    if isinstance(value, dt.timedelta):
        return _text.calendar_duration(value, lang)
    to_text = getattr(value, "to_text", None)
    if callable(to_text):
        return str(to_text(lang=lang))
    if isinstance(value, enum.Enum):
        label = getattr(value, "label", None)
        return str(label) if isinstance(label, str) else value.name
    return str(value)


def _columns(records: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> list[Column]:
    """The columns shown: the declared ones the rows hold, then any other key of the rows."""
    present = {key for record in records for key in record}
    shown = [c for c in columns if c.key in present] if records else list(columns)
    known = {c.key for c in columns}
    extra = [key for key in dict.fromkeys(k for r in records for k in r) if key not in known]
    return [*shown, *(Column(k, k, k) for k in extra)]


def table_text(
    records: Sequence[Mapping[str, Any]], columns: Sequence[Column], lang: Lang = "fr"
) -> str:
    """Records as an aligned plain-text table with headers in ``lang``."""
    shown = _columns(records, columns)
    cells = [[cell(r.get(c.key), lang, c.kind) for c in shown] for r in records]
    heads = [c.header(lang) for c in shown]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(heads)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip()]
    lines.extend(
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    )
    return "\n".join(lines)


def table_html(
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[Column],
    lang: Lang = "fr",
    *,
    caption: str | None = None,
) -> str:
    """Records as an escaped HTML table with headers in ``lang``."""
    shown = _columns(records, columns)
    head_caption = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    head = "".join(f"<th>{html.escape(c.header(lang))}</th>" for c in shown)
    rows = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape(cell(r.get(c.key), lang, c.kind))}</td>" for c in shown)
        + "</tr>"
        for r in records
    )
    body = f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody>" if records else ""
    return f"<table>{head_caption}{body}</table>"


def _typeset(text: str, lang: Lang) -> str:
    """French typography on a whole text (« : » and « ; » after a no-break space, inside
    guillemets too); each replacement keeps the length, so the columns stay aligned."""
    return french(text) if lang == "fr" else text


#: The methods whose French texts get French typography, wherever a report defines them.
_TEXT_METHODS = ("headline", "notes", "explain", "to_text", "to_html")


def _typesetting(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` with French typography on the texts it returns in French."""

    @functools.wraps(method)
    def typeset(self: object, *args: Any, **kwargs: Any) -> Any:
        result = method(self, *args, **kwargs)
        if kwargs.get("lang", "fr") != "fr":
            return result
        if isinstance(result, str):
            return french(result)
        if isinstance(result, tuple):
            return tuple(french(part) if isinstance(part, str) else part for part in result)
        return result

    typeset.__dict__["_typeset"] = True
    return typeset


def _point_super_at(method: Callable[..., Any], cls: type) -> None:
    """attrs builds a slotted class anew and points each method's ``super()`` at it; a wrapped
    method is out of its reach, so its ``__class__`` cell is pointed here, the same way."""
    for cell in getattr(method, "__closure__", None) or ():
        try:
            held = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        same = isinstance(held, type) and held.__qualname__ == cls.__qualname__
        if same and held is not cls and held.__module__ == cls.__module__:
            cell.cell_contents = cls


class Report:
    """Mixin of every tabular result: text, HTML and ``str()`` from ``to_records()``.

    The texts a report gives in French — its headline, notes, explanation, text and HTML — get
    French typography (a no-break space before « : », a narrow one before « ; ? ! % », inside
    guillemets), whichever module wrote them with plain spaces.
    """

    COLUMNS: ClassVar[tuple[Column, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in _TEXT_METHODS:
            method = cls.__dict__.get(name)
            if not callable(method):
                continue
            if getattr(method, "_typeset", False):
                _point_super_at(method.__wrapped__, cls)
            else:
                setattr(cls, name, _typesetting(method))

    def to_records(self) -> list[dict[str, Any]]:
        """One ``dict`` per row, identifier keys, plain values (for pandas and JSON)."""
        raise NotImplementedError

    def columns_of(self) -> tuple[Column, ...]:
        """The columns of this report (``COLUMNS``, unless a report's columns are data)."""
        return self.COLUMNS

    def display_records(self, *, lang: Lang = "fr") -> list[dict[str, Any]]:
        """The rows people read: :meth:`to_records` unless a report has words to translate
        (a party, a status) — then it overrides this and keeps the same keys."""
        return self.to_records()

    def headline(self, *, lang: Lang = "fr") -> str:
        """One line saying what the report is."""
        return type(self).__name__

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """Lines printed after the table (explanations), built only when asked for."""
        return ()

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The report as plain text: headline, table, notes."""
        lang = _text.check_lang(lang)
        records = self.display_records(lang=lang)
        parts = [self.headline(lang=lang)]
        if records:
            parts.append(table_text(records, self.columns_of(), lang))
        parts.extend(f"• {note}" for note in self.notes(lang=lang))
        return _typeset("\n".join(parts), lang)

    def to_html(self, *, lang: Lang = "fr") -> str:
        """The report as an HTML fragment: a captioned table, then its notes."""
        lang = _text.check_lang(lang)
        table = table_html(
            self.display_records(lang=lang),
            self.columns_of(),
            lang,
            caption=self.headline(lang=lang),
        )
        notes = "".join(f"<p>{html.escape(n)}</p>" for n in self.notes(lang=lang))
        return _typeset(table + notes, lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_text()
