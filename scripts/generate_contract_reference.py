"""Write the key reference of the contract file format into docs/contract-file.md.

The table between the ``keys:begin`` and ``keys:end`` markers is generated from the file model
(``src/libriciel_terms/_contract_file.py``); ``tests/test_contract.py`` fails when it is out of
date. Run ``make data`` (or this script) after changing a key.
"""

from __future__ import annotations

from pathlib import Path

from libriciel_terms._contract_file import key_reference_markdown

PAGE = Path(__file__).parents[1] / "docs" / "contract-file.md"
BEGIN, END = "<!-- keys:begin -->\n", "<!-- keys:end -->"


def render(page: str) -> str:
    """The page with its key table replaced by the current one."""
    head, _, rest = page.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}{key_reference_markdown()}{END}{tail}"


def main() -> None:
    PAGE.write_text(render(PAGE.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
