"""Late-payment interest (contract §1.8; reference note late-payment.md, oracles T1–T7, §3.2)."""

from __future__ import annotations

import datetime as dt
import decimal
import importlib.util
import pickle
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms.claims import (
    RECOVERY_INDEMNITY,
    Payment,
    PaymentRequest,
    late_payment_claim,
)
from libriciel_terms.data import rates as data
from libriciel_terms.errors import (
    EndBeforeStartError,
    FloatMoneyError,
    InvalidArgumentError,
    OutOfRangeError,
    RateNotInTableError,
    TermsError,
    WrongTypeError,
)
from libriciel_terms.interest import (
    interest_periods,
    late_payment_interest,
    moratory_interest,
)
from libriciel_terms.payment import (
    STATUTORY_DELAY_DAYS,
    Interruption,
    delay_start,
    payment_due_date,
)
from libriciel_terms.rates import (
    ECB_MRO,
    LEGAL_RATE_INDIVIDUALS,
    LEGAL_RATE_OTHER_CASES,
    RATES_AS_OF,
    RateRow,
    RateTable,
    commercial_rate,
    half_year_start,
    moratory_rate,
    three_times_legal_rate,
)
from tests.strategies import money

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference"


def _half_years(first: str, last: str) -> list[str]:
    year, half = int(first[:4]), int(first[-1])
    result = []
    while True:
        label = f"{year}-S{half}"
        result.append(label)
        if label == last:
            return result
        year, half = (year, 2) if half == 1 else (year + 1, 1)


def _start(label: str) -> dt.date:
    return D(int(label[:4]), 1 if label.endswith("S1") else 7, 1)


def _end(label: str) -> dt.date:
    return D(int(label[:4]), 6, 30) if label.endswith("S1") else D(int(label[:4]), 12, 31)


# --- §3.2: rate applicable per half-year ----------------------------------------------------------

#: late-payment.md §3.2: half-year, MRO on its first day, CCP rate (MRO + 8), B2B default (+ 10).
SEMESTER_TABLE = [
    ("2013-S1", "0.75", "8.75", "10.75"),
    ("2013-S2", "0.50", "8.50", "10.50"),
    ("2014-S1", "0.25", "8.25", "10.25"),
    ("2014-S2", "0.15", "8.15", "10.15"),
    ("2015-S1", "0.05", "8.05", "10.05"),
    ("2015-S2", "0.05", "8.05", "10.05"),
    ("2016-S1", "0.05", "8.05", "10.05"),
    *[(h, "0.00", "8.00", "10.00") for h in _half_years("2016-S2", "2022-S2")],
    ("2023-S1", "2.50", "10.50", "12.50"),
    ("2023-S2", "4.00", "12.00", "14.00"),
    ("2024-S1", "4.50", "12.50", "14.50"),
    ("2024-S2", "4.25", "12.25", "14.25"),
    ("2025-S1", "3.15", "11.15", "13.15"),
    ("2025-S2", "2.15", "10.15", "12.15"),
    ("2026-S1", "2.15", "10.15", "12.15"),
]


@pytest.mark.parametrize(("half_year", "mro", "ccp", "b2b"), SEMESTER_TABLE)
def test_rates_per_half_year(half_year: str, mro: str, ccp: str, b2b: str) -> None:
    first = _start(half_year)
    last = min(_end(half_year), RATES_AS_OF)
    assert ECB_MRO.row_in_force(first).rate_percent == Decimal(mro)
    for day in (first, first + dt.timedelta(days=45), last):
        assert moratory_rate(day) == Decimal(ccp)
        assert commercial_rate(day) == Decimal(b2b)


def test_semester_table_is_complete() -> None:
    assert [row[0] for row in SEMESTER_TABLE] == _half_years("2013-S1", "2026-S1")


# --- sourced oracles T1–T7 (late-payment.md §7) --------------------------------------------------


def test_t1_conseil_d_etat_388036_date_arithmetic() -> None:
    # CE 25 May 2016 n° 388036: DCF received 26 Feb 2005, 45-day period expiring 12 Apr 2005,
    # then a 60-day period expiring 11 Jun 2005, interest due from 12 Jun 2005. The buyer
    # there had a 60-day regime; 45 days is a shorter contractual delay.
    first = payment_due_date(D(2005, 2, 26), buyer="public_undertaking", delay_days=45)
    assert first == D(2005, 4, 12)
    second = payment_due_date(first, buyer="public_undertaking")
    assert second == D(2005, 6, 11)
    periods = interest_periods(second, D(2005, 6, 12), rate_percent=Decimal("8"))
    assert [(p.first_day, p.days) for p in periods] == [(D(2005, 6, 12), 1)]


@pytest.mark.parametrize("day", [D(2023, 7, 1), D(2023, 9, 20), D(2023, 12, 31)])
def test_t2_rate_for_interest_starting_in_2023_s2(day: dt.date) -> None:
    assert moratory_rate(day) == Decimal("12.00")


@pytest.mark.parametrize("day", [D(2024, 7, 1), D(2024, 9, 18), D(2024, 12, 31)])
def test_t3_rates_for_2024_s2(day: dt.date) -> None:
    assert moratory_rate(day) == Decimal("12.25")
    assert commercial_rate(day) == Decimal("14.25")


def test_t4_rate_for_2014_s1() -> None:
    assert moratory_rate(D(2014, 3, 1)) == Decimal("8.25")


@pytest.mark.parametrize(
    ("expiry", "expected"),
    [
        (D(2025, 3, 24), "11.15"),  # S1: MRO 3.15 in force on 1 January + 8
        (D(2025, 7, 24), "10.15"),  # S2: MRO 2.15 in force on 1 July + 8
        (D(2025, 6, 29), "11.15"),  # interest starts 30 June: still S1
        (D(2025, 6, 30), "10.15"),  # interest starts 1 July: S2
    ],
)
def test_t5_half_year_of_the_day_after_expiry(expiry: dt.date, expected: str) -> None:
    (period,) = interest_periods(expiry, expiry + dt.timedelta(days=200))
    assert period.first_day == expiry + dt.timedelta(days=1)
    assert period.rate_percent == Decimal(expected)
    assert moratory_rate(expiry + dt.timedelta(days=1)) == Decimal(expected)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2023, 7, 1), "12.66"),  # capeb09
        (D(2024, 9, 1), "14.76"),  # bpifrance-creation, avencia-eca
        (D(2018, 1, 1), "2.67"),  # ficime
        (D(2021, 6, 30), "2.37"),  # dormane
    ],
)
def test_t6_three_times_legal_rate_company_creditor(day: dt.date, expected: str) -> None:
    assert three_times_legal_rate(day) == Decimal(expected)


def test_t7_2023_s1_is_10_50_not_the_rate_of_the_day() -> None:
    # The 3 % MRO decided in February 2023 does not change the 2023-S1 rate (R2192-31).
    assert moratory_rate(D(2023, 2, 15)) == Decimal("10.50")
    assert moratory_rate(D(2023, 6, 30)) == Decimal("10.50")


def test_one_rate_for_the_whole_delay_across_half_years() -> None:
    (period,) = interest_periods(D(2024, 12, 1), D(2025, 9, 30))
    assert period.rate_percent == Decimal("12.25")  # 2024-S2, for the whole 303 days
    assert period.days == 303


def test_note_section_6_day_count_example() -> None:
    # late-payment.md §6: 60 days × 12.5 % on 10 000 € = 205.48 (/365) or 204.92 (/366).
    assert moratory_interest(Decimal("10000"), D(2024, 1, 31), D(2024, 3, 31)) == Decimal("205.48")
    assert moratory_interest(
        Decimal("10000"), D(2024, 1, 31), D(2024, 3, 31), day_count="ACT/ACT"
    ) == Decimal("204.92")


def test_three_times_legal_against_the_ccp_rate() -> None:
    # The reference note (§1.3) and the issue say 3 × the legal rate is below the CCP rate in
    # every half-year; the bundled tables contradict that for 2023-S2 to 2024-S2.
    higher = {
        "2023-S2": ("12.66", "12.00"),
        "2024-S1": ("15.21", "12.50"),
        "2024-S2": ("14.76", "12.25"),
    }
    for label in _half_years("2015-S1", "2026-S1"):
        day = _start(label)
        option_a, option_b = three_times_legal_rate(day), moratory_rate(day)
        if label in higher:
            assert (option_a, option_b) == tuple(map(Decimal, higher[label]))
        else:
            assert option_a < option_b, label


def test_legal_rates_for_individuals_are_bundled() -> None:
    assert three_times_legal_rate(D(2026, 1, 1), legal_rates=LEGAL_RATE_INDIVIDUALS) == Decimal(
        "20.01"
    )
    assert LEGAL_RATE_OTHER_CASES.row_in_force(D(2026, 3, 1)).rate_percent == Decimal("2.62")


# --- rates beyond the table -----------------------------------------------------------------------


def test_half_year_beyond_the_ecb_table_is_refused_with_the_fix() -> None:
    with pytest.raises(RateNotInTableError) as caught:
        moratory_rate(D(2026, 7, 15))
    message = str(caught.value)
    assert "2026-07-01" in message
    assert "ecb_rates=" in message
    assert "rate_percent=" in message
    assert isinstance(caught.value, LookupError)
    assert isinstance(caught.value, ValueError)
    with pytest.raises(RateNotInTableError):
        moratory_interest(Decimal("405.00"), D(2026, 6, 30), D(2026, 8, 1))


def test_half_year_beyond_the_legal_table_is_refused_with_the_fix() -> None:
    with pytest.raises(RateNotInTableError, match="legal_rates=") as caught:
        three_times_legal_rate(D(2026, 7, 1))
    assert "2026-S2" in str(caught.value)
    # Piecewise accrual reaching into 2026-S2 is refused too, not truncated.
    with pytest.raises(RateNotInTableError):
        late_payment_interest(
            Decimal("405.00"), D(2026, 6, 1), D(2026, 7, 2), regime="three_times_legal"
        )


def test_before_the_tables_is_refused() -> None:
    with pytest.raises(RateNotInTableError, match="2007-06-13"):
        moratory_rate(D(2005, 6, 12))
    with pytest.raises(RateNotInTableError):
        three_times_legal_rate(D(2014, 12, 31))


def test_caller_supplied_table_or_rate_fills_the_gap() -> None:
    later = ECB_MRO.extended(
        [(D(2026, 3, 18), Decimal("2.00"))], known_through=D(2026, 7, 1), source="ECB press"
    )
    assert moratory_rate(D(2026, 7, 15), ecb_rates=later) == Decimal("10.00")
    assert moratory_rate(D(2026, 3, 1), ecb_rates=later) == Decimal("10.15")
    assert later.row_in_force(D(2026, 4, 1)).source == "ECB press"
    assert moratory_interest(
        Decimal("1000"), D(2026, 7, 14), D(2026, 8, 19), ecb_rates=later
    ) == Decimal("9.86")  # 1000 × 10 % × 36 / 365 = 9.863…
    assert moratory_interest(
        Decimal("1000"), D(2026, 7, 14), D(2026, 8, 19), rate_percent=Decimal("10")
    ) == Decimal("9.86")
    legal = LEGAL_RATE_OTHER_CASES.extended(
        [RateRow(starts_on=D(2026, 7, 1), rate_percent=Decimal("2.50"), source="arrêté")],
        known_through=D(2026, 12, 31),
    )
    assert three_times_legal_rate(D(2026, 8, 1), legal_rates=legal) == Decimal("7.50")


def test_bundled_tables_are_unchanged_by_extension() -> None:
    ECB_MRO.extended(known_through=D(2030, 1, 1))
    assert ECB_MRO.known_through == data.ECB_MRO_KNOWN_THROUGH == RATES_AS_OF


# --- payment delay ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("buyer", "due"),
    [
        ("collectivite", D(2025, 4, 2)),
        ("state", D(2025, 4, 2)),
        ("public_health", D(2025, 4, 22)),
        ("public_undertaking", D(2025, 5, 2)),
    ],
)
def test_statutory_delays(buyer: Any, due: dt.date) -> None:
    assert payment_due_date(D(2025, 3, 3), buyer=buyer) == due
    assert (due - D(2025, 3, 3)).days == STATUTORY_DELAY_DAYS[buyer]


def test_default_is_thirty_days_day_of_receipt_not_counted() -> None:
    assert payment_due_date(D(2024, 11, 30)) == D(2024, 12, 30)
    assert payment_due_date(D(2024, 2, 1)) == D(2024, 3, 2)  # leap February


def test_shorter_contractual_delay_allowed_longer_refused() -> None:
    assert payment_due_date(D(2025, 3, 3), delay_days=20) == D(2025, 3, 23)
    with pytest.raises(OutOfRangeError, match="L2192-10"):
        payment_due_date(D(2025, 3, 3), delay_days=45)
    with pytest.raises(OutOfRangeError):
        payment_due_date(D(2025, 3, 3), delay_days=0)


@pytest.mark.parametrize(
    ("notified", "completed", "due"),
    [
        # 13 days left on notice (< 30): a new 30-day delay from completion (R2192-29).
        (D(2025, 3, 20), D(2025, 4, 1), D(2025, 5, 1)),
        # notified on the day of receipt: 30 days left, not more than 30: 30 days.
        (D(2025, 3, 3), D(2025, 3, 10), D(2025, 4, 9)),
    ],
)
def test_interruption_thirty_day_restart(
    notified: dt.date, completed: dt.date, due: dt.date
) -> None:
    interruption = Interruption(notified_on=notified, completed_on=completed)
    assert payment_due_date(D(2025, 3, 3), interruption=interruption) == due


def test_interruption_keeps_a_balance_above_thirty_days() -> None:
    # 60-day delay from 2025-03-03 expires 2025-05-02; notice received 2025-03-13: 50 days left.
    interruption = Interruption(notified_on=D(2025, 3, 13), completed_on=D(2025, 3, 20))
    due = payment_due_date(D(2025, 3, 3), buyer="public_undertaking", interruption=interruption)
    assert due == D(2025, 5, 9)


def test_interruption_must_fall_inside_the_delay() -> None:
    late = Interruption(notified_on=D(2025, 4, 3), completed_on=D(2025, 4, 10))
    with pytest.raises(OutOfRangeError, match="R2192-27"):
        payment_due_date(D(2025, 3, 3), interruption=late)
    early = Interruption(notified_on=D(2025, 3, 1), completed_on=D(2025, 4, 10))
    with pytest.raises(EndBeforeStartError):
        payment_due_date(D(2025, 3, 3), interruption=early)
    with pytest.raises(EndBeforeStartError):
        Interruption(notified_on=D(2025, 3, 10), completed_on=D(2025, 3, 9))


@pytest.mark.parametrize(
    ("kwargs", "start"),
    [
        ({"received_on": D(2025, 3, 3)}, D(2025, 3, 3)),
        ({"invoice_dated": D(2025, 2, 28)}, D(2025, 3, 2)),  # not recorded: + 2 days
        ({"service_done_on": D(2025, 2, 28)}, D(2025, 2, 28)),  # receipt uncertain
        ({"received_on": D(2025, 3, 3), "service_done_on": D(2025, 3, 10)}, D(2025, 3, 10)),
        ({"received_on": D(2025, 3, 3), "service_done_on": D(2025, 2, 28)}, D(2025, 3, 3)),
        ({"received_on": D(2025, 3, 3), "invoice_dated": D(2025, 2, 1)}, D(2025, 3, 3)),
    ],
)
def test_delay_start(kwargs: dict[str, dt.date], start: dt.date) -> None:
    assert delay_start(**kwargs) == start


def test_delay_start_needs_a_date() -> None:
    with pytest.raises(InvalidArgumentError, match="received_on"):
        delay_start()


# --- interest ---------------------------------------------------------------------------------------


def test_comelus_quarterly_invoice() -> None:
    due = payment_due_date(D(2025, 3, 3))
    assert moratory_interest(Decimal("405.00"), due, D(2025, 5, 12)) == Decimal("4.95")
    assert moratory_interest(Decimal("405.00"), due, due + dt.timedelta(days=1)) == Decimal(
        "0.12"
    )  # 405 × 11.15 % / 365 = 0.1237…
    assert Decimal("40.00") == RECOVERY_INDEMNITY


def test_per_half_year_regimes_split_at_half_years() -> None:
    periods = interest_periods(D(2024, 6, 20), D(2025, 1, 5), regime="commercial_code")
    assert [(p.first_day, p.last_day, p.rate_percent) for p in periods] == [
        (D(2024, 6, 21), D(2024, 6, 30), Decimal("14.50")),
        (D(2024, 7, 1), D(2024, 12, 31), Decimal("14.25")),
        (D(2025, 1, 1), D(2025, 1, 5), Decimal("13.15")),
    ]
    fixed = interest_periods(
        D(2024, 6, 20), D(2025, 1, 5), regime="three_times_legal", rate_period="fixed_at_start"
    )
    assert [(p.days, p.rate_percent) for p in fixed] == [(199, Decimal("15.21"))]


def test_public_procurement_refuses_per_half_year() -> None:
    with pytest.raises(InvalidArgumentError, match="R2192-31"):
        interest_periods(D(2024, 6, 20), D(2025, 1, 5), rate_period="per_half_year")


# --- a slow, obviously-correct reference ------------------------------------------------------------


def _slow(
    amount: Decimal,
    due: dt.date,
    paid: dt.date,
    regime: str,
    fixed: bool,
    day_count: str,
) -> Decimal:
    total = Fraction(0)
    first = due + dt.timedelta(days=1)
    day = first
    while day <= paid:
        anchor = first if fixed else day
        semester = D(anchor.year, 1 if anchor.month <= 6 else 7, 1)
        if regime == "three_times_legal":
            legal = next(r[2] for r in data.LEGAL_RATE_ROWS if r[0] == semester)
            rate = 3 * Fraction(legal)
        else:
            mro = [r[1] for r in data.ECB_MRO_ROWS if r[0] <= semester][-1]
            rate = Fraction(mro) + (8 if regime == "public_procurement" else 10)
        leap = day.year % 4 == 0 and (day.year % 100 != 0 or day.year % 400 == 0)
        year = 366 if day_count == "ACT/ACT" and leap else 365
        total += Fraction(amount) * rate / 100 / year
        day += dt.timedelta(days=1)
    with decimal.localcontext(decimal.Context(prec=80, rounding=decimal.ROUND_HALF_UP)):
        exact = Decimal(total.numerator) / Decimal(total.denominator)
        return exact.quantize(Decimal("0.01"))


# Up to 600 days after the latest due date stays inside the bundled tables (2026-S1).
due_dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2024, 10, 31))
regimes = st.sampled_from(["public_procurement", "three_times_legal", "commercial_code"])
day_counts = st.sampled_from(["ACT/365F", "ACT/ACT"])


@given(
    amount=money("100000"),
    due=due_dates,
    late=st.integers(min_value=-10, max_value=400),
    regime=regimes,
    fixed=st.booleans(),
    day_count=day_counts,
)
def test_matches_the_day_by_day_reference(
    amount: Decimal, due: dt.date, late: int, regime: Any, fixed: bool, day_count: Any
) -> None:
    if regime == "public_procurement":
        fixed = True
    paid = due + dt.timedelta(days=late)
    expected = _slow(amount, due, paid, regime, fixed, day_count) if late > 0 else Decimal("0")
    got = late_payment_interest(
        amount,
        due,
        paid,
        regime=regime,
        rate_period="fixed_at_start" if fixed else "regime_default",
        day_count=day_count,
    )
    assert got == expected
    assert got.as_tuple().exponent == -2


@given(a=money("50000"), b=money("50000"), due=due_dates, late=st.integers(1, 400))
def test_linear_in_the_amount_up_to_the_final_cent(
    a: Decimal, b: Decimal, due: dt.date, late: int
) -> None:
    paid = due + dt.timedelta(days=late)
    together = moratory_interest(a + b, due, paid)
    apart = moratory_interest(a, due, paid) + moratory_interest(b, due, paid)
    assert abs(together - apart) <= Decimal("0.01")
    assert moratory_interest(a * 3, due, paid) - 3 * moratory_interest(a, due, paid) in {
        Decimal("-0.01"),
        Decimal("0.00"),
        Decimal("0.01"),
    }


@given(amount=money(), due=due_dates, early=st.integers(0, 3000), regime=regimes)
def test_zero_when_paid_on_or_before_the_due_date(
    amount: Decimal, due: dt.date, early: int, regime: Any
) -> None:
    paid = due - dt.timedelta(days=early)
    assert late_payment_interest(amount, due, paid, regime=regime) == Decimal("0.00")
    assert interest_periods(due, paid) == ()


@given(
    amount=money(),
    due=due_dates,
    first=st.integers(-30, 400),
    more=st.integers(0, 200),
    regime=regimes,
)
def test_monotonic_in_the_payment_date(
    amount: Decimal, due: dt.date, first: int, more: int, regime: Any
) -> None:
    sooner = due + dt.timedelta(days=first)
    later = sooner + dt.timedelta(days=more)
    assert late_payment_interest(amount, due, sooner, regime=regime) <= late_payment_interest(
        amount, due, later, regime=regime
    )


def _battery() -> list[object]:
    invoices = [
        PaymentRequest.paid_in_full(
            "2025-Q1", Decimal("405.00"), received_on=D(2025, 3, 3), paid_on=D(2025, 5, 12)
        ),
        PaymentRequest(
            reference="2025-Q2",
            amount=Decimal("405.00"),
            received_on=D(2025, 6, 2),
            payments=(Payment(paid_on=D(2025, 7, 10), amount=Decimal("200.00")),),
        ),
    ]
    claim = late_payment_claim(invoices, as_of=D(2025, 9, 30))
    return [
        moratory_rate(D(2024, 9, 1)),
        commercial_rate(D(2024, 9, 1)),
        three_times_legal_rate(D(2024, 9, 1)),
        moratory_interest(Decimal("123456.78"), D(2024, 1, 31), D(2025, 3, 31)),
        moratory_interest(Decimal("405.00"), D(2024, 1, 31), D(2025, 3, 31), day_count="ACT/ACT"),
        late_payment_interest(
            Decimal("999.99"), D(2023, 5, 1), D(2025, 3, 31), regime="three_times_legal"
        ),
        claim.to_records(),
        claim.total,
        claim.explain(),
    ]


def test_independent_of_the_ambient_decimal_context() -> None:
    expected = _battery()
    hostile = decimal.Context(
        prec=3,
        rounding=decimal.ROUND_FLOOR,
        traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation],
    )
    with decimal.localcontext(hostile):
        assert _battery() == expected


# --- claims -----------------------------------------------------------------------------------------


def _claim() -> Any:
    return late_payment_claim(
        [
            PaymentRequest.paid_in_full(
                "2025-Q1", Decimal("405.00"), received_on=D(2025, 3, 3), paid_on=D(2025, 5, 12)
            ),
            PaymentRequest(
                reference="2025-Q2",
                amount=Decimal("405.00"),
                received_on=D(2025, 6, 2),
                payments=(
                    Payment(paid_on=D(2025, 7, 10), amount=Decimal("200.00")),
                    Payment(paid_on=D(2025, 9, 30), amount=Decimal("205.00")),
                ),
            ),
            PaymentRequest.paid_in_full(
                "2024-Q4", Decimal("405.00"), received_on=D(2024, 12, 2), paid_on=D(2025, 1, 1)
            ),
        ]
    )


def test_claim_lines() -> None:
    claim = _claim()
    q1, q2, q4 = claim.lines
    assert (q1.due_on, q1.days_late, q1.rate_percent, q1.interest, q1.total) == (
        D(2025, 4, 2),
        40,
        Decimal("11.15"),
        Decimal("4.95"),
        Decimal("44.95"),
    )
    assert q1.payable_by == D(2025, 6, 26)  # R2192-36: 45 days after payment
    assert "2024-12-18" in q1.rate_source
    # 200 × 10.15 % × 8/365 + 205 × 10.15 % × 90/365 = 0.4449 + 5.1307 = 5.5756
    assert (q2.days_late, q2.rate_percent, q2.interest, q2.indemnity) == (
        90,
        Decimal("10.15"),
        Decimal("5.58"),
        Decimal("40.00"),
    )
    assert (q4.days_late, q4.interest, q4.indemnity, q4.total) == (0, *[Decimal("0.00")] * 3)
    assert "Paid on time" in q4.explain(lang="en")
    assert (claim.total_interest, claim.total_indemnity, claim.total) == (
        Decimal("10.53"),
        Decimal("80.00"),
        Decimal("90.53"),
    )
    for cited in ("R2192-10", "R2192-12", "R2192-31", "D2192-35", "R2192-36", "§1.8"):
        assert cited in q1.explain(lang="en")


def test_partial_payment_stops_interest_on_the_part_paid() -> None:
    one = PaymentRequest.paid_in_full(
        "A", Decimal("405.00"), received_on=D(2025, 6, 2), paid_on=D(2025, 9, 30)
    )
    split = PaymentRequest(
        reference="A",
        amount=Decimal("405.00"),
        received_on=D(2025, 6, 2),
        payments=(
            Payment(paid_on=D(2025, 7, 10), amount=Decimal("200.00")),
            Payment(paid_on=D(2025, 9, 30), amount=Decimal("205.00")),
        ),
    )
    whole = late_payment_claim(one).lines[0].interest
    partial = late_payment_claim(split).lines[0].interest
    assert whole == Decimal("10.14")  # 405 × 10.15 % × 90 / 365 = 10.136…
    assert partial == Decimal("5.58") < whole


def test_unpaid_balance_accrues_to_as_of() -> None:
    invoice = PaymentRequest(reference="Q", amount=Decimal("405.00"), received_on=D(2025, 6, 2))
    with pytest.raises(InvalidArgumentError, match="as_of"):
        late_payment_claim([invoice])
    line = late_payment_claim([invoice], as_of=D(2025, 9, 30)).lines[0]
    assert (line.interest, line.indemnity, line.payable_by) == (
        Decimal("10.14"),
        Decimal("40.00"),
        None,
    )
    paid_later = PaymentRequest.paid_in_full(
        "Q", Decimal("405.00"), received_on=D(2025, 6, 2), paid_on=D(2025, 10, 1)
    )
    with pytest.raises(EndBeforeStartError, match="as_of"):
        late_payment_claim([paid_later], as_of=D(2025, 9, 30))


def test_retenue_de_garantie_reduces_the_base() -> None:
    invoice = PaymentRequest(
        reference="R",
        amount=Decimal("1000.00"),
        retenue_de_garantie=Decimal("50.00"),
        received_on=D(2025, 3, 3),
        payments=(Payment(paid_on=D(2025, 5, 12), amount=Decimal("950.00")),),
    )
    line = late_payment_claim(invoice).lines[0]
    assert line.base == Decimal("950.00")
    assert line.interest == moratory_interest(Decimal("950.00"), D(2025, 4, 2), D(2025, 5, 12))
    with pytest.raises(OutOfRangeError, match="at most"):
        PaymentRequest(
            reference="R",
            amount=Decimal("1000.00"),
            retenue_de_garantie=Decimal("50.00"),
            received_on=D(2025, 3, 3),
            payments=(Payment(paid_on=D(2025, 5, 12), amount=Decimal("1000.00")),),
        )


def test_claim_under_other_regimes() -> None:
    invoice = PaymentRequest.paid_in_full(
        "Q", Decimal("405.00"), received_on=D(2024, 11, 20), paid_on=D(2025, 1, 10)
    )
    line = late_payment_claim(invoice, regime="three_times_legal").lines[0]
    assert line.due_on == D(2024, 12, 20)
    assert line.interest == Decimal("3.04")
    assert line.rate_percent is None  # two half-years, two rates
    assert "14.76" in line.rate_source
    assert "11.13" in line.rate_source
    assert "L441-10" in line.explain(lang="en")


def test_claim_records_and_html() -> None:
    claim = _claim()
    records = claim.to_records()
    assert [r["invoice"] for r in records] == ["2025-Q1", "2025-Q2", "2024-Q4"]
    assert records[0]["interest"] == Decimal("4.95")
    assert records[0]["due_on"] == D(2025, 4, 2)
    page = claim._repr_html_()
    assert page.count("<tr>") == 4  # header, three invoices; the totals follow as a note
    assert "= 90,53\u00a0€" in page
    empty = late_payment_claim([])
    assert empty.to_records() == []
    assert empty.total == Decimal("0.00")
    assert "<table>" in empty._repr_html_()


def test_value_objects_pickle() -> None:
    claim = _claim()
    assert pickle.loads(pickle.dumps(claim)) == claim
    assert pickle.loads(pickle.dumps(ECB_MRO)) == ECB_MRO


# --- bad input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: moratory_interest(405.0, D(2025, 4, 2), D(2025, 5, 1)), FloatMoneyError),
        (lambda: moratory_interest(Decimal("-1"), D(2025, 4, 2), D(2025, 5, 1)), OutOfRangeError),
        (lambda: moratory_interest(Decimal("NaN"), D(2025, 4, 2), D(2025, 5, 1)), TermsError),
        (lambda: moratory_interest(Decimal("1e40"), D(2025, 4, 2), D(2025, 5, 1)), OutOfRangeError),
        (lambda: moratory_interest(Decimal("1"), "2025-04-02", D(2025, 5, 1)), WrongTypeError),
        (
            lambda: moratory_interest(
                Decimal("1"), dt.datetime(2025, 4, 2, tzinfo=dt.UTC), D(2025, 5, 1)
            ),
            WrongTypeError,
        ),
        (lambda: moratory_interest(Decimal("1"), D(2025, 4, 2), None), WrongTypeError),
        (
            lambda: moratory_interest(
                Decimal("1"), D(2025, 4, 2), D(2025, 5, 1), rate_percent=10.5
            ),
            FloatMoneyError,
        ),
        (
            lambda: moratory_interest(
                Decimal("1"), D(2025, 4, 2), D(2025, 5, 1), day_count="30/360"
            ),
            InvalidArgumentError,
        ),
        (
            lambda: moratory_interest(Decimal("1"), D(2025, 4, 2), D(2025, 5, 1), ecb_rates={}),
            WrongTypeError,
        ),
        (
            lambda: late_payment_interest(
                Decimal("1"), D(2025, 4, 2), D(2025, 5, 1), regime="public"
            ),
            InvalidArgumentError,
        ),
        (
            lambda: late_payment_interest(
                Decimal("1"), D(2025, 4, 2), D(2025, 5, 1), rate_period=None
            ),
            InvalidArgumentError,
        ),
        (lambda: moratory_rate("2025-01-01"), WrongTypeError),
        (
            lambda: moratory_rate(D(2025, 1, 1), ecb_rates=LEGAL_RATE_OTHER_CASES.rows),
            WrongTypeError,
        ),
        (lambda: payment_due_date(D.max), OutOfRangeError),
        (lambda: payment_due_date(D(2025, 3, 3), buyer="commune"), InvalidArgumentError),
        (lambda: payment_due_date(D(2025, 3, 3), delay_days=True), WrongTypeError),
        (lambda: payment_due_date(D(2025, 3, 3), interruption=(1, 2)), WrongTypeError),
        (lambda: delay_start(invoice_dated=D.max), OutOfRangeError),
        (lambda: half_year_start(None), WrongTypeError),
        (lambda: late_payment_claim(42), WrongTypeError),
        (lambda: late_payment_claim(["x"]), WrongTypeError),
        (lambda: late_payment_claim([], as_of="today"), WrongTypeError),
        (lambda: late_payment_claim([], regime="x"), InvalidArgumentError),
        (lambda: PaymentRequest(reference="x", amount=Decimal("1")), InvalidArgumentError),
        (
            lambda: PaymentRequest(reference=1, amount=Decimal("1"), received_on=D(2025, 1, 1)),
            WrongTypeError,
        ),
        (
            lambda: PaymentRequest(
                reference="x", amount=Decimal("1"), received_on=D(2025, 1, 1), payments=3
            ),
            WrongTypeError,
        ),
        (
            lambda: PaymentRequest(
                reference="x", amount=Decimal("1"), received_on=D(2025, 1, 1), payments=[1]
            ),
            WrongTypeError,
        ),
        (
            lambda: PaymentRequest(
                reference="x",
                amount=Decimal("1"),
                received_on=D(2025, 1, 1),
                retenue_de_garantie=Decimal("2"),
            ),
            OutOfRangeError,
        ),
        (lambda: Payment(paid_on=D(2025, 1, 1), amount=Decimal("0")), OutOfRangeError),
        (
            lambda: PaymentRequest(
                reference="x", amount=Decimal("1e40"), received_on=D(2025, 1, 1)
            ),
            OutOfRangeError,
        ),
        (lambda: RateTable(name="t", rows=(), known_through=D(2025, 1, 1)), InvalidArgumentError),
        (lambda: RateTable(name="t", rows=5, known_through=D(2025, 1, 1)), WrongTypeError),
        (lambda: RateTable(name="t", rows=[(1, 2)], known_through=D(2025, 1, 1)), WrongTypeError),
        (
            lambda: RateTable(name="t", rows=ECB_MRO.rows[::-1], known_through=D(2026, 1, 1)),
            InvalidArgumentError,
        ),
        (
            lambda: RateTable(name="t", rows=ECB_MRO.rows, known_through=D(2025, 1, 1)),
            EndBeforeStartError,
        ),
        (
            lambda: RateRow(starts_on=D(2025, 1, 1), rate_percent=Decimal("-1"), source="s"),
            OutOfRangeError,
        ),
        (
            lambda: ECB_MRO.extended([(D(2025, 1, 1), "2")], known_through=D(2026, 7, 1)),
            InvalidArgumentError,
        ),
        (lambda: ECB_MRO.extended(known_through=D(2025, 1, 1)), EndBeforeStartError),
        (lambda: ECB_MRO.extended([D(2026, 3, 1)], known_through=D(2026, 7, 1)), WrongTypeError),
        (
            lambda: ECB_MRO.extended([(D(2026, 3, 1), 2.0)], known_through=D(2026, 7, 1)),
            FloatMoneyError,
        ),
        (lambda: ECB_MRO.row_in_force(D(2030, 1, 1)), RateNotInTableError),
    ],
)
def test_bad_input_raises_a_terms_error(call: Any, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        call()
    assert isinstance(caught.value, TermsError)


# --- the generated data module ----------------------------------------------------------------------


def test_data_module_is_what_the_generator_writes() -> None:
    if not (REFERENCE / "ecb_mro.csv").exists():
        pytest.skip(f"reference tables not found in {REFERENCE}")
    spec = importlib.util.spec_from_file_location(
        "generate_rates", ROOT / "scripts" / "generate_rates.py"
    )
    assert spec is not None
    assert spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    text = generator.render(REFERENCE, data.AS_OF)
    assert (ROOT / "src" / "libriciel_terms" / "data" / "rates.py").read_text("utf-8") == text


def test_data_module_shape() -> None:
    assert len(data.ECB_MRO_ROWS) == 37
    assert data.ECB_MRO_ROWS[-1][:2] == (D(2025, 6, 11), Decimal("2.15"))
    assert data.LEGAL_RATE_ROWS[0][:3] == (D(2015, 1, 1), Decimal("4.06"), Decimal("0.93"))
    assert D(2026, 6, 30) == data.LEGAL_RATE_KNOWN_THROUGH
    assert all(row[-1] for row in data.ECB_MRO_ROWS + data.LEGAL_RATE_ROWS)  # sources
