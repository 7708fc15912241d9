"""Tests of libriciel_terms.portfolio: several contracts' obligations in one calendar, and the
decisions to take across them, notice deadlines first (§1.7, §1.9, §1.11)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from libriciel_terms import COMELUS_2024, load_contract
from libriciel_terms.errors import EndBeforeStartError, InvalidArgumentError, WrongTypeError
from libriciel_terms.obligations import obligations_calendar
from libriciel_terms.portfolio import Decision, Decisions, Portfolio
from libriciel_terms.termsheet import term_sheet

D = dt.date
NBSP = "\u00a0"
EXAMPLE = load_contract(
    Path(__file__).resolve().parent.parent
    / "examples"
    / "contracts"
    / "iparapheur-exempleville-2025.toml"
)
COMELUS = COMELUS_2024.name
IPARAPHEUR = EXAMPLE.name
#: ComElus renewed every six months instead of every year: half a year's price at stake.
SIX = attrs.evolve(
    COMELUS_2024,
    name="Six mois",
    term=attrs.evolve(COMELUS_2024.term, period_months=6, renewals=7),
)


def test_a_portfolio_is_its_contracts() -> None:
    portfolio = Portfolio([COMELUS_2024, EXAMPLE])
    assert len(portfolio) == 2
    assert list(portfolio) == [COMELUS_2024, EXAMPLE]
    assert portfolio.contracts == (COMELUS_2024, EXAMPLE)


def test_contracts_must_have_distinct_names() -> None:
    with pytest.raises(
        InvalidArgumentError,
        match=rf"^contracts holds {COMELUS!r} twice; give each contract of a portfolio its own name$",
    ):
        Portfolio([COMELUS_2024, EXAMPLE, COMELUS_2024])
    with pytest.raises(WrongTypeError, match="contracts"):
        Portfolio([COMELUS_2024, "ComElus"])  # type: ignore[list-item]


def test_the_merged_calendar_names_each_contract() -> None:
    portfolio = Portfolio([COMELUS_2024, EXAMPLE])
    merged = portfolio.obligations()
    assert len(merged) == len(obligations_calendar(COMELUS_2024)) + len(
        obligations_calendar(EXAMPLE)
    )
    assert [o.due_on for o in merged] == sorted(o.due_on for o in merged)
    assert {o.contract for o in merged} == {COMELUS, IPARAPHEUR}
    assert (merged[0].due_on, merged[-1].due_on) == (D(2024, 11, 30), D(2031, 8, 31))
    rows = [
        (o.due_on, o.kind, o.contract) for o in portfolio.obligations(D(2025, 6, 28), D(2025, 7, 2))
    ]
    assert rows == [
        (D(2025, 6, 30), "payment", COMELUS),
        (D(2025, 7, 1), "invoice", IPARAPHEUR),
        (D(2025, 7, 1), "notice", COMELUS),
    ]


def test_an_open_side_of_the_range_is_unbounded() -> None:
    portfolio = Portfolio([COMELUS_2024, EXAMPLE])
    assert [(o.due_on, o.kind) for o in portfolio.obligations(end=D(2024, 12, 31))] == [
        (D(2024, 11, 30), "invoice"),
        (D(2024, 12, 30), "payment"),
    ]
    assert [(o.due_on, o.kind) for o in portfolio.obligations(start=D(2031, 1, 1))] == [
        (D(2031, 8, 31), "data_protection"),
    ]
    # an end before every obligation is an empty calendar, not a refusal of a start not given
    assert len(portfolio.obligations(end=D(2024, 10, 1))) == 0
    assert len(Portfolio([]).obligations(start=D(2025, 1, 1))) == 0
    assert len(Portfolio([]).obligations()) == 0
    with pytest.raises(
        EndBeforeStartError, match=r"^end=datetime.date\(2025, 6, 1\) is before start"
    ):
        portfolio.obligations(D(2025, 9, 1), D(2025, 6, 1))


def test_one_icalendar_file_for_the_portfolio() -> None:
    portfolio = Portfolio([COMELUS_2024, EXAMPLE])
    stamp = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    ics = portfolio.to_ical(
        stamp=stamp, start=D(2025, 7, 1), end=D(2025, 7, 1), name="Parc", lang="en"
    )
    assert ics == portfolio.obligations(D(2025, 7, 1), D(2025, 7, 1)).to_ical(
        stamp=stamp, name="Parc", lang="en"
    )
    assert "X-WR-CALNAME:Parc" in ics.splitlines()
    assert ics.count("BEGIN:VEVENT") == 2
    assert f"SUMMARY:{IPARAPHEUR} — [contractor] Invoice" in ics.replace("\r\n ", "")
    assert "[acheteur]" in portfolio.to_ical(stamp=stamp, start=D(2025, 7, 1), end=D(2025, 7, 1))
    whole = portfolio.to_ical(stamp=stamp)
    assert whole.count("BEGIN:VEVENT") == len(portfolio.obligations())
    assert "X-WR-CALNAME:libriciel-terms" in whole.splitlines()


def test_decisions_notice_deadlines_first() -> None:
    decisions = Portfolio([COMELUS_2024, SIX, EXAMPLE]).decisions(D(2025, 1, 1))
    assert [
        (d.due_on, d.kind, d.contract, d.days_left, d.at_stake_ttc) for d in decisions.rows
    ] == [
        (D(2025, 1, 1), "notice", "Six mois", 0, Decimal("810.00")),
        (D(2025, 7, 1), "notice", COMELUS, 181, Decimal("1620.00")),
        (D(2025, 3, 1), "revision", "Six mois", 59, None),
        (D(2025, 9, 1), "revision", COMELUS, 243, None),
        (D(2027, 12, 31), "end_of_term", IPARAPHEUR, 1094, None),
        (D(2028, 8, 31), "end_of_term", COMELUS, 1338, None),
        (D(2028, 8, 31), "end_of_term", "Six mois", 1338, None),
    ]
    first = decisions.rows[1]
    assert first == Decision(
        due_on=D(2025, 7, 1),
        contract=COMELUS,
        kind="notice",
        what="Dernier jour pour notifier la non-reconduction (reconduction du 2025-09-01)",
        what_en="Last day to give notice of non-renewal (renewal on 2025-09-01)",
        days_left=181,
        at_stake_ttc=Decimal("1620.00"),
    )


def test_decisions_as_a_report() -> None:
    decisions = Portfolio([COMELUS_2024, EXAMPLE]).decisions(D(2025, 6, 1))
    assert decisions.as_of == D(2025, 6, 1)
    assert decisions.to_records()[0] == {
        "due_on": D(2025, 7, 1),
        "contract": COMELUS,
        "kind": "notice",
        "what": "Dernier jour pour notifier la non-reconduction (reconduction du 2025-09-01)",
        "what_en": "Last day to give notice of non-renewal (renewal on 2025-09-01)",
        "days_left": 30,
        "at_stake_ttc": Decimal("1620.00"),
    }
    assert decisions.display_records(lang="en")[0] == {
        "due_on": D(2025, 7, 1),
        "days_left": 30,
        "contract": COMELUS,
        "what": "Last day to give notice of non-renewal (renewal on 2025-09-01)",
        "at_stake_ttc": Decimal("1620.00"),
    }
    assert decisions.display_records()[1]["what"] == (
        "Révision Syntec possible si l'acheteur l'impose (anniversaire 2025-09-01)"
    )
    assert decisions.headline() == "Décisions à prendre à partir du 2025-06-01"
    assert decisions.headline(lang="en") == "Decisions to take from 2025-06-01"
    assert decisions.notes() == (
        f"Un préavis manqué reconduit le contrat pour une période entière (§1.7, §1.9){NBSP}: "
        "le montant en jeu est son prix TTC.",
    )
    assert decisions.notes(lang="en") == (
        "A missed notice renews the contract for a whole period (§1.7, §1.9): the amount at "
        "stake is its price including VAT.",
    )
    for call in (decisions.notes, decisions.headline, decisions.display_records):
        with pytest.raises(InvalidArgumentError, match="lang='de'"):
            call(lang="de")  # type: ignore[operator]
    assert decisions.display_records()[0]["what"].startswith("Dernier jour pour notifier")


def test_no_decision_left_and_no_notice() -> None:
    portfolio = Portfolio([COMELUS_2024, EXAMPLE])
    late = portfolio.decisions(D(2031, 1, 1))
    assert late.rows == ()
    assert late.notes() == ()
    only_ends = portfolio.decisions(D(2027, 1, 1))
    assert [d.kind for d in only_ends.rows] == ["notice", "revision", "end_of_term", "end_of_term"]
    assert Decisions(as_of=D(2028, 1, 1), rows=only_ends.rows[2:]).notes() == ()


def test_term_sheets_of_every_contract() -> None:
    sheets = Portfolio([COMELUS_2024, EXAMPLE]).term_sheets(as_of=D(2025, 1, 1))
    assert sheets == (
        term_sheet(COMELUS_2024, as_of=D(2025, 1, 1)),
        term_sheet(EXAMPLE, as_of=D(2025, 1, 1)),
    )
    assert Portfolio([EXAMPLE]).term_sheets() == (term_sheet(EXAMPLE),)
