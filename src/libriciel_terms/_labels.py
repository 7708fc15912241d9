"""Reading the labels an export holds: priorities, targets, ticket states (private module).

Helpdesk exports write the same value many ways: « Niveau 0 - Bloquant », « bloquant »,
« BLOQUANT », « Sérieux », « serieux ». Labels are compared as *plain words*: case, accents
and punctuation ignored, runs of spaces collapsed. A label that matches nothing is refused with
every accepted spelling listed.

>>> plain("  Niveau 0 – Bloquant ")
'niveau 0 bloquant'
>>> plain("En attente retour DGCL / DGFIP"), plain("A présenter au prochain « comité » évolution")
('en attente retour dgcl dgfip', 'a presenter au prochain comite evolution')
>>> lookup("target", "Résolution", {"resolution": 1}, "résolution")
1
>>> lookup("target", "fix", {"resolution": 1}, "résolution, resolution")
Traceback (most recent call last):
...
libriciel_terms.errors.InvalidArgumentError: target='fix' is not a known target; write one of: résolution, resolution (case, accents and punctuation ignored)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import TypeVar

from libriciel_terms.errors import InvalidArgumentError, WrongTypeError

__all__ = ["lookup", "plain"]

T = TypeVar("T")

#: Characters read as a space: hyphens and dashes, underscores, slashes, quotes, brackets.
_SEPARATORS = str.maketrans(dict.fromkeys("-‐‑‒–—_/\\«»\"'’‘“”()[]:;,.", " "))


def plain(text: str) -> str:
    """``text`` as plain words: lower case, no accents, punctuation read as spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SEPARATORS))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def lookup(name: str, value: object, table: Mapping[str, T], accepted: str) -> T:
    """The entry of ``table`` (keyed by plain words) that ``value`` names; refuse anything else.

    ``accepted`` lists the spellings for the error message.
    """
    if not isinstance(value, str):
        raise WrongTypeError(
            f"{name}={value!r} is a {type(value).__name__}, not a str; write one of: {accepted}"
        )
    found = table.get(plain(value))
    if found is None:
        raise InvalidArgumentError(
            f"{name}={value!r} is not a known {name}; write one of: {accepted} "
            f"(case, accents and punctuation ignored)"
        )
    return found


_FRENCH_SPACES = (
    (" :", "\u00a0:"),
    (" ;", "\u202f;"),
    (" !", "\u202f!"),
    (" ?", "\u202f?"),
    (" %", "\u202f%"),
    ("« ", "«\u00a0"),
    (" »", "\u00a0»"),
)


def french(text: str) -> str:
    """French typography: a no-break space before « : » and inside guillemets, a narrow one
    before « ; ! ? » (written with plain spaces in the code).

    >>> french("Contrat §4.3 : « A qualifier » ; fin") == "Contrat §4.3\\u00a0: «\\u00a0A qualifier\\u00a0» \\u202f; fin".replace(" \\u202f", "\\u202f")
    True
    """
    for plain_space, typographic in _FRENCH_SPACES:
        text = text.replace(plain_space, typographic)
    return text


def say(fr: str, en: str, lang: str) -> str:
    """The French text with French typography, or the English text."""
    return en if lang == "en" else french(fr)
