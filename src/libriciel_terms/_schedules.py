"""Business-hour schedules as a contract file writes them (private module).

``[schedules.<key>]`` tables (Contract §1.6, §2.7, §2.8, §4.1) become
:class:`~libriciel_terms.hours.BusinessHours` here, for two callers: the contract loader
(:mod:`libriciel_terms.contract`), which collects every problem of a file, and the schedule
presets (``BusinessHours.comelus()``…), which read only the ``[schedules]`` of the bundled file so
that asking for a schedule does not import the whole contract layer. Both build through
:func:`schedule`, so a preset always equals the bundled contract's schedule.

The failing case: a window that closes before it opens is a problem of the file, at its path.

>>> problems = []
>>> class Sink:
...     def add(self, path, value, expected, fix=""):
...         problems.append((path, value, expected))
>>> schedule(Sink(), "schedules.x", "x", name=None, zone="Europe/Paris", holidays="france",
...          days="lundi-vendredi", hours=("12:00-09:00",)) is None
True
>>> problems
[('schedules.x.hours[0]', '12:00-09:00', 'a window that opens before it closes')]
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol, TypeVar

from libriciel_terms._text import plain
from libriciel_terms.errors import TermsError
from libriciel_terms.holidays import ALSACE_MOSELLE, FRANCE, ExplicitHolidays
from libriciel_terms.hours import BusinessHours, Window

V = TypeVar("V")


class Sink(Protocol):
    """Where problems go: the loader's collection of problems, or a preset's assertion."""

    def add(self, path: str, value: object, expected: str, fix: str = "") -> None: ...


def words(*pairs: tuple[str, Any]) -> dict[str, Any]:
    """A table of accepted words → value; the first word of each value is how it is written."""
    return {plain(word): value for word, value in pairs}


DAYS = words(
    *zip(("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"), range(7), strict=True),
    *zip(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), range(7), strict=True),
)  # fmt: skip
HOLIDAYS = words(
    ("france", FRANCE),
    ("alsace_moselle", ALSACE_MOSELLE),
    ("none", ExplicitHolidays.of(())),
    ("aucun", ExplicitHolidays.of(())),
)


def word(sink: Sink, path: str, value: str, table: Mapping[str, V]) -> V | None:
    """``value`` looked up in ``table`` (case and accents ignored), or a problem at ``path``."""
    found = table.get(plain(value)) if isinstance(value, str) else None
    if found is None:
        sink.add(path, value, f"one of {' | '.join(table)}", "case and accents are ignored")
    return found


def day_list(sink: Sink, path: str, value: Any) -> list[int] | None:
    """The open days: a range (``"lundi-vendredi"``) or a list (``["samedi"]``)."""
    if isinstance(value, str) and "-" in value:
        first, last = (word(sink, path, part, DAYS) for part in value.split("-", 1))
        if first is None or last is None:
            return None
        if last < first:
            sink.add(path, value, "a range from the first to the last day", 'e.g. "lundi-vendredi"')
            return None
        return list(range(first, last + 1))
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        names: list[str] = value
    elif isinstance(value, str):
        names = [value]
    else:
        sink.add(path, value, 'a range ("lundi-vendredi") or a list (["samedi"])')
        return None
    found = [word(sink, f"{path}[{i}]", name, DAYS) for i, name in enumerate(names)]
    return None if any(d is None for d in found) else sorted({d for d in found if d is not None})


def _windows(sink: Sink, path: str, hours: Sequence[str]) -> list[tuple[str, str]] | None:
    windows = []
    for i, text in enumerate(hours):
        opens, sep, closes = text.partition("-")
        if not sep:
            sink.add(f"{path}[{i}]", text, 'a window "HH:MM-HH:MM"', 'e.g. "09:00-12:00"')
            continue
        pair = (opens.strip(), closes.strip())
        try:
            Window.of(*pair)
        except TermsError as exc:
            sink.add(f"{path}[{i}]", text, "a window that opens before it closes", str(exc))
            continue
        windows.append(pair)
    return windows if len(windows) == len(hours) else None


def schedule(
    sink: Sink,
    path: str,
    key: str,
    *,
    name: str | None,
    zone: str,
    holidays: str,
    days: Any,
    hours: Sequence[str],
) -> BusinessHours | None:
    """The schedule a ``[schedules.<key>]`` table describes, or ``None`` after telling ``sink``."""
    open_days = day_list(sink, f"{path}.days", days)
    calendar = word(sink, f"{path}.holidays", holidays, HOLIDAYS)
    windows = _windows(sink, f"{path}.hours", hours)
    if open_days is None or calendar is None or windows is None:
        return None
    try:
        return BusinessHours.weekly(
            dict.fromkeys(open_days, windows),
            holidays=calendar,
            zone=zone,
            name=name if name is not None else key,
        )
    except TermsError as exc:
        sink.add(f"{path}.hours", hours, "windows in order, not overlapping", str(exc))
        return None


class _Refuse:
    """The bundled file is checked by the tests: a problem in it is a bug, not a user error."""

    def add(self, path: str, value: object, expected: str, fix: str = "") -> None:
        raise AssertionError(f"bundled contract file: {path}={value!r}: expected {expected}")


@functools.cache
def bundled(stem: str) -> Mapping[str, BusinessHours]:
    """The schedules of the bundled contract file ``stem``, by table key (read once)."""
    # Read next to this module when the package is on disk (always, but for a zipped install):
    # importlib.resources, which files.bundled_text uses, costs more to import than the rest.
    path = Path(__file__).with_name("contracts") / f"{stem}.toml"
    if path.is_file():
        text = path.read_text(encoding="utf-8")
    else:  # pragma: no cover - a zipped install
        from libriciel_terms.files import bundled_text

        text = bundled_text(stem)
    tables = tomllib.loads(text)["schedules"]
    built = {}
    for key, table in tables.items():
        hours = schedule(
            _Refuse(),
            f"schedules.{key}",
            key,
            name=table.get("name"),
            zone=table["zone"],
            holidays=table["holidays"],
            days=table["days"],
            hours=table["hours"],
        )
        assert hours is not None  # _Refuse raised otherwise
        built[key] = hours
    return MappingProxyType(built)
