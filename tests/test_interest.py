"""Late-payment interest (contract §1.8; reference note late-payment.md, oracles T1–T7, §3.2)."""

from __future__ import annotations

import datetime as dt
import decimal
import inspect
import time
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
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
    interest_calculation,
    interest_periods,
    late_payment_interest,
    moratory_interest,
)
from libriciel_terms.payment import (
    delay_start,
    payment_due_date,
)
from libriciel_terms.rates import (
    ECB_MRO,
    LEGAL_RATE_OTHER_CASES,
    RateRow,
    RateTable,
    commercial_rate,
    half_year_start,
    moratory_rate,
    three_times_legal_rate,
)
from tests.strategies import extreme_decimals, money

D = dt.date


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


# --- the base: the amount paid late, TTC ------------------------------------------------------------


def test_the_base_is_ttc_and_says_so() -> None:
    for call in (
        lambda: moratory_interest(Decimal("337.50"), D(2025, 4, 2), D(2025, 5, 12), base="ht"),  # type: ignore[arg-type]
        lambda: late_payment_interest(Decimal("1"), D(2025, 4, 2), D(2025, 5, 12), base="HT"),  # type: ignore[arg-type]
        lambda: interest_calculation(Decimal("1"), D(2025, 4, 2), D(2025, 5, 12), base=None),  # type: ignore[arg-type]
    ):
        with pytest.raises(
            InvalidArgumentError,
            match=r"^base=.*: moratory interest runs on the amount paid late TTC, less any retenue "
            r"de garantie \(décret 2013-269 art\. 8 I; R2192-31\), never on the amount HT; pass "
            r"the TTC amount \(e\.g\. Amounts\.of_ht\(ht\)\.ttc\) with base='ttc'$",
        ):
            call()
    assert moratory_interest(
        Decimal("405.00"), D(2025, 4, 2), D(2025, 5, 12), base="ttc"
    ) == Decimal("4.95")
    assert inspect.signature(moratory_interest).parameters["base"].default == "ttc"


def test_an_interest_calculation_explains_itself() -> None:
    calculation = interest_calculation(Decimal("405.00"), D(2025, 4, 2), D(2025, 5, 12))
    assert calculation.interest == Decimal("4.95")
    assert calculation.explain() == (
        "Intérêts moratoires du code de la commande publique sur 405,00\u00a0€ TTC (montant payé "
        "en retard, TVA comprise), du 2025-04-03 au paiement inclus\u00a0: 405,00\u00a0€ × "
        "11,15\u202f% × 40/365 (du 2025-04-03 au 2025-05-12) = 4,95\u00a0€\u202f; taux\u00a0: taux de la "
        "BCE (opération principale de refinancement) 3,15\u202f% (depuis le 2024-12-18, en "
        "vigueur le 2025-01-01) + 8 points = 11,15\u202f%."
    )
    assert calculation.explain(lang="en") == (
        "Moratory interest of the code de la commande publique on €405.00 TTC (the amount paid "
        "late, VAT included), from 2025-04-03 to the payment included: €405.00 × 11.15% × "
        "40/365 (2025-04-03 to 2025-05-12) = €4.95; rate: ECB main refinancing rate 3.15% (from "
        "2024-12-18, in force on 2025-01-01) + 8 points = 11.15%."
    )
    assert calculation.headline() == (
        "Intérêts sur 405,00\u00a0€ TTC dus le 2025-04-02, payés le 2025-05-12\u00a0: 4,95\u00a0€"
    )
    assert calculation.headline(lang="en") == (
        "Interest on €405.00 TTC due on 2025-04-02, paid on 2025-05-12: €4.95"
    )
    assert calculation.to_records() == [
        {
            "first_day": D(2025, 4, 3),
            "last_day": D(2025, 5, 12),
            "days": 40,
            "rate_percent": Decimal("11.15"),
            "interest": Decimal("4.95"),
            "rate_source": "3.15 + 8 = 11.15",
        }
    ]
    assert "source du taux" in calculation.to_text()
    assert not calculation.uses_user_values
    on_time = interest_calculation(Decimal("405.00"), D(2025, 4, 2), D(2025, 4, 2))
    assert on_time.explain() == (
        "Payé le 2025-04-02, au plus tard le 2025-04-02\u00a0: pas d'intérêts sur 405,00\u00a0€ TTC "
        "(montant payé en retard, TVA comprise)."
    )
    assert on_time.explain(lang="en").startswith("Paid on 2025-04-02, by 2025-04-02: no interest")
    assert on_time.interest == Decimal("0.00")


def test_explanations_of_the_other_rates() -> None:
    legal = interest_calculation(
        Decimal("405.00"), D(2024, 12, 20), D(2025, 1, 10), regime="three_times_legal"
    )
    assert legal.explain(lang="en").startswith(
        "Interest at 3 × the legal rate on €405.00 TTC (the amount paid late, VAT included), from "
        "2024-12-21 to the payment included: €405.00 × 14.76% × 11/365 (2024-12-21 to "
        "2024-12-31) + €405.00 × 11.13% × 10/365 (2025-01-01 to 2025-01-10) = €3.04; rate: 3 × "
        "legal interest rate (all other cases) 4.92% (2024-S2) = 14.76%; 3 × legal interest rate "
        "(all other cases) 3.71% (2025-S1) = 11.13%."
    )
    assert (
        "3 × taux de l'intérêt légal (autres cas) 4,92\u202f% (2024-S2) = 14,76\u202f%"
        in legal.explain()
    )
    supplied = interest_calculation(
        Decimal("405.00"), D(2025, 4, 2), D(2025, 5, 12), rate_percent=Decimal("10")
    )
    assert supplied.uses_user_values
    assert supplied.explain().endswith(
        "taux\u00a0: 10\u202f% fourni par l'appelant (rate_percent)."
    )
    assert supplied.explain(lang="en").endswith("rate: 10% supplied by the caller (rate_percent).")
    assert supplied.to_records()[0]["rate_source"] == "10"
    leap = interest_calculation(
        Decimal("10000"), D(2024, 1, 31), D(2024, 3, 31), day_count="ACT/ACT"
    )
    assert "× 60 jours (ACT/ACT)" in leap.explain()
    assert "× 60 days (ACT/ACT)" in leap.explain(lang="en")
    with pytest.raises(InvalidArgumentError, match=r"^lang='it'"):
        leap.explain(lang="it")  # type: ignore[arg-type]


def test_interest_periods_keep_their_rate_row() -> None:
    (period,) = interest_periods(D(2025, 4, 2), D(2025, 5, 12))
    assert period.rate_row == ECB_MRO[D(2024, 12, 18)]
    assert period.rate_rule(lang="en") == (
        "ECB main refinancing rate 3.15% (from 2024-12-18, in force on 2025-01-01) + 8 points = "
        "11.15%"
    )
    assert period.fraction_text("fr") == "40/365"
    (supplied,) = interest_periods(D(2025, 4, 2), D(2025, 5, 12), rate_percent=Decimal("9"))
    assert supplied.rate_row is None
    assert supplied.rate.basis == "supplied"


# --- robustness -------------------------------------------------------------------------------------


def test_a_huge_rate_is_refused_not_a_bare_invalid_operation() -> None:
    """Regression (issue 17): rate_percent=Decimal("1E+40") raised decimal.InvalidOperation."""
    with pytest.raises(OutOfRangeError, match=r"^rate_percent=Decimal\('1E\+40'\) is outside"):
        late_payment_interest(
            Decimal("1"), D(2025, 4, 2), D(2025, 5, 1), rate_percent=Decimal("1E+40")
        )
    with pytest.raises(OutOfRangeError, match=r"^rate_percent=Decimal\('100\.01'\) is above 100"):
        late_payment_interest(
            Decimal("1"), D(2025, 4, 2), D(2025, 5, 1), rate_percent=Decimal("100.01")
        )


@pytest.mark.parametrize("amount", [Decimal("1E-999999999"), Decimal("1E+999999999"), 10**60])
def test_extreme_amounts_are_refused_fast(amount: object) -> None:
    """Regression (issue 17): moratory_interest on these ran for minutes."""
    started = time.perf_counter()
    with pytest.raises(OutOfRangeError, match=r"^amount=.* is outside the range accepted"):
        moratory_interest(amount, D(2025, 4, 2), D(2025, 5, 1))  # type: ignore[arg-type]
    assert time.perf_counter() - started < 1


def test_the_widest_spans_compute_fast() -> None:
    started = time.perf_counter()
    widest = late_payment_interest(
        Decimal(10**12),
        dt.date(1, 1, 1),
        dt.date.max,
        rate_percent=Decimal(100),
        day_count="ACT/ACT",
    )
    assert widest == Decimal("9998997260273972.60")  # 10**12 × (9999 years − 1/365), 0001 not leap
    halves = interest_periods(
        dt.date(1, 1, 1), dt.date.max, regime="commercial_code", rate_percent=Decimal(1)
    )
    assert len(halves) == 1
    assert interest_periods(dt.date.max, dt.date.max) == ()
    assert time.perf_counter() - started < 1


@settings(max_examples=300)
@given(extreme_decimals(), extreme_decimals(), st.sampled_from(["ACT/365F", "ACT/ACT"]))
def test_interest_functions_on_extreme_values(amount: object, rate: object, day_count: str) -> None:
    """Every money function of the module: a TermsError or a cent result, within a second."""
    for call in (
        lambda: moratory_interest(amount, D(2024, 1, 31), D(2025, 3, 31), day_count=day_count),  # type: ignore[arg-type]
        lambda: late_payment_interest(
            Decimal("1000"), D(2000, 1, 1), D(2099, 1, 1), rate_percent=rate
        ),  # type: ignore[arg-type]
        lambda: late_payment_interest(amount, D(2024, 1, 31), D(2025, 3, 31), rate_percent=rate),  # type: ignore[arg-type]
        lambda: interest_calculation(amount, D(2024, 1, 31), D(2024, 3, 31)).interest,  # type: ignore[arg-type]
    ):
        started = time.perf_counter()
        try:
            result = call()
        except TermsError:
            pass
        else:
            assert result.as_tuple().exponent == -2
        assert time.perf_counter() - started < 1


def test_interest_ignores_the_ambient_context(hostile_decimal: decimal.Context) -> None:
    calculation = interest_calculation(Decimal("123456.78"), D(2024, 1, 31), D(2025, 3, 31))
    with decimal.localcontext(decimal.Context()):
        calm = (calculation.explain(), calculation.to_text(lang="en"), calculation.interest)
    with decimal.localcontext(hostile_decimal):
        again = interest_calculation(Decimal("123456.78"), D(2024, 1, 31), D(2025, 3, 31))
        assert (again.explain(), again.to_text(lang="en"), again.interest) == calm


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: interest_periods("2025", D(2025, 5, 1)), WrongTypeError, r"^due_on='2025'"),
        (lambda: interest_periods(D(2025, 5, 1), "2025"), WrongTypeError, r"^paid_on='2025'"),
        (lambda: interest_periods(D(2025, 5, 1), D(2025, 6, 1), regime="x"), InvalidArgumentError,
         r"^regime='x' is not one of 'public_procurement', 'three_times_legal', 'commercial_code'"),
        (lambda: interest_periods(D(2025, 5, 1), D(2025, 6, 1), day_count="30/360"), InvalidArgumentError,
         r"^day_count='30/360' is not one of 'ACT/365F', 'ACT/ACT'; pass one of them$"),
        (lambda: interest_periods(D(2025, 5, 1), D(2025, 6, 1), rate_period="monthly"),
         InvalidArgumentError, r"^rate_period='monthly' is not one of 'regime_default'"),
        (lambda: interest_periods(D(2025, 5, 1), D(2025, 6, 1), rate_period="per_half_year"),
         InvalidArgumentError,
         r"^rate_period='per_half_year' is not allowed with regime='public_procurement': R2192-31 "
         r"fixes one rate for the whole delay, that of the half-year in which interest started; "
         r"pass rate_period='fixed_at_start' or 'regime_default'$"),
        (lambda: interest_periods(D(2025, 5, 1), D(2025, 4, 1), rate_percent=1.5), FloatMoneyError,
         r"^rate_percent=1\.5 is a float"),
        (lambda: interest_calculation(Decimal("-1"), D(2025, 5, 1), D(2025, 6, 1)), OutOfRangeError,
         r"^amount=Decimal\('-1'\) is below 0"),
        (lambda: interest_calculation(Decimal("1"), D(2025, 5, 1), D(2025, 6, 1), regime=None),
         InvalidArgumentError, r"^regime=None is not one of"),
    ],
)  # fmt: skip
def test_interest_messages(call: Any, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        call()


def test_periods_by_half_year_and_fixed() -> None:
    halves = interest_periods(D(2024, 6, 29), D(2025, 7, 1), regime="three_times_legal")
    assert [(p.first_day, p.last_day, p.days) for p in halves] == [
        (D(2024, 6, 30), D(2024, 6, 30), 1),
        (D(2024, 7, 1), D(2024, 12, 31), 184),
        (D(2025, 1, 1), D(2025, 6, 30), 181),
        (D(2025, 7, 1), D(2025, 7, 1), 1),
    ]
    fixed = interest_periods(
        D(2024, 6, 29), D(2025, 7, 1), regime="commercial_code", rate_period="fixed_at_start"
    )
    assert [(p.first_day, p.last_day, p.rate_percent) for p in fixed] == [
        (D(2024, 6, 30), D(2025, 7, 1), Decimal("14.50"))
    ]
    (one,) = interest_periods(D(2024, 12, 31), D(2025, 1, 1), day_count="ACT/ACT")
    assert one.year_fraction == Fraction(1, 365)
    (leap,) = interest_periods(D(2023, 12, 31), D(2024, 1, 1), day_count="ACT/ACT")
    assert leap.year_fraction == Fraction(1, 366)
    (both,) = interest_periods(D(2023, 12, 30), D(2024, 1, 1), day_count="ACT/ACT")
    assert both.year_fraction == Fraction(1, 365) + Fraction(1, 366)
    with pytest.raises(InvalidArgumentError, match=r"^lang='x'"):
        both.fraction_text("x")  # type: ignore[arg-type]
    calculation = interest_calculation(Decimal("1"), D(2025, 4, 2), D(2025, 5, 12))
    for method in (calculation.explain, calculation.headline, calculation.to_text):
        with pytest.raises(InvalidArgumentError, match=r"^lang='FR' is not one of"):
            method(lang="FR")  # type: ignore[operator]
