"""Mutation testing with mutmut, one module at a time, and the score of each (``make mutation``).

Usage::

    python scripts/mutation.py [--max-children N] [--survivors] [--sample DIGITS] MODULE [...]

``make mutation MODULES="hours holidays"`` runs it. For each module, a scratch copy of the
project is made in ``build/mutation/<module>/`` with ``[tool.mutmut]`` narrowed to that module
(``only_mutate``) and to its targeted tests (:data:`TESTS`: its test file, its docstrings, its
documentation page). mutmut runs there with the ``mutation`` Hypothesis profile (see
``tests/conftest.py``, which also clears the caches and re-imports the package per mutant).

Scores count killed and timed-out mutants, plus equivalent mutants listed in
``scripts/mutation_equivalents.toml`` with the reason they are equivalent. An equivalent mutant
counts only while its recorded mutated line still matches what mutmut shows, so a stale entry is
reported instead of silently counted. The scores are printed and written to
``build/mutation/report.json`` (``--save`` merges them into ``scripts/mutation_report.json``,
which ``docs/mutation.md`` shows: ``python scripts/mutation_page.py`` rewrites the page).

``--sample 05`` runs a systematic sample: the mutants whose number ends in 0 or 5 (one in five,
spread over every function), for modules too large for a full run; the report says so.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "build" / "mutation"
EQUIVALENTS = ROOT / "scripts" / "mutation_equivalents.toml"
#: The latest scores, kept in the repository (``--save``) for the documentation to render.
SAVED = ROOT / "scripts" / "mutation_report.json"
COPIED = (
    "src",
    "tests",
    "docs",
    "scripts",
    "examples",
    "conftest.py",
    "pyproject.toml",
    "README.md",
)

#: The targeted tests of each module (test files, docstrings and pages, as pytest arguments).
#: A module not listed gets ``tests/test_<module>.py`` and its own docstrings.
TESTS: dict[str, list[str]] = {
    "_exact": [
        "tests/test_exact.py",
        "src/libriciel_terms/_exact.py",
    ],
    "hours": [
        "tests/test_hours.py",
        "tests/test_hours_edges.py",
        "src/libriciel_terms/hours.py",
        "docs/business-hours.md",
        "tests/test_bulk.py",
    ],
    "_index": [
        "tests/test_hours.py",
        "tests/test_hours_edges.py",
        "src/libriciel_terms/_index.py",
    ],
    "holidays": [
        "tests/test_holidays.py",
        "src/libriciel_terms/holidays.py",
    ],
    "_bulk": [
        "tests/test_bulk.py",
        "src/libriciel_terms/_bulk.py",
    ],
    "syntec": [
        "tests/test_syntec.py",
        "tests/test_revision.py",
        "tests/test_reference_files.py",
        "src/libriciel_terms/syntec.py",
        "docs/price-revision.md",
    ],
    "revision": [
        "tests/test_revision.py",
        "tests/test_reference_files.py",
        "src/libriciel_terms/revision.py",
        "docs/price-revision.md",
    ],
    "rates": [
        "tests/test_rates.py",
        "tests/test_interest.py",
        "tests/test_reference_files.py",
        "src/libriciel_terms/rates.py",
    ],
    "payment": [
        "tests/test_payment.py",
        "tests/test_claims.py",
        "src/libriciel_terms/payment.py",
    ],
    "interest": [
        "tests/test_interest.py",
        "tests/test_rates.py",
        "src/libriciel_terms/interest.py",
        "docs/late-payment.md",
    ],
    "claims": [
        "tests/test_claims.py",
        "tests/test_interest.py",
        "tests/test_reference_files.py",
        "src/libriciel_terms/claims.py",
        "docs/late-payment.md",
    ],
    "retention": [
        "tests/test_retention.py",
        "src/libriciel_terms/retention.py",
        "docs/retention.md",
    ],
    "data_protection": [
        "tests/test_data_protection.py",
        "src/libriciel_terms/data_protection.py",
        "docs/retention.md",
    ],
    "backups": [
        "tests/test_backups.py",
        "src/libriciel_terms/backups.py",
        "docs/retention.md",
    ],
    "quotas": [
        "tests/test_quotas.py",
        "src/libriciel_terms/quotas.py",
        "docs/retention.md",
    ],
    "downtime": [
        "tests/test_downtime.py",
        "src/libriciel_terms/downtime.py",
        "docs/howto/availability.md",
    ],
    "tickets": [
        "tests/test_tickets.py",
        "src/libriciel_terms/tickets.py",
        "docs/howto/is-this-ticket-late.md",
        "docs/slas.md",
    ],
    "compliance": [
        "tests/test_compliance.py",
        "src/libriciel_terms/compliance.py",
        "docs/howto/compliance-report.md",
    ],
    "obligations": [
        "tests/test_obligations.py",
        "src/libriciel_terms/obligations.py",
        "docs/calendar.md",
    ],
    "portfolio": [
        "tests/test_portfolio.py",
        "src/libriciel_terms/portfolio.py",
        "docs/calendar.md",
    ],
}

#: Modules whose import-time values (module constants, presets) run none of their own functions:
#: their mutants need only the test modules re-imported, not the whole package (much faster).
#: Every other module gets the package re-imported per mutant (tests/conftest.py).
TESTS_ONLY_RELOAD = {"hours", "holidays", "_index", "_bulk"}

#: mutmut's exit codes, as it records them per mutant.
STATUS = {
    1: "killed",
    3: "killed",
    -24: "timeout",
    24: "timeout",
    36: "timeout",
    152: "timeout",
    255: "timeout",
    0: "survived",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    35: "suspicious",
    37: "caught by type check",
}
DETECTED = {"killed", "timeout", "caught by type check"}


def targeted_tests(module: str) -> list[str]:
    default = [f"tests/test_{module}.py", f"src/libriciel_terms/{module}.py"]
    return [path for path in TESTS.get(module, default) if (ROOT / path).exists()]


def prepare(module: str) -> Path:
    """A fresh scratch copy of the project whose ``[tool.mutmut]`` targets ``module``."""
    where = SCRATCH / module
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, where / name, ignore=shutil.ignore_patterns("_build"))
        elif source.exists():
            shutil.copy2(source, where / name)
    pyproject = where / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    narrowed = (
        "[tool.mutmut]\n"
        f"only_mutate = {json.dumps([f'src/libriciel_terms/{module}.py'])}\n"
        f"pytest_add_cli_args_test_selection = {json.dumps(targeted_tests(module))}\n"
    )
    if "[tool.mutmut]\n" not in text:
        raise SystemExit("pyproject.toml has no [tool.mutmut] table")
    # tests read the generators (scripts/) and the example contracts (examples/)
    text = re.sub(
        r"^also_copy = \[", 'also_copy = ["scripts", "examples", ', text, count=1, flags=re.M
    )
    pyproject.write_text(text.replace("[tool.mutmut]\n", narrowed, 1), encoding="utf-8")
    return where


def sample_pattern(digits: str | None) -> str | None:
    """The mutmut name pattern of a systematic sample: numbers ending in one of ``digits``."""
    return f"*__mutmut_*[{digits}]" if digits else None


def refresh(where: Path) -> None:
    """Bring the scratch copy's tests, docs and scripts up to date (for ``--rerun``)."""
    for name in ("tests", "docs", "scripts"):
        for target in (where / name, where / "mutants" / name):
            if target.exists():
                shutil.rmtree(target)
                shutil.copytree(ROOT / name, target, ignore=shutil.ignore_patterns("_build"))


def run_mutmut(where: Path, module: str, max_children: int, names: list[str]) -> None:
    """Run mutmut in ``where``: every mutant, or those matching ``names`` (mutmut patterns)."""
    reload = "tests" if module in TESTS_ONLY_RELOAD else "package"
    env = {**os.environ, "HYPOTHESIS_PROFILE": "mutation", "MUTATION_RELOAD": reload}
    env.pop("CI", None)
    with (where / "mutmut.log").open("w", encoding="utf-8") as log:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "mutmut",
                "run",
                "--max-children",
                str(max_children),
                *names,
            ],
            cwd=where,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if done.returncode != 0:
        tail = (where / "mutmut.log").read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"mutmut failed in {where} (exit {done.returncode}):\n{tail}")


def statuses(where: Path, module: str, sample: str | None = None) -> dict[str, str]:
    meta = where / "mutants" / "src" / "libriciel_terms" / f"{module}.py.meta"
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    pattern = sample_pattern(sample)
    return {
        name: STATUS.get(code, "suspicious")
        for name, code in codes.items()
        if pattern is None or fnmatch.fnmatch(name, pattern)
    }


def mutant_diff(where: Path, name: str) -> str:
    shown = subprocess.run(
        [sys.executable, "-m", "mutmut", "show", name],
        cwd=where,
        capture_output=True,
        text=True,
        check=False,
    )
    return shown.stdout


def equivalents(module: str) -> dict[str, dict[str, str]]:
    if not EQUIVALENTS.exists():
        return {}
    table = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))
    return dict(table.get(module, {}))


def _normalise(line: str) -> str:
    return re.sub(r"\s+", " ", line.strip())


def score(where: Path, module: str, sample: str | None = None) -> dict[str, object]:
    found = statuses(where, module, sample)
    counts = Counter(found.values())
    equivalent: list[str] = []
    stale: list[str] = []
    for name, entry in equivalents(module).items():
        if found.get(name) not in {"survived", "no tests", "suspicious"}:
            continue  # killed after all, or no longer generated
        added = [
            _normalise(line[1:])
            for line in mutant_diff(where, name).splitlines()
            if line.startswith("+") and not line.startswith("+++")
        ]
        if _normalise(entry["mutated"]) in added:
            equivalent.append(name)
        else:
            stale.append(name)
    total = len(found)
    detected = sum(counts[s] for s in DETECTED) + len(equivalent)
    survivors = sorted(
        name for name, status in found.items() if status not in DETECTED and name not in equivalent
    )
    return {
        "module": module,
        "sample": f"numbers ending in {', '.join(sample)}" if sample else "all",
        "mutants": total,
        "counts": dict(sorted(counts.items())),
        "equivalent": len(equivalent),
        "stale_equivalents": stale,
        "score": round(100 * detected / total, 1) if total else None,
        "survivors": survivors,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="+", help="module names, e.g. hours holidays")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants")
    parser.add_argument(
        "--sample", metavar="DIGITS", help="only the mutants whose number ends in one of DIGITS"
    )
    parser.add_argument(
        "--rerun",
        action="store_true",
        help="run the last run's survivors again, against the current tests (same --sample)",
    )
    parser.add_argument(
        "--save", action="store_true", help=f"merge the scores into {SAVED.relative_to(ROOT)}"
    )
    options = parser.parse_args(argv)
    reports = []
    for module in options.modules:
        if not (ROOT / "src" / "libriciel_terms" / f"{module}.py").exists():
            parser.error(f"no module src/libriciel_terms/{module}.py")
        print(f"mutating {module} against {' '.join(targeted_tests(module))}", flush=True)
        if options.rerun:
            where = SCRATCH / module
            if not (where / "mutants").exists():
                print(f"  no earlier run of {module} to re-run: skipped", flush=True)
                continue
            refresh(where)
            names = list(score(where, module, options.sample)["survivors"])  # type: ignore[call-overload]
        else:
            where = prepare(module)
            pattern = sample_pattern(options.sample)
            names = [pattern] if pattern else []
        if names or not options.rerun:
            run_mutmut(where, module, options.max_children, names)
        reports.append(score(where, module, options.sample))
    (SCRATCH / "report.json").write_text(json.dumps(reports, indent=2) + "\n", encoding="utf-8")
    if options.save:
        saved = json.loads(SAVED.read_text(encoding="utf-8")) if SAVED.exists() else {}
        for report in reports:
            saved[report["module"]] = {k: v for k, v in report.items() if k != "module"}
        text = json.dumps(saved, indent=2, sort_keys=True, ensure_ascii=False)
        SAVED.write_text(text + "\n", encoding="utf-8")
    print(
        f"\n{'module':<16}{'mutants':>8}{'killed':>8}{'timeout':>8}{'equiv.':>8}"
        f"{'survived':>9}{'no test':>8}{'score':>8}"
    )
    for report in reports:
        counts: dict[str, int] = report["counts"]  # type: ignore[assignment]
        print(
            f"{report['module']:<16}{report['mutants']:>8}{counts.get('killed', 0):>8}"
            f"{counts.get('timeout', 0):>8}{report['equivalent']:>8}"
            f"{counts.get('survived', 0) + counts.get('suspicious', 0):>9}"
            f"{counts.get('no tests', 0):>8}{report['score']:>7}%"
        )
        for name in report["stale_equivalents"]:  # type: ignore[attr-defined]
            print(f"  stale equivalent entry (mutant changed): {name}")
        if options.survivors:
            for name in report["survivors"]:  # type: ignore[attr-defined]
                print(f"  survived: {name}")
    print(f"\nreport: {(SCRATCH / 'report.json').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
