"""Reference values the user brings (issue 18): CSV formats, records, merging, files, data."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import pickle
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms._dates import YearMonth
from libriciel_terms._display import ExactFraction, Label
from libriciel_terms.claims import (
    Payment,
    PaymentRequest,
    PaymentTerms,
    late_payment_claim,
)
from libriciel_terms.data import rates as rates_data
from libriciel_terms.data import syntec as syntec_data
from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    ReferenceFileError,
    TermsError,
    WrongTypeError,
)
from libriciel_terms.files import load_ecb_rates, load_legal_rates, load_syntec
from libriciel_terms.interest import interest_calculation
from libriciel_terms.payment import Interruption
from libriciel_terms.rates import (
    ECB_MRO,
    LEGAL_RATE_INDIVIDUALS,
    LEGAL_RATE_OTHER_CASES,
    RateRow,
    RateTable,
    moratory_rate,
    three_times_legal_rate,
)
from libriciel_terms.reference_data import reference_data
from libriciel_terms.revision import RevisionClause, revision_schedule, syntec_revision
from libriciel_terms.syntec import SYNTEC, IndexValue, SyntecSeries

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "libriciel_terms" / "data"
REFERENCE = ROOT.parent / "shared" / "reference"
JULY = "month,value,published_on,source\n2025-07,321.0,2025-08-29,test value, not published\n"


def problems(error: ReferenceFileError) -> list[str]:
    return [str(problem) for problem in error.problems]


# --- issue 18, done when ---------------------------------------------------------------------------


def test_a_one_line_csv_holding_july_2025_makes_the_first_revision_computable(
    tmp_path: Path,
) -> None:
    path = tmp_path / "syntec.csv"
    path.write_text(JULY, encoding="utf-8")
    series = SYNTEC.merged(load_syntec(path))
    revision = syntec_revision(D(2025, 9, 1), series=series)
    assert (revision.current_month, revision.coefficient) == ((2025, 7), Decimal("1.019"))
    assert revision.uses_user_values
    assert revision.current.origin == "user"
    assert revision.current.source == "test value, not published"
    assert revision.base.origin == "bundled"
    assert "[valeur utilisateur\u00a0: test value, not published]" in revision.explain()
    assert "[user value: test value, not published]" in revision.explain(lang="en")
    clause = attrs.evolve(RevisionClause.comelus(), index=series, imposed_by_buyer=True)
    schedule = clause.schedule([D(2025, 9, 1)], {"usage": Decimal("650.00")})
    assert schedule.uses_user_values
    assert schedule.notes() == (
        "Calculé avec des valeurs d'indice fournies par l'utilisateur\u00a0: explain() dit lesquelles.",
    )
    assert "valeur utilisateur" in schedule.explain()


def test_the_snapshot_alone_uses_no_user_value() -> None:
    revision = syntec_revision(D(2025, 9, 1), revision_date=D(2025, 12, 1))
    assert not revision.uses_user_values
    assert "utilisateur" not in revision.explain()
    assert not SYNTEC.uses_user_values
    assert not ECB_MRO.uses_user_values
    assert SYNTEC.merged(SyntecSeries.from_csv_text(JULY)).uses_user_values


def test_a_csv_with_a_bad_row_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("month,value\n2025-07,321.0\n2025-08,abc\n", encoding="utf-8")
    with pytest.raises(ReferenceFileError, match=r'row 3, column "value"') as caught:
        load_syntec(path)
    assert caught.value.source == str(path)
    assert [p.path for p in caught.value.problems] == ['row 3, column "value"']


# --- the Syntec format ----------------------------------------------------------------------------


def test_syntec_csv_accepts_what_a_spreadsheet_writes() -> None:
    text = (
        "\ufeffSource;Published_on;Value;Month\n"
        "\n"
        "Syntec, release of 29/08;29/08/2025;321,0;07/2025\n"
        ";;1\u202f234,5;2025-06\n"
    )
    series = SyntecSeries.from_csv_text(text, name="mine.csv")
    july, june = series[(2025, 7)], series[(2025, 6)]
    assert (july.value, july.published_on, july.source) == (
        Decimal("321.0"),
        D(2025, 8, 29),
        "Syntec, release of 29/08",
    )
    assert (june.value, june.published_on, june.source) == (
        Decimal("1234.5"),
        None,
        "mine.csv, row 4",
    )
    assert (june.series, july.series, july.origin) == ("revised", "revised", "user")
    assert series.as_of is None


def test_syntec_csv_optional_columns_and_series_split() -> None:
    series = SyntecSeries.from_csv_text("month,value\n2022-07,286.0\n2022-08,280.6\n")
    assert [entry.series for entry in series.entries] == ["historical", "revised"]
    assert series[(2022, 7)].source == "CSV text, row 2"
    assert list(series) == [YearMonth(2022, 7), YearMonth(2022, 8)]


def test_an_unquoted_source_may_hold_commas_in_the_last_column() -> None:
    series = SyntecSeries.from_csv_text("month,value,source\n2025-07,321.0,a, b, c\n")
    assert series[(2025, 7)].source == "a, b, c"
    with pytest.raises(ReferenceFileError, match=r"expected 2 cells \(month, value\)"):
        SyntecSeries.from_csv_text("month,value\n2025-07,321,0\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2025-07,321.0\n",
            [
                "row 1 = '2025-07,321.0': expected a first line naming the columns (month, "
                "value, published_on, source); add the line month,value,published_on,source "
                "before the values"
            ],
        ),
        (
            "month,valeu\n2025-07,321\n",
            [
                "row 1, column \"valeu\" = 'valeu': expected one of month, value, published_on, "
                'source; did you mean "value"?',
                'row 1, column "value" = None: expected this column; add a "value" column',
            ],
        ),
        (
            "month,value,month\n",
            [
                "row 1, column \"month\" = 'month': expected each column once; remove the repeated "
                "column"
            ],
        ),
        (
            "",
            [
                "row 1 = '': expected a header line naming the columns; month, value, published_on, source"
            ],
        ),
        (
            "month,value\n2025-07\n",
            [
                "row 2 = '2025-07': expected 2 cells (month, value); write one cell per column, "
                "separated by ','"
            ],
        ),
        (
            "month,value\n2025-07,\n",
            ["row 2, column \"value\" = '': expected a value; fill in the value column"],
        ),
        (
            "month,value\n1899-12,100\n",
            ["row 2, column \"month\" = '1899-12': expected a month between 1900 and 2199"],
        ),
        (
            "month,value\nJuly 2025,100\n",
            [
                "row 2, column \"month\" = 'July 2025': expected a month written YYYY-MM, e.g. 2025-07"
            ],
        ),
        (
            "month,value\n2025-07,0\n",
            [
                "row 2, column \"value\" = '0': expected index value: a decimal number above 0, "
                "e.g. 321.3 or 321,3"
            ],
        ),
        (
            "month,value\n2025-07,1E+20\n",
            [
                "row 2, column \"value\" = '1E+20': expected index value: a decimal number above "
                "0, e.g. 321.3 or 321,3 (is outside the range accepted for a index value: at most "
                "15 digits before the decimal point and 28 after it)"
            ],
        ),
        (
            "month,value,published_on\n2025-07,321,2025-07-31\n",
            [
                "row 2, column \"published_on\" = '2025-07-31': expected a day after 2025-07 "
                "ends; an index is published after its month ends"
            ],
        ),
        (
            "month,value,published_on\n2025-07,321,31/02/2025\n",
            [
                "row 2, column \"published_on\" = '31/02/2025': expected a date written "
                "YYYY-MM-DD or DD/MM/YYYY, e.g. 2025-08-29"
            ],
        ),
        (
            "month,value\n2025-07,321\n2025-7,322\n",
            [
                "row 3, column \"month\" = '2025-07': expected each month once; it is also on "
                "row 2; keep one of the two"
            ],
        ),
        (
            'month,value,source\n2025-07,321,"two\nlines"\n',
            ["row 3, column \"source\" = 'two\\nlines': expected a single line of text"],
        ),
        (
            'month,value\n2025-07,"321\n',
            ["row 2 = None: expected well-formed CSV; unexpected end of data"],
        ),
        (
            "month,value\r\n2025-07,321\r\n\r\n2025-08,x\r\n",
            [
                "row 4, column \"value\" = 'x': expected index value: a decimal number above 0, "
                "e.g. 321.3 or 321,3"
            ],
        ),
    ],
)
def test_syntec_csv_problems(text: str, expected: list[str]) -> None:
    with pytest.raises(ReferenceFileError) as caught:
        SyntecSeries.from_csv_text(text, name="mine.csv")
    assert problems(caught.value) == expected
    assert str(caught.value).startswith(f"mine.csv: {len(expected)} problem")


def test_every_bad_row_is_reported_at_once() -> None:
    text = "month,value\n2025-07,x\n2025-08,321\n2025-13,y\n"
    with pytest.raises(ReferenceFileError, match=r"^CSV text: 3 problems") as caught:
        SyntecSeries.from_csv_text(text)
    assert [p.path for p in caught.value.problems] == [
        'row 2, column "value"',
        'row 4, column "month"',
        'row 4, column "value"',
    ]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: SyntecSeries.from_csv_text(b"month,value\n"), WrongTypeError, "^text=b"),
        (lambda: SyntecSeries.from_csv_text("month,value\n", name=""), WrongTypeError, "^name=''"),
        (lambda: SyntecSeries.from_records({"month": "2025-07"}), WrongTypeError, "^syntec="),
        (lambda: SyntecSeries.from_records(["x"]), WrongTypeError, r"^syntec\[0\]='x'"),
        (lambda: SyntecSeries.from_records([], path=""), WrongTypeError, "^path=''"),
        (lambda: SyntecSeries.from_csv_text("x" * 5_000_001), ReferenceFileError, "a smaller file"),
    ],
)
def test_parser_arguments_refused(call: Any, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        call()


def test_syntec_records_for_inline_values() -> None:
    series = SyntecSeries.from_records(
        [
            {"month": "2025-07", "value": Decimal("321.0"), "published_on": D(2025, 8, 29)},
            {"Month": (2025, 8), "value": 322, "source": "  Syntec  "},
        ],
        name="contract.toml",
    )
    assert series[(2025, 7)].published_on == D(2025, 8, 29)
    assert series[(2025, 7)].source == "contract.toml, syntec[0]"
    assert (series[(2025, 8)].value, series[(2025, 8)].source) == (Decimal("322"), "Syntec")
    with pytest.raises(ReferenceFileError) as caught:
        SyntecSeries.from_records(
            [{"month": "2025-07", "value": 321.0, "sauce": "x"}, {"month": "bad", "value": "1"}],
            name="contract.toml",
            path="reference.syntec",
        )
    assert problems(caught.value) == [
        "reference.syntec[0].sauce = 'sauce': expected one of month, value, published_on, "
        'source; did you mean "source"?'
    ]
    with pytest.raises(ReferenceFileError) as caught:
        SyntecSeries.from_records([{"month": "bad", "value": 321.0, "published_on": "x"}])
    assert problems(caught.value) == [
        "syntec[0].month = 'bad': expected a month written YYYY-MM, e.g. 2025-07",
        "syntec[0].value = 321.0: expected index value as a decimal text, e.g. '321.3 or 321,3'; "
        "a float cannot hold it",
        "syntec[0].published_on = 'x': expected a date written YYYY-MM-DD or DD/MM/YYYY, e.g. "
        "2025-08-29",
    ]
    with pytest.raises(ReferenceFileError, match=r"syntec\[0\]\.source = 3: expected a text"):
        SyntecSeries.from_records([{"month": "2025-07", "value": "1", "source": 3}])
    with pytest.raises(ReferenceFileError, match=r"syntec\[0\]\.month = \(2025, 13\)"):
        SyntecSeries.from_records([{"month": (2025, 13), "value": "1"}])


# --- merging the Syntec index ---------------------------------------------------------------------


def test_merged_adds_missing_months_and_keeps_the_snapshot() -> None:
    mine = SyntecSeries.from_csv_text("month,value\n2025-07,321.0\n2024-08,314.10\n")
    merged = SYNTEC.merged(mine)
    assert len(merged) == len(SYNTEC) + 1
    assert merged[(2024, 8)] is SYNTEC[(2024, 8)]  # agrees: the snapshot's entry is kept
    assert merged[(2025, 7)].origin == "user"
    assert merged.as_of == SYNTEC.as_of
    assert (2025, 7) not in SYNTEC


def test_merged_takes_a_publication_date_the_snapshot_lacks() -> None:
    dated = SyntecSeries.from_csv_text("month,value,published_on\n2024-08,314.1,2024-09-30\n")
    merged = SYNTEC.merged(dated)
    assert merged[(2024, 8)].published_on == D(2024, 9, 30)
    assert merged[(2024, 8)].origin == "user"
    assert (
        SYNTEC.merged(SyntecSeries.from_csv_text("month,value\n2024-09,314.5\n"))[(2024, 9)]
        is SYNTEC[(2024, 9)]
    )


def test_merged_refuses_contradictions_all_at_once() -> None:
    mine = SyntecSeries.from_csv_text(
        "month,value,published_on,source\n2024-08,314.2,,typo\n2024-09,314.5,2024-10-30,x\n"
    )
    with pytest.raises(ReferenceFileError) as caught:
        SYNTEC.merged(mine, name="mine.csv")
    assert str(caught.value).startswith("mine.csv: 2 problems")
    assert problems(caught.value) == [
        "2024-08 = Decimal('314.2'): expected 314.1, the value already held (source: "
        "https://juristique.org/actualite/indice-syntec-septembre-2024); pass "
        'on_conflict="replace" to use this value, or on_conflict="keep" to keep the one held',
        "2024-09 = Decimal('314.5'): expected 314.5, published on 2024-10-31, the value already "
        "held (source: https://juristique.org/actualite/indice-syntec-septembre-2024); pass "
        'on_conflict="replace" to use this value, or on_conflict="keep" to keep the one held',
    ]
    kept = SYNTEC.merged(mine, on_conflict="keep")
    assert kept == SYNTEC
    replaced = SYNTEC.merged(mine, on_conflict="replace")
    assert (replaced.value(2024, 8), replaced[(2024, 8)].source) == (Decimal("314.2"), "typo")
    assert replaced[(2024, 9)].published_on == D(2024, 10, 30)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"other": {(2025, 7): "1"}}, WrongTypeError, r"^other\[0\]="),
        ({"other": SYNTEC, "on_conflict": "merge"}, InvalidArgumentError, "^on_conflict='merge'"),
        ({"other": SYNTEC, "name": 3}, WrongTypeError, "^name=3"),
    ],
)
def test_merged_arguments_refused(kwargs: dict[str, Any], error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        SYNTEC.merged(**kwargs)


# --- the rate formats -----------------------------------------------------------------------------


def test_ecb_csv() -> None:
    table = RateTable.from_csv_text(
        "effective_from;rate_percent;source\n18/03/2026;2,00;ECB\n2026-01-01;2.15;\n",
        name="ecb.csv",
    )
    assert table.name == ECB_MRO.name
    assert table.steps == "changes"
    assert [(row.starts_on, row.rate_percent) for row in table.rows] == [
        (D(2026, 1, 1), Decimal("2.15")),
        (D(2026, 3, 18), Decimal("2.00")),
    ]
    assert table.rows[0].source == "ecb.csv, row 3"
    assert table.known_through == D(2026, 3, 18)
    assert table.as_of is None
    later = RateTable.from_csv_text(
        "effective_from,rate_percent\n2026-03-18,2.00\n", known_through=D(2026, 7, 1)
    )
    assert later.known_through == D(2026, 7, 1)
    earlier = RateTable.from_csv_text(
        "effective_from,rate_percent\n2026-03-18,2.00\n", known_through=D(2026, 1, 1)
    )
    assert earlier.known_through == D(2026, 3, 18)


def test_legal_rate_csv() -> None:
    text = (
        "half_year,creditor,rate_percent,source\n"
        "2026-S2,autres,2.50,arrêté A\n"
        "2026-S2,particuliers,6.50,arrêté A\n"
        "2027-h1,Other_Cases,2.40,arrêté B\n"
    )
    others = RateTable.from_csv_text(text, series="legal_rate")
    individuals = RateTable.from_csv_text(text, series="legal_rate", creditor="individuals")
    assert (others.name, others.steps) == (LEGAL_RATE_OTHER_CASES.name, "half_years")
    assert [(r.starts_on, r.rate_percent) for r in others.rows] == [
        (D(2026, 7, 1), Decimal("2.50")),
        (D(2027, 1, 1), Decimal("2.40")),
    ]
    assert others.known_through == D(2027, 6, 30)
    assert individuals.name == LEGAL_RATE_INDIVIDUALS.name
    assert individuals.known_through == D(2026, 12, 31)
    merged = LEGAL_RATE_OTHER_CASES.merged(others)
    assert three_times_legal_rate(D(2027, 3, 1), legal_rates=merged) == Decimal("7.20")


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        (
            "effective_from,rate_percent\n2026-03-18,2\n2026-03-18,3\n",
            {},
            [
                "row 3, column \"effective_from\" = '2026-03-18': expected one row per date; it "
                "is also on row 2; keep one of the two"
            ],
        ),
        (
            "effective_from,rate_percent\n2026-03-18,101\n",
            {},
            [
                "row 2, column \"rate_percent\" = '101': expected rate in percent: a decimal "
                "number at least 0 and at most 100, e.g. 321.3 or 321,3"
            ],
        ),
        (
            "effective_from,rate_percent\n",
            {},
            ["rows = None: expected at least one row of the ECB main refinancing rate"],
        ),
        (
            "half_year,creditor,rate_percent\n2026-S2,autres,2.5\n",
            {"series": "legal_rate", "creditor": "individuals"},
            ["rows = None: expected at least one row of the legal interest rate (individuals)"],
        ),
        (
            "half_year,creditor,rate_percent\n2026-S3,autres,2.5\n2026-S2,company,2.5\n",
            {"series": "legal_rate"},
            [
                "row 2, column \"half_year\" = '2026-S3': expected a half-year written YYYY-S1 "
                "or YYYY-S2, e.g. 2026-S2",
                "row 3, column \"creditor\" = 'company': expected creditor: one of other_cases, "
                "autres, autres_cas, individuals, particuliers",
            ],
        ),
        (
            "half_year,creditor,rate_percent\n2026-S1,autres,2.5\n2027-S1,autres,2.4\n",
            {"series": "legal_rate"},
            [
                "row 3, column \"half_year\" = '2027-S1': expected the half-year after 2026-S1; "
                "add a row for 2026-S2"
            ],
        ),
        (
            "half_year,creditor,rate_percent\n2026-S1,autres,2.5\n2026-s1,other_cases,2.4\n",
            {"series": "legal_rate"},
            [
                "row 3, column \"half_year\" = '2026-s1': expected one row per date; it is also "
                "on row 2; keep one of the two"
            ],
        ),
    ],
)
def test_rate_csv_problems(text: str, kwargs: dict[str, Any], expected: list[str]) -> None:
    with pytest.raises(ReferenceFileError) as caught:
        RateTable.from_csv_text(text, **kwargs)
    assert problems(caught.value) == expected


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"series": "ecb"}, InvalidArgumentError, "^series='ecb'"),
        ({"creditor": "company"}, InvalidArgumentError, "^creditor='company'"),
        ({"known_through": "2026-07-01"}, WrongTypeError, "^known_through='2026-07-01'"),
        ({"name": None}, WrongTypeError, "^name=None"),
    ],
)
def test_rate_parser_arguments_refused(kwargs: dict[str, Any], error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        RateTable.from_csv_text("effective_from,rate_percent\n2026-03-18,2\n", **kwargs)


def test_rate_records() -> None:
    table = RateTable.from_records(
        [{"effective_from": D(2026, 3, 18), "rate_percent": 2}], name="contract.toml"
    )
    assert table.rows == (
        RateRow(
            starts_on=D(2026, 3, 18), rate_percent=Decimal(2), source="contract.toml, ecb_mro[0]"
        ),
    )
    with pytest.raises(ReferenceFileError, match=r"^legal\.x: 1 problem\n- rates\[0\]\.half_year"):
        RateTable.from_records(
            [{"half_year": "S2", "creditor": "autres", "rate_percent": "1"}],
            series="legal_rate",
            name="legal.x",
            path="rates",
        )


# --- merging rate tables --------------------------------------------------------------------------


def test_rate_merge_extends_after_and_before() -> None:
    after = RateTable.from_csv_text("effective_from,rate_percent\n2026-07-01,2.15\n")
    merged = ECB_MRO.merged(after)
    assert merged.known_through == D(2026, 7, 1)
    assert merged.rows[-1].origin == "user"
    assert moratory_rate(D(2026, 7, 15), ecb_rates=merged) == Decimal("10.15")
    assert merged.as_of == ECB_MRO.as_of
    before = RateTable.from_csv_text("effective_from,rate_percent\n2001-05-15,4.50\n")
    earlier = ECB_MRO.merged(before)
    assert earlier.rows[0].starts_on == D(2001, 5, 15)
    assert earlier.known_through == ECB_MRO.known_through
    assert moratory_rate(D(2002, 1, 1), ecb_rates=earlier) == Decimal("12.50")


def test_rate_merge_agreements_and_conflicts() -> None:
    agreeing = RateTable.from_csv_text("effective_from,rate_percent\n2025-07-01,2.15\n")
    assert ECB_MRO.merged(agreeing).rows == ECB_MRO.rows  # agrees with the rate in force
    wrong = RateTable.from_csv_text("effective_from,rate_percent,source\n2025-07-01,2.40,typo\n")
    with pytest.raises(ReferenceFileError) as caught:
        ECB_MRO.merged(wrong, name="ecb.csv")
    assert problems(caught.value) == [
        "2025-07-01 = Decimal('2.40'): expected 2.15, the rate in force that day (from "
        f"2025-06-11, source: {ECB_MRO[D(2025, 6, 11)].source}); pass "
        'on_conflict="replace" to use this rate, or on_conflict="keep" to keep the one held'
    ]
    assert ECB_MRO.merged(wrong, on_conflict="keep") == ECB_MRO
    replaced = ECB_MRO.merged(wrong, on_conflict="replace")
    assert moratory_rate(D(2025, 7, 3), ecb_rates=replaced) == Decimal("10.40")
    assert moratory_rate(D(2025, 4, 3), ecb_rates=replaced) == Decimal("11.15")
    legal = RateTable.from_csv_text(
        "half_year,creditor,rate_percent\n2026-S1,autres,2.63\n", series="legal_rate"
    )
    with pytest.raises(ReferenceFileError, match=r"expected 2.62, the rate in force"):
        LEGAL_RATE_OTHER_CASES.merged(legal)


def test_rate_merge_refusals() -> None:
    legal = RateTable.from_csv_text(
        "half_year,creditor,rate_percent\n2026-S2,autres,2.5\n", series="legal_rate"
    )
    with pytest.raises(InvalidArgumentError, match=r"^other is a table of the 'legal interest"):
        ECB_MRO.merged(legal)
    gap = RateTable.from_csv_text(
        "half_year,creditor,rate_percent\n2027-S1,autres,2.5\n", series="legal_rate"
    )
    with pytest.raises(InvalidArgumentError, match="2027-S1 follows 2026-S1; add the half-years"):
        LEGAL_RATE_OTHER_CASES.merged(gap)
    with pytest.raises(WrongTypeError, match=r"^other\[0\]=\(\)"):
        ECB_MRO.merged(())  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match=r"^on_conflict=None"):
        ECB_MRO.merged(ECB_MRO, on_conflict=None)  # type: ignore[arg-type]


def test_a_claim_says_it_used_a_user_rate() -> None:
    mine = RateTable.from_csv_text("effective_from,rate_percent,source\n2026-07-01,2.15,mine\n")
    late = PaymentRequest.paid_in_full(
        "2026-T3", Decimal("405.00"), received_on=D(2026, 6, 10), paid_on=D(2026, 8, 9)
    )
    claim = late_payment_claim(late, ecb_rates=ECB_MRO.merged(mine))
    assert claim.uses_user_values
    assert claim.lines[0].uses_user_values
    assert claim.to_records()[0]["uses_user_values"] is True
    assert "[valeur utilisateur\u00a0: mine]" in claim.explain()
    assert "[user value: mine]" in claim.explain(lang="en")
    assert claim.notes()[-1] == (
        "Calculée avec des taux fournis par l'utilisateur\u00a0: explain() dit lesquels."
    )
    bundled = late_payment_claim(
        PaymentRequest.paid_in_full(
            "Q", Decimal("405.00"), received_on=D(2025, 3, 3), paid_on=D(2025, 5, 12)
        )
    )
    assert not bundled.uses_user_values
    assert bundled.to_records()[0]["uses_user_values"] is False
    assert len(bundled.notes()) == 1


# --- files ----------------------------------------------------------------------------------------


def test_loaders(tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text("\ufeff" + JULY, encoding="utf-8")
    (tmp_path / "e.csv").write_text("effective_from,rate_percent\n2026-03-18,2.00\n", "utf-8")
    (tmp_path / "l.csv").write_text(
        "half_year,creditor,rate_percent\n2026-S2,autres,2.5\n2026-S2,particuliers,6.5\n", "utf-8"
    )
    assert load_syntec(tmp_path / "s.csv").value(2025, 7) == Decimal("321.0")
    assert load_syntec(str(tmp_path / "s.csv"))[(2025, 7)].source == "test value, not published"
    ecb = load_ecb_rates(tmp_path / "e.csv", known_through=D(2026, 7, 1))
    assert (ecb.rows[0].source, ecb.known_through) == (
        f"{tmp_path / 'e.csv'}, row 2",
        D(2026, 7, 1),
    )
    assert load_legal_rates(tmp_path / "l.csv").rows[0].rate_percent == Decimal("2.5")
    individuals = load_legal_rates(tmp_path / "l.csv", creditor="individuals")
    assert individuals.rows[0].rate_percent == Decimal("6.5")


def test_unreadable_files(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    with pytest.raises(ReferenceFileError, match="expected a readable UTF-8 file; ") as caught:
        load_syntec(missing)
    assert caught.value.problems[0].path == "(file)"
    assert caught.value.problems[0].value == str(missing)
    assert caught.value.source == str(missing)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("month,value,source\n2025-07,321,arrêté\n".encode("latin-1"))
    with pytest.raises(ReferenceFileError, match="utf-8"):
        load_ecb_rates(latin)
    with pytest.raises(ReferenceFileError, match="readable"):
        load_legal_rates(tmp_path)
    with pytest.raises(WrongTypeError, match=r"^path=3 is not a str or a path"):
        load_syntec(3)  # type: ignore[arg-type]
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 5_000_001)
    with pytest.raises(ReferenceFileError, match="expected a file of at most 5000000 bytes"):
        load_syntec(big)


# --- what is bundled --------------------------------------------------------------------------------


def test_reference_data_report() -> None:
    data = reference_data()
    records = data.to_records()
    assert records[0] == {
        "series": "syntec",
        "first": "2006-01",
        "last": "2025-10",
        "rows": 216,
        "user_rows": 0,
        "as_of": D(2025, 11, 28),
        "known_through": None,
        "gaps": "2022-01…2022-07, 2022-09…2022-12, 2023-12, 2024-06…2024-07, 2024-11, "
        "2025-02…2025-08",
    }
    assert records[1] == {
        "series": "ecb_mro",
        "first": "2007-06-13",
        "last": "2025-06-11",
        "rows": 37,
        "user_rows": 0,
        "as_of": D(2026, 2, 5),
        "known_through": D(2026, 2, 5),
        "gaps": "",
    }
    assert [r["series"] for r in records] == [
        "syntec",
        "ecb_mro",
        "legal_rate_other_cases",
        "legal_rate_individuals",
    ]
    text = data.to_text()
    assert text.splitlines()[0] == "Données de référence\u00a0: indice Syntec et taux d'intérêt"
    assert "taux de la BCE (refinancement)" in text
    assert "Taux de la BCE connus jusqu'au 5 février 2026" in text
    english = data.to_text(lang="en")
    assert english.splitlines()[0] == "Reference data: the Syntec index and interest rates"
    assert "ECB rates known through 5 February 2026" in english
    assert "legal rate (individuals)" in english


def test_reference_data_counts_user_values() -> None:
    mine = SYNTEC.merged(SyntecSeries.from_csv_text(JULY))
    rates = ECB_MRO.merged(
        RateTable.from_csv_text("effective_from,rate_percent\n2026-07-01,2.15\n")
    )
    records = reference_data(syntec=mine, ecb_rates=rates, legal_rates=()).to_records()
    assert [(r["rows"], r["user_rows"]) for r in records] == [(217, 1), (38, 1)]
    assert records[0]["gaps"].endswith("2025-02…2025-06, 2025-08")
    assert records[1]["known_through"] == D(2026, 7, 1)
    empty = reference_data(syntec=SyntecSeries(entries=()), legal_rates=[]).to_records()[0]
    assert (empty["first"], empty["last"], empty["gaps"]) == (None, None, "")
    with pytest.raises(WrongTypeError, match=r"^ecb_rates\[0\]="):
        reference_data(ecb_rates=SYNTEC)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"^legal_rates\[0\]="):
        reference_data(legal_rates=[SYNTEC])  # type: ignore[list-item]


# --- the bundled files and the generated modules ---------------------------------------------------


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_syntec_module_is_what_the_generator_writes_from_the_csv() -> None:
    generator = _script("generate_syntec")
    text = generator.render((DATA / "syntec.csv").read_text("utf-8"))
    assert (DATA / "syntec.py").read_text("utf-8") == text


def test_the_rates_module_is_what_the_generator_writes_from_the_csvs() -> None:
    generator = _script("generate_rates")
    text = generator.render(
        (DATA / "ecb_mro.csv").read_text("utf-8"),
        (DATA / "legal_rate.csv").read_text("utf-8"),
        known_through=rates_data.ECB_MRO_KNOWN_THROUGH,
        as_of=rates_data.AS_OF,
    )
    assert (DATA / "rates.py").read_text("utf-8") == text


def test_the_bundled_csv_reads_as_the_snapshot() -> None:
    parsed = SyntecSeries.from_csv_text((DATA / "syntec.csv").read_text("utf-8"))
    assert [attrs.evolve(e, origin="bundled") for e in parsed.entries] == list(SYNTEC.entries)
    ecb = RateTable.from_csv_text((DATA / "ecb_mro.csv").read_text("utf-8"))
    assert [attrs.evolve(r, origin="bundled") for r in ecb.rows] == list(ECB_MRO.rows)
    legal = (DATA / "legal_rate.csv").read_text("utf-8")
    for creditor, bundled in (
        ("other_cases", LEGAL_RATE_OTHER_CASES),
        ("individuals", LEGAL_RATE_INDIVIDUALS),
    ):
        table = RateTable.from_csv_text(legal, series="legal_rate", creditor=creditor)  # type: ignore[arg-type]
        assert [attrs.evolve(r, origin="bundled") for r in table.rows] == list(bundled.rows)
        assert table.known_through == bundled.known_through


def test_the_generated_modules_shape() -> None:
    assert len(rates_data.ECB_MRO_ROWS) == 37
    assert rates_data.ECB_MRO_ROWS[-1][:2] == (D(2025, 6, 11), Decimal("2.15"))
    assert rates_data.LEGAL_RATE_ROWS[0][:3] == (D(2015, 1, 1), Decimal("4.06"), Decimal("0.93"))
    assert D(2026, 6, 30) == rates_data.LEGAL_RATE_KNOWN_THROUGH
    assert all(row[-1] for row in rates_data.ECB_MRO_ROWS + rates_data.LEGAL_RATE_ROWS)  # sources
    assert D(2025, 11, 28) == syntec_data.AS_OF
    assert len(syntec_data.VALUES) == 216
    assert all(0 <= row[-1] < len(syntec_data.SOURCES) for row in syntec_data.VALUES)


@pytest.mark.skipif(not REFERENCE.exists(), reason=f"research tables not found in {REFERENCE}")
def test_the_bundled_csvs_are_the_research_tables_imported() -> None:
    syntec, rates = _script("generate_syntec"), _script("generate_rates")
    assert syntec.import_reference(REFERENCE) == (DATA / "syntec.csv").read_text("utf-8")
    ecb, legal = rates.import_reference(REFERENCE)
    assert ecb == (DATA / "ecb_mro.csv").read_text("utf-8")
    assert legal == (DATA / "legal_rate.csv").read_text("utf-8")


# --- display values ----------------------------------------------------------------------------------


def test_labels_and_exact_fractions() -> None:
    label = Label.of("bundled", "instantané", "bundled")
    assert label == "bundled"
    assert (label.to_text(), label.to_text(lang="en")) == ("instantané", "bundled")
    copy = pickle.loads(pickle.dumps(label))
    assert (copy, copy.fr, copy.en) == ("bundled", "instantané", "bundled")
    exact = ExactFraction(1, 3)
    assert (exact.to_text(), exact.to_text(lang="en")) == ("0,3333333…", "0.3333333…")
    assert ExactFraction(1500, 1).to_text(lang="en") == "1,500"
    assert pickle.loads(pickle.dumps(exact)) == exact
    with pytest.raises(InvalidArgumentError, match=r"^lang='de'"):
        exact.to_text(lang="de")  # type: ignore[arg-type]


def test_reference_values_are_terms_errors() -> None:
    for call in (
        lambda: IndexValue(
            year=2025, month_number=7, value=Decimal(1), series="revised", source="x", origin="me"
        ),
        lambda: RateRow(starts_on=D(2025, 1, 1), rate_percent=Decimal(1), source="x", origin=1),
        lambda: RateTable(name="t", rows=ECB_MRO.rows, known_through=D(2026, 3, 1), steps="x"),
    ):
        with pytest.raises(TermsError, match=r"origin|steps"):
            call()
    with pytest.raises(EndBeforeStartError, match=r"^known_through=datetime.date"):
        RateTable(name="t", rows=ECB_MRO.rows, known_through=D(2025, 1, 1))


# --- junk into every value class -----------------------------------------------------------------

_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=True),
    st.text(max_size=3),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.tuples(st.integers(-1, 2030), st.integers(-1, 13)),
    st.lists(st.integers(), max_size=2),
    st.just(SYNTEC),
    st.just(ECB_MRO),
)


def _examples() -> list[object]:
    claim = late_payment_claim(
        [
            PaymentRequest(
                reference="Q",
                amount=Decimal("405.00"),
                received_on=D(2025, 6, 2),
                payments=(Payment(paid_on=D(2025, 7, 10), amount=Decimal("200.00")),),
            )
        ],
        as_of=D(2025, 9, 30),
    )
    line = claim.lines[0]
    schedule = revision_schedule(
        [D(2025, 9, 1)],
        {"x": Decimal("1.00")},
        imposed_by_buyer=True,
        revision_dates={D(2025, 9, 1): D(2025, 12, 1)},
    )
    return [
        SYNTEC[(2024, 8)],
        SyntecSeries.of({(2025, 7): "1"}, source="t"),
        schedule.rows[0].revision,
        schedule.rows[0],
        schedule,
        RevisionClause(),
        ECB_MRO.rows[0],
        ECB_MRO,
        line.periods[0].rate,
        Interruption(notified_on=D(2025, 3, 20), completed_on=D(2025, 4, 1)),
        line.due.start,  # type: ignore[union-attr]
        line.due,
        line.periods[0],
        interest_calculation(Decimal("405.00"), D(2025, 4, 2), D(2025, 5, 12)),
        line.request.payments[0],
        line.request,
        line.parts[0],
        line,
        claim,
        PaymentTerms(),
        reference_data(),
    ]


_EXAMPLES = _examples()


@pytest.mark.parametrize("example", _EXAMPLES, ids=lambda e: type(e).__name__)
@given(data=st.data())
def test_value_classes_refuse_junk_with_a_terms_error(example: Any, data: st.DataObject) -> None:
    """Issue 12: every field of every value class, given junk, refuses it with a TermsError."""
    for field in attrs.fields(type(example)):
        if field.init:
            junk = data.draw(_JUNK, label=field.name)
            with contextlib.suppress(TermsError):
                attrs.evolve(example, **{field.alias: junk})


def test_the_examples_cover_every_value_class() -> None:
    assert {type(e).__name__ for e in _EXAMPLES} == {
        "IndexValue",
        "SyntecSeries",
        "Revision",
        "ScheduleRow",
        "RevisionSchedule",
        "RevisionClause",
        "RateRow",
        "RateTable",
        "AppliedRate",
        "Interruption",
        "DelayStart",
        "DueDate",
        "InterestPeriod",
        "InterestCalculation",
        "Payment",
        "PaymentRequest",
        "ClaimPart",
        "ClaimLine",
        "Claim",
        "PaymentTerms",
        "ReferenceData",
    }
