"""The edge: the only code that reads files.

Rules and value objects never touch the file system; these functions read a file's text and
hand it to a pure parser (:meth:`Contract.from_toml <libriciel_terms.contract.Contract.from_toml>`),
so that errors name the file.

>>> contract = load_contract(bundled_path("comelus-2024"))
>>> contract.name
'ComElus 2024 — maintenance et hébergement'
>>> load_contract("no/such/contract.toml")
Traceback (most recent call last):
...
libriciel_terms.errors.ContractFileError: no/such/contract.toml: 1 problem
- (file) = 'no/such/contract.toml': expected a readable UTF-8 file; [Errno 2] No such file or directory: 'no/such/contract.toml'
"""

from __future__ import annotations

import os
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from libriciel_terms.errors import ContractFileError, Problem, UnknownKeyError

if TYPE_CHECKING:
    from libriciel_terms.contract import Contract

__all__ = ["BUNDLED_CONTRACTS", "bundled_path", "bundled_text", "load_contract", "read_text"]

#: The contract files shipped inside the package, by name.
BUNDLED_CONTRACTS = ("comelus-2024",)


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
    error: type[ContractFileError] = ContractFileError,
) -> str:
    """A file's text, UTF-8 (a byte-order mark tolerated); an unreadable file is a ``error``."""
    try:
        if isinstance(path, Traversable) and not isinstance(path, Path):
            data = path.read_bytes()
        else:
            data = Path(path).read_bytes()
        return data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problem = Problem(
            path="(file)", value=str(path), expected="a readable UTF-8 file", fix=str(exc)
        )
        raise error(str(path), (problem,)) from None


def load_contract(path: str | os.PathLike[str] | Traversable) -> Contract:
    """Read and check a contract file (TOML, schema 1).

    Every problem of the file is reported at once in one
    :class:`~libriciel_terms.errors.ContractFileError` naming the file.
    """
    from libriciel_terms.contract import Contract

    return Contract.from_toml(read_text(path), source=str(path))
