"""Term and billing speed at the largest inputs the library accepts (``make bench``).

Run alone with ``.venv/bin/python -m benchmarks billing``. Nothing here is asserted: speed depends
on the machine; the numbers are printed for the record, with the ratio of each largest case to
the ComElus one measured in the same run: the work grows linearly (1,200 monthly periods are 300
times ComElus's four; 1,200 invoices of 50 lines, 938 times its 16 invoices of 4 lines).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from decimal import Decimal

from libriciel_terms.billing import MAX_LINES, BillingTerms, PriceLine, PriceList
from libriciel_terms.term import MAX_TERM_MONTHS, ContractTerm
from libriciel_terms.termination import late_termination
from libriciel_terms.unit_prices import MAX_QUOTE_LINES, UnitPriceList


def _time(label: str, repeat: int, run: Callable[[], object]) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        run()
    per = (time.perf_counter() - start) / repeat * 1e3
    print(f"{label:<62} {per:9.3f} ms")
    return per


def main() -> None:
    comelus, prices = ContractTerm.comelus(), PriceList.comelus_2024()
    longest = ContractTerm(
        start=dt.date(2024, 9, 1), period_months=1, renewals=MAX_TERM_MONTHS - 1, notice_months=0
    )
    widest = PriceList(
        lines=tuple(
            PriceLine(label=f"ligne {i}", annual_ht=Decimal("1234.5678")) for i in range(MAX_LINES)
        ),
        vat_rate_percent=Decimal("5.5"),
    )
    monthly = BillingTerms(frequency="monthly", timing="in_advance")
    units = UnitPriceList.comelus_2024()
    print("Term and billing, ComElus and the largest accepted inputs")
    small = _time("ComElus term: to_records()", 200, comelus.to_records)
    large = _time(
        f"{MAX_TERM_MONTHS} monthly periods: to_records()",
        5,
        lambda: ContractTerm(
            start=longest.start, period_months=1, renewals=longest.renewals, notice_months=0
        ).to_records(),
    )
    print(f"  ratio {large / small:.0f} for {MAX_TERM_MONTHS / 4:.0f} times the periods")
    small = _time(
        "ComElus schedule: 16 invoices × 4 lines",
        200,
        lambda: BillingTerms.comelus().schedule(comelus, prices),
    )
    large = _time(
        f"{MAX_TERM_MONTHS} monthly invoices × {MAX_LINES} lines (the largest schedule)",
        3,
        lambda: monthly.schedule(longest, widest),
    )
    print(f"  ratio {large / small:.0f} for {MAX_TERM_MONTHS * MAX_LINES / 64:.0f} times the lines")
    _time(
        "late_termination (ComElus, late, by days)",
        2000,
        lambda: late_termination(comelus, dt.date(2025, 8, 10), Decimal("1350.00")),
    )
    _time(
        f"quote of {MAX_QUOTE_LINES} lines",
        20,
        lambda: units.quote([("development", Decimal("0.333"))] * MAX_QUOTE_LINES),
    )


if __name__ == "__main__":
    main()
