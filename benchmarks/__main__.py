"""Run every benchmark module's ``main()`` in turn (``make bench``)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    wanted = set(argv)
    here = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda m: m.name):
        if not info.name.startswith("bench_"):
            continue
        if wanted and info.name.removeprefix("bench_") not in wanted:
            continue
        module = importlib.import_module(f"benchmarks.{info.name}")
        print(f"## {info.name}")
        module.main()
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
