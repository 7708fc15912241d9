"""Collect every code example of the README, the docs and the docstrings as tests (Sybil).

- Markdown (README.md, docs/*.md): fenced ```python blocks run top to bottom in one namespace
  per file; blocks written with ``>>>`` prompts are checked as doctests.
- Python sources (src/): the ``>>>`` examples of every docstring are checked as doctests.
"""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser
from sybil.parsers.rest import DocTestParser

_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE

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
