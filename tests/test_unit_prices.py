"""Unit prices of the services ordered on demand, and quotes (contract §7)."""

from __future__ import annotations

import decimal
import pickle
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms import billing
from libriciel_terms.errors import (
    FloatMoneyError,
    InvalidArgumentError,
    OutOfRangeError,
    TermsError,
    UnknownKeyError,
    UnknownPriceError,
    WrongTypeError,
)
from libriciel_terms.unit_prices import (
    MAX_QUOTE_LINES,
    Quote,
    QuoteLine,
    UnitPrice,
    UnitPriceList,
    quote,
    storage_quote,
)
from tests.strategies import vat_rates

UNITS = UnitPriceList.comelus_2024()
NBSP = "\u00a0"
CODES = list(UNITS)


def test_unit_prices_match_section_7() -> None:
    assert len(UNITS) == 13
    by_ht: dict[Decimal, int] = {}
    for unit in UNITS.values():
        by_ht[unit.ht] = by_ht.get(unit.ht, 0) + 1
    # §7's printed TTC column is the HT plus 20 % VAT: the file holds the HT, the records the TTC
    printed_ttc = {"1030.00": "1236.00", "600.00": "720.00", "500.00": "600.00", "300.00": "360.00"}
    printed_ttc["2.50"] = "3.00"
    for record in UNITS.to_records():
        assert record["ttc"] == Decimal(printed_ttc[str(record["ht"])])
    assert by_ht == {
        Decimal("1030.00"): 5,
        Decimal("600.00"): 5,
        Decimal("500.00"): 1,
        Decimal("300.00"): 1,
        Decimal("2.50"): 1,
    }
    assert UNITS["storage_gb_month"].ht == Decimal("2.50")
    assert UNITS["storage_gb_month"].unit == "GB-month"
    assert UNITS["version_upgrade"].unit == "upgrade"
    assert {UNITS[c].unit for c in CODES[:11]} == {"day"}
    assert UNITS.vat_rate_percent == Decimal("20")
    assert UNITS["development"].label == "Développement complémentaire"


def test_a_unit_price_list_is_a_mapping_of_codes() -> None:
    assert CODES[:3] == ["site_steering", "site_integration", "site_functional_training"]
    assert "development" in UNITS
    assert UNITS.get("coffee") is None
    with pytest.raises(
        UnknownPriceError,
        match=r"^code='coffee' is not a unit price of this list; pass one of site_steering, "
        r"site_integration,",
    ) as caught:
        UNITS["coffee"]
    assert isinstance(caught.value, UnknownKeyError)
    assert isinstance(caught.value, KeyError)


def test_quote_and_storage() -> None:
    q = quote(
        [("site_integration", 1), ("remote_training", 2), ("version_upgrade", 1)],
        unit_prices=UNITS,
    )
    assert (q.ht, q.vat, q.ttc) == (Decimal("2530.00"), Decimal("506.00"), Decimal("3036.00"))
    assert [r["ht"] for r in q.to_records()] == [
        Decimal("1030.00"),
        Decimal("1200.00"),
        Decimal("300.00"),
    ]
    assert "<td>version_upgrade</td>" in q._repr_html_()
    s = storage_quote(Decimal("12.5"), unit_prices=UNITS, months=12)
    assert (s.ht, s.ttc) == (Decimal("375.00"), Decimal("450.00"))
    assert storage_quote(1, unit_prices=UNITS).ttc == Decimal("3.00")
    assert quote({}, unit_prices=UNITS).ht == Decimal("0.00")
    assert UNITS.quote({"development": Decimal("0.5")}).lines == (
        QuoteLine(
            code="development",
            label="Développement complémentaire",
            quantity=Decimal("0.5"),
            unit_ht=Decimal("500.00"),
            ht=Decimal("250.00"),
        ),
    )
    assert q.vat_rate_percent == Decimal("20")
    assert q.amounts == billing.Amounts(ht=q.ht, vat=q.vat, ttc=q.ttc)


def test_quote_lines_round_once_and_vat_on_the_total() -> None:
    # 3 × 0.333 GB-month × 2.50 = 0.8325 → 0.83 a line; VAT on 2.49, not 3 × 0.17
    q = UNITS.quote([("storage_gb_month", Decimal("0.333"))] * 3)
    assert [line.ht for line in q.lines] == [Decimal("0.83")] * 3
    assert (q.ht, q.vat, q.ttc) == (Decimal("2.49"), Decimal("0.50"), Decimal("2.99"))


def test_quotes_with_another_vat_rate() -> None:
    """Mutation notes, item 4: the VAT rate of a quote is honoured."""
    items = [("site_integration", 1), ("remote_training", 2), ("version_upgrade", 1)]
    reduced = UNITS.quote(items, vat_rate_percent=Decimal("5.5"))
    assert (reduced.ht, reduced.vat, reduced.ttc) == (
        Decimal("2530.00"),
        Decimal("139.15"),  # 2530 × 5.5 %
        Decimal("2669.15"),
    )
    assert reduced.vat_rate_percent == Decimal("5.5")
    assert quote(items, unit_prices=UNITS, vat_rate_percent=0).ttc == Decimal("2530.00")
    ten = attrs.evolve(UNITS, vat_rate_percent=10)
    assert ten.quote(items).vat == Decimal("253.00")
    assert ten.storage_quote(40, months=3).ttc == Decimal("330.00")
    printed = (attrs.evolve(UNITS["site_steering"], ttc=Decimal("1236.00")),)
    with pytest.raises(
        InvalidArgumentError,
        match=r"^prices\['site_steering'\]\.ttc=Decimal\('1236.00'\) is not its HT 1030.00 plus "
        r"10 % VAT \(1133.00\); correct the transcription or leave ttc out$",
    ):
        UnitPriceList(prices=printed, vat_rate_percent=Decimal("10"))


@given(st.lists(st.tuples(st.sampled_from(CODES), st.integers(0, 50))), vat_rates())
def test_quote_is_additive(items: list[tuple[str, int]], rate: Decimal) -> None:
    q = quote(items, unit_prices=UNITS, vat_rate_percent=rate)
    unit = {u.code: u.ht for u in UNITS.values()}
    assert q.ht == sum((unit[c] * n for c, n in items), Decimal("0.00"))
    assert q.ttc == q.ht + q.vat
    assert q.vat == billing.Amounts.of_ht(q.ht, rate).vat


@given(
    st.decimals(min_value=0, max_value=Decimal("1E+9"), places=28, allow_nan=False),
    st.integers(0, 1200),
)
def test_storage_quote_is_the_quote_of_its_gigabyte_months(gb: Decimal, months: int) -> None:
    """Regression: storage_quote(x) said 0.01 where quote({"storage_gb_month": x}) said 0.00."""
    with decimal.localcontext(decimal.Context(prec=60)):
        volume = gb * months
    try:
        expected = UNITS.quote({"storage_gb_month": volume})
    except TermsError:
        return
    assert UNITS.storage_quote(gb, months=months) == expected


def test_storage_quote_edge_values() -> None:
    for gb in (Decimal("0.0019999999999999999999999999"), Decimal("0.002"), Decimal("1E-28")):
        for months in (1, 3):
            assert UNITS.storage_quote(gb, months=months) == UNITS.quote(
                {"storage_gb_month": gb * months}
            )
    assert UNITS.storage_quote(Decimal("0.002")).ht == Decimal("0.01")  # 0.005 → 0.01
    assert UNITS.storage_quote(Decimal("0.0019999999999999999999999999")).ht == Decimal("0.00")
    assert UNITS.storage_quote(0, months=0).ht == Decimal("0.00")


def test_text_for_people() -> None:
    assert UNITS.headline() == f"Prix unitaires{NBSP}: 13 prestations, TVA 20\u202f%"
    assert UNITS.headline(lang="en") == "Unit prices: 13 services, VAT 20%"
    assert UNITS.to_text().splitlines()[1].split()[:3] == ["code", "désignation", "unité"]
    assert f"1\u202f030,00{NBSP}€" in UNITS.to_text()
    q = UNITS.quote({"development": 2})
    assert q.headline() == (
        f"Devis{NBSP}: 1 ligne, 1\u202f000,00{NBSP}€ HT, TVA 200,00{NBSP}€, 1\u202f200,00{NBSP}€ TTC"
    )
    assert (
        q.headline(lang="en")
        == "Quote: 1 line, €1,000.00 excl. VAT, VAT €200.00, €1,200.00 incl. VAT"
    )
    assert UNITS.quote({}).headline(lang="en").startswith("Quote: 0 lines")
    assert (
        UNITS.quote({"development": 1, "version_upgrade": 1})
        .headline()
        .startswith("Devis\u00a0: 2 lignes")
    )
    assert q.to_text().splitlines()[1].split()[:4] == ["code", "désignation", "quantité", "prix"]
    assert UNITS.to_text().splitlines()[-1].split()[-7:-4] == ["Go", "par", "mois"]
    assert UNITS.to_text(lang="en").splitlines()[-1].split()[-3] == "GB-month"
    assert UNITS.to_text().splitlines()[2].split()[-7] == "jour"
    assert UNITS.to_records()[0]["unit"] == "day"
    assert UNITS.to_records()[0]["unit"].to_text() == "jour"
    assert UNITS["storage_gb_month"].unit_text() == "Go par mois"
    assert UNITS["storage_gb_month"].unit_text(lang="en") == "GB-month"
    assert UNITS["development"].unit_text() == "jour"
    assert UNITS["version_upgrade"].unit_text(lang="en") == "upgrade"
    assert UNITS["version_upgrade"].unit_text() == "montée de version"
    for report in (UNITS, q):
        with pytest.raises(InvalidArgumentError, match=r"^lang='de'"):
            report.headline(lang="de")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match=r"^lang='de'"):
        UNITS["development"].unit_text(lang="de")  # type: ignore[arg-type]


# --- bounds (issue 17) ------------------------------------------------------------------------


@given(
    st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True),
        st.sampled_from([Decimal("1E+100"), Decimal("1E-999999999"), Decimal("1E+999999999")]),
        st.integers(),
    )
)
def test_extreme_quantities_end_in_a_quote_or_a_terms_error(value: Any) -> None:
    for call in (
        lambda: UNITS.quote({"site_steering": value}),
        lambda: UNITS.storage_quote(value, months=1200),
        lambda: UNITS.quote({"development": 1}, vat_rate_percent=value),
    ):
        try:
            result = call()
        except TermsError:
            continue
        assert result.ht <= Decimal(10) ** 12


def test_bounds_named_in_the_issue() -> None:
    with pytest.raises(OutOfRangeError, match=r"^items\['development'\]=Decimal\('1E\+100'\)"):
        UNITS.quote({"development": Decimal("1E+100")})
    with pytest.raises(
        OutOfRangeError,
        match=r"^999999999999999 × 1030.00 \(site_steering\) is more than 1000000000000 €; pass a "
        r"smaller quantity$",
    ):
        UNITS.quote({"site_steering": 10**15 - 1})
    with pytest.raises(
        OutOfRangeError,
        match=r"^the quote's total HT 1500000000000.00 is more than 1000000000000 €",
    ):
        UNITS.quote([("development", 10**9), ("development", 2 * 10**9)])
    with pytest.raises(OutOfRangeError, match=rf"^items holds more than {MAX_QUOTE_LINES} lines"):
        UNITS.quote(("development", 1) for _ in range(10**9))
    assert len(UNITS.quote([("development", 1)] * MAX_QUOTE_LINES).lines) == MAX_QUOTE_LINES


# --- bad input ------------------------------------------------------------------------------------


def _price(**changes: Any) -> UnitPrice:
    return attrs.evolve(UNITS["development"], **changes)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: quote({"development": 1.5}, unit_prices=UNITS),
            FloatMoneyError,
            r"^items\['development'\]=1.5",
        ),
        (
            lambda: quote({"development": -1}, unit_prices=UNITS),
            OutOfRangeError,
            r"^items\['development'\]=-1",
        ),
        (
            lambda: quote({"coffee": 1}, unit_prices=UNITS),
            UnknownPriceError,
            r"^items\['coffee'\] is not a unit price of this list; pass one of site_steering",
        ),
        (lambda: quote({1: 1}, unit_prices=UNITS), UnknownPriceError, r"^items\[1\] is not"),
        (
            lambda: quote(["development"], unit_prices=UNITS),
            WrongTypeError,
            r"^items\[…\]='development' is not a \(code, quantity\) pair$",
        ),
        (
            lambda: quote(42, unit_prices=UNITS),
            WrongTypeError,
            r"^items=42 is not a mapping of unit price codes to quantities",
        ),
        (lambda: quote("development", unit_prices=UNITS), WrongTypeError, "^items='development'"),
        (
            lambda: quote({"development": 1}, unit_prices="§7"),
            WrongTypeError,
            r"^unit_prices='§7' is not a UnitPriceList; pass e\.g\. UnitPriceList\.comelus_2024\(\)$",
        ),
        (
            lambda: quote({}, unit_prices=UNITS, vat_rate_percent=20.0),
            FloatMoneyError,
            "^vat_rate_percent=",
        ),
        (lambda: storage_quote(10.0, unit_prices=UNITS), FloatMoneyError, "^gigabytes=10.0"),
        (lambda: storage_quote(10, unit_prices=UNITS, months=-1), OutOfRangeError, "^months=-1"),
        (
            lambda: storage_quote(10, unit_prices=UNITS, months=1201),
            OutOfRangeError,
            "^months=1201",
        ),
        (lambda: storage_quote(10, unit_prices=None), WrongTypeError, "^unit_prices=None"),
        (
            lambda: UnitPriceList(
                prices=(UNITS["development"],), vat_rate_percent=20
            ).storage_quote(1),
            InvalidArgumentError,
            r"^this list has 0 prices per GB-month; storage_quote needs exactly one",
        ),
        (lambda: _price(code=None), WrongTypeError, "^code=None"),
        (lambda: _price(code=""), InvalidArgumentError, "^code='' is empty"),
        (lambda: _price(label=3), WrongTypeError, "^label=3"),
        (lambda: _price(unit="week"), InvalidArgumentError, "^unit='week'"),
        (lambda: _price(ht=500), WrongTypeError, "^ht=500"),
        (lambda: _price(ht=Decimal("-1")), OutOfRangeError, "^ht="),
        (lambda: _price(ttc=600.0), FloatMoneyError, "^ttc=600.0"),
        (
            lambda: UnitPriceList(prices=(), vat_rate_percent=20),
            OutOfRangeError,
            "^prices holds 0 unit prices",
        ),
        (lambda: UnitPriceList(prices="x", vat_rate_percent=20), WrongTypeError, "^prices='x'"),
        (
            lambda: UnitPriceList(prices=(UNITS["development"],) * 2, vat_rate_percent=20),
            InvalidArgumentError,
            r"^prices have duplicate codes \['development', 'development'\]; make them unique$",
        ),
        (
            lambda: UnitPriceList(prices=(_price(ttc=None),), vat_rate_percent=101),
            OutOfRangeError,
            "^vat_rate_percent=101",
        ),
        (
            lambda: QuoteLine(
                code="x", label="x", quantity=Decimal(-1), unit_ht=Decimal(1), ht=Decimal(0)
            ),
            OutOfRangeError,
            "^quantity=",
        ),
        (
            lambda: Quote(
                lines=(1,), vat_rate_percent=20, ht=Decimal(0), vat=Decimal(0), ttc=Decimal(0)
            ),
            WrongTypeError,
            r"^lines\[0\]=1",
        ),
        (lambda: UNITS.storage_quote(Decimal("NaN")), TermsError, "^gigabytes="),
    ],
)
def test_bad_input_is_a_terms_error(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as caught:
        call()
    assert isinstance(caught.value, TermsError)


def test_results_ignore_a_hostile_decimal_context(hostile_decimal: decimal.Context) -> None:
    q = UNITS.quote({"development": Decimal("0.5"), "storage_gb_month": Decimal("3.333")})
    assert (q.ht, q.vat, q.ttc) == (Decimal("258.33"), Decimal("51.67"), Decimal("310.00"))
    s = UNITS.storage_quote(Decimal("12.345"), months=7)
    assert s.ht == Decimal("216.04")  # 12.345 × 7 × 2.50 = 216.0375
    assert f"258,33{NBSP}€" in q.to_text()


def test_values_pickle() -> None:
    q = UNITS.quote({"development": Decimal("0.5")})
    for value in (UNITS, q, UNITS["development"]):
        assert pickle.loads(pickle.dumps(value)) == value
        assert hash(pickle.loads(pickle.dumps(value))) == hash(value)


#: §7 "Coûts des prestations unitaires à commande", as the contract prints it.
SECTION_7 = [
    ("site_steering", "Directeur de projet, comité de pilotage/projet, sur site", "1030.00", "1236.00", "day"),
    ("site_integration", "Assistance technique à l'intégration sur site", "1030.00", "1236.00", "day"),
    ("site_functional_training", "Formation fonctionnelle sur site", "1030.00", "1236.00", "day"),
    ("site_functional_assistance", "Assistance fonctionnelle sur site", "1030.00", "1236.00", "day"),
    ("site_technical_training", "Formation technique sur site", "1030.00", "1236.00", "day"),
    ("remote_steering", "Directeur de projet, comité de pilotage/projet, en centre", "600.00", "720.00", "day"),
    ("remote_integration", "Assistance technique à l'intégration, en centre", "600.00", "720.00", "day"),
    ("remote_training", "Formation fonctionnelle ou technique, en centre", "600.00", "720.00", "day"),
    ("remote_functional_assistance", "Assistance fonctionnelle, en centre", "600.00", "720.00", "day"),
    ("remote_customer_training", "Formation collectivité, en centre", "600.00", "720.00", "day"),
    ("development", "Développement complémentaire", "500.00", "600.00", "day"),
    ("version_upgrade", "Montée de version (un environnement / une instance)", "300.00", "360.00", "upgrade"),
    ("storage_gb_month", "Volume stocké et backupé, par Go et par mois", "2.50", "3.00", "GB-month"),
]  # fmt: skip


def test_the_preset_is_section_7_as_printed() -> None:
    # the file holds the HT; the records compute the TTC §7 prints
    assert [
        (r["code"], r["label"], str(r["ht"]), str(r["ttc"]), str(r["unit"]))
        for r in UNITS.to_records()
    ] == SECTION_7
    assert all(p.ttc is None for p in UNITS.prices)
    assert UNITS.vat_rate_percent == Decimal(20)


def test_the_headline_counts_services_in_both_languages() -> None:
    one = UnitPriceList(prices=UNITS.prices[:1], vat_rate_percent=Decimal(20))
    assert one.headline() == f"Prix unitaires{NBSP}: 1 prestation, TVA 20\u202f%"
    assert one.headline(lang="en") == "Unit prices: 1 service, VAT 20%"
