"""The figures the contract prints differently, recomputed (decision, CP, §1.11; C3, C4, C5, C8)."""

from __future__ import annotations

import datetime as dt
import decimal
import pickle
from decimal import Decimal
from typing import Any

import attrs
import pytest

from libriciel_terms.billing import Amounts, PriceList
from libriciel_terms.consistency import (
    ConsistencyReport,
    Finding,
    FindingText,
    PrintedFigures,
    check_consistency,
)
from libriciel_terms.errors import (
    InvalidArgumentError,
    OutOfRangeError,
    TermsError,
    UnknownKeyError,
    WrongTypeError,
)
from libriciel_terms.term import ContractTerm

D = dt.date
TERM = ContractTerm.comelus()
PRICES = PriceList.comelus_2024()
PRINTED = PrintedFigures.comelus_2024()
NBSP = "\u00a0"


def test_the_printed_figures_of_comelus() -> None:
    assert PRINTED.latest_end == D(2027, 8, 31)
    assert PRINTED.term_months == 48
    assert PRINTED.notice_end_of_year is True
    assert PRINTED.annual_ht == Decimal("1350.00")
    assert PRINTED.annual_components == (
        "Utilisation du service",
        "Volume transitant (20 To annuels)",
        "Stockage",
    )
    assert PRINTED.cp_annual == PRICES.quarterly


def test_consistency_findings() -> None:
    report = check_consistency(TERM, PRICES, PRINTED)
    assert report == PRINTED.check(TERM, PRICES)
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
    assert dict(c4.figures) == {
        "anniversary": D(2025, 9, 1),
        "deadline_decision": D(2025, 6, 30),
        "deadline_calendar_year": D(2024, 10, 31),
        "deadline_anniversary": D(2025, 7, 1),
        "difference_days": 1,
    }
    c5 = report["C5"]
    assert c5.figure("decision_components_sum_ht") == Decimal("1100.00")
    assert c5.figure("decision_stated_ht") == Decimal("1350.00")
    assert c5.figure("computed_annual_ht") == Decimal("1350.00")
    assert c5.figure("computed_annual_vat") == Decimal("270.00")
    assert c5.figure("computed_annual_ttc") == Decimal("1620.00")
    assert c5.figure("cp_printed_annual_ht") == Decimal("337.50")
    assert c5.figure("cp_printed_annual_vat") == Decimal("67.50")
    assert c5.figure("cp_printed_annual_ttc") == Decimal("405.00")
    assert c5.figure("computed_quarterly_ht") == Decimal("337.50")
    assert c5.figure("computed_quarterly_vat") == Decimal("67.50")
    assert c5.figure("computed_quarterly_ttc") == Decimal("405.00")
    assert c5.figure("cp_annual_row_equals_quarterly") is True
    assert dict(report["C8"].figures) == {
        "clause_1_11_months": 48,
        "computed_months": 48,
        "first_possible_revision": D(2025, 9, 1),
    }
    records = report.to_records()
    assert records[0]["id"] == "C3"
    assert "decision_latest_end=2027-08-31" in records[0]["figures"]
    assert list(records[0]) == ["id", "clause", "reading_a", "reading_b", "figures", "resolution"]
    assert "<td>C5</td>" in report._repr_html_()
    # Behaviour change (fix): a missing finding or figure is an UnknownKeyError (it used to be an
    # UnknownPriceError, about a price).
    with pytest.raises(
        UnknownKeyError, match=r"^finding_id='C9' is not a finding; pass one of C3, C4, C5, C8$"
    ):
        report["C9"]
    with pytest.raises(
        UnknownKeyError,
        match=r"^name='nope' is not a figure of C3; pass one of decision_latest_end, "
        r"decision_months, computed_latest_end, computed_months, clause_1_11_months$",
    ):
        c3.figure("nope")


def test_a_report_is_a_mapping_of_findings() -> None:
    report = PRINTED.check(TERM, PRICES)
    assert list(report) == ["C3", "C4", "C5", "C8"]
    assert len(report) == 4
    assert "C4" in report
    assert report.get("C1") is None


def test_consistency_figures_are_computed() -> None:
    # a different term and price list change the computed side, not the printed one
    report = check_consistency(
        ContractTerm(start=D(2024, 9, 1), period_months=12, renewals=2, notice_months=2),
        attrs.evolve(PRICES, lines=PRICES.lines[:3]),
        PRINTED,
    )
    assert report["C3"].figure("computed_latest_end") == D(2027, 8, 31)
    assert report["C3"].figure("decision_months") == 36
    assert report["C5"].figure("computed_annual_ht") == Decimal("1100.00")
    assert report["C5"].figure("cp_annual_row_equals_quarterly") is False
    assert report["C8"].figure("computed_months") == 36


def test_another_contract_prints_its_own_figures() -> None:
    term = ContractTerm(start=D(2025, 1, 1), period_months=36, renewals=0, notice_months=2)
    assert list(PrintedFigures().check(term, PRICES)) == []
    own = PrintedFigures(latest_end=D(2027, 12, 31), term_months=36)
    report = own.check(term, PRICES)
    assert list(report) == ["C3", "C8"]
    assert report["C3"].figure("decision_months") == 36
    assert report["C3"].figure("computed_latest_end") == D(2027, 12, 31)
    assert report["C8"].figure("first_possible_revision") == D(2027, 12, 31)  # no renewal
    stated = PrintedFigures(annual_ht=Decimal("1350.00"))
    assert [k for k, _ in stated.check(term, PRICES)["C5"].figures][:2] == [
        "decision_stated_ht",
        "decision_components_sum_ht",
    ]
    assert stated.check(term, PRICES)["C5"].figure("decision_components_sum_ht") == Decimal("0.00")
    # no 31 December before the first renewal: the calendar-year figure is left out
    halves = ContractTerm(start=D(2025, 1, 1), period_months=6, renewals=1, notice_months=2)
    c4 = PrintedFigures(notice_end_of_year=True).check(halves, PRICES)["C4"]
    assert [k for k, _ in c4.figures] == [
        "anniversary",
        "deadline_decision",
        "deadline_anniversary",
        "difference_days",
    ]
    # no renewal: nothing to give notice for
    assert list(PrintedFigures(notice_end_of_year=True).check(term, PRICES)) == []


def test_words_in_french_and_english() -> None:
    report = PRINTED.check(TERM, PRICES)
    c3 = report["C3"]
    assert c3.clause == "décision / CP, §1.7, §1.11"
    assert (
        c3.reading_a
        == f"décision{NBSP}: renouvelable 3 fois, « jusqu'au 31 août 2027 au plus tard »"
    )
    assert c3.reading_b == f"CP et §1.11{NBSP}: 4 périodes de 12 mois, fin le 31 août 2028"
    assert c3.resolution == f"lecture B{NBSP}: le terme finit le 2028-08-31"
    assert c3.text(lang="en") == FindingText(
        clause="decision / CP, §1.7, §1.11",
        reading_a="decision: renewable 3 times, until 31 August 2027 at the latest",
        reading_b="CP and §1.11: 4 periods of 12 months, ending on 31 August 2028",
        resolution="reading B: the term ends on 2028-08-31",
    )
    assert report["C5"].resolution == (
        f"lecture B{NBSP}: le total annuel est la somme de toutes les lignes de prix"
    )
    assert report["C4"].text(lang="en").resolution == (
        "reading B by default; reading='end_of_year' or 'end_of_calendar_year' gives reading A"
    )
    assert report["C8"].text(lang="en").reading_a == (
        "prices « fermes et définitifs » for the whole term, renewals included (48 months)"
    )
    assert report.to_records(lang="en")[3]["resolution"] == (
        "reading A by default (firm prices); a revision rebuilds the price list"
    )


def test_report_text() -> None:
    report = PRINTED.check(TERM, PRICES)
    assert report.headline() == f"Le contrat se contredit{NBSP}: 4 constats (C3, C4, C5, C8)"
    assert (
        report.headline(lang="en") == "The contract contradicts itself: 4 findings (C3, C4, C5, C8)"
    )
    text = report.to_text()
    lines = text.splitlines()
    assert lines[1].split() == ["n°", "clause", "lecture", "A", "lecture", "B", "retenu"]
    assert "figures" not in text
    assert lines[-4] == (
        f"• C3{NBSP}: fin selon la décision{NBSP}: 2027-08-31{NBSP}; durée selon la décision "
        f"(mois){NBSP}: 36{NBSP}; fin calculée{NBSP}: 2028-08-31{NBSP}; durée calculée (mois)"
        f"{NBSP}: 48{NBSP}; durée selon §1.11 (mois){NBSP}: 48"
    )
    assert f"TTC annuel calculé{NBSP}: 1\u202f620,00{NBSP}€" in lines[-2]
    assert f"la ligne annuelle du CP répète le trimestre{NBSP}: oui" in lines[-2]
    english = report.to_text(lang="en")
    assert english.splitlines()[1].split() == [
        "id",
        "clause",
        "reading",
        "A",
        "reading",
        "B",
        "chosen",
    ]
    assert "• C5: total excl. VAT according to the decision: €1,350.00; " in english
    assert "the CP's annual row repeats the quarter: yes" in english
    html = report.to_html(lang="en")
    assert html.startswith("<table><caption>The contract contradicts itself")
    assert "<th>reading A</th>" in html
    assert "<p>C3: end according to the decision: 2027-08-31;" in html
    assert str(report) == text


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: check_consistency("x", PRICES, PRINTED),
            WrongTypeError,
            "^term='x' is not a ContractTerm$",
        ),
        (
            lambda: check_consistency(TERM, "x", PRINTED),
            WrongTypeError,
            "^prices='x' is not a PriceList$",
        ),
        (
            lambda: check_consistency(TERM, PRICES, None),
            WrongTypeError,
            r"^printed=None is not a PrintedFigures; pass e\.g\. PrintedFigures\.comelus_2024\(\)$",
        ),
        (lambda: PrintedFigures(latest_end="2027-08-31"), WrongTypeError, "^latest_end="),
        (
            lambda: PrintedFigures(latest_end=D(9999, 12, 31)),
            OutOfRangeError,
            "^latest_end=9999-12-31 is the last date a date can hold",
        ),
        (lambda: PrintedFigures(term_months=0), OutOfRangeError, "^term_months=0"),
        (
            lambda: PrintedFigures(notice_end_of_year="yes"),
            WrongTypeError,
            "^notice_end_of_year='yes'",
        ),
        (lambda: PrintedFigures(annual_ht=1350.0), TermsError, "^annual_ht=1350.0"),
        (
            lambda: PrintedFigures(annual_components="Stockage"),
            WrongTypeError,
            "^annual_components=",
        ),
        (lambda: PrintedFigures(cp_annual=Decimal("405.00")), WrongTypeError, "^cp_annual="),
        (
            lambda: Finding(id="", figures=(), fr=_text(), en=_text()),
            InvalidArgumentError,
            "^id=''",
        ),
        (
            lambda: Finding(id="C1", figures=(1,), fr=_text(), en=_text()),
            WrongTypeError,
            r"^figures\[0\]=1",
        ),
        (lambda: Finding(id="C1", figures=(), fr="x", en=_text()), WrongTypeError, "^fr='x'"),
        (
            lambda: FindingText(clause=1, reading_a="", reading_b="", resolution=""),
            WrongTypeError,
            "^clause=1",
        ),
        (lambda: ConsistencyReport(findings=("C3",)), WrongTypeError, r"^findings\[0\]='C3'"),
        (
            lambda: PRINTED.check(TERM, PRICES)["C3"].text(lang="de"),
            InvalidArgumentError,
            "^lang='de'",
        ),
        (
            lambda: PRINTED.check(TERM, PRICES).headline(lang="de"),
            InvalidArgumentError,
            "^lang='de'",
        ),
        (
            lambda: PRINTED.check(TERM, PRICES).notes(lang="de"),
            InvalidArgumentError,
            "^lang='de'",
        ),
        (
            lambda: PRINTED.check(TERM, PRICES).to_html(lang="de"),
            InvalidArgumentError,
            "^lang='de'",
        ),
        (
            lambda: PRINTED.check(TERM, PRICES)["C5"].figures_text(lang="de"),
            InvalidArgumentError,
            "^lang='de'",
        ),
    ],
)
def test_bad_input_is_a_terms_error(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as caught:
        call()
    assert isinstance(caught.value, TermsError)


def _text() -> FindingText:
    return FindingText(clause="", reading_a="", reading_b="", resolution="")


def test_results_ignore_a_hostile_decimal_context(hostile_decimal: decimal.Context) -> None:
    report = PRINTED.check(TERM, PRICES)
    assert report["C5"].figure("decision_components_sum_ht") == Decimal("1100.00")
    assert "1\u202f620,00" in report.to_text()


def test_values_pickle() -> None:
    report = PRINTED.check(TERM, PRICES)
    for value in (report, PRINTED, report["C5"]):
        assert pickle.loads(pickle.dumps(value)) == value
        assert hash(pickle.loads(pickle.dumps(value))) == hash(value)
    assert isinstance(report.findings, tuple)
    assert isinstance(report["C3"].figures, tuple)
    assert PRINTED.cp_annual == Amounts(
        ht=Decimal("337.50"), vat=Decimal("67.50"), ttc=Decimal("405.00")
    )


def test_the_words_of_every_finding() -> None:
    report = PRINTED.check(TERM, PRICES)
    words = {
        lang: [(r["clause"], r["reading_a"], r["reading_b"]) for r in report.to_records(lang=lang)]
        for lang in ("fr", "en")
    }
    assert words["fr"][1:] == [
        (
            "décision / §1.7, §1.9, CP",
            f"décision{NBSP}: préavis « deux mois avant la fin de l'année en cours » (année du "
            "contrat ou année civile)",
            f"§1.7, §1.9, CP{NBSP}: « 2 mois avant la date anniversaire »",
        ),
        (
            "décision, CP",
            f"décision{NBSP}: un total annuel HT « comprenant » certains forfaits{NBSP}; "
            f"CP{NBSP}: une ligne « Total annuel » imprimée",
            f"le total annuel est la somme de toutes les lignes{NBSP}; la ligne « annuelle » du "
            "CP répète le total trimestriel",
        ),
        (
            "§1.11",
            "prix « fermes et définitifs » pour toute la durée, renouvellements compris (48 mois)",
            "« sauf volonté différente » de la personne publique, qui peut imposer la révision "
            "Syntec dès la fin de la première année",
        ),
    ]
    assert words["en"][1:] == [
        (
            "decision / §1.7, §1.9, CP",
            "decision: notice « deux mois avant la fin de l'année en cours » (contract year or "
            "calendar year)",
            "§1.7, §1.9, CP: « 2 mois avant la date anniversaire »",
        ),
        (
            "decision, CP",
            "decision: an annual total « comprenant » some fees; CP: a printed « Total annuel » "
            "row",
            "the annual total is the sum of every line; the CP's « annuel » row repeats the "
            "quarterly total",
        ),
        (
            "§1.11",
            "prices « fermes et définitifs » for the whole term, renewals included (48 months)",
            "« sauf volonté différente » of the buyer, who may impose the Syntec revision from "
            "the end of the first year",
        ),
    ]


def test_c4_figures_under_the_end_of_year_reading() -> None:
    term = attrs.evolve(TERM, reading="end_of_year")
    assert PRINTED.check(term, PRICES)["C4"].figures == (
        ("anniversary", D(2025, 9, 1)),
        ("deadline_decision", D(2025, 6, 30)),
        ("deadline_calendar_year", D(2024, 10, 31)),
        ("deadline_anniversary", D(2025, 7, 1)),
        ("difference_days", 1),
    )


def test_one_finding_and_a_false_figure_in_words() -> None:
    one = PrintedFigures(term_months=48).check(TERM, PRICES)
    assert one.headline() == f"Le contrat se contredit{NBSP}: 1 constat (C8)"
    assert one.headline(lang="en") == "The contract contradicts itself: 1 finding (C8)"
    printed = PrintedFigures(cp_annual=Amounts.of_ht(Decimal(1), vat_rate_percent=20))
    report = printed.check(TERM, PRICES)
    assert report["C5"].figure("cp_annual_row_equals_quarterly") is False
    assert report.notes()[0].endswith(f"la ligne annuelle du CP répète le trimestre{NBSP}: non")
    assert report.notes(lang="en")[0].endswith("the CP's annual row repeats the quarter: no")


def test_a_figure_without_a_name_for_people_shows_its_key() -> None:
    words = FindingText(clause="a", reading_a="b", reading_b="c", resolution="d")
    finding = Finding(id="X", figures=(("custom", 1), ("other", True)), fr=words, en=words)
    assert finding.figures_text() == f"custom{NBSP}: 1{NBSP}; other{NBSP}: oui"
    assert finding.figures_text(lang="en") == "custom: 1; other: yes"


def test_a_contract_file_without_printed_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    from libriciel_terms import comelus

    monkeypatch.setattr(comelus, "COMELUS_2024", attrs.evolve(comelus.COMELUS_2024, printed=None))
    with pytest.raises(
        AssertionError, match=r"^the bundled ComElus file has no \[printed\] table$"
    ):
        PrintedFigures.comelus_2024()


# --- the words of each finding, in both languages (mutation testing) ----------------------------


def test_the_words_of_the_findings() -> None:
    report = check_consistency(TERM, PRICES, PRINTED)
    clauses = {f.id: (f.fr.clause, f.en.clause) for f in report.findings}
    assert clauses == {
        "C3": ("décision / CP, §1.7, §1.11", "decision / CP, §1.7, §1.11"),
        "C4": ("décision / §1.7, §1.9, CP", "decision / §1.7, §1.9, CP"),
        "C5": ("décision, CP", "decision, CP"),
        "C8": ("§1.11", "§1.11"),
    }
    starts = {f.id: (f.en.reading_a[:12], f.en.reading_b[:12]) for f in report.findings}
    assert starts == {
        "C3": ("decision: re", "CP and §1.11"),
        "C4": ("decision: no", "§1.7, §1.9, "),
        "C5": ("decision: an", "the annual t"),
        "C8": ("prices « fer", "« sauf volon"),
    }
    assert report.headline(lang="en") == (
        "The contract contradicts itself: 4 findings (C3, C4, C5, C8)"
    )
    one = ConsistencyReport(findings=report.findings[:1])
    assert one.headline(lang="en") == "The contract contradicts itself: 1 finding (C3)"
    assert one.headline() == f"Le contrat se contredit{NBSP}: 1 constat (C3)"
    none = ConsistencyReport(findings=())
    assert none.headline() == "Aucune contradiction relevée dans le contrat"
    assert none.headline(lang="en") == "No contradiction found in the contract"


@pytest.mark.parametrize("reading", ["anniversary", "end_of_year", "end_of_calendar_year"])
def test_c4_compares_with_the_anniversary_whatever_the_terms_reading(reading: str) -> None:
    term = attrs.evolve(TERM, reading=reading)
    (c4,) = (f for f in check_consistency(term, PRICES, PRINTED).findings if f.id == "C4")
    assert "notice, anniversary: 2025-07-01" in c4.figures_text(lang="en")


def test_figures_of_a_finding_read_in_both_languages() -> None:
    words = FindingText(clause="§9", reading_a="a", reading_b="b", resolution="r")
    finding = Finding(id="X", figures=[("unnamed", False), ("other", True)], fr=words, en=words)
    assert finding.figures_text() == f"unnamed{NBSP}: non{NBSP}; other{NBSP}: oui"
    assert finding.figures_text(lang="en") == "unnamed: no; other: yes"
