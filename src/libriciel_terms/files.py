"""Reading files: the only code of the library that touches the file system (the edge).

Everything else is pure: these functions read a file's text and hand it to the pure parser of
its format (the docs' "Reference files" page), which names every bad row. A file that cannot be
read — missing, unreadable, not UTF-8 — is a
:class:`~libriciel_terms.errors.ReferenceFileError` naming the path, never a bare ``OSError``.

>>> load_syntec("no-such-file.csv")
Traceback (most recent call last):
...
libriciel_terms.errors.ReferenceFileError: no-such-file.csv: 1 problem
- no-such-file.csv = None: expected a readable UTF-8 text file; ...
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from libriciel_terms.errors import Problem, ReferenceFileError, WrongTypeError
from libriciel_terms.rates import Creditor, RateTable
from libriciel_terms.syntec import SyntecSeries

__all__ = ["load_ecb_rates", "load_legal_rates", "load_syntec"]

#: The largest reference file read, in bytes (a few thousand rows are expected).
MAX_BYTES = 5_000_000


def _read(path: object) -> tuple[str, str]:
    """The text of ``path`` (UTF-8, a byte-order mark tolerated) and its name for messages."""
    if not isinstance(path, (str, os.PathLike)):
        raise WrongTypeError(f"path={path!r} is not a str or a path; pass the file's path")
    name = os.fspath(path)
    location = Path(name)
    try:
        if location.stat().st_size > MAX_BYTES:
            problem = Problem(path=str(name), value=None, expected=f"at most {MAX_BYTES} bytes")
            raise ReferenceFileError(str(name), [problem])
        return location.read_text(encoding="utf-8-sig"), str(name)
    except (OSError, UnicodeDecodeError) as error:
        problem = Problem(
            path=str(name), value=None, expected="a readable UTF-8 text file", fix=str(error)
        )
        raise ReferenceFileError(str(name), [problem]) from None


def load_syntec(path: str | os.PathLike[str]) -> SyntecSeries:
    """Syntec index values from a CSV file (:meth:`SyntecSeries.from_csv_text`).

    Merge them with the bundled snapshot with ``SYNTEC.merged(load_syntec(path))``.
    """
    text, name = _read(path)
    return SyntecSeries.from_csv_text(text, name=name)


def load_ecb_rates(
    path: str | os.PathLike[str], *, known_through: dt.date | None = None
) -> RateTable:
    """ECB main refinancing rates from a CSV file (:meth:`RateTable.from_csv_text`).

    Merge them with the bundled table with ``ECB_MRO.merged(load_ecb_rates(path))``.
    """
    text, name = _read(path)
    return RateTable.from_csv_text(text, series="ecb_mro", known_through=known_through, name=name)


def load_legal_rates(
    path: str | os.PathLike[str], *, creditor: Creditor = "other_cases"
) -> RateTable:
    """Legal interest rates of ``creditor`` from a CSV file (:meth:`RateTable.from_csv_text`).

    Merge them with the bundled table with
    ``LEGAL_RATE_OTHER_CASES.merged(load_legal_rates(path))``.
    """
    text, name = _read(path)
    return RateTable.from_csv_text(text, series="legal_rate", creditor=creditor, name=name)
