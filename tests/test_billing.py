"""Prices, VAT, billing frequency and timing, invoices and pro-rata (contract CP, §1.8, §1.11)."""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import pickle
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from libriciel_terms.billing import (
    Amounts,
    BillingSchedule,
    BillingTerms,
    Invoice,
    InvoiceLine,
    PriceLine,
    PriceList,
    billed_months,
    billing_schedule,
    prorata_initial_price,
    sum_amounts,
)
from libriciel_terms.errors import (
    FloatMoneyError,
    InvalidArgumentError,
    OutOfRangeError,
    OutsideTermError,
    TermsError,
    UnknownKeyError,
    UnknownPriceError,
    WrongTypeError,
)
from libriciel_terms.term import ContractTerm
from tests.strategies import billing_terms, contract_terms, money, price_lists, vat_rates

D = dt.date
ANNUAL = Decimal("1350.00")
TERM = ContractTerm.comelus()
PRICES = PriceList.comelus_2024()
CP = BillingTerms.comelus()
NBSP = "\u00a0"
TWENTY = Decimal("20")


def _one_line(amount: str, vat: str = "20") -> PriceList:
    return PriceList(
        lines=(PriceLine(label="x", annual_ht=Decimal(amount)),), vat_rate_percent=Decimal(vat)
    )


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


def prices_cents(value: Fraction) -> Fraction:
    """Reference half-up rounding to the cent of a non-negative exact value."""
    units = value * 100
    whole = units.numerator // units.denominator
    if units - whole >= Fraction(1, 2):
        whole += 1
    return Fraction(whole, 100)


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
    assert f"<td>162,50{NBSP}€</td>" in PRICES._repr_html_()


def test_a_price_list_is_a_mapping_of_labels() -> None:
    assert list(PRICES) == [line.label for line in PRICES.lines]
    assert len(PRICES) == 4
    assert PRICES["Stockage"] is PRICES.lines[2]
    assert "Stockage" in PRICES
    assert "Hébergement" not in PRICES
    assert PRICES.get("Hébergement") is None
    with pytest.raises(
        UnknownPriceError,
        match=r"^label='Hébergement' is not a price line; pass one of 'Utilisation du service', 'Volume",
    ) as caught:
        PRICES["Hébergement"]
    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, UnknownKeyError)
    assert hash(PRICES) == hash(PriceList.comelus_2024())


def test_price_list_text() -> None:
    assert (
        PRICES.headline() == f"Prix annuels{NBSP}: 4 lignes, 1\u202f350,00{NBSP}€ HT, TVA 20\u202f%"
    )
    assert PRICES.headline(lang="en") == "Annual prices: 4 lines, €1,350.00 excl. VAT, VAT 20%"
    assert (
        _one_line("1.00").headline(lang="en") == "Annual prices: 1 line, €1.00 excl. VAT, VAT 20%"
    )
    assert PRICES.to_text().splitlines()[1].split() == [
        "ligne",
        "annuel",
        "HT",
        "trimestriel",
        "HT",
    ]
    assert "quarterly excl. VAT" in PRICES.to_text(lang="en")


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


# --- amounts ------------------------------------------------------------------------------------


def test_amounts() -> None:
    assert Amounts.of_ht(Decimal("337.50"), TWENTY) == Amounts(
        ht=Decimal("337.50"), vat=Decimal("67.50"), ttc=Decimal("405.00")
    )
    # HT rounded to the cent first, then VAT rounded once, half up
    assert Amounts.of_ht(Decimal("250.005"), TWENTY) == Amounts(
        ht=Decimal("250.01"), vat=Decimal("50.00"), ttc=Decimal("300.01")
    )
    assert Amounts.of_ht(Decimal("0.03"), Decimal("50")).vat == Decimal("0.02")  # 0.015 → 0.02
    assert Amounts.of_ht(10, 0) == Amounts(
        ht=Decimal("10.00"), vat=Decimal("0.00"), ttc=Decimal("10.00")
    )
    assert str(Amounts.of_ht(Decimal("1"), TWENTY).ttc) == "1.20"
    assert Amounts.total([PRICES.quarterly] * 4) == PRICES.annual
    assert Amounts.total([]) == Amounts(ht=Decimal(0), vat=Decimal(0), ttc=Decimal(0))
    assert PRICES.quarterly.to_text() == f"337,50{NBSP}€ HT, TVA 67,50{NBSP}€, 405,00{NBSP}€ TTC"
    assert PRICES.quarterly.to_text(lang="en") == "€337.50 excl. VAT, VAT €67.50, €405.00 incl. VAT"


def test_amounts_are_whole_cents_and_add_up() -> None:
    """Regression: Amounts(ht=Decimal("0.0155")) was accepted."""
    with pytest.raises(
        InvalidArgumentError,
        match=r"^ht=Decimal\('0.0155'\) is not a whole number of cents; pass an amount rounded "
        r"to the cent, e.g\. Decimal\('0.02'\)$",
    ):
        Amounts(ht=Decimal("0.0155"), vat=Decimal(0), ttc=Decimal("0.0155"))
    with pytest.raises(
        InvalidArgumentError,
        match=r"^ttc=Decimal\('405.01'\) is not ht \+ vat = 405.00; pass ttc = ht \+ vat",
    ):
        Amounts(ht=Decimal("337.50"), vat=Decimal("67.50"), ttc=Decimal("405.01"))
    assert Amounts(ht=Decimal("1.000"), vat=Decimal("0.2"), ttc=Decimal("1.2")).ttc == Decimal(
        "1.20"
    )


@given(money("1000000000000"), vat_rates())
def test_amounts_of_ht_properties(ht: Decimal, rate: Decimal) -> None:
    amounts = Amounts.of_ht(ht, rate)
    assert amounts.ttc == amounts.ht + amounts.vat
    assert amounts.ht == ht
    assert Fraction(amounts.vat) == prices_cents(Fraction(ht) * Fraction(rate) / 100)
    assert amounts.vat.as_tuple().exponent == -2


def test_exact_sum() -> None:
    assert sum_amounts([]) == Decimal("0.00")
    assert (
        str(sum_amounts([Decimal("1E+14"), Decimal("1E-28")]))
        == "100000000000000." + "0" * 27 + "1"
    )


# --- invoices under the CP (quarterly, in arrears) -------------------------------------------


def test_comelus_schedule_has_sixteen_invoices_of_405() -> None:
    schedule = billing_schedule(TERM, PRICES, billing=CP)
    assert tuple(i.billed_on for i in schedule.invoices) == TERM.billing_dates()
    assert CP.billing_dates(TERM) == TERM.billing_dates()
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
    assert (first.quarter, first.number, first.label, first.frequency) == (1, 1, "T1", "quarterly")
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
    assert CP.schedule(TERM, PRICES) == schedule


def test_schedule_text() -> None:
    schedule = CP.schedule(TERM, PRICES)
    assert schedule.headline() == "16 factures, facturation trimestrielle à terme échu"
    assert schedule.headline(lang="en") == "16 invoices, billed quarterly in arrears"
    head = schedule.to_text().splitlines()[1]
    assert head.split()[:4] == ["période", "trimestre", "facturée", "le"]
    assert schedule.to_text(lang="en").splitlines()[1].split()[:3] == [
        "period",
        "quarter",
        "billed",
    ]
    assert f"405,00{NBSP}€" in schedule.to_text()
    halves = BillingTerms(frequency="half_yearly", timing="in_advance").schedule(TERM, PRICES)
    assert halves.to_records()[0]["half_year"] == "S1"
    assert "semestre" in halves.to_text().splitlines()[1]
    assert "half-year" in halves.to_text(lang="en").splitlines()[1]
    year = BillingTerms(frequency="yearly", timing="in_advance").schedule(TERM, PRICES)
    assert [r["year"] for r in year.to_records()] == ["A1"] * 4
    assert year.headline() == "4 factures, facturation annuelle à terme à échoir"
    month = BillingTerms(frequency="monthly", timing="in_arrears").schedule(TERM, PRICES)
    assert month.to_records()[11]["month"] == "M12"
    assert "mois" in month.to_text().splitlines()[1].split()[1]


def test_remainder_cents_follow_the_running_total() -> None:
    prices = _one_line("1000.01")
    invoices = billing_schedule(TERM, prices, billing=CP).for_period(1)
    # running totals 250.0025→250.00, 500.005→500.01, 750.0075→750.01, 1000.01
    assert [i.ht for i in invoices] == [
        Decimal("250.00"),
        Decimal("250.01"),
        Decimal("250.00"),
        Decimal("250.00"),
    ]
    assert [i.vat for i in invoices] == [Decimal("50.00")] * 4  # 250.01 × 20 % = 50.002
    tiny = _one_line("0.02")
    assert [i.ht for i in billing_schedule(TERM, tiny, billing=CP).for_period(1)] == [
        Decimal("0.01"),
        Decimal("0.00"),
        Decimal("0.01"),
        Decimal("0.00"),
    ]


@given(price_lists())
def test_quarters_sum_exactly_to_the_annual_amount(prices: Any) -> None:
    schedule = billing_schedule(TERM, prices, billing=CP)
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
            assert invoice.vat == Amounts.of_ht(invoice.ht, prices.vat_rate_percent).vat
            assert invoice.ttc == invoice.ht + invoice.vat
            assert invoice.ht.as_tuple().exponent == -2


# --- every frequency and timing (§1.8, C15) ----------------------------------------------------


@pytest.mark.parametrize(
    ("frequency", "timing", "first_dates", "count"),
    [
        ("quarterly", "in_arrears", [D(2024, 11, 30), D(2025, 2, 28), D(2025, 5, 31)], 16),
        ("quarterly", "in_advance", [D(2024, 9, 1), D(2024, 12, 1), D(2025, 3, 1)], 16),
        ("half_yearly", "in_arrears", [D(2025, 2, 28), D(2025, 8, 31), D(2026, 2, 28)], 8),
        ("half_yearly", "in_advance", [D(2024, 9, 1), D(2025, 3, 1), D(2025, 9, 1)], 8),
        ("monthly", "in_arrears", [D(2024, 9, 30), D(2024, 10, 31), D(2024, 11, 30)], 48),
        ("monthly", "in_advance", [D(2024, 9, 1), D(2024, 10, 1), D(2024, 11, 1)], 48),
        ("yearly", "in_arrears", [D(2025, 8, 31), D(2026, 8, 31), D(2027, 8, 31)], 4),
        ("yearly", "in_advance", [D(2024, 9, 1), D(2025, 9, 1), D(2026, 9, 1)], 4),
    ],
)
def test_billing_dates_of_every_frequency_and_timing(
    frequency: Any, timing: Any, first_dates: list[dt.date], count: int
) -> None:
    terms = BillingTerms(frequency=frequency, timing=timing)
    dates = terms.billing_dates(TERM)
    assert list(dates[:3]) == first_dates
    assert len(dates) == count
    schedule = terms.schedule(TERM, PRICES)
    assert tuple(i.billed_on for i in schedule.invoices) == dates
    for number in (1, 2, 3, 4):
        assert schedule.period_total(number) == PRICES.annual  # 1,350 / 270 / 1,620 every way


@pytest.mark.parametrize(
    ("frequency", "months", "ht", "vat", "ttc"),
    [
        ("monthly", 1, "112.50", "22.50", "135.00"),
        ("quarterly", 3, "337.50", "67.50", "405.00"),
        ("half_yearly", 6, "675.00", "135.00", "810.00"),
        ("yearly", 12, "1350.00", "270.00", "1620.00"),
    ],
)
def test_one_invoice_of_each_frequency(
    frequency: Any, months: int, ht: str, vat: str, ttc: str
) -> None:
    terms = BillingTerms(frequency=frequency, timing="in_arrears")
    assert terms.months == months
    invoice = terms.schedule(TERM, PRICES).invoices[0]
    assert (invoice.months, invoice.ht, invoice.vat, invoice.ttc) == (
        months,
        Decimal(ht),
        Decimal(vat),
        Decimal(ttc),
    )


def test_the_second_example_contract() -> None:
    """Three years from 2025-01-01, no renewal, billed half-yearly in advance (terme à échoir)."""
    term = ContractTerm(start=D(2025, 1, 1), period_months=36, renewals=0, notice_months=2)
    prices = PriceList(
        lines=(
            PriceLine(label="Licence et hébergement", annual_ht=Decimal("2400.00")),
            PriceLine(label="Support", annual_ht=Decimal("600.00")),
        ),
        vat_rate_percent=TWENTY,
    )
    terms = BillingTerms(frequency="half_yearly", timing="in_advance")
    schedule = terms.schedule(term, prices)
    assert [(i.number, i.billed_on, i.covers_end) for i in schedule.invoices] == [
        (1, D(2025, 1, 1), D(2025, 6, 30)),
        (2, D(2025, 7, 1), D(2025, 12, 31)),
        (3, D(2026, 1, 1), D(2026, 6, 30)),
        (4, D(2026, 7, 1), D(2026, 12, 31)),
        (5, D(2027, 1, 1), D(2027, 6, 30)),
        (6, D(2027, 7, 1), D(2027, 12, 31)),
    ]
    assert {(i.ht, i.vat, i.ttc) for i in schedule.invoices} == {
        (Decimal("1500.00"), Decimal("300.00"), Decimal("1800.00"))
    }
    assert schedule.period_total(1) == Amounts(
        ht=Decimal("9000.00"), vat=Decimal("1800.00"), ttc=Decimal("10800.00")
    )
    # installed 2025-02-10: billed from 2025-03-01, 34 months (§1.11); the first invoice, in
    # advance, is issued on the first billed day
    opened = terms.schedule(term, prices, installed_on=D(2025, 2, 10))
    first = opened.invoices[0]
    assert (first.billed_on, first.months, first.ht) == (D(2025, 3, 1), 4, Decimal("1000.00"))
    assert opened.period_total(1).ht == Decimal("8500.00")
    assert billed_months(D(2025, 2, 10), D(2027, 12, 31), period_start=D(2025, 1, 1)) == 34
    assert prorata_initial_price(
        Decimal("3000.00"), D(2025, 2, 10), D(2027, 12, 31), period_start=D(2025, 1, 1)
    ) == Decimal("8500.00")
    assert prices.prorated_ht(
        D(2025, 2, 10), D(2027, 12, 31), period_start=D(2025, 1, 1)
    ) == Decimal("8500.00")


def test_texts_refuse_an_unknown_language() -> None:
    for text in (
        PRICES.headline,
        CP.schedule(TERM, PRICES).headline,
        CP.to_text,
        PRICES.annual.to_text,
    ):
        with pytest.raises(InvalidArgumentError, match=r"^lang='de' is not one of 'fr', 'en'"):
            text(lang="de")


def test_billing_terms_text_and_preset() -> None:
    assert (CP.frequency, CP.timing, CP.first_of_month) == ("quarterly", "in_arrears", "next_month")
    assert CP.to_text() == "trimestrielle à terme échu"
    assert CP.to_text(lang="en") == "quarterly in arrears"
    assert BillingTerms(frequency="monthly", timing="in_advance").to_text() == (
        "mensuelle à terme à échoir"
    )
    assert BillingTerms(frequency="yearly", timing="in_advance").to_text(lang="en") == (
        "yearly in advance"
    )


# --- VAT rates other than 20 % (mutation notes, item 4) ----------------------------------------


@pytest.mark.parametrize(
    ("rate", "quarter_vat", "quarter_ttc", "year_vat_one", "year_vat_quarters"),
    [
        # 337.50 × 5.5 % = 18.5625 → 18.56; 1350 × 5.5 % = 74.25 on one invoice, 4 × 18.56 = 74.24
        ("5.5", "18.56", "356.06", "74.25", "74.24"),
        ("10", "33.75", "371.25", "135.00", "135.00"),
        ("2.1", "7.09", "344.59", "28.35", "28.36"),  # 7.0875 → 7.09; 1350 × 2.1 % = 28.35
        ("0", "0.00", "337.50", "0.00", "0.00"),
    ],
)
def test_other_vat_rates(
    rate: str, quarter_vat: str, quarter_ttc: str, year_vat_one: str, year_vat_quarters: str
) -> None:
    prices = attrs.evolve(PRICES, vat_rate_percent=Decimal(rate))
    assert (prices.quarterly.vat, prices.quarterly.ttc) == (
        Decimal(quarter_vat),
        Decimal(quarter_ttc),
    )
    assert prices.annual.vat == Decimal(year_vat_one)
    schedule = CP.schedule(TERM, prices)
    assert {i.vat for i in schedule.invoices} == {Decimal(quarter_vat)}
    assert schedule.period_total(1).vat == Decimal(year_vat_quarters)
    assert CP.annual(prices).vat == Decimal(year_vat_quarters)


# --- where the cent goes: one authority per amount (issue 17) --------------------------------


def test_a_billed_year_is_the_sum_of_its_invoices() -> None:
    """Regression: one line of 1000.03 HT — four invoices total 1200.03 TTC, one yearly invoice
    1200.04; each is right for its billing, and each names what it is."""
    prices = _one_line("1000.03")
    assert prices.annual == Amounts(
        ht=Decimal("1000.03"), vat=Decimal("200.01"), ttc=Decimal("1200.04")
    )
    quarterly = CP.schedule(TERM, prices)
    assert [i.ht for i in quarterly.for_period(1)] == [
        Decimal("250.01"),  # 250.0075
        Decimal("250.01"),  # 500.015 → 500.02
        Decimal("250.00"),  # 750.0225 → 750.02
        Decimal("250.01"),
    ]
    assert (
        quarterly.period_total(1)
        == CP.annual(prices)
        == Amounts(ht=Decimal("1000.03"), vat=Decimal("200.00"), ttc=Decimal("1200.03"))
    )
    yearly = BillingTerms(frequency="yearly", timing="in_arrears")
    assert yearly.annual(prices) == prices.annual == yearly.schedule(TERM, prices).period_total(1)


@given(price_lists(), billing_terms())
def test_billed_years_agree_with_the_price_list(prices: Any, terms: Any) -> None:
    year = terms.annual(prices)
    assert year.ht == prices.annual.ht  # HT: the same under every frequency
    invoices = 12 // terms.months
    # VAT: each invoice rounded once; within half a cent per invoice (and the total's half cent)
    assert abs(year.vat - prices.annual.vat) <= Decimal("0.01") * ((invoices + 1) // 2)
    assert terms.schedule(TERM, prices).period_total(2) == year


@given(contract_terms(month_start=True, any_length=True), price_lists(), billing_terms(), st.data())
def test_a_periods_invoices_carry_its_pro_rated_price(
    term: Any, prices: Any, terms: Any, data: st.DataObject
) -> None:
    """Regression: two lines of 1.00 installed 2024-09-01 — period-1 invoices summed 1.84 while
    the pro-rata said 1.83; now the pro-rata of a price list is line by line, as invoiced."""
    assume(term.period_months % terms.months == 0)
    initial = term.periods[0]
    installed_on = data.draw(st.dates(initial.start, initial.end))
    schedule = terms.schedule(term, prices, installed_on=installed_on)
    total = schedule.period_total(1)
    prorated = prices.prorated_ht(
        installed_on, initial.end, period_start=initial.start, first_of_month=terms.first_of_month
    )
    assert total.ht == prorated
    assert prorated == sum(
        prorata_initial_price(
            line.annual_ht,
            installed_on,
            initial.end,
            period_start=initial.start,
            first_of_month=terms.first_of_month,
        )
        for line in prices.lines
    )
    months = billed_months(
        installed_on, initial.end, period_start=initial.start, first_of_month=terms.first_of_month
    )
    assert sum(i.months for i in schedule.for_period(1)) == months
    for invoice in schedule.for_period(1):
        assert invoice.covers_start <= invoice.billed_on <= invoice.covers_end
        assert invoice.vat == Amounts.of_ht(invoice.ht, prices.vat_rate_percent).vat
    if len(term.periods) > 1:
        assert schedule.period_total(2).ht == Decimal(term.period_months) * 0 + sum(
            (i.ht for i in terms.schedule(term, prices).for_period(2)), Decimal(0)
        )


def test_two_lines_of_one_euro() -> None:
    prices = PriceList(
        lines=(
            PriceLine(label="a", annual_ht=Decimal("1.00")),
            PriceLine(label="b", annual_ht=Decimal("1.00")),
        ),
        vat_rate_percent=TWENTY,
    )
    schedule = CP.schedule(TERM, prices, installed_on=D(2024, 9, 1))
    # each line: 1.00 × 11 / 12 = 0.9166… → 0.92, invoiced 0.17 + 0.25 + 0.25 + 0.25
    assert schedule.period_total(1).ht == Decimal("1.84")
    assert prices.prorated_ht(D(2024, 9, 1), D(2025, 8, 31)) == Decimal("1.84")
    # the pro-rata of one amount of 2.00 is 1.83: a different price list, rounded once
    assert prorata_initial_price(Decimal("2.00"), D(2024, 9, 1), D(2025, 8, 31)) == Decimal("1.83")


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
    assert PRICES.prorated_ht(installed_on, D(2025, 8, 31)) == price


def test_prorata_same_month_reading() -> None:
    assert prorata_initial_price(
        ANNUAL, D(2024, 9, 1), D(2025, 8, 31), first_of_month="same_month"
    ) == Decimal("1350.00")
    # only an installation on the 1st changes
    assert prorata_initial_price(
        ANNUAL, D(2024, 9, 2), D(2025, 8, 31), first_of_month="same_month"
    ) == Decimal("1237.50")
    same = BillingTerms(frequency="quarterly", timing="in_arrears", first_of_month="same_month")
    assert same.schedule(TERM, PRICES, installed_on=D(2024, 9, 1)).period_total(1).ht == ANNUAL
    # the keyword overrides the field for one call
    assert (
        CP.schedule(TERM, PRICES, installed_on=D(2024, 9, 1), first_of_month="same_month")
        .period_total(1)
        .ht
        == ANNUAL
    )
    assert same.schedule(
        TERM, PRICES, installed_on=D(2024, 9, 1), first_of_month="next_month"
    ).period_total(1).ht == Decimal("1237.50")


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
    schedule = billing_schedule(TERM, PRICES, billing=CP, installed_on=installed_on)
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
    schedule = billing_schedule(TERM, PRICES, billing=CP, installed_on=D(2024, 10, 15))
    assert [(i.months, i.ht, i.vat, i.ttc) for i in schedule.for_period(1)] == [
        (1, Decimal("112.50"), Decimal("22.50"), Decimal("135.00")),
        (3, Decimal("337.50"), Decimal("67.50"), Decimal("405.00")),
        (3, Decimal("337.50"), Decimal("67.50"), Decimal("405.00")),
        (3, Decimal("337.50"), Decimal("67.50"), Decimal("405.00")),
    ]
    late = billing_schedule(TERM, PRICES, billing=CP, installed_on=D(2025, 8, 5))
    assert [i.ht for i in late.for_period(1)] == [Decimal("0.00")] * 4
    # in advance: the first quarter bills November only, issued on 2024-11-01
    ahead = BillingTerms(frequency="quarterly", timing="in_advance")
    opened = ahead.schedule(TERM, PRICES, installed_on=D(2024, 10, 15)).for_period(1)
    assert [(i.billed_on, i.months) for i in opened] == [
        (D(2024, 11, 1), 1),
        (D(2024, 12, 1), 3),
        (D(2025, 3, 1), 3),
        (D(2025, 6, 1), 3),
    ]
    nothing = ahead.schedule(TERM, PRICES, installed_on=D(2025, 8, 5)).for_period(1)
    assert [i.billed_on for i in nothing] == [
        D(2024, 9, 1),
        D(2024, 12, 1),
        D(2025, 3, 1),
        D(2025, 6, 1),
    ]


@pytest.mark.parametrize(
    ("installed_on", "period_end", "period_start", "months"),
    [
        (
            D(9999, 1, 1),
            D(9999, 12, 31),
            None,
            11,
        ),  # regression: OverflowError at the calendar's end
        (D(9999, 12, 31), D(9999, 12, 31), None, 0),
        (D(1, 1, 1), D(1, 12, 31), D(1, 1, 1), 11),
        (D(2025, 1, 1), D(2027, 12, 31), D(2025, 1, 1), 35),
        (D(2027, 1, 15), D(2027, 12, 31), None, 11),
    ],
)
def test_billed_months_at_the_edges(
    installed_on: dt.date, period_end: dt.date, period_start: dt.date | None, months: int
) -> None:
    assert billed_months(installed_on, period_end, period_start=period_start) == months


# --- bounds (issue 17) ------------------------------------------------------------------------


@given(
    st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True),
        st.decimals(min_value=Decimal("1E+10"), max_value=Decimal("1E+20")),
        st.sampled_from(
            [Decimal("1E-999999999"), Decimal("1E+999999999"), Decimal("1E+58"), Decimal("1E+59")]
        ),
        st.integers(),
    )
)
def test_extreme_amounts_end_quickly_in_a_result_or_a_terms_error(value: Any) -> None:
    calls = [
        lambda: prorata_initial_price(value, D(2024, 10, 15), D(2025, 8, 31)),
        lambda: Amounts.of_ht(value, TWENTY),
        lambda: Amounts.of_ht(Decimal(1), value),
        lambda: PriceLine(label="x", annual_ht=value),
        lambda: PriceList(lines=PRICES.lines, vat_rate_percent=value),
        lambda: CP.annual(_one_line(str(value))),
    ]
    for call in calls:
        try:
            result = call()
        except TermsError:
            continue
        assert result is not None


def test_extreme_amounts_named_in_the_issue() -> None:
    with pytest.raises(OutOfRangeError, match=r"^ht=Decimal\('1E\+59'\) is outside the range"):
        Amounts.of_ht(Decimal("1E+59"), TWENTY)
    with pytest.raises(OutOfRangeError, match=r"^annual=Decimal\('1E-999999999'\) is outside"):
        prorata_initial_price(Decimal("1E-999999999"), D(2024, 10, 15), D(2025, 8, 31))
    biggest = _one_line("1000000000000")
    assert CP.schedule(TERM, biggest).period_total(1).ttc == Decimal("1200000000000.00")


def test_the_longest_schedule() -> None:
    term = ContractTerm(start=D(2024, 9, 1), period_months=1, renewals=1199, notice_months=0)
    schedule = BillingTerms(frequency="monthly", timing="in_advance").schedule(term, PRICES)
    assert len(schedule.invoices) == 1200
    assert schedule.invoices[-1].billed_on == D(2124, 8, 1)


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: prorata_initial_price(1350.0, D(2024, 10, 15), D(2025, 8, 31)),
            FloatMoneyError,
            "^annual=1350.0 is a float",
        ),
        (
            lambda: prorata_initial_price(Decimal("-1"), D(2024, 10, 15), D(2025, 8, 31)),
            OutOfRangeError,
            "^annual=",
        ),
        (
            lambda: prorata_initial_price("abc", D(2024, 10, 15), D(2025, 8, 31)),
            WrongTypeError,
            "^annual='abc'",
        ),
        (
            lambda: prorata_initial_price(ANNUAL, D(2025, 9, 1), D(2025, 8, 31)),
            OutsideTermError,
            r"^installed_on=datetime\.date\(2025, 9, 1\) is outside the initial period "
            r"2024-09-01…2025-08-31 that ends on period_end; pass an installation date within it$",
        ),
        (
            lambda: prorata_initial_price(ANNUAL, D(2024, 8, 31), D(2025, 8, 31)),
            OutsideTermError,
            "^installed_on=",
        ),
        (
            lambda: prorata_initial_price(ANNUAL, D(2024, 10, 15), D(2025, 8, 30)),
            InvalidArgumentError,
            r"^period_end=datetime\.date\(2025, 8, 30\) is not the last day of a month; §1\.11 "
            r"counts whole months",
        ),
        (
            lambda: prorata_initial_price(ANNUAL, "2024-10-15", D(2025, 8, 31)),
            WrongTypeError,
            "^installed_on=",
        ),
        (
            lambda: prorata_initial_price(ANNUAL, D(2024, 10, 15), "2025-08-31"),
            WrongTypeError,
            "^period_end=",
        ),
        (
            lambda: prorata_initial_price(
                ANNUAL, D(2024, 10, 15), D(2025, 8, 31), first_of_month="x"
            ),
            InvalidArgumentError,
            "^first_of_month='x'",
        ),
        (
            lambda: billed_months(D(2024, 10, 15), D(2025, 8, 31), period_start=D(2024, 9, 2)),
            InvalidArgumentError,
            r"^period_start=datetime\.date\(2024, 9, 2\) is not the first day of a month",
        ),
        (
            lambda: billed_months(D(2024, 10, 15), D(2025, 8, 31), period_start=D(2025, 9, 1)),
            TermsError,
            "^period_end=",
        ),
        (
            lambda: billed_months(D(2024, 10, 15), D(2025, 8, 31), period_start="2024-09-01"),
            WrongTypeError,
            "^period_start=",
        ),
        (
            lambda: billed_months(D(1900, 10, 15), D(2025, 8, 31), period_start=D(1900, 1, 1)),
            OutOfRangeError,
            r"^period_start=datetime\.date\(1900, 1, 1\) is more than 1200 months before",
        ),
        (lambda: PriceLine(label="x", annual_ht=Decimal("-0.01")), OutOfRangeError, "^annual_ht="),
        (lambda: PriceLine(label="x", annual_ht=650.0), FloatMoneyError, "^annual_ht=650.0"),
        (lambda: PriceLine(label="x", annual_ht=650), WrongTypeError, "^annual_ht=650"),
        (lambda: PriceLine(label="x", annual_ht=Decimal("Infinity")), TermsError, "annual_ht"),
        (lambda: PriceLine(label="x", annual_ht=Decimal("1E+13")), OutOfRangeError, "^annual_ht="),
        # regression: PriceLine(label=None) raised a bare TypeError
        (lambda: PriceLine(label=None, annual_ht=ANNUAL), WrongTypeError, "^label=None"),
        (
            lambda: PriceLine(label=" ", annual_ht=ANNUAL),
            InvalidArgumentError,
            "^label=' ' is empty",
        ),
        (lambda: PriceLine(label="a\nb", annual_ht=ANNUAL), InvalidArgumentError, "^label="),
        (
            lambda: PriceList(lines=(), vat_rate_percent=TWENTY),
            WrongTypeError,
            r"^lines=\(\) is not a non-empty tuple of PriceLine$",
        ),
        (
            lambda: PriceList(lines=[PRICES.lines[0]], vat_rate_percent=TWENTY),
            WrongTypeError,
            "^lines=",
        ),
        (
            lambda: PriceList(lines=(PRICES.lines[0], "x"), vat_rate_percent=TWENTY),
            WrongTypeError,
            r"^lines\[1\]='x' is a str, not PriceLine",
        ),
        (
            lambda: PriceList(lines=(PRICES.lines[0],) * 51, vat_rate_percent=TWENTY),
            OutOfRangeError,
            "^lines holds 51 price lines; pass at most 50$",
        ),
        (
            lambda: PriceList(lines=(PRICES.lines[0], PRICES.lines[0]), vat_rate_percent=TWENTY),
            InvalidArgumentError,
            r"^lines have duplicate labels \['Utilisation du service', 'Utilisation du service'\]; make them unique$",
        ),
        (
            lambda: PriceList(lines=PRICES.lines, vat_rate_percent=20.0),
            FloatMoneyError,
            "^vat_rate_percent=20.0",
        ),
        (
            lambda: PriceList(lines=PRICES.lines, vat_rate_percent=Decimal("100.01")),
            OutOfRangeError,
            r"^vat_rate_percent=Decimal\('100.01'\) is above 100",
        ),
        (lambda: PRICES.line("Hébergement"), UnknownPriceError, "^label='Hébergement'"),
        (
            lambda: billing_schedule(TERM, PRICES, billing=CP, installed_on=D(2025, 9, 1)),
            OutsideTermError,
            r"^installed_on=datetime\.date\(2025, 9, 1\) is outside the initial period "
            r"2024-09-01…2025-08-31; pass a date within it$",
        ),
        (
            lambda: billing_schedule(TERM, PRICES, billing=CP, installed_on="2024-10-01"),
            WrongTypeError,
            "^installed_on=",
        ),
        (
            lambda: billing_schedule(TERM, "prices", billing=CP),
            WrongTypeError,
            r"^prices='prices' is not a PriceList; pass e\.g\. PriceList\.comelus_2024\(\)$",
        ),
        (
            lambda: billing_schedule("term", PRICES, billing=CP),
            WrongTypeError,
            r"^term='term' is not a ContractTerm; pass e\.g\. ContractTerm\.comelus\(\)$",
        ),
        (
            lambda: billing_schedule(TERM, PRICES, billing="quarterly"),
            WrongTypeError,
            r"^billing='quarterly' is not a BillingTerms; pass e\.g\. BillingTerms\.comelus\(\)$",
        ),
        (
            lambda: billing_schedule(
                _term(start=D(2024, 9, 15)), PRICES, billing=CP, installed_on=D(2024, 10, 1)
            ),
            InvalidArgumentError,
            r"^term\.start=datetime\.date\(2024, 9, 15\) is not the first day of a month; §1\.11 "
            r"pro-rates whole months",
        ),
        (
            lambda: CP.schedule(TERM, PRICES, first_of_month="x"),
            InvalidArgumentError,
            "^first_of_month='x'",
        ),
        (
            lambda: CP.schedule(_term(period_months=4), PRICES),
            InvalidArgumentError,
            "^period_months=4 is not a whole number of slices of 3 months",
        ),
        (lambda: CP.billing_dates("term"), WrongTypeError, "^term='term'"),
        (lambda: CP.annual("prices"), WrongTypeError, "^prices='prices'"),
        (
            lambda: BillingTerms(frequency="weekly", timing="in_arrears"),
            InvalidArgumentError,
            "^frequency='weekly'",
        ),
        (
            lambda: BillingTerms(frequency="monthly", timing="late"),
            InvalidArgumentError,
            "^timing='late'",
        ),
        (
            lambda: BillingTerms(frequency="monthly", timing="in_advance", first_of_month=1),
            InvalidArgumentError,
            "^first_of_month=1",
        ),
        (
            lambda: billing_schedule(TERM, PRICES, billing=CP).period_total(5),
            OutsideTermError,
            "^number=5 is not a period of this schedule$",
        ),
        (
            lambda: billing_schedule(TERM, PRICES, billing=CP).for_period(0),
            OutOfRangeError,
            "^number=0",
        ),
        (lambda: Amounts.of_ht(Decimal("-5"), TWENTY), OutOfRangeError, "^ht="),
        (lambda: Amounts.of_ht(Decimal("5"), 20.0), FloatMoneyError, "^vat_rate_percent="),
        (lambda: Amounts(ht=1, vat=Decimal(0), ttc=Decimal(1)), WrongTypeError, "^ht=1"),
        (lambda: Amounts.total([1]), WrongTypeError, r"^items\[0\]=1"),
        (lambda: InvoiceLine(label=None, ht=ANNUAL), WrongTypeError, "^label=None"),
        (lambda: InvoiceLine(label="x", ht=1.5), FloatMoneyError, "^ht=1.5"),
        (lambda: _invoice(frequency="weekly"), InvalidArgumentError, "^frequency='weekly'"),
        (lambda: _invoice(period=0), OutOfRangeError, "^period=0"),
        (lambda: _invoice(lines=("x",)), WrongTypeError, r"^lines\[0\]='x'"),
        (lambda: _invoice(billed_on="2025-01-01"), WrongTypeError, "^billed_on="),
        (lambda: BillingSchedule(billing="x", invoices=()), WrongTypeError, "^billing='x'"),
        (lambda: BillingSchedule(billing=CP, invoices=(1,)), WrongTypeError, r"^invoices\[0\]=1"),
    ],
)
def test_bad_input_is_a_terms_error(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as caught:
        call()
    assert isinstance(caught.value, TermsError)


def _term(**changes: Any) -> ContractTerm:
    fields = {"start": D(2024, 9, 1), "period_months": 12, "renewals": 3, "notice_months": 2}
    return ContractTerm(**{**fields, **changes})


def _invoice(**changes: Any) -> Invoice:
    invoice = CP.schedule(TERM, PRICES).invoices[0]
    return attrs.evolve(invoice, **changes)


# --- purity ---------------------------------------------------------------------------------------


def _everything() -> list[object]:
    return [
        PRICES.annual,
        PRICES.quarterly,
        billing_schedule(TERM, PRICES, billing=CP, installed_on=D(2024, 10, 15)),
        billing_schedule(TERM, _one_line("1000.01"), billing=CP),
        BillingTerms(frequency="monthly", timing="in_advance").annual(_one_line("1000.07", "5.5")),
        prorata_initial_price(Decimal("1234.56"), D(2024, 10, 15), D(2025, 8, 31)),
        PRICES.prorated_ht(D(2024, 10, 15), D(2025, 8, 31)),
        CP.schedule(TERM, PRICES).to_text(),
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
    assert expected[5] == Decimal("1028.80")


def test_results_under_the_hostile_fixture(hostile_decimal: decimal.Context) -> None:
    assert Amounts.of_ht(Decimal("1000.03"), TWENTY).ttc == Decimal("1200.04")
    assert CP.annual(_one_line("1000.03")).ttc == Decimal("1200.03")
    assert sum_amounts([Decimal("0.01")] * 1000) == Decimal("10.00")


def test_values_pickle() -> None:
    for value in _everything():
        assert pickle.loads(pickle.dumps(value)) == value
    for value in (PRICES, CP, CP.schedule(TERM, PRICES)):
        assert pickle.loads(pickle.dumps(value)) == value
        assert hash(pickle.loads(pickle.dumps(value))) == hash(value)


def test_no_mutable_insides() -> None:
    schedule = CP.schedule(TERM, PRICES)
    assert isinstance(schedule.invoices, tuple)
    assert all(isinstance(i.lines, tuple) for i in schedule.invoices)
    records = schedule.to_records()
    records[0]["ht"] = Decimal("0")
    assert schedule.to_records()[0]["ht"] == Decimal("337.50")
    assert all(isinstance(x, tuple) for x in itertools.chain([PRICES.lines]))


def test_vat_rates_are_percentages_between_0_and_100() -> None:
    assert Amounts.of_ht(Decimal("10.00"), Decimal(100)).vat == Decimal("10.00")
    with pytest.raises(
        OutOfRangeError,
        match=r"^vat_rate_percent=Decimal\('101'\) is above 100; pass a VAT rate in percent <= 100$",
    ):
        Amounts.of_ht(Decimal(1), Decimal(101))
    with pytest.raises(
        FloatMoneyError, match=r"^vat_rate_percent=1\.5 is a float; pass the VAT rate in percent as"
    ):
        Amounts.of_ht(Decimal(1), 1.5)  # type: ignore[arg-type]


def test_the_headline_counts_lines_in_both_languages() -> None:
    one = _one_line("10.00")
    assert one.headline() == f"Prix annuels{NBSP}: 1 ligne, 10,00{NBSP}€ HT, TVA 20\u202f%"
    assert one.headline(lang="en") == "Annual prices: 1 line, €10.00 excl. VAT, VAT 20%"
    assert PRICES.headline().startswith(f"Prix annuels{NBSP}: 4 lignes")
