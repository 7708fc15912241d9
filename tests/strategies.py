"""Hypothesis strategies shared by the test modules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC

#: Instants between 2000 and 2099, minute resolution, in Paris or UTC or a fixed offset.
_zones = st.sampled_from(
    [PARIS, UTC, ZoneInfo("America/New_York"), dt.timezone(dt.timedelta(hours=5))]
)


@st.composite
def aware_datetimes(
    draw: st.DrawFn,
    min_value: dt.datetime = dt.datetime(2000, 1, 1),
    max_value: dt.datetime = dt.datetime(2099, 12, 31),
    resolution: str = "minute",
) -> dt.datetime:
    """An aware instant; its zone varies, the instant is what matters."""
    naive = draw(st.datetimes(min_value=min_value, max_value=max_value))
    if resolution == "minute":
        naive = naive.replace(second=0, microsecond=0)
    instant = naive.replace(tzinfo=UTC)
    return instant.astimezone(draw(_zones))


def paris_datetimes(
    min_value: dt.datetime = dt.datetime(2020, 1, 1),
    max_value: dt.datetime = dt.datetime(2030, 12, 31),
) -> st.SearchStrategy[dt.datetime]:
    """Aware instants expressed in Europe/Paris."""
    return aware_datetimes(min_value=min_value, max_value=max_value).map(
        lambda d: d.astimezone(PARIS)
    )


def dates(
    min_value: dt.date = dt.date(2000, 1, 1), max_value: dt.date = dt.date(2099, 12, 31)
) -> st.SearchStrategy[dt.date]:
    """Calendar dates."""
    return st.dates(min_value=min_value, max_value=max_value)


def durations(max_hours: int = 5000) -> st.SearchStrategy[dt.timedelta]:
    """Non-negative durations with minute resolution."""
    return st.integers(min_value=0, max_value=max_hours * 60).map(lambda m: dt.timedelta(minutes=m))


def money(max_value: str = "1000000") -> st.SearchStrategy[Decimal]:
    """Non-negative amounts in cents."""
    return st.decimals(
        min_value=Decimal(0),
        max_value=Decimal(max_value),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    )


# --- term and billing (tests/test_term.py, tests/test_billing.py) ---------------------------


@st.composite
def contract_terms(
    draw: st.DrawFn, *, month_start: bool = False, any_length: bool = False
) -> object:
    """A ``ContractTerm``: any start (or a month's 1st), 0–5 renewals, periods of 3, 6, 12, 24
    or 36 months (or any length from 3 to 36 when ``any_length``)."""
    from libriciel_terms.term import ContractTerm

    start = draw(dates(dt.date(2000, 1, 1), dt.date(2080, 12, 31)))
    if month_start:
        start = start.replace(day=1)
    lengths = st.integers(3, 36) if any_length else st.sampled_from([3, 6, 12, 24, 36])
    return ContractTerm(
        start=start,
        period_months=draw(lengths),
        renewals=draw(st.integers(min_value=0, max_value=5)),
        notice_months=draw(st.integers(min_value=0, max_value=2)),
    )


@st.composite
def price_lists(draw: st.DrawFn) -> object:
    """A ``PriceList`` of 1–5 lines with any amounts in cents (sub-cent amounts sometimes) and a
    VAT rate of 20 %, 10 %, 5.5 %, 2.1 % or 0 %."""
    from libriciel_terms.billing import PriceLine, PriceList

    amounts = draw(
        st.lists(
            st.one_of(money("100000"), st.decimals("0", "1000", places=4)), min_size=1, max_size=5
        )
    )
    return PriceList(
        lines=tuple(PriceLine(label=f"line {i}", annual_ht=a) for i, a in enumerate(amounts)),
        vat_rate_percent=draw(vat_rates()),
    )


def vat_rates() -> st.SearchStrategy[Decimal]:
    """The French VAT rates in percent (20, 10, 5.5, 2.1) and 0."""
    return st.sampled_from(
        [Decimal("20"), Decimal("10"), Decimal("5.5"), Decimal("2.1"), Decimal(0)]
    )


@st.composite
def billing_terms(draw: st.DrawFn) -> object:
    """A ``BillingTerms``: any frequency, timing and §1.11 reading."""
    from libriciel_terms.billing import BillingTerms

    return BillingTerms(
        frequency=draw(st.sampled_from(["monthly", "quarterly", "half_yearly", "yearly"])),
        timing=draw(st.sampled_from(["in_arrears", "in_advance"])),
        first_of_month=draw(st.sampled_from(["next_month", "same_month"])),
    )


def index_values(min_value: str = "1", max_value: str = "1000") -> st.SearchStrategy[Decimal]:
    """Positive Syntec-like index values, to the hundredth (published values have one decimal)."""
    return st.decimals(
        min_value=Decimal(min_value),
        max_value=Decimal(max_value),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    )


def extreme_decimals() -> st.SearchStrategy[object]:
    """Decimals at and beyond every bound: huge and tiny exponents, long digits, NaN, infinities.

    For the properties that no call hangs or lets a bare error escape on any number (issue 17).
    """
    exponents = st.sampled_from([-999999999, -10000, -29, -28, -2, 0, 2, 14, 15, 60, 999999999])
    digits = st.sampled_from(["1", "9", "123456789", "1" * 16, "9" * 40])
    built = st.builds(
        lambda sign, d, e: Decimal(f"{sign}{d}E{e}"), st.sampled_from(["", "-"]), digits, exponents
    )
    specials = st.sampled_from(
        [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("-0")]
    )
    others = st.sampled_from([10**60, -1, 0, "1E+40", "abc", 1.5, None, True])
    return st.one_of(built, specials, others, st.decimals(allow_nan=True, allow_infinity=True))
