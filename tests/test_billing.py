"""Prices, quarterly invoices, pro-rata, unit prices, liability cap and the contract's own figures
(CP, §1.4.1, §1.8, §1.11, §7; RULES.md §3, C3, C4, C5, C8)."""

from __future__ import annotations

import datetime as dt
import decimal
import pickle
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from libriciel_terms.billing import (
    STORAGE_GB_MONTH_HT,
    UNIT_PRICES,
    Amounts,
    PriceLine,
    PriceList,
    billed_months,
    billing_schedule,
    check_consistency,
    liability_cap,
    prorata_initial_price,
    quote,
    storage_quote,
)
from libriciel_terms.errors import (
    FloatMoneyError,
    InvalidArgumentError,
    OutOfRangeError,
    OutsideTermError,
    TermsError,
    UnknownPriceError,
    WrongTypeError,
)
from libriciel_terms.term import ContractTerm
from tests.strategies import money, price_lists

D = dt.date
ANNUAL = Decimal("1350.00")
TERM = ContractTerm.comelus()
PRICES = PriceList.comelus_2024()


def _reference_months(installed_on: dt.date, period_end: dt.date) -> int:
    """Slow reference for §1.11: count the months whose 1st day is after the installation."""
    count = 0
    year, month = period_end.year, period_end.month
    while True:
        first = D(year, month, 1)
        if first <= installed_on:
            return count
        count += 1
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)


# --- price lines (CP) -----------------------------------------------------------------------


def test_comelus_price_lines() -> None:
    assert [(line.label, line.annual_ht) for line in PRICES.lines] == [
        ("Utilisation du service", Decimal("650.00")),
        ("Volume transitant (20 To annuels)", Decimal("300.00")),
        ("Stockage", Decimal("150.00")),
        ("Support et helpdesk", Decimal("250.00")),
    ]
    assert PRICES.vat_rate_percent == Decimal("20")
    assert PRICES.annual == Amounts(
        ht=Decimal("1350.00"), vat=Decimal("270.00"), ttc=Decimal("1620.00")
    )
    assert PRICES.quarterly == Amounts(
        ht=Decimal("337.50"), vat=Decimal("67.50"), ttc=Decimal("405.00")
    )
    # CP: "Forfait trimestriel" per line
    assert [r["quarterly_ht"] for r in PRICES.to_records()] == [
        Decimal("162.50"),
        Decimal("75.00"),
        Decimal("37.50"),
        Decimal("62.50"),
    ]
    assert PRICES.line("Stockage").annual_ht == Decimal("150.00")
    assert "<td>162.50</td>" in PRICES._repr_html_()


def test_price_lines_rebuild_with_evolve() -> None:
    revised = attrs.evolve(
        PRICES,
        lines=tuple(
            attrs.evolve(line, annual_ht=line.annual_ht + Decimal("10.00")) for line in PRICES.lines
        ),
    )
    assert revised.annual.ht == Decimal("1390.00")
    assert PRICES.annual.ht == Decimal("1350.00")  # the original is untouched
    with pytest.raises(FloatMoneyError, match="annual_ht"):
        attrs.evolve(PRICES.lines[0], annual_ht=650.0)


# --- quarterly invoices -----------------------------------------------------------------------


def test_comelus_schedule_has_sixteen_invoices_of_405() -> None:
    schedule = billing_schedule(TERM, PRICES)
    assert tuple(i.billed_on for i in schedule.invoices) == TERM.billing_dates()
    for invoice in schedule.invoices:
        assert (invoice.ht, invoice.vat, invoice.ttc, invoice.months) == (
            Decimal("337.50"),
            Decimal("67.50"),
            Decimal("405.00"),
            3,
        )
        assert [line.ht for line in invoice.lines] == [
            Decimal("162.50"),
            Decimal("75.00"),
            Decimal("37.50"),
            Decimal("62.50"),
        ]
    first = schedule.invoices[0]
    assert (first.covers_start, first.covers_end, first.billed_on) == (
        D(2024, 9, 1),
        D(2024, 11, 30),
        D(2024, 11, 30),
    )
    for number in (1, 2, 3, 4):
        assert schedule.period_total(number) == PRICES.annual
    records = schedule.to_records()
    assert records[13] == {
        "period": 4,
        "quarter": "T2",
        "billed_on": D(2028, 2, 29),
        "covers_start": D(2027, 12, 1),
        "covers_end": D(2028, 2, 29),
        "months": 3,
        "ht": Decimal("337.50"),
        "vat": Decimal("67.50"),
        "ttc": Decimal("405.00"),
    }
    assert "<td>2028-02-29</td>" in schedule._repr_html_()


def test_remainder_cents_follow_the_running_total() -> None:
    prices = PriceList(lines=(PriceLine(label="x", annual_ht=Decimal("1000.01")),))
    invoices = billing_schedule(TERM, prices).for_period(1)
    # running totals 250.0025→250.00, 500.005→500.01, 750.0075→750.01, 1000.01
    assert [i.ht for i in invoices] == [
        Decimal("250.00"),
        Decimal("250.01"),
        Decimal("250.00"),
        Decimal("250.00"),
    ]
    assert [i.vat for i in invoices] == [Decimal("50.00")] * 4  # 250.01 × 20 % = 50.002
    tiny = PriceList(lines=(PriceLine(label="x", annual_ht=Decimal("0.02")),))
    assert [i.ht for i in billing_schedule(TERM, tiny).for_period(1)] == [
        Decimal("0.01"),
        Decimal("0.00"),
        Decimal("0.01"),
        Decimal("0.00"),
    ]


@given(price_lists())
def test_quarters_sum_exactly_to_the_annual_amount(prices: Any) -> None:
    schedule = billing_schedule(TERM, prices)
    for number in (1, 2, 3, 4):
        invoices = schedule.for_period(number)
        assert len(invoices) == 4
        assert sum(i.ht for i in invoices) == prices.annual.ht
        for line in prices.lines:
            shares = [next(x.ht for x in i.lines if x.label == line.label) for i in invoices]
            exact = Fraction(line.annual_ht)
            assert sum(Fraction(s) for s in shares) == prices_cents(exact)
            for share in shares:
                assert share >= 0
                assert abs(Fraction(share) - exact / 4) < Fraction(1, 100)
        for invoice in invoices:
            assert invoice.ht == sum(x.ht for x in invoice.lines)
            assert invoice.vat == Amounts.of_ht(invoice.ht).vat
            assert invoice.ttc == invoice.ht + invoice.vat
            assert invoice.ht.as_tuple().exponent == -2


def prices_cents(value: Fraction) -> Fraction:
    """Reference half-up rounding to the cent of a non-negative exact value."""
    units = value * 100
    whole = units.numerator // units.denominator
    if units - whole >= Fraction(1, 2):
        whole += 1
    return Fraction(whole, 100)


# --- pro-rata (§1.11) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("installed_on", "months", "price"),
    [
        (D(2024, 10, 15), 10, Decimal("1125.00")),
        (D(2024, 9, 1), 11, Decimal("1237.50")),  # literal reading: billed from 2024-10-01
        (D(2024, 9, 30), 11, Decimal("1237.50")),
        (D(2024, 10, 1), 10, Decimal("1125.00")),
        (D(2025, 7, 31), 1, Decimal("112.50")),
        (D(2025, 8, 1), 0, Decimal("0.00")),  # after the last month began
        (D(2025, 8, 31), 0, Decimal("0.00")),
    ],
)
def test_prorata_examples(installed_on: dt.date, months: int, price: Decimal) -> None:
    assert billed_months(installed_on, D(2025, 8, 31)) == months
    assert prorata_initial_price(ANNUAL, installed_on, D(2025, 8, 31)) == price


def test_prorata_same_month_reading() -> None:
    assert prorata_initial_price(
        ANNUAL, D(2024, 9, 1), D(2025, 8, 31), first_of_month="same_month"
    ) == Decimal("1350.00")
    # only an installation on the 1st changes
    assert prorata_initial_price(
        ANNUAL, D(2024, 9, 2), D(2025, 8, 31), first_of_month="same_month"
    ) == Decimal("1237.50")


@given(st.dates(D(2024, 9, 1), D(2025, 8, 31)), st.dates(D(2024, 9, 1), D(2025, 8, 31)), money())
def test_prorata_is_monotonic_and_capped(first: dt.date, second: dt.date, annual: Decimal) -> None:
    assume(first <= second)
    end = D(2025, 8, 31)
    assert billed_months(first, end) == _reference_months(first, end)
    earlier = prorata_initial_price(annual, first, end)
    later = prorata_initial_price(annual, second, end)
    assert Decimal(0) <= later <= earlier <= annual
    assert earlier == prices_cents(Fraction(annual) * billed_months(first, end) / 12)


@given(st.dates(D(2024, 9, 1), D(2025, 8, 31)))
def test_prorated_schedule_carries_the_billed_months(installed_on: dt.date) -> None:
    schedule = billing_schedule(TERM, PRICES, installed_on=installed_on)
    first = schedule.for_period(1)
    months = billed_months(installed_on, D(2025, 8, 31))
    assert sum(i.months for i in first) == months
    assert schedule.period_total(1).ht == prorata_initial_price(
        ANNUAL, installed_on, D(2025, 8, 31)
    )
    # later periods are not pro-rated
    assert schedule.period_total(2) == PRICES.annual
    # a quarter's months are those whose 1st day is after the installation
    for invoice in first:
        assert invoice.months == sum(
            1 for m in range(3) if _month_first(invoice.covers_start, m) > installed_on
        )


def _month_first(start: dt.date, offset: int) -> dt.date:
    index = start.year * 12 + start.month - 1 + offset
    return D(index // 12, index % 12 + 1, 1)


def test_prorated_schedule_example() -> None:
    schedule = billing_schedule(TERM, PRICES, installed_on=D(2024, 10, 15))
    assert [(i.months, i.ht, i.vat, i.ttc) for i in schedule.for_period(1)] == [
        (1, Decimal("112.50"), Decimal("22.50"), Decimal("135.00")),
        (3, Decimal("337.50"), Decimal("67.50"), Decimal("405.00")),
        (3, Decimal("337.50"), Decimal("67.50"), Decimal("405.00")),
        (3, Decimal("337.50"), Decimal("67.50"), Decimal("405.00")),
    ]
    late = billing_schedule(TERM, PRICES, installed_on=D(2025, 8, 5))
    assert [i.ht for i in late.for_period(1)] == [Decimal("0.00")] * 4


# --- section 7 unit prices ---------------------------------------------------------------------


def test_unit_prices_match_section_7() -> None:
    assert len(UNIT_PRICES) == 13
    by_ht: dict[Decimal, int] = {}
    for unit in UNIT_PRICES:
        by_ht[unit.ht] = by_ht.get(unit.ht, 0) + 1
        # the printed TTC column is the HT plus 20 % VAT
        assert unit.ttc == Amounts.of_ht(unit.ht).ttc
    assert by_ht == {
        Decimal("1030.00"): 5,
        Decimal("600.00"): 5,
        Decimal("500.00"): 1,
        Decimal("300.00"): 1,
        Decimal("2.50"): 1,
    }
    assert Decimal("2.50") == STORAGE_GB_MONTH_HT


def test_quote_and_storage() -> None:
    q = quote([("site_integration", 1), ("remote_training", 2), ("version_upgrade", 1)])
    assert (q.ht, q.vat, q.ttc) == (Decimal("2530.00"), Decimal("506.00"), Decimal("3036.00"))
    assert [r["ht"] for r in q.to_records()] == [
        Decimal("1030.00"),
        Decimal("1200.00"),
        Decimal("300.00"),
    ]
    assert "<td>version_upgrade</td>" in q._repr_html_()
    s = storage_quote(Decimal("12.5"), months=12)
    assert (s.ht, s.ttc) == (Decimal("375.00"), Decimal("450.00"))
    assert storage_quote(1).ttc == Decimal("3.00")
    assert quote({}).ht == Decimal("0.00")


@given(st.lists(st.tuples(st.sampled_from([u.code for u in UNIT_PRICES]), st.integers(0, 50))))
def test_quote_is_additive(items: list[tuple[str, int]]) -> None:
    q = quote(items)
    unit = {u.code: u.ht for u in UNIT_PRICES}
    assert q.ht == sum((unit[c] * n for c, n in items), Decimal("0.00"))
    assert q.ttc == q.ht + q.vat


# --- liability cap (§1.4.1) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damage", "cap"),
    [
        ("direct", Decimal("1350.00")),
        ("indirect", Decimal("0.00")),
        ("bodily", None),
        ("property", None),
    ],
)
def test_liability_cap(damage: Any, cap: Decimal | None) -> None:
    assert liability_cap(ANNUAL, damage=damage) == cap


def test_liability_cap_follows_the_service_price() -> None:
    assert liability_cap(PRICES.line("Support et helpdesk").annual_ht) == Decimal("250.00")
    assert liability_cap(PRICES.annual.ht) == Decimal("1350.00")


# --- the contract's own figures ------------------------------------------------------------------


def test_consistency_findings() -> None:
    report = check_consistency()
    assert [f.id for f in report.findings] == ["C3", "C4", "C5", "C8"]
    c3 = report["C3"]
    assert dict(c3.figures) == {
        "decision_latest_end": D(2027, 8, 31),
        "decision_months": 36,
        "computed_latest_end": D(2028, 8, 31),
        "computed_months": 48,
        "clause_1_11_months": 48,
    }
    c4 = report["C4"]
    assert c4.figure("deadline_decision") == D(2025, 6, 30)
    assert c4.figure("deadline_anniversary") == D(2025, 7, 1)
    assert c4.figure("difference_days") == 1
    c5 = report["C5"]
    assert c5.figure("decision_components_sum_ht") == Decimal("1100.00")
    assert c5.figure("decision_stated_ht") == Decimal("1350.00")
    assert c5.figure("computed_annual_ht") == Decimal("1350.00")
    assert c5.figure("computed_annual_vat") == Decimal("270.00")
    assert c5.figure("computed_annual_ttc") == Decimal("1620.00")
    assert c5.figure("cp_printed_annual_ttc") == Decimal("405.00")
    assert c5.figure("computed_quarterly_ttc") == Decimal("405.00")
    assert c5.figure("cp_annual_row_equals_quarterly") is True
    assert report["C8"].figure("first_possible_revision") == D(2025, 9, 1)
    records = report.to_records()
    assert records[0]["id"] == "C3"
    assert "decision_latest_end=2027-08-31" in records[0]["figures"]
    assert "<td>C5</td>" in report._repr_html_()
    with pytest.raises(UnknownPriceError, match="C9"):
        report["C9"]
    with pytest.raises(UnknownPriceError, match="nope"):
        c3.figure("nope")


def test_consistency_figures_are_computed() -> None:
    # a different term and price list change the computed side, not the printed one
    report = check_consistency(
        ContractTerm(start=D(2024, 9, 1), renewals=2),
        attrs.evolve(PRICES, lines=PRICES.lines[:3]),
    )
    assert report["C3"].figure("computed_latest_end") == D(2027, 8, 31)
    assert report["C5"].figure("computed_annual_ht") == Decimal("1100.00")
    assert report["C5"].figure("cp_annual_row_equals_quarterly") is False


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: prorata_initial_price(1350.0, D(2024, 10, 15), D(2025, 8, 31)),
            FloatMoneyError,
            "annual",
        ),
        (
            lambda: prorata_initial_price(Decimal("-1"), D(2024, 10, 15), D(2025, 8, 31)),
            OutOfRangeError,
            "annual",
        ),
        (
            lambda: prorata_initial_price("abc", D(2024, 10, 15), D(2025, 8, 31)),
            WrongTypeError,
            "annual",
        ),
        (
            lambda: prorata_initial_price(ANNUAL, D(2025, 9, 1), D(2025, 8, 31)),
            OutsideTermError,
            "installed_on",
        ),
        (
            lambda: prorata_initial_price(ANNUAL, D(2024, 8, 31), D(2025, 8, 31)),
            OutsideTermError,
            "installed_on",
        ),
        (
            lambda: prorata_initial_price(ANNUAL, D(2024, 10, 15), D(2025, 8, 30)),
            InvalidArgumentError,
            "period_end",
        ),
        (
            lambda: prorata_initial_price(ANNUAL, "2024-10-15", D(2025, 8, 31)),
            WrongTypeError,
            "installed_on",
        ),
        (
            lambda: prorata_initial_price(
                ANNUAL, D(2024, 10, 15), D(2025, 8, 31), first_of_month="x"
            ),
            InvalidArgumentError,
            "first_of_month",
        ),
        (lambda: PriceLine(label="x", annual_ht=Decimal("-0.01")), OutOfRangeError, "annual_ht"),
        (lambda: PriceLine(label="x", annual_ht=650.0), FloatMoneyError, "annual_ht"),
        (lambda: PriceLine(label="x", annual_ht=650), WrongTypeError, "annual_ht"),
        (lambda: PriceLine(label="x", annual_ht=Decimal("Infinity")), TermsError, "annual_ht"),
        (lambda: PriceList(lines=()), WrongTypeError, "lines"),
        (lambda: PriceList(lines=[PRICES.lines[0]]), WrongTypeError, "lines"),
        (
            lambda: PriceList(lines=(PRICES.lines[0], PRICES.lines[0])),
            InvalidArgumentError,
            "duplicate",
        ),
        (lambda: PriceList(lines=PRICES.lines, vat_rate_percent=20.0), FloatMoneyError, "vat_rate"),
        (lambda: PRICES.line("Hébergement"), UnknownPriceError, "label"),
        (
            lambda: billing_schedule(TERM, PRICES, installed_on=D(2025, 9, 1)),
            OutsideTermError,
            "installed_on",
        ),
        (lambda: billing_schedule(TERM, "prices"), WrongTypeError, "prices"),
        (lambda: billing_schedule("term", PRICES), WrongTypeError, "term"),
        (
            lambda: billing_schedule(
                ContractTerm(start=D(2024, 9, 15)), PRICES, installed_on=D(2024, 10, 1)
            ),
            InvalidArgumentError,
            "month",
        ),
        (lambda: billing_schedule(TERM, PRICES).period_total(5), OutsideTermError, "number"),
        (lambda: quote({"development": 1.5}), FloatMoneyError, "development"),
        (lambda: quote({"development": -1}), OutOfRangeError, "development"),
        (lambda: quote({"coffee": 1}), UnknownPriceError, "coffee"),
        (lambda: quote(["development"]), WrongTypeError, "items"),
        (lambda: quote(42), WrongTypeError, "items"),
        (lambda: storage_quote(10.0), FloatMoneyError, "gigabytes"),
        (lambda: storage_quote(10, months=-1), OutOfRangeError, "months"),
        (lambda: liability_cap(1350.0), FloatMoneyError, "annual_price"),
        (lambda: liability_cap(ANNUAL, damage="moral"), InvalidArgumentError, "damage"),
        (lambda: Amounts.of_ht(Decimal("-5")), OutOfRangeError, "ht"),
        (lambda: check_consistency(term="x"), WrongTypeError, "term"),
        (lambda: billed_months(D(1, 1, 5), D(1, 1, 31)), OutOfRangeError, "outside the years"),
    ],
)
def test_bad_input_is_a_terms_error(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as caught:
        call()
    assert isinstance(caught.value, TermsError)


# --- purity ---------------------------------------------------------------------------------------


def _everything() -> list[object]:
    return [
        PRICES.annual,
        PRICES.quarterly,
        billing_schedule(TERM, PRICES, installed_on=D(2024, 10, 15)),
        billing_schedule(
            TERM, PriceList(lines=(PriceLine(label="x", annual_ht=Decimal("1000.01")),))
        ),
        prorata_initial_price(Decimal("1234.56"), D(2024, 10, 15), D(2025, 8, 31)),
        quote({"development": Decimal("0.5"), "storage_gb_month": Decimal("3.333")}),
        storage_quote(Decimal("12.345"), months=7),
        liability_cap(Decimal("1234.567")),
        check_consistency(),
    ]


def test_results_ignore_a_hostile_decimal_context() -> None:
    expected = _everything()
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        ctx.traps[decimal.Inexact] = True
        ctx.traps[decimal.Rounded] = True
        got = _everything()
    assert got == expected
    assert expected[4] == Decimal("1028.80")


def test_values_pickle() -> None:
    for value in _everything():
        assert pickle.loads(pickle.dumps(value)) == value
