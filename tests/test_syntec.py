"""Tests of the Syntec index: the bundled snapshot, publication, user values (contract §1.11)."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms._dates import YearMonth
from libriciel_terms.errors import (
    FloatMoneyError,
    InvalidArgumentError,
    OutOfRangeError,
    UnknownIndexMonthError,
    WrongTypeError,
)
from libriciel_terms.hours import BusinessHours
from libriciel_terms.revision import syntec_revision
from libriciel_terms.syntec import (
    SYNTEC,
    IndexValue,
    SyntecSeries,
    publication_rule_date,
)
from tests.strategies import dates

# --------------------------------------------------------------------------- the snapshot


@pytest.mark.parametrize(
    ("month", "value", "series"),
    [
        ((2006, 1), "209.6", "historical"),
        ((2012, 11), "242.6", "historical"),
        ((2013, 11), "245.6", "historical"),
        ((2020, 2), "274.7", "historical"),
        ((2020, 3), "275.3", "historical"),  # re-actualised, not the frozen 274.7
        ((2020, 4), "275.1", "historical"),
        ((2020, 5), "275.2", "historical"),
        ((2020, 6), "274.9", "historical"),
        ((2020, 7), "274.9", "historical"),
        ((2020, 8), "274.4", "historical"),
        ((2020, 9), "275.2", "historical"),
        ((2020, 10), "274.4", "historical"),
        ((2020, 11), "274.8", "historical"),
        ((2022, 8), "280.6", "revised"),  # not the withdrawn old-series 286.4
        ((2023, 5), "302.7", "revised"),
        ((2023, 9), "306.0", "revised"),
        ((2024, 1), "310.5", "revised"),
        ((2024, 8), "314.1", "revised"),
        ((2025, 9), "321.7", "revised"),
        ((2025, 10), "322.2", "revised"),
    ],
)
def test_snapshot_values(month: tuple[int, int], value: str, series: str) -> None:
    assert SYNTEC.value(*month) == Decimal(value)
    assert SYNTEC[month].series == series
    assert SYNTEC[month].source.startswith("http")


def test_snapshot_shape() -> None:
    assert SYNTEC.as_of == dt.date(2025, 11, 28)
    assert len(SYNTEC) == 216
    months = list(SYNTEC)
    assert months == sorted(months)
    assert months[0] == (2006, 1)
    assert months[-1] == (2025, 10)
    assert all(SYNTEC[m].series == "historical" for m in months if m <= (2022, 7))
    assert all(SYNTEC[m].series == "revised" for m in months if m >= (2022, 8))
    assert SYNTEC[(2023, 5)].published_on == dt.date(2023, 6, 30)
    assert SYNTEC[(2024, 8)].published_on is None
    assert SYNTEC.to_records()[-1] == {
        "month": "2025-10",
        "value": Decimal("322.2"),
        "series": "revised",
        "published_on": dt.date(2025, 11, 28),
        "source": "https://www.juristique.org/en/news/syntec-index-october-2025",
        "origin": "bundled",
    }
    assert "<table>" in SYNTEC._repr_html_()
    assert "2025-09…2025-10" in repr(SYNTEC)


KNOWN_GAPS = [
    *[(2022, m) for m in range(1, 8)],
    *[(2022, m) for m in range(9, 13)],
    (2023, 12),
    (2024, 6),
    (2024, 7),
    (2024, 11),
    *[(2025, m) for m in range(2, 9)],
    (2025, 11),
    (2025, 12),
    (2026, 1),
]


@pytest.mark.parametrize("month", KNOWN_GAPS)
def test_known_gaps_are_absent_and_explained(month: tuple[int, int]) -> None:
    assert month not in SYNTEC
    assert SYNTEC.get(month) is None
    text = f"{month[0]:04d}-{month[1]:02d}"
    with pytest.raises(UnknownIndexMonthError, match=text) as caught:
        SYNTEC.value(*month)
    message = str(caught.value)
    assert "2006-01…2021-12" in message
    assert "as of 2025-11-28" in message
    assert "with_values" in message
    assert isinstance(caught.value, LookupError)


def test_snapshot_matches_the_csv() -> None:
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "shared" / "reference" / "syntec_values.csv"
    if not path.exists():  # pragma: no cover - the reference tree sits beside the repository
        pytest.skip(f"{path} is not available")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["series"] in ("historique", "revise")]
    assert len(rows) == len(SYNTEC)
    for row in rows:
        year, month = (int(part) for part in row["month"].split("-"))
        assert SYNTEC.value(year, month) == Decimal(row["value"])


@pytest.mark.parametrize(
    ("key", "error"),
    [((2025, 13), OutOfRangeError), ("2025-07", WrongTypeError), ((2025,), WrongTypeError)],
)
def test_bad_month_keys(key: object, error: type) -> None:
    with pytest.raises(error):
        SYNTEC[key]  # type: ignore[index]
    assert key not in SYNTEC
    assert SYNTEC.get(key, "absent") == "absent"  # type: ignore[arg-type]
    assert SYNTEC.get([2025, 7], "absent") == "absent"  # type: ignore[arg-type]


def test_with_values_adds_without_touching_the_snapshot() -> None:
    extended = SYNTEC.with_values(
        {(2025, 7): Decimal("321.0"), (2022, 7): "286.0"},
        source="test",
        published_on={(2025, 7): dt.date(2025, 8, 29)},
    )
    assert extended.value(2025, 7) == Decimal("321.0")
    assert extended[(2025, 7)].series == "revised"
    assert extended[(2022, 7)].series == "historical"
    assert extended[(2025, 7)].published_on == dt.date(2025, 8, 29)
    assert (2025, 7) not in SYNTEC
    assert len(extended) == len(SYNTEC) + 2
    # the same value again is accepted; a different one needs replace=True
    assert SYNTEC.with_values({(2024, 8): "314.1"}, source="again").value(2024, 8) == Decimal(
        "314.1"
    )
    with pytest.raises(InvalidArgumentError, match="replace=True"):
        SYNTEC.with_values({(2024, 8): "314.2"}, source="typo")
    replaced = SYNTEC.with_values({(2024, 8): "314.2"}, source="erratum", replace=True)
    assert replaced.value(2024, 8) == Decimal("314.2")
    assert replaced[(2024, 8)].source == "erratum"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"values": {(2025, 7): 321.0}, "source": "x"}, FloatMoneyError),
        ({"values": {(2025, 7): "321"}, "source": ""}, InvalidArgumentError),
        ({"values": [((2025, 7), "321")], "source": "x"}, WrongTypeError),
        ({"values": {(2025, 7): "321"}, "source": "x", "series": "new"}, InvalidArgumentError),
        (
            {
                "values": {(2025, 7): "321"},
                "source": "x",
                "published_on": {(2025, 6): dt.date(2025, 8, 1)},
            },
            InvalidArgumentError,
        ),
        (
            {
                "values": {(2025, 7): "321"},
                "source": "x",
                "published_on": {(2025, 7): dt.date(2025, 7, 31)},
            },
            InvalidArgumentError,
        ),
    ],
)
def test_with_values_refusals(kwargs: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        SYNTEC.with_values(**kwargs)  # type: ignore[arg-type]


def test_series_of_and_value_objects() -> None:
    mine = SyntecSeries.of({(2024, 8): 100, (2025, 7): "103.2"}, source="test", series="revised")
    assert mine.value(2025, 7) == Decimal("103.2")
    assert mine.as_of is None
    with pytest.raises(InvalidArgumentError, match="two values"):
        SyntecSeries(entries=[*mine.entries, mine[(2024, 8)]])
    with pytest.raises(WrongTypeError):
        SyntecSeries(entries=[(2024, 8)])  # type: ignore[list-item]
    with pytest.raises(OutOfRangeError):
        IndexValue(year=2024, month_number=13, value=Decimal(1), series="revised", source="x")
    with pytest.raises(FloatMoneyError):
        IndexValue(year=2024, month_number=1, value=1.0, series="revised", source="x")  # type: ignore[arg-type]


def test_pickling_and_hashing() -> None:
    copy = pickle.loads(pickle.dumps(SYNTEC))
    assert copy == SYNTEC
    assert hash(copy) == hash(SYNTEC)
    assert copy.value(2025, 10) == Decimal("322.2")
    revision = syntec_revision(dt.date(2025, 9, 1), revision_date=dt.date(2025, 12, 1))
    assert pickle.loads(pickle.dumps(revision)) == revision


# --------------------------------------------------------------------------- publication


OBSERVED = {
    (2019, 1): dt.date(2019, 2, 28),
    (2019, 4): dt.date(2019, 5, 29),
    (2020, 1): dt.date(2020, 2, 29),
    (2020, 6): dt.date(2020, 7, 31),
    (2021, 6): dt.date(2021, 7, 30),
    (2021, 8): dt.date(2021, 9, 30),
    (2022, 8): dt.date(2022, 9, 30),
    (2023, 1): dt.date(2023, 2, 28),
    (2023, 2): dt.date(2023, 3, 31),
    (2023, 3): dt.date(2023, 4, 28),
    (2023, 4): dt.date(2023, 5, 31),
    (2023, 5): dt.date(2023, 6, 30),
    (2023, 6): dt.date(2023, 7, 31),
    (2023, 7): dt.date(2023, 8, 31),
    (2023, 8): dt.date(2023, 9, 29),
    (2023, 9): dt.date(2023, 10, 31),
    (2023, 10): dt.date(2023, 11, 30),
    (2023, 11): dt.date(2023, 12, 29),
    (2024, 9): dt.date(2024, 10, 31),
    (2025, 1): dt.date(2025, 2, 28),
    (2025, 10): dt.date(2025, 11, 28),
}


def test_observed_dates_and_the_rule() -> None:
    # syntec.md §4.2: the rule matches 19 of the 21 observed dates.
    for month, published in OBSERVED.items():
        assert SYNTEC.publication_date(*month) == published
    mismatches = {m for m, d in OBSERVED.items() if publication_rule_date(*m) != d}
    assert mismatches == {(2019, 4), (2020, 1)}


@given(st.integers(2000, 2099), st.integers(1, 12))
def test_rule_is_the_last_working_day_of_the_next_month(year: int, month: int) -> None:
    hours = BusinessHours.comelus()
    published = publication_rule_date(year, month)
    assert hours.is_working_day(published)
    assert (published.year, published.month) == ((year, month + 1) if month < 12 else (year + 1, 1))
    day = published + dt.timedelta(days=1)
    while day.month == published.month:
        assert not hours.is_working_day(day)
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "known", "why"),
    [
        (dt.date(2025, 8, 28), (2025, 6), "July is published on Friday 29 August"),
        (dt.date(2025, 8, 29), (2025, 7), "publication day"),
        (dt.date(2025, 8, 31), (2025, 7), "weekend after"),
        (dt.date(2025, 9, 1), (2025, 7), "the ComElus anniversary"),
        (dt.date(2025, 9, 29), (2025, 7), "August is published on Tuesday 30 September"),
        (dt.date(2025, 9, 30), (2025, 8), "publication day"),
        (dt.date(2025, 11, 27), (2025, 9), "the day before the observed publication"),
        (dt.date(2025, 11, 28), (2025, 10), "observed publication, Friday 28 November"),
        (dt.date(2026, 1, 1), (2025, 11), "syntec.md §4.3's example"),
        (dt.date(2004, 5, 27), (2004, 3), "Whit Monday 31 May 2004 moves April's to the 28th"),
        (dt.date(2004, 5, 28), (2004, 4), "the last working day of May 2004"),
        (dt.date(2019, 5, 28), (2019, 3), "the day before the observed early publication"),
        (dt.date(2019, 5, 29), (2019, 4), "observed: before Ascension and its bridge day"),
        (dt.date(2020, 2, 28), (2019, 12), "observed 29 February 2020 (as the source says)"),
        (dt.date(2014, 1, 1), (2013, 11), "juristique's E1"),
    ],
)
def test_known_on(day: dt.date, known: tuple[int, int], why: str) -> None:
    assert SYNTEC.known_on(day) == known, why


def test_known_on_by_the_rule_alone() -> None:
    assert SYNTEC.known_on(dt.date(2019, 5, 29), publication="rule") == (2019, 3)
    assert SYNTEC.known_on(dt.date(2020, 2, 28), publication="rule") == (2020, 1)
    with pytest.raises(InvalidArgumentError, match="publication"):
        SYNTEC.known_on(dt.date(2020, 2, 28), publication="guess")  # type: ignore[arg-type]


@given(dates(dt.date(2001, 1, 1), dt.date(2098, 12, 31)), st.sampled_from(["observed", "rule"]))
def test_known_on_properties(day: dt.date, publication: str) -> None:
    known = SYNTEC.known_on(day, publication=publication)  # type: ignore[arg-type]
    assert SYNTEC.publication_date(*known, publication=publication) <= day  # type: ignore[arg-type]
    following = (known[0], known[1] + 1) if known[1] < 12 else (known[0] + 1, 1)
    assert SYNTEC.publication_date(*following, publication=publication) > day  # type: ignore[arg-type]
    lag = (day.year * 12 + day.month) - (known[0] * 12 + known[1])
    assert lag in (1, 2)
    later = SYNTEC.known_on(day + dt.timedelta(days=1), publication=publication)  # type: ignore[arg-type]
    assert later >= known


def test_known_on_refuses_datetimes_and_far_years() -> None:
    with pytest.raises(WrongTypeError, match="day"):
        SYNTEC.known_on(dt.datetime(2025, 9, 1, tzinfo=dt.UTC))
    with pytest.raises(OutOfRangeError):
        SYNTEC.known_on(dt.date(1, 1, 1))


# --------------------------------------------------------------------------- months are YearMonths


def test_months_are_year_months_equal_to_tuples() -> None:
    known = SYNTEC.known_on(dt.date(2025, 9, 1))
    assert isinstance(known, YearMonth)
    assert known == (2025, 7)
    assert str(known) == "2025-07"
    assert SYNTEC[(2024, 8)].month == YearMonth(2024, 8)
    assert SYNTEC[YearMonth(2024, 8)] is SYNTEC[(2024, 8)]
    assert all(isinstance(month, YearMonth) for month in SYNTEC)


def test_the_global_snapshot_cannot_be_edited() -> None:
    """Regression (issue 17): editing the global SYNTEC's dict used to change results."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        SYNTEC.entries = ()  # type: ignore[misc]
    months = SYNTEC._months
    assert isinstance(months, tuple)
    assert isinstance(SYNTEC.entries, tuple)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        SYNTEC[(2024, 8)].value = Decimal(1)  # type: ignore[misc]
    assert not any(isinstance(v, (dict, list, set)) for v in vars(SYNTEC).values())


def test_series_of_honours_series_and_as_of() -> None:
    """Mutation note 8: ``series=`` and ``as_of=`` of SyntecSeries.of/with_values are used."""
    mine = SyntecSeries.of(
        {(2023, 1): "100"}, source="t", series="historical", as_of=dt.date(2023, 3, 1)
    )
    assert mine[(2023, 1)].series == "historical"
    assert mine.as_of == dt.date(2023, 3, 1)
    with pytest.raises(UnknownIndexMonthError, match="snapshot as of 2023-03-01"):
        mine.value(2023, 2)
    added = SYNTEC.with_values({(2022, 1): "280"}, source="t", series="revised")
    assert added[(2022, 1)].series == "revised"
    assert SYNTEC.with_values({(2022, 1): "280"}, source="t")[(2022, 1)].series == "historical"
    assert added.as_of == SYNTEC.as_of


def test_with_values_messages() -> None:
    with pytest.raises(WrongTypeError, match=r"^values=\[\] is not a mapping"):
        SYNTEC.with_values([], source="x")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"^replace='yes' is not a bool"):
        SYNTEC.with_values({(2025, 7): "1"}, source="x", replace="yes")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"^published_on=\[\] is not a mapping"):
        SYNTEC.with_values({(2025, 7): "1"}, source="x", published_on=[])  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match=r"^published_on has \(2025, 6\), which is not"):
        SYNTEC.with_values(
            {(2025, 7): "1"}, source="x", published_on={(2025, 6): dt.date(2025, 8, 1)}
        )
    with pytest.raises(
        InvalidArgumentError,
        match=r"^values\[\(2024, 8\)\]='314\.2' differs from the 314\.1 this series holds for "
        r"2024-08 \(source: https://juristique\.org/actualite/indice-syntec-septembre-2024\); "
        r"pass replace=True to replace it$",
    ):
        SYNTEC.with_values({(2024, 8): "314.2"}, source="typo")
    with pytest.raises(
        InvalidArgumentError,
        match=r"^published_on=datetime.date\(2025, 7, 31\) is not after 2025-07",
    ):
        IndexValue(
            year=2025,
            month_number=7,
            value=Decimal(1),
            series="revised",
            source="x",
            published_on=dt.date(2025, 7, 31),
        )


def test_missing_month_message_in_full() -> None:
    with pytest.raises(UnknownIndexMonthError) as caught:
        SYNTEC.value(2025, 7)
    assert str(caught.value) == (
        "the Syntec index of 2025-07 is not in this series (snapshot as of 2025-11-28; it holds "
        "2006-01…2021-12, 2022-08, 2023-01…2023-11, 2024-01…2024-05, 2024-08…2024-10, "
        "2024-12…2025-01, 2025-09…2025-10). Add the published value: a CSV file read with "
        "load_syntec (month,value,published_on,source) merged with SYNTEC.merged(...), or "
        "SYNTEC.with_values({(2025, 7): Decimal('…')}, source='…'); values are never interpolated"
    )
    empty = SyntecSeries(entries=())
    with pytest.raises(UnknownIndexMonthError, match=r"\(it holds no month\)"):
        empty.value(2025, 7)
    assert empty.coverage() == ""
    assert empty.gaps() == ()


def test_coverage_and_gaps() -> None:
    series = SyntecSeries.of(
        {(2024, 11): "1", (2024, 12): "1", (2025, 1): "1", (2025, 3): "1", (2025, 6): "1"},
        source="t",
    )
    assert series.coverage() == "2024-11…2025-01, 2025-03, 2025-06"
    assert series.gaps() == (
        (YearMonth(2025, 2), YearMonth(2025, 2)),
        (YearMonth(2025, 4), YearMonth(2025, 5)),
    )
    assert repr(series) == "<SyntecSeries of 5 months: 2024-11…2025-01, 2025-03, 2025-06>"
    assert repr(SYNTEC).endswith("2025-09…2025-10, as_of=datetime.date(2025, 11, 28)>")


def test_the_series_as_a_report() -> None:
    mine = SyntecSeries.of({(2025, 7): "321.0"}, source="t")
    assert mine.to_records() == [
        {
            "month": "2025-07",
            "value": Decimal("321.0"),
            "series": "revised",
            "published_on": None,
            "source": "t",
            "origin": "user",
        }
    ]
    assert mine.to_text() == (
        "Indice Syntec\u00a0: 1 mois (2025-07)\n"
        "mois     valeur  série   publié le  source  origine\n"
        "2025-07  321,0   révisé             t       utilisateur"
    )
    assert mine.to_text(lang="en") == (
        "Syntec index: 1 months (2025-07)\n"
        "month    value  series   published on  source  origin\n"
        "2025-07  321.0  revised                t       user"
    )
    assert SYNTEC.headline(lang="en").startswith(
        "Syntec index: 216 months as of 28 November 2025 ("
    )
    assert SYNTEC.headline().startswith("Indice Syntec\u00a0: 216 mois au 28 novembre 2025 (")
    assert "<td>instantané</td>" in SYNTEC._repr_html_()


def test_describe_says_where_a_value_comes_from() -> None:
    assert SYNTEC[(2024, 8)].describe() == "2024-08 = 314,1 (révisé)"
    assert SYNTEC[(2021, 12)].describe(lang="en") == "2021-12 = 277.3 (historical)"
    mine = SyntecSeries.of({(2025, 7): "321.0"}, source="Syntec")[(2025, 7)]
    assert mine.describe() == "2025-07 = 321,0 (révisé) [valeur utilisateur : Syntec]"
    assert mine.describe(lang="en") == "2025-07 = 321.0 (revised) [user value: Syntec]"


def test_publication_rule_refusals() -> None:
    with pytest.raises(OutOfRangeError, match=r"^\(year, month\)\[1\]=13 is above 12"):
        publication_rule_date(2025, 13)
    with pytest.raises(OutOfRangeError, match=r"^\(year, month\)\[0\]=2200 is above 2199"):
        SYNTEC.publication_date(2200, 1)
    with pytest.raises(InvalidArgumentError, match=r"^publication='x'"):
        SYNTEC.publication_date(2025, 1, publication="x")  # type: ignore[arg-type]
    assert publication_rule_date(2199, 12) == dt.date(2200, 1, 31)


def test_get_and_contains_never_raise() -> None:
    for key in ((2025, 13), "2025-07", None, [2024, 8], (2024, 8.0), (True, 8)):
        assert key not in SYNTEC
        assert SYNTEC.get(key, "absent") == "absent"
    assert SYNTEC.get((2024, 8)).value == Decimal("314.1")


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: SYNTEC["2025-07"], WrongTypeError,
         r"^month='2025-07' is not a \(year, month\) pair; pass e\.g\. \(2025, 7\) for July 2025$"),
        (lambda: SYNTEC[(1899, 1)], OutOfRangeError, r"^month\[0\]=1899 is below 1900; pass an int >= 1900$"),
        (lambda: SYNTEC[(2025, 0)], OutOfRangeError, r"^month\[1\]=0 is below 1; pass an int >= 1$"),
        (lambda: SYNTEC.value(2025, "7"), WrongTypeError, r"^\(year, month\)\[1\]='7' is a str, not an int$"),
        (lambda: SYNTEC.known_on(dt.date(1899, 12, 31)), OutOfRangeError, r"^day\.year=1899 is below 1900"),
        (lambda: SYNTEC.known_on("2025-09-01"), WrongTypeError, r"^day='2025-09-01' is a str, not a date"),
        (lambda: SYNTEC.known_on(dt.date(2025, 9, 1), publication="guess"), InvalidArgumentError,
         r"^publication='guess' is not one of 'observed', 'rule'; pass one of them$"),
        (lambda: SYNTEC.publication_date(2025, 1, publication=None), InvalidArgumentError,
         r"^publication=None is not one of 'observed', 'rule'"),
        (lambda: SYNTEC.with_values({(2025, 13): "1"}, source="x"), OutOfRangeError,
         r"^values key\[1\]=13 is above 12"),
        (lambda: SYNTEC.with_values({(2025, 7): 321.0}, source="x"), FloatMoneyError,
         r"^values\[\(2025, 7\)\]=321\.0 is a float; pass the index value as"),
        (lambda: SYNTEC.with_values({(2025, 7): "1"}, source=""), InvalidArgumentError,
         r"^source='' is empty; pass a non-empty text$"),
        (lambda: SYNTEC.with_values({(2025, 7): "1"}, source="x", series="new"), InvalidArgumentError,
         r"^series='new' is not one of 'historical', 'revised'"),
        (lambda: SyntecSeries(entries=[(2024, 8)]), WrongTypeError, r"^entries\[0\]=\(2024, 8\) is a tuple"),
        (lambda: SyntecSeries(entries=[SYNTEC[(2024, 8)], SYNTEC[(2024, 8)]]), InvalidArgumentError,
         r"^entries holds two values for 2024-08 \(314\.1 and 314\.1\); keep one value per month$"),
        (lambda: SyntecSeries(entries=(), as_of="2025"), WrongTypeError, r"^as_of='2025'"),
    ],
)  # fmt: skip
def test_syntec_messages(call: object, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        call()  # type: ignore[operator]


def test_every_text_method_checks_its_language() -> None:
    for method in (SYNTEC.headline, SYNTEC[(2024, 8)].describe, SYNTEC.to_text):
        with pytest.raises(InvalidArgumentError, match=r"^lang='FR' is not one of 'fr', 'en'"):
            method(lang="FR")  # type: ignore[operator]


def test_of_keeps_the_publication_dates_it_is_given() -> None:
    mine = SyntecSeries.of(
        {(2024, 8): "314.1"}, source="t", published_on={(2024, 8): dt.date(2024, 10, 1)}
    )
    assert mine[(2024, 8)].published_on == dt.date(2024, 10, 1)


def test_from_records_names_a_wrong_name() -> None:
    with pytest.raises(WrongTypeError, match=r"^name=3 "):
        SyntecSeries.from_records([], name=3)  # type: ignore[arg-type]
