"""Write ``docs/mutation.md`` from ``scripts/mutation_report.json`` (``make mutation-page``).

The page shows the latest mutation scores per module as ``scripts/mutation.py --save`` recorded
them, and lists every module of the package that has no score yet. ``tests/test_regressions_17.py``
checks that the page is what this script writes from the report.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "scripts" / "mutation_report.json"
PAGE = ROOT / "docs" / "mutation.md"
PACKAGE = ROOT / "src" / "libriciel_terms"
#: Modules with no rule to mutate: the package's entry points and generated data.
NOT_MUTATED = {"__init__", "__main__", "comelus"}

INTRODUCTION = """\
# Mutation testing

Mutation testing changes the code one small step at a time (a `<` becomes `<=`, a constant
becomes another, an argument disappears) and runs the module's tests against each change, a
*mutant*. A mutant the tests notice is *killed*; one they do not notice *survives*, and shows
behaviour no test pins. The score of a module is the share of its mutants killed (or timed
out), counting an *equivalent* mutant (one that changes nothing observable) as killed only when
`scripts/mutation_equivalents.toml` says why it is equivalent. The aim is at least 90 % on
every rule module.

Run it with `make mutation MODULES="revision term"` (mutmut, each module against its own test
files, docstrings and guide page, see `scripts/mutation.py`, on one core);
`MUTATION_ARGS="--sample 05"` runs one mutant in five, spread over every function, for the
largest modules, and `--save` records the scores; `make mutation-page` writes this page from
them. *Undetected* counts the mutants
that survived or that no test ran, less the justified equivalents.
"""


def _row(module: str, entry: dict[str, Any]) -> str:
    counts = entry.get("counts", {})
    survived = len(entry.get("survivors", ()))  # not killed, not a justified equivalent
    score = entry.get("score")
    sample = entry.get("sample", "all")
    shown = "—" if score is None else f"{score:.1f} %"
    return (
        f"| `{module}` | {entry.get('mutants', 0)} | {sample} | {counts.get('killed', 0)} "
        f"| {counts.get('timeout', 0)} | {entry.get('equivalent', 0)} | {survived} "
        f"| {shown} |"
    )


def render(report: dict[str, dict[str, Any]], modules: list[str]) -> str:
    """The page's Markdown for ``report`` (module → scores) and the package's ``modules``."""
    lines = [INTRODUCTION, "## Latest scores", ""]
    lines.append(
        "| module | mutants | sample | killed | timed out | equivalent | undetected | score |"
    )
    lines.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    lines.extend(_row(module, report[module]) for module in sorted(report))
    notes = [(m, report[m]["note"]) for m in sorted(report) if report[m].get("note")]
    if notes:
        lines.extend(["", "Notes on the runs:", ""])
        lines.extend(f"- `{module}`: {note}" for module, note in notes)
    missing = [m for m in modules if m not in report and m not in NOT_MUTATED]
    lines.extend(["", "## Not run yet", ""])
    if missing:
        lines.append(
            "These modules have no score yet; their tests have not been measured this way: "
            + ", ".join(f"`{m}`" for m in missing)
            + "."
        )
    else:
        lines.append("Every module has a score.")
    return "\n".join(lines) + "\n"


def package_modules() -> list[str]:
    return sorted(path.stem for path in PACKAGE.glob("*.py"))


def main(argv: list[str]) -> int:
    report = json.loads(REPORT.read_text(encoding="utf-8"))
    text = render(report, package_modules())
    if argv == ["--check"]:
        return 0 if PAGE.read_text(encoding="utf-8") == text else 1
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
