"""The edge: the only code of the library that reads files.

Everything else is pure. These functions read a file's text and hand it to the pure parser of its
format — :meth:`Contract.from_toml <libriciel_terms.contract.Contract.from_toml>` for a contract
file (the docs' "Contract files" page), the CSV parsers of the reference series for index values
and rates (the "Reference files" page) — which name every problem with its key path or row. A
file that cannot be read — missing, unreadable, too large, not UTF-8 — is refused with the same
kind of error, naming the path, never a bare ``OSError``.

>>> contract = load_contract(bundled_path("comelus-2024"))
>>> contract.name
'ComElus 2024 — maintenance et hébergement'
>>> load_contract("no/such/contract.toml")
Traceback (most recent call last):
...
libriciel_terms.errors.ContractFileError: no/such/contract.toml: 1 problem
- (file) = 'no/such/contract.toml': expected a readable UTF-8 file; [Errno 2] No such file or directory: 'no/such/contract.toml'
>>> load_syntec("no-such-file.csv")
Traceback (most recent call last):
...
libriciel_terms.errors.ReferenceFileError: no-such-file.csv: 1 problem
- (file) = 'no-such-file.csv': expected a readable UTF-8 file; ...
"""

from __future__ import annotations

import datetime as dt
import os
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from libriciel_terms.errors import (
    ContractFileError,
    Problem,
    RecordsError,
    ReferenceFileError,
    UnknownKeyError,
    WrongTypeError,
)

if TYPE_CHECKING:
    from libriciel_terms.contract import Contract
    from libriciel_terms.rates import Creditor, RateTable
    from libriciel_terms.syntec import SyntecSeries

__all__ = [
    "BUNDLED_CONTRACTS",
    "MAX_BYTES",
    "bundled_path",
    "bundled_text",
    "load_contract",
    "load_ecb_rates",
    "load_legal_rates",
    "load_records",
    "load_syntec",
    "read_text",
]

#: The contract files shipped inside the package, by name.
BUNDLED_CONTRACTS = ("comelus-2024",)

#: The largest file read, in bytes (a contract file or a reference file is a few kilobytes).
MAX_BYTES = 5_000_000


def bundled_path(name: str) -> Traversable:
    """The path of a contract file shipped inside the package (``"comelus-2024"``, ``"template"``)."""
    if name not in (*BUNDLED_CONTRACTS, "template"):
        known = ", ".join(repr(n) for n in BUNDLED_CONTRACTS)
        raise UnknownKeyError(f"name={name!r} is not a bundled contract; use one of {known}")
    return resources.files("libriciel_terms.contracts").joinpath(f"{name}.toml")


def bundled_text(name: str) -> str:
    """The text of a contract file shipped inside the package."""
    return bundled_path(name).read_text(encoding="utf-8")


def read_text(
    path: str | os.PathLike[str] | Traversable,
    *,
    error: type[ContractFileError]
    | type[ReferenceFileError]
    | type[RecordsError] = ContractFileError,
) -> str:
    """A file's text, UTF-8 (a byte-order mark tolerated); an unreadable file is an ``error``."""
    if not isinstance(path, (str, os.PathLike, Traversable)):
        raise WrongTypeError(f"path={path!r} is not a str or a path; pass the file's path")
    try:
        if isinstance(path, Traversable) and not isinstance(path, Path):
            data = path.read_bytes()
        else:
            location = Path(path)
            if location.stat().st_size > MAX_BYTES:
                problem = Problem(
                    path="(file)", value=str(path), expected=f"a file of at most {MAX_BYTES} bytes"
                )
                raise error(str(path), (problem,))
            data = location.read_bytes()
        return data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problem = Problem(
            path="(file)", value=str(path), expected="a readable UTF-8 file", fix=str(exc)
        )
        raise error(str(path), (problem,)) from None


def load_contract(path: str | os.PathLike[str] | Traversable) -> Contract:
    """Read and check a contract file (TOML, schema 1).

    Every problem of the file is reported at once in one
    :class:`~libriciel_terms.errors.ContractFileError` naming the file. Reference files the
    contract names (``[reference] syntec = "syntec.csv"``) are read relative to it.
    """
    import tomllib

    from libriciel_terms.contract import Contract

    text = read_text(path)
    files: dict[str, str] = {}
    try:
        reference = tomllib.loads(text).get("reference", {})
    except tomllib.TOMLDecodeError:
        reference = {}  # from_toml reports the syntax error with its place
    if isinstance(reference, dict) and isinstance(path, (str, os.PathLike)):
        folder = Path(path).parent
        for key in ("syntec", "ecb"):
            name = reference.get(key)
            if isinstance(name, str):
                files[name] = read_text(folder / name, error=ContractFileError)
    return Contract.from_toml(text, source=str(path), files=files)


def load_syntec(path: str | os.PathLike[str]) -> SyntecSeries:
    """Syntec index values from a CSV file (:meth:`SyntecSeries.from_csv_text`).

    Merge them with the bundled snapshot with ``SYNTEC.merged(load_syntec(path))``.
    """
    from libriciel_terms.syntec import SyntecSeries

    text = read_text(path, error=ReferenceFileError)
    return SyntecSeries.from_csv_text(text, name=os.fspath(path))


def load_ecb_rates(
    path: str | os.PathLike[str], *, known_through: dt.date | None = None
) -> RateTable:
    """ECB main refinancing rates from a CSV file (:meth:`RateTable.from_csv_text`).

    Merge them with the bundled table with ``ECB_MRO.merged(load_ecb_rates(path))``.
    """
    from libriciel_terms.rates import RateTable

    text = read_text(path, error=ReferenceFileError)
    return RateTable.from_csv_text(
        text, series="ecb_mro", known_through=known_through, name=os.fspath(path)
    )


def load_legal_rates(
    path: str | os.PathLike[str], *, creditor: Creditor = "other_cases"
) -> RateTable:
    """Legal interest rates of ``creditor`` from a CSV file (:meth:`RateTable.from_csv_text`).

    Merge them with the bundled table with
    ``LEGAL_RATE_OTHER_CASES.merged(load_legal_rates(path))``.
    """
    from libriciel_terms.rates import RateTable

    text = read_text(path, error=ReferenceFileError)
    return RateTable.from_csv_text(
        text, series="legal_rate", creditor=creditor, name=os.fspath(path)
    )


def load_records(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    """The records of a CSV file (a ticket export, state changes, outages), UTF-8, ``;`` or ``,``.

    The text goes to :func:`~libriciel_terms.ticket_records.records_from_csv_text`; a file that
    cannot be read, or a line with the wrong number of fields, is a
    :class:`~libriciel_terms.errors.RecordsError` naming the file.
    """
    from libriciel_terms.ticket_records import records_from_csv_text

    text = read_text(path, error=RecordsError)
    try:
        return records_from_csv_text(text)
    except RecordsError as exc:
        raise RecordsError(os.fspath(path), exc.problems) from None
