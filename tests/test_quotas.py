"""Tests of libriciel_terms.quotas: the document, storage and traffic quotas of clause 2.2."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms.errors import InvalidArgumentError, OutOfRangeError, TermsError, WrongTypeError
from libriciel_terms.quotas import QuotaLine, QuotaReport, Quotas, check_quotas

COMELUS = Quotas.comelus()


def test_the_comelus_figures() -> None:
    assert (COMELUS.document_mb, COMELUS.storage_tb, COMELUS.traffic_tb_per_year) == (150, 1, 20)
    assert COMELUS.multiples == "si"


@pytest.mark.parametrize(
    ("kwargs", "exceeded"),
    [
        ({"document_bytes": 150_000_000}, ()),  # "150 Mo maxi": the limit itself is allowed
        ({"document_bytes": 150_000_001}, ("document",)),
        ({"document_bytes": 150_000_001, "multiples": "binary"}, ()),
        ({"document_bytes": 150 * 2**20, "multiples": "binary"}, ()),
        ({"document_bytes": 150 * 2**20 + 1, "multiples": "binary"}, ("document",)),
        ({"storage_bytes": 10**12}, ()),
        ({"storage_bytes": 10**12 + 1}, ("storage",)),
        ({"storage_bytes": 10**12 + 1, "multiples": "binary"}, ()),
        ({"traffic_bytes": 20 * 10**12}, ()),
        ({"traffic_bytes": 20 * 10**12 + 1, "storage_bytes": 0}, ("traffic",)),
        (
            {
                "document_bytes": 2 * 10**8,
                "storage_bytes": 2 * 10**12,
                "traffic_bytes": 21 * 10**12,
            },
            ("document", "storage", "traffic"),
        ),
    ],
)
def test_quotas(kwargs: dict[str, object], exceeded: tuple[str, ...]) -> None:
    report = COMELUS.check(**kwargs)  # type: ignore[arg-type]
    assert report.exceeded == exceeded
    assert report.ok is (not exceeded)
    assert check_quotas(quotas=COMELUS, **kwargs) == report  # type: ignore[arg-type]


def test_the_clauses_reading_and_the_keyword() -> None:
    binary = Quotas(document_mb=150, storage_tb=1, traffic_tb_per_year=20, multiples="binary")
    assert binary.check(document_bytes=150_000_001).ok
    assert binary.check(document_bytes=150_000_001).multiples == "binary"
    assert not binary.check(document_bytes=150_000_001, multiples="si").ok
    assert binary.check(document_bytes=1, multiples="si").multiples == "si"


def test_other_figures() -> None:
    small = Quotas(document_mb=10, storage_tb=2, traffic_tb_per_year=3)
    report = small.check(
        document_bytes=10**7 + 1, storage_bytes=2 * 10**12, traffic_bytes=3 * 10**12 + 1
    )
    assert report.exceeded == ("document", "traffic")
    assert [line.limit_bytes for line in report.lines] == [10**7, 2 * 10**12, 3 * 10**12]


def test_quota_lines_and_records() -> None:
    report = COMELUS.check(document_bytes=1, storage_bytes=2, traffic_bytes=3, multiples="binary")
    assert [(x.quota, x.amount, x.unit, x.limit_bytes) for x in report.lines] == [
        ("document", 150, "MB", 150 * 2**20),
        ("storage", 1, "TB", 2**40),
        ("traffic", 20, "TB", 20 * 2**40),
    ]
    assert [x.limit_text(lang="en") for x in report.lines] == [
        "150\u00a0MB (binary)", "1\u00a0TB (binary)", "20\u00a0TB (binary)",
    ]  # fmt: skip
    assert report.lines[0].limit_text() == "150\u00a0Mo (binaire)"
    assert report.to_records()[2] == {
        "quota": "traffic",
        "amount": 20,
        "unit": "TB",
        "limit_bytes": 20 * 2**40,
        "usage_bytes": 3,
        "exceeded": False,
    }
    assert report.lines[2].to_records() == [report.to_records()[2]]


def test_report_text_and_html() -> None:
    report = COMELUS.check(document_bytes=155_000_000, traffic_bytes=1_000)
    assert report.to_text() == (
        "Quotas (§2.2)\u00a0: 1 dépassé sur 2\n"
        "quota          limite  utilisation (octets)  dépassé\n"
        "document       150\u00a0Mo  155\u202f000\u202f000           oui\n"
        "trafic annuel  20\u00a0To   1\u202f000                 non"
    )
    assert report.to_text(lang="en") == (
        "Quotas (§2.2): 1 of 2 exceeded\n"
        "quota           limit   usage (bytes)  exceeded\n"
        "document        150\u00a0MB  155,000,000    yes\n"
        "yearly traffic  20\u00a0TB   1,000          no"
    )
    two = COMELUS.check(document_bytes=155_000_000, storage_bytes=2 * 10**12)
    assert two.headline() == "Quotas (§2.2)\u00a0: 2 dépassés sur 2"
    assert COMELUS.check(storage_bytes=0).headline(lang="en") == "Quotas (§2.2): 0 of 1 exceeded"
    html = report._repr_html_()
    assert html.startswith("<table><caption>Quotas (§2.2)\u00a0: 1 dépassé sur 2</caption>")
    assert html.count("<tr>") == 3
    assert "yearly traffic" in report.to_html(lang="en")
    assert [line.to_text() for line in report.lines] == [
        "document\u00a0: 150\u00a0Mo", "trafic annuel\u00a0: 20\u00a0To",
    ]  # fmt: skip
    assert report.lines[1].to_text(lang="en") == "yearly traffic: 20\u00a0TB"
    assert str(report) == report.to_text()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({}, InvalidArgumentError, "no usage given; pass at least one of document_bytes, storage_bytes, traffic_bytes"),
        ({"document_bytes": -1}, OutOfRangeError, "document_bytes=-1 is below 0"),
        ({"storage_bytes": 1.5}, WrongTypeError, "storage_bytes=1.5 is a float, not an int"),
        ({"traffic_bytes": True}, WrongTypeError, "traffic_bytes=True is a bool, not an int"),
        ({"traffic_bytes": 10**21 + 1}, OutOfRangeError, r"traffic_bytes=10{21}1 is above 10{21}"),
        ({"document_bytes": 1, "multiples": "iec"}, InvalidArgumentError, "multiples='iec' is not one of 'si', 'binary'"),
    ],
)  # fmt: skip
def test_quota_refusals(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    with pytest.raises(
        error,
        match=match.replace("10{21}1", "1" + "0" * 20 + "1").replace("10{21}", "1" + "0" * 21),
    ):
        COMELUS.check(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: check_quotas(quotas=None, document_bytes=1), WrongTypeError, r"quotas=None is a NoneType, not a Quotas; pass the contract's quotas, e\.g\. Quotas\.comelus\(\)"),
        (lambda: Quotas(document_mb=0, storage_tb=1, traffic_tb_per_year=1), OutOfRangeError, "document_mb=0 is below 1"),
        (lambda: Quotas(document_mb=1, storage_tb=10**6 + 1, traffic_tb_per_year=1), OutOfRangeError, "storage_tb=1000001 is above 1000000"),
        (lambda: Quotas(document_mb=1, storage_tb=1, traffic_tb_per_year="20"), WrongTypeError, "traffic_tb_per_year='20'"),
        (lambda: Quotas(document_mb=1, storage_tb=1, traffic_tb_per_year=1, multiples="x"), InvalidArgumentError, "multiples='x'"),
        (lambda: QuotaLine(quota="disk", amount=1, unit="MB", multiples="si", usage_bytes=0), InvalidArgumentError, "quota='disk'"),
        (lambda: QuotaLine(quota="document", amount=1, unit="GB", multiples="si", usage_bytes=0), InvalidArgumentError, "unit='GB'"),
        (lambda: QuotaReport(multiples="si", lines=[1]), WrongTypeError, r"lines\[0\]=1"),
    ],
)  # fmt: skip
def test_constructor_refusals(call: object, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match) as info:
        call()  # type: ignore[operator]
    assert isinstance(info.value, TermsError)


@given(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from(["document_bytes", "storage_bytes", "traffic_bytes"]),
    st.sampled_from(["si", "binary"]),
)
def test_extreme_usages_answer_or_refuse(usage: int, name: str, multiples: str) -> None:
    try:
        report = COMELUS.check(**{name: usage}, multiples=multiples)  # type: ignore[arg-type]
    except TermsError:
        assert not 0 <= usage <= 10**21
    else:
        assert report.lines[0].exceeded is (usage > report.lines[0].limit_bytes)


def test_a_huge_int_is_refused_with_a_terms_error() -> None:
    with pytest.raises(TermsError, match=r"<an int of 5001 digits>"):
        COMELUS.check(document_bytes=10**5000)


def test_value_objects_pickle() -> None:
    report = COMELUS.check(document_bytes=1)
    assert pickle.loads(pickle.dumps(report)) == report
    assert pickle.loads(pickle.dumps(COMELUS)) == COMELUS


def test_english_html_and_a_wrong_clause_object() -> None:
    html = COMELUS.check(storage_bytes=1).to_html(lang="en")
    assert html.startswith(
        "<table><caption>Quotas (§2.2): 0 of 1 exceeded</caption><thead><tr><th>quota</th>"
        "<th>limit</th><th>usage (bytes)</th><th>exceeded</th></tr></thead>"
    )
    with pytest.raises(WrongTypeError, match="quotas='comelus' is a str, not a Quotas"):
        check_quotas(quotas="comelus", storage_bytes=1)  # type: ignore[arg-type]
