"""Collect every code example of the README, the docs and the docstrings as tests (Sybil).

- Markdown (README.md, docs/*.md): fenced ```python blocks run top to bottom in one namespace
  per file; blocks written with ``>>>`` prompts are checked as doctests.
- Python sources (src/): the ``>>>`` examples of every docstring are checked as doctests.
"""

from __future__ import annotations

import doctest
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser
from sybil.parsers.rest import DocTestParser

_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE

# French typography puts no-break spaces in the texts people read ("1 350,00 €"); examples in
# the docs are written with plain spaces so that a reader can type them. The exact characters
# are asserted by the unit tests (tests/test_text.py), not by the examples.
_TYPOGRAPHIC_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})
_check_output = doctest.OutputChecker.check_output


def _check_output_plain_spaces(
    self: doctest.OutputChecker, want: str, got: str, optionflags: int
) -> bool:
    plain = got.translate(_TYPOGRAPHIC_SPACES).replace("\\xa0", " ").replace("\\u202f", " ")
    return _check_output(self, want, plain, optionflags)


doctest.OutputChecker.check_output = _check_output_plain_spaces  # type: ignore[method-assign]

_markdown = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=_FLAGS), SkipParser()],
    patterns=["README.md", "docs/*.md", "docs/howto/*.md"],
    name="markdown",
)
_docstrings = Sybil(
    parsers=[DocTestParser(optionflags=_FLAGS)],
    patterns=["src/libriciel_terms/*.py", "src/libriciel_terms/contracts/*.py"],
    excludes=["src/libriciel_terms/data/*.py"],
    name="docstrings",
)

pytest_collect_file = (_markdown + _docstrings).pytest()
