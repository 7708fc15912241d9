"""The rate tables and the rate each regime applies (contract §1.8; R2192-31, L441-10, L313-2)."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from typing import Any

import attrs
import pytest

from libriciel_terms.data import rates as data
from libriciel_terms.errors import (
    EndBeforeStartError,
    FloatMoneyError,
    InvalidArgumentError,
    OutOfRangeError,
    RateNotInTableError,
    ReferenceFileError,
    WrongTypeError,
)
from libriciel_terms.interest import interest_periods, late_payment_interest, moratory_interest
from libriciel_terms.payment import payment_due_date
from libriciel_terms.rates import (
    ECB_MRO,
    LEGAL_RATE_INDIVIDUALS,
    LEGAL_RATE_OTHER_CASES,
    RATES_AS_OF,
    RateRow,
    RateTable,
    applied_rate,
    commercial_rate,
    half_year_start,
    legal_rates_for,
    moratory_rate,
    three_times_legal_rate,
)

D = dt.date


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


# --- the tables as mappings and reports ---------------------------------------------------------------


def test_rate_tables_are_mappings_of_their_rows() -> None:
    assert ECB_MRO[D(2024, 12, 18)].rate_percent == Decimal("3.15")
    assert D(2024, 12, 18) in ECB_MRO
    assert D(2025, 1, 1) not in ECB_MRO
    assert "2024-12-18" not in ECB_MRO
    assert [] not in ECB_MRO
    assert list(ECB_MRO)[:2] == [D(2007, 6, 13), D(2008, 7, 9)]
    assert len(LEGAL_RATE_OTHER_CASES) == 23
    with pytest.raises(
        RateNotInTableError,
        match=r"^no row of the ECB main refinancing rate starts on 2025-01-01; "
        r"row_in_force\(datetime\.date\(2025, 1, 1\)\) gives the row in force that day$",
    ):
        ECB_MRO[D(2025, 1, 1)]
    assert ECB_MRO.get(D(2025, 1, 1)) is None
    with pytest.raises(WrongTypeError, match=r"^key='2025'"):
        ECB_MRO["2025"]  # type: ignore[index]


def test_rate_tables_as_reports() -> None:
    table = RateTable.from_csv_text("effective_from,rate_percent,source\n2026-07-01,2.15,ECB\n")
    assert table.to_records() == [
        {
            "starts_on": D(2026, 7, 1),
            "rate_percent": Decimal("2.15"),
            "source": "ECB",
            "origin": "user",
        }
    ]
    assert table.to_text() == (
        "taux de la BCE (opération principale de refinancement)\u00a0: 1 lignes, du 2026-07-01 au "
        "2026-07-01\n"
        "à partir du  taux    source  origine\n"
        "2026-07-01   2,15\u202f%  ECB     utilisateur"
    )
    assert table.to_text(lang="en").splitlines()[0] == (
        "ECB main refinancing rate: 1 rows, 2026-07-01 to 2026-07-01"
    )
    assert ECB_MRO.to_records()[0]["origin"] == "bundled"
    other = RateTable(name="mine", rows=table.rows, known_through=D(2026, 7, 1))
    assert other.headline() == "mine\u00a0: 1 lignes, du 2026-07-01 au 2026-07-01"


def test_legal_rates_for_a_creditor() -> None:
    assert legal_rates_for("other_cases") is LEGAL_RATE_OTHER_CASES
    assert legal_rates_for("individuals") is LEGAL_RATE_INDIVIDUALS
    with pytest.raises(InvalidArgumentError, match=r"^creditor='company'"):
        legal_rates_for("company")  # type: ignore[arg-type]


def test_half_yearly_tables_hold_every_half_year() -> None:
    row = LEGAL_RATE_OTHER_CASES.rows[0]
    with pytest.raises(
        InvalidArgumentError, match=r"^a row of a half-yearly table starts on 2015-02-01; start"
    ):
        RateTable(
            name="t",
            rows=(attrs.evolve(row, starts_on=D(2015, 2, 1)),),
            known_through=D(2015, 6, 30),
            steps="half_years",
        )
    with pytest.raises(
        InvalidArgumentError,
        match=r"^known_through=datetime\.date\(2015, 7, 1\) is after 2015-06-30, the end of the "
        r"last half-year of a half-yearly table; add that half-year's row$",
    ):
        RateTable(name="t", rows=(row,), known_through=D(2015, 7, 1), steps="half_years")
    assert RateTable(name="t", rows=(row,), known_through=D(2015, 7, 1)).known_through == D(
        2015, 7, 1
    )


def test_extended_messages() -> None:
    with pytest.raises(
        InvalidArgumentError,
        match=r"^rows\[0\] starts on 2025-01-01, not after known_through=2026-02-05 of 'ECB main "
        r"refinancing rate', which is complete up to that day$",
    ):
        ECB_MRO.extended([(D(2025, 1, 1), "2")], known_through=D(2026, 7, 1))
    with pytest.raises(WrongTypeError, match=r"^rows\[0\]=datetime\.date\(2026, 3, 1\) is not a"):
        ECB_MRO.extended([D(2026, 3, 1)], known_through=D(2026, 7, 1))  # type: ignore[list-item]
    with pytest.raises(WrongTypeError, match=r"^rows='x' is not an iterable"):
        ECB_MRO.extended("x", known_through=D(2026, 7, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match=r"^source='' is empty"):
        ECB_MRO.extended(known_through=D(2026, 7, 1), source="")
    later = ECB_MRO.extended([(D(2026, 3, 18), "2.00")], known_through=D(2026, 7, 1))
    assert later.rows[-1] == RateRow(
        starts_on=D(2026, 3, 18), rate_percent=Decimal("2.00"), source="supplied by the caller"
    )
    assert later.as_of == ECB_MRO.as_of
    assert later.uses_user_values
    assert not ECB_MRO.uses_user_values


# --- applied rates -------------------------------------------------------------------------------------


def test_applied_rates_say_where_they_come_from() -> None:
    ecb = applied_rate("public_procurement", D(2025, 4, 3))
    assert (ecb.percent, ecb.basis, ecb.fixed_on, ecb.margin_points) == (
        Decimal("11.15"),
        "ecb_margin",
        D(2025, 1, 1),
        Decimal("8"),
    )
    assert ecb.row is ECB_MRO[D(2024, 12, 18)]
    assert ecb.formula == "3.15 + 8 = 11.15"
    assert ecb.explain() == (
        "taux de la BCE (opération principale de refinancement) 3,15\u202f% (depuis le "
        "2024-12-18, en vigueur le 2025-01-01) + 8 points = 11,15\u202f%"
    )
    assert not ecb.uses_user_value
    commercial = applied_rate("commercial_code", D(2025, 4, 3))
    assert (commercial.percent, commercial.formula) == (Decimal("13.15"), "3.15 + 10 = 13.15")
    legal = applied_rate("three_times_legal", D(2025, 4, 3))
    assert (legal.formula, legal.basis) == ("3 × 3.71 = 11.13", "legal_multiple")
    assert legal.explain() == (
        "3 × taux de l'intérêt légal (autres cas) 3,71\u202f% (2025-S1) = 11,13\u202f%"
    )
    supplied = applied_rate("public_procurement", D(2025, 4, 3), rate_percent="9.5")
    assert (supplied.percent, supplied.formula, supplied.uses_user_value) == (
        Decimal("9.5"),
        "9.5",
        True,
    )
    mine = ECB_MRO.merged(
        RateTable.from_csv_text("effective_from,rate_percent,source\n2026-07-01,2,x\n")
    )
    user = applied_rate("public_procurement", D(2026, 7, 3), ecb_rates=mine)
    assert user.uses_user_value
    assert user.explain(lang="en") == (
        "ECB main refinancing rate 2% (from 2026-07-01, in force on 2026-07-01) [user value: x] "
        "+ 8 points = 10%"
    )
    assert "[valeur utilisateur : x]" in user.explain()
    individuals = applied_rate(
        "three_times_legal", D(2026, 1, 1), legal_rates=LEGAL_RATE_INDIVIDUALS
    )
    assert individuals.explain(lang="en") == (
        "3 × legal interest rate (individuals) 6.67% (2026-S1) = 20.01%"
    )
    assert "3 × taux de l'intérêt légal (particuliers) 6,67\u202f%" in individuals.explain()


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: applied_rate("ccp", D(2025, 1, 1)), InvalidArgumentError, r"^regime='ccp'"),
        (lambda: applied_rate("public_procurement", "x"), WrongTypeError, r"^day='x'"),
        (
            lambda: applied_rate("public_procurement", D(2025, 1, 1), ecb_rates=[]),
            WrongTypeError,
            r"^ecb_rates=\[\] is not a RateTable; pass e\.g\. 'ECB main refinancing rate'$",
        ),
        (
            lambda: three_times_legal_rate(D(2025, 1, 1), legal_rates=ECB_MRO.rows),
            WrongTypeError,
            r"^legal_rates=\(RateRow",
        ),
        (lambda: commercial_rate("2025"), WrongTypeError, r"^on='2025'"),
        (lambda: three_times_legal_rate(None), WrongTypeError, r"^on=None"),
        (lambda: moratory_rate(D(2025, 1, 1), ecb_rates="x"), WrongTypeError, r"^ecb_rates='x'"),
        (
            lambda: three_times_legal_rate(D(2026, 7, 1)),
            RateNotInTableError,
            r"^3 × legal rate for 2026-S2: the legal interest rate \(all other cases\) in force on "
            r"2026-07-01 is not in the table, which covers 2015-01-01 to 2026-06-30 \(checked as "
            r"of 2026-02-05\); pass rate_percent=Decimal\(\.\.\.\) \(the annual rate to apply, in "
            r"percent\) where the function takes it, or "
            r"legal_rates=LEGAL_RATE_OTHER_CASES\.merged\(load_legal_rates\('legal\.csv'\)\) with "
            r"the rate of the arrêté fixing that half-year's rate$",
        ),
        (
            lambda: commercial_rate(D(2026, 7, 1)),
            RateNotInTableError,
            r"^commercial-code rate for interest starting on 2026-07-01: the ECB main refinancing "
            r"rate in force on 2026-07-01 is not in the table, which covers 2007-06-13 to "
            r"2026-02-05 \(checked as of 2026-02-05\); pass rate_percent=Decimal\(\.\.\.\) \(the "
            r"annual rate to apply, in percent\) where the function takes it, or "
            r"ecb_rates=ECB_MRO\.merged\(load_ecb_rates\('ecb\.csv'\)\) with the ECB's decisions "
            r"up to that date \(or ECB_MRO\.extended\(\[\(date_of_effect, Decimal\(mro\)\)\], "
            r"known_through=date\(\.\.\.\)\)\)$",
        ),
    ],
)
def test_rate_refusals(call: Any, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        call()


def test_a_table_without_as_of_says_nothing_of_it() -> None:
    table = RateTable(name="t", rows=ECB_MRO.rows[:1], known_through=D(2007, 7, 1))
    with pytest.raises(
        RateNotInTableError,
        match=r"^the t in force on 2007-07-02 is not in the table, which covers 2007-06-13 to 2007-07-01$",
    ):
        table.row_in_force(D(2007, 7, 2))
    assert table.row_in_force(D(2007, 6, 13)) is ECB_MRO.rows[0]
    with pytest.raises(RateNotInTableError):
        table.row_in_force(D(2007, 6, 12))


def test_half_year_start_validates() -> None:
    assert half_year_start(D(2025, 6, 30)) == D(2025, 1, 1)
    assert half_year_start(D(2025, 7, 1)) == D(2025, 7, 1)
    assert half_year_start(D(2025, 12, 31)) == D(2025, 7, 1)
    with pytest.raises(WrongTypeError, match=r"^day=datetime\.datetime"):
        half_year_start(dt.datetime(2025, 7, 1, tzinfo=dt.UTC))


def test_rates_ignore_the_ambient_context(hostile_decimal: decimal.Context) -> None:
    with decimal.localcontext(hostile_decimal):
        assert moratory_rate(D(2025, 4, 3)) == Decimal("11.15")
        assert three_times_legal_rate(D(2024, 9, 1)) == Decimal("14.76")
        assert commercial_rate(D(2024, 9, 1)) == Decimal("14.25")
        assert applied_rate("public_procurement", D(2025, 4, 3)).explain() == (
            "taux de la BCE (opération principale de refinancement) 3,15\u202f% (depuis le "
            "2024-12-18, en vigueur le 2025-01-01) + 8 points = 11,15\u202f%"
        )


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: RateTable(name="t", rows=5, known_through=D(2025, 1, 1)), WrongTypeError,
         r"^rows=5 is a int, not an iterable of RateRow$"),
        (lambda: RateTable(name="t", rows=(), known_through=D(2025, 1, 1)), InvalidArgumentError,
         r"^rows=\(\) is empty; a rate table needs at least one row$"),
        (lambda: RateTable(name="t", rows=ECB_MRO.rows[1::-1], known_through=D(2026, 1, 1)),
         InvalidArgumentError,
         r"^rows are not in strictly increasing order of starts_on: 2007-06-13 follows 2008-07-09; "
         r"sort them, one row per date$"),
        (lambda: RateTable(name="", rows=ECB_MRO.rows, known_through=D(2026, 3, 1)),
         InvalidArgumentError, r"^name='' is empty"),
        (lambda: RateRow(starts_on=D(2025, 1, 1), rate_percent=Decimal("-1"), source="s"),
         OutOfRangeError, r"^rate_percent=Decimal\('-1'\) is below 0; pass a rate in percent >= 0$"),
        (lambda: RateRow(starts_on=D(2025, 1, 1), rate_percent="1", source="s"), WrongTypeError,
         r"^rate_percent='1' is a str; pass the rate in percent as a Decimal"),
        (lambda: RateRow(starts_on=D(2025, 1, 1), rate_percent=Decimal(1), source=""),
         InvalidArgumentError, r"^source='' is empty"),
        (lambda: ECB_MRO.extended(known_through="2026"), WrongTypeError, r"^known_through='2026'"),
        (lambda: ECB_MRO.extended(known_through=D(2025, 1, 1)), EndBeforeStartError,
         r"^known_through=datetime\.date\(2025, 1, 1\) is before self\.known_through="),
        (lambda: ECB_MRO.extended([(D(2026, 3, 1), 2.0)], known_through=D(2026, 7, 1)),
         FloatMoneyError, r"^rows\[0\]\[1\]=2\.0 is a float"),
        (lambda: ECB_MRO.row_in_force("2025"), WrongTypeError, r"^day='2025'"),
        (lambda: half_year_start("2025"), WrongTypeError, r"^day='2025'"),
        (lambda: moratory_rate("2025"), WrongTypeError, r"^interest_starts_on='2025'"),
        (lambda: applied_rate("public_procurement", D(2025, 1, 1), rate_percent="x"), WrongTypeError,
         r"^rate_percent='x' is not a decimal number"),
        (lambda: applied_rate("public_procurement", D(2025, 1, 1), legal_rates=1), WrongTypeError,
         r"^legal_rates=1 is not a RateTable; pass e\.g\. 'legal interest rate \(all other cases\)'$"),
        (lambda: RateTable.from_records([], series="x"), InvalidArgumentError, r"^series='x'"),
        (lambda: RateTable.from_records([], name=""), WrongTypeError, r"^name=''"),
        (lambda: RateTable.from_records([], path=""), WrongTypeError, r"^path=''"),
        (lambda: RateTable.from_records({}), WrongTypeError, r"^ecb_mro=\{\}"),
        (lambda: RateTable.from_records([], series="legal_rate"), ReferenceFileError,
         r"^records: 1 problem\n- rows = None: expected at least one row of the legal interest rate"),
    ],
)  # fmt: skip
def test_rate_messages(call: Any, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        call()


def test_rate_texts_check_their_language() -> None:
    for method in (
        ECB_MRO.headline,
        ECB_MRO.to_text,
        applied_rate("public_procurement", D(2025, 4, 3)).explain,
    ):
        with pytest.raises(InvalidArgumentError, match=r"^lang='FR' is not one of 'fr', 'en'"):
            method(lang="FR")  # type: ignore[operator]


def test_commercial_rate_reads_the_table_it_is_given() -> None:
    mine = RateTable.from_records(
        [{"effective_from": "2000-01-01", "rate_percent": "1.00", "source": "s"}],
        name="mine",
        known_through=dt.date(2030, 12, 31),
    )
    assert commercial_rate(dt.date(2024, 9, 1), ecb_rates=mine) == Decimal("11.00")
    with pytest.raises(WrongTypeError, match=r"^ecb_rates='x' is not a RateTable; pass e\.g\. "):
        commercial_rate(dt.date(2024, 9, 1), ecb_rates="x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("regime", "what"),
    [("public_procurement", "moratory rate"), ("commercial_code", "commercial-code rate")],
)
def test_a_rate_missing_from_the_table_names_its_rule(regime: str, what: str) -> None:
    with pytest.raises(
        RateNotInTableError, match=rf"^{what} for interest starting on 2000-01-01: the ECB "
    ):
        applied_rate(regime, dt.date(2000, 1, 1))  # type: ignore[arg-type]


def test_a_supplied_rate_with_a_date_is_still_supplied() -> None:
    from libriciel_terms.rates import AppliedRate

    supplied = AppliedRate(percent=Decimal("10"), basis="supplied", fixed_on=dt.date(2025, 1, 1))
    assert supplied.explain(lang="en") == "10% supplied by the caller (rate_percent)"
