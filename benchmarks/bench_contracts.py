"""Contract files and portfolios (issue 11's benchmark): reading a file, a portfolio's sheets.

Run alone with ``.venv/bin/python -m benchmarks contracts``. Nothing is asserted; each figure is
the best of a few runs in this run, on this machine.

- ``Contract.from_toml`` of the bundled ComElus 2024 file: parse, shape check (cattrs), meaning
  check and every clause object built; and ``to_toml`` back, for scale. The first call of a
  process also reads the bundled convention de service (the template) once: it is printed apart.
- a portfolio of 100 contracts, each the bundled file with its start, prices and signature date
  edited in the TOML text (so that no two share a figure): reading them all, then
  ``Portfolio(contracts).term_sheets(as_of=...)``, its ``decisions`` and its ``to_ical``.
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys

from benchmarks import best_of
from libriciel_terms import Contract, Portfolio
from libriciel_terms.files import bundled_text

CONTRACTS = 100
SEED = 11


def variants(text: str, n: int, seed: int = SEED) -> list[str]:
    """``n`` contract files: the bundled text with another name, start, signature and prices."""
    rng = random.Random(seed)
    files = []
    for k in range(n):
        start = dt.date(2022 + k % 5, 1 + k % 12, 1)
        signed = start - dt.timedelta(days=30 + rng.randrange(60))
        edits = {
            'name = "ComElus 2024 — maintenance et hébergement"': (
                f'name = "Contrat {k:03d} — maintenance et hébergement"'
            ),
            "start = 2024-09-01": f"start = {start.isoformat()}",
            "signed_on = 2024-04-19": f"signed_on = {signed.isoformat()}",
            'annual_ht = "650.00"': f'annual_ht = "{rng.randrange(400, 2000)}.00"',
            'annual_ht = "250.00"': f'annual_ht = "{rng.randrange(100, 900)}.{k % 100:02d}"',
        }
        edited = text
        for old, new in edits.items():
            if edited.count(old) != 1:
                raise SystemExit(f"the bundled file changed: {old!r} is not in it once")
            edited = edited.replace(old, new)
        files.append(edited)
    return files


def contract_file() -> None:
    text = bundled_text("comelus-2024")
    code = (
        "import time\n"
        "from libriciel_terms import Contract\n"
        "from libriciel_terms.files import bundled_text\n"
        "text = bundled_text('comelus-2024')\n"
        "t = time.perf_counter()\n"
        "Contract.from_toml(text)\n"
        "print((time.perf_counter() - t) * 1000)\n"
    )
    first = min(
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    )
    Contract.from_toml(text)
    contract = Contract.from_toml(text)
    read = best_of(lambda: Contract.from_toml(text), 5) * 1000
    write = best_of(contract.to_toml, 5) * 1000
    print(
        f"Contract.from_toml (bundled ComElus 2024, {len(text):,} characters): {read:.2f} ms "
        f"(first call of a process, template included: {first:.2f} ms); to_toml: {write:.2f} ms"
    )


def portfolio() -> None:
    texts = variants(bundled_text("comelus-2024"), CONTRACTS)
    contracts = [Contract.from_toml(t, source=f"contract {k}") for k, t in enumerate(texts)]
    read = best_of(lambda: [Contract.from_toml(t) for t in texts], 3) * 1000
    book = Portfolio(contracts)
    as_of = dt.date(2025, 6, 1)
    sheets = best_of(lambda: book.term_sheets(as_of=as_of), 3) * 1000
    decisions = best_of(lambda: book.decisions(as_of), 3) * 1000
    stamp = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    ical = best_of(lambda: book.to_ical(stamp=stamp), 3) * 1000
    one = best_of(lambda: contracts[0].term_sheet(as_of=as_of), 5) * 1000
    print(f"portfolio of {CONTRACTS} contracts (the bundled file, dates and prices edited):")
    print(
        f"  read and validate the {CONTRACTS} files   {read:9.1f} ms  ({read / CONTRACTS:.2f} ms each)"
    )
    print(
        f"  term_sheets(as_of=...)             {sheets:9.1f} ms  ({sheets / CONTRACTS:.2f} ms each; "
        f"one contract alone: {one:.2f} ms)"
    )
    print(f"  decisions(as_of)                   {decisions:9.1f} ms")
    print(f"  to_ical (every obligation)         {ical:9.1f} ms")


def main() -> None:
    contract_file()
    portfolio()


if __name__ == "__main__":
    main()
