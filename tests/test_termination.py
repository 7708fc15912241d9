"""What a termination letter does and the balance a late one costs (contract §1.9)."""

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

from libriciel_terms.errors import (
    EndBeforeStartError,
    FloatMoneyError,
    InvalidArgumentError,
    MissingEventError,
    OutOfRangeError,
    OutsideTermError,
    TermsError,
    WrongTypeError,
)
from libriciel_terms.term import ContractTerm
from libriciel_terms.termination import LateTermination, late_termination
from tests.strategies import contract_terms, money

D = dt.date
ANNUAL = Decimal("1350.00")
TERM = ContractTerm.comelus()
NBSP = "\u00a0"
NNBSP = "\u202f"


def _plain(text: str) -> str:
    return text.replace(NBSP, " ").replace(NNBSP, " ")


# --- the default readings (RULES of §1.9) --------------------------------------------------


@pytest.mark.parametrize(
    ("received_on", "outcome", "effective_on", "days_owed", "year_days", "balance"),
    [
        # §1.9: received 2025-08-10 → effective 2025-10-10, 40 days, 1350 × 40 / 365 = 147.95 HT
        (D(2025, 8, 10), "late", D(2025, 10, 10), 40, 365, Decimal("147.95")),
        (D(2025, 7, 1), "timely", D(2025, 8, 31), 0, 365, Decimal("0.00")),
        (D(2024, 9, 1), "timely", D(2025, 8, 31), 0, 365, Decimal("0.00")),
        (D(2025, 7, 2), "late", D(2025, 9, 2), 2, 365, Decimal("7.40")),
        (D(2025, 8, 31), "late", D(2025, 10, 31), 61, 365, Decimal("225.62")),
        (D(2025, 9, 1), "timely", D(2026, 8, 31), 0, 365, Decimal("0.00")),
        # the renewed year 2027-09-01…2028-08-31 has 366 days
        (D(2027, 8, 10), "late", D(2027, 10, 10), 40, 366, Decimal("147.54")),
        (D(2028, 8, 10), "term_expires", D(2028, 8, 31), 0, 366, Decimal("0.00")),
        (D(2027, 9, 1), "term_expires", D(2028, 8, 31), 0, 366, Decimal("0.00")),
    ],
)
def test_late_termination_examples(
    received_on: dt.date,
    outcome: str,
    effective_on: dt.date,
    days_owed: int,
    year_days: int,
    balance: Decimal,
) -> None:
    result = late_termination(TERM, received_on, ANNUAL)
    assert isinstance(result, LateTermination)
    assert result.outcome == outcome
    assert result.effective_on == effective_on
    assert result.days_owed == days_owed
    assert result.year_days == year_days
    assert result.balance == balance
    assert result.timely is (outcome != "late")
    assert str(result.balance) == str(balance)  # two decimals, as Decimal('0.00')


def test_late_termination_rules_example_details() -> None:
    result = late_termination(TERM, D(2025, 8, 10), ANNUAL)
    assert result.anniversary == D(2025, 9, 1)
    assert result.deadline == D(2025, 7, 1)
    assert result.period.number == 1
    assert result.balance == Decimal("147.95")
    assert (result.annual, result.notice_on, result.basis) == (ANNUAL, D(2025, 8, 10), "days")
    assert result.to_records() == [
        {
            "received_on": D(2025, 8, 10),
            "outcome": "late",
            "anniversary": D(2025, 9, 1),
            "deadline": D(2025, 7, 1),
            "effective_on": D(2025, 10, 10),
            "days_owed": 40,
            "year_days": 365,
            "balance_ht": Decimal("147.95"),
        }
    ]
    html = result._repr_html_()
    assert f"<td>147,95{NBSP}€</td>" in html
    assert "<p>Lettre reçue le 10 août 2025" in html


def test_term_expiry_has_no_anniversary() -> None:
    result = late_termination(TERM, D(2028, 8, 10), ANNUAL)
    assert (result.anniversary, result.deadline, result.period.number) == (None, None, 4)


def test_decision_reading_makes_1_july_late() -> None:
    result = late_termination(TERM, D(2025, 7, 1), ANNUAL, reading="end_of_year")
    assert (result.outcome, result.deadline, result.effective_on) == (
        "late",
        D(2025, 6, 30),
        D(2025, 9, 1),
    )
    assert result.balance == Decimal("3.70")  # 1350 × 1 / 365 = 3.6986…


@pytest.mark.parametrize(
    ("basis", "balance"),
    [
        ("days", Decimal("147.95")),  # 1350 × 40/365
        ("months", Decimal("148.79")),  # 1350 × (1 + 10/31) / 12
        ("started_months", Decimal("225.00")),  # 1350 × 2/12
    ],
)
def test_balance_bases(basis: Any, balance: Decimal) -> None:
    assert late_termination(TERM, D(2025, 8, 10), ANNUAL, basis=basis).balance == balance
    # the same reading as a field of the term
    assert late_termination(_term(basis=basis), D(2025, 8, 10), ANNUAL).balance == balance


def test_balance_by_months_on_a_whole_month() -> None:
    # received 2025-07-31 → runs through 2025-09-30: exactly one month, every basis agrees on it
    # except "days" (30/365)
    for basis in ("months", "started_months"):
        result = late_termination(TERM, D(2025, 7, 31), ANNUAL, basis=basis)  # type: ignore[arg-type]
        assert result.effective_on == D(2025, 9, 30)
        assert result.balance == Decimal("112.50")
    assert late_termination(TERM, D(2025, 7, 31), ANNUAL).balance == Decimal("110.96")


def test_balance_by_months_after_a_month_end_renewal() -> None:
    """Renewal on the 31st: 31 January + 1 month is 28 February (clipped), so 31 January…
    28 February is one month and one day; the partial month runs to 31 March (31 days)."""
    term = _term(start=D(2024, 1, 31), renewals=1)
    received = D(2024, 12, 31)  # deadline 2024-11-30; effective 2025-02-28 (clipped)
    results = {
        basis: late_termination(term, received, Decimal("1200.00"), basis=basis)  # type: ignore[arg-type]
        for basis in ("days", "months", "started_months")
    }
    assert {r.effective_on for r in results.values()} == {D(2025, 2, 28)}
    assert results["days"].days_owed == 29
    assert results["days"].balance == Decimal("95.34")  # 1200 × 29 / 365
    assert results["months"].balance == Decimal("103.23")  # 1200 × (1 + 1/31) / 12
    assert results["started_months"].balance == Decimal("200.00")  # 1200 × 2 / 12


def test_balance_by_months_for_less_than_a_month() -> None:
    term = ContractTerm(start=D(2025, 1, 1), period_months=12, renewals=1, notice_months=1)
    results = {
        basis: late_termination(term, D(2025, 12, 10), Decimal("1200.00"), basis=basis)  # type: ignore[arg-type]
        for basis in ("days", "months", "started_months")
    }
    assert results["days"].effective_on == D(2026, 1, 10)
    assert results["days"].days_owed == 10
    assert results["days"].balance == Decimal("32.88")  # 1200 × 10 / 365
    assert results["months"].balance == Decimal("32.26")  # 1200 × (0 + 10/31) / 12
    assert results["started_months"].balance == Decimal("100.00")  # 1200 × 1 / 12


def test_start_of_day_effect() -> None:
    result = late_termination(TERM, D(2025, 8, 10), ANNUAL, effect="start_of_day")
    assert (result.effective_on, result.days_owed, result.balance) == (
        D(2025, 10, 9),
        39,
        Decimal("144.25"),
    )


def test_start_of_day_before_the_renewal_is_timely() -> None:
    # received 2025-07-02 reading start_of_day: the contract stops as 2025-09-02 begins, its last
    # day is 2025-09-01 (the renewal day itself)
    assert late_termination(TERM, D(2025, 7, 2), ANNUAL, effect="start_of_day").balance == Decimal(
        "3.70"
    )
    # two months from 2025-06-30 end on 2025-08-30: before the renewal
    clipped = _term(start=D(2024, 8, 31), renewals=1)  # anniversary 2025-08-31
    result = late_termination(clipped, D(2025, 6, 30), ANNUAL, effect="start_of_day")
    assert (result.outcome, result.effective_on, result.balance) == (
        "timely",
        D(2025, 8, 30),
        Decimal("0.00"),
    )


# --- non-annual periods (regression: basis="days" divided by the period's days) -------------


@pytest.mark.parametrize(
    ("term", "received_on", "effective_on", "days", "months"),
    [
        # six-month periods: renewal 2025-07-01, the year from it has 365 days
        (
            ContractTerm(start=D(2025, 1, 1), period_months=6, renewals=1, notice_months=2),
            D(2025, 5, 15),
            D(2025, 7, 15),
            Decimal("49.32"),  # 1200 × 15 / 365 (was 1200 × 15 / 184 = 97.83)
            Decimal("48.39"),  # 1200 × (15/31) / 12
        ),
        # two-year periods: renewal 2026-01-01
        (
            ContractTerm(start=D(2024, 1, 1), period_months=24, renewals=1, notice_months=2),
            D(2025, 12, 10),
            D(2026, 2, 10),
            Decimal("134.79"),  # 1200 × 41 / 365 (was 1200 × 41 / 730 = 67.40)
            Decimal("135.71"),  # 1200 × (1 + 10/28) / 12
        ),
    ],
)
def test_days_basis_counts_a_year_whatever_the_period(
    term: ContractTerm,
    received_on: dt.date,
    effective_on: dt.date,
    days: Decimal,
    months: Decimal,
) -> None:
    by_days = late_termination(term, received_on, Decimal("1200.00"))
    by_months = late_termination(term, received_on, Decimal("1200.00"), basis="months")
    assert (by_days.outcome, by_days.effective_on, by_days.year_days) == ("late", effective_on, 365)
    assert (by_days.balance, by_months.balance) == (days, months)


@given(contract_terms(any_length=True), st.data(), money("100000"))
def test_days_and_months_bases_agree_within_a_few_days(
    term: Any, data: st.DataObject, annual: Decimal
) -> None:
    received_on = data.draw(st.dates(term.start, term.latest_end))
    by_days = late_termination(term, received_on, annual)
    by_months = late_termination(term, received_on, annual, basis="months")
    assert by_days.outcome == by_months.outcome
    # a day is 1/365 or 1/366 of a year, and 1/(12 × 28…31) by months: at most 3 days apart
    assert abs(by_days.balance - by_months.balance) <= annual * 3 / 365 + Decimal("0.01")


# --- C12: a letter received on or after the anniversary ---------------------------------------


@pytest.mark.parametrize(
    ("received_on", "outcome", "anniversary", "effective_on", "days", "year_days", "balance"),
    [
        # 1350 × 62 / 365 = 229.32: "la période entre le renouvellement et la fin des deux mois"
        (D(2025, 9, 1), "late", D(2025, 9, 1), D(2025, 11, 1), 62, 365, Decimal("229.32")),
        (D(2025, 10, 15), "late", D(2025, 9, 1), D(2025, 12, 15), 106, 365, Decimal("392.05")),
        (D(2026, 6, 30), "late", D(2025, 9, 1), D(2026, 8, 30), 364, 365, Decimal("1346.30")),
        # two months from 2026-07-01 run past the period: timely for the next renewal
        (D(2026, 7, 1), "timely", D(2026, 9, 1), D(2026, 8, 31), 0, 365, Decimal("0.00")),
        (D(2026, 7, 2), "late", D(2026, 9, 1), D(2026, 9, 2), 2, 365, Decimal("7.40")),
        # the initial period has no renewal behind it: unchanged
        (D(2025, 8, 10), "late", D(2025, 9, 1), D(2025, 10, 10), 40, 365, Decimal("147.95")),
        # the last period is a renewal: 1350 × 101 / 366
        (D(2027, 10, 10), "late", D(2027, 9, 1), D(2027, 12, 10), 101, 366, Decimal("372.54")),
        (D(2028, 7, 1), "term_expires", None, D(2028, 8, 31), 0, 366, Decimal("0.00")),
    ],
)
def test_after_renewal_this_renewal(
    received_on: dt.date,
    outcome: str,
    anniversary: dt.date | None,
    effective_on: dt.date,
    days: int,
    year_days: int,
    balance: Decimal,
) -> None:
    result = late_termination(TERM, received_on, ANNUAL, after_renewal="this_renewal")
    assert (result.outcome, result.anniversary, result.effective_on) == (
        outcome,
        anniversary,
        effective_on,
    )
    assert (result.days_owed, result.year_days, result.balance) == (days, year_days, balance)
    assert late_termination(_term(after_renewal="this_renewal"), received_on, ANNUAL) == result


def test_after_renewal_both_readings_on_the_issue_example() -> None:
    # default: 2025-09-01 is notice for the 2026-09-01 renewal; the day before ends 2025-10-31
    assert late_termination(TERM, D(2025, 9, 1), ANNUAL).effective_on == D(2026, 8, 31)
    assert late_termination(TERM, D(2025, 8, 31), ANNUAL).effective_on == D(2025, 10, 31)
    other = late_termination(TERM, D(2025, 9, 1), ANNUAL, after_renewal="this_renewal")
    assert (other.effective_on, other.balance) == (D(2025, 11, 1), Decimal("229.32"))
    assert other.deadline == D(2025, 7, 1)


@given(contract_terms(any_length=True), st.data())
def test_this_renewal_ends_within_the_period(term: Any, data: st.DataObject) -> None:
    received_on = data.draw(st.dates(term.start, term.latest_end))
    result = late_termination(term, received_on, ANNUAL, after_renewal="this_renewal")
    default = late_termination(term, received_on, ANNUAL)
    if result.period.is_initial:
        assert attrs.evolve(result, after_renewal="next_renewal") == default
    if result.anniversary == result.period.start:
        assert result.outcome == "late"
        assert result.period.start <= result.effective_on <= result.period.end
        assert result.effective_on <= default.effective_on  # never later than the default
    else:
        assert (result.outcome, result.effective_on, result.balance) == (
            default.outcome,
            default.effective_on,
            default.balance,
        )


# --- C13: the decision taken, or the letter received -----------------------------------------


def test_notice_event_decided() -> None:
    # decision taken 2025-06-30, letter received 2025-07-03
    received = late_termination(TERM, D(2025, 7, 3), ANNUAL, decided_on=D(2025, 6, 30))
    assert (received.outcome, received.notice_on, received.effective_on, received.balance) == (
        "late",
        D(2025, 7, 3),
        D(2025, 9, 3),
        Decimal("11.10"),  # 1350 × 3 / 365
    )
    decided = late_termination(
        TERM, D(2025, 7, 3), ANNUAL, decided_on=D(2025, 6, 30), notice_event="decided"
    )
    assert (decided.outcome, decided.notice_on, decided.effective_on, decided.balance) == (
        "timely",
        D(2025, 6, 30),
        D(2025, 8, 31),
        Decimal("0.00"),
    )
    as_field = late_termination(
        _term(notice_event="decided"), D(2025, 7, 3), ANNUAL, decided_on=D(2025, 6, 30)
    )
    assert as_field == decided
    # a decision taken after the deadline is late under both readings; the effect counts from
    # the receipt
    late = late_termination(
        TERM, D(2025, 7, 10), ANNUAL, decided_on=D(2025, 7, 2), notice_event="decided"
    )
    assert (late.outcome, late.effective_on) == ("late", D(2025, 9, 10))


def test_notice_event_needs_the_decision_date() -> None:
    with pytest.raises(
        MissingEventError,
        match=r"^notice_event='decided' compares the date the written decision was taken with "
        r"the deadline \(CP, §1\.7 « décision écrite … prise »\); pass decided_on=$",
    ):
        late_termination(TERM, D(2025, 7, 3), ANNUAL, notice_event="decided")
    with pytest.raises(
        EndBeforeStartError, match=r"^received_on=datetime\.date\(2025, 7, 3\) is before decided_on"
    ):
        late_termination(TERM, D(2025, 7, 3), ANNUAL, decided_on=D(2025, 7, 4))


def test_calendar_year_reading_has_no_late_notice_rule() -> None:
    with pytest.raises(
        InvalidArgumentError,
        match=r"^reading='end_of_calendar_year' has no late-notice rule: §1\.9 counts the balance "
        r"from an anniversary",
    ):
        late_termination(TERM, D(2025, 8, 10), ANNUAL, reading="end_of_calendar_year")


# --- text -------------------------------------------------------------------------------------


def test_explanations_in_french_and_english() -> None:
    late = late_termination(TERM, D(2025, 8, 10), ANNUAL)
    assert _plain(late.explain()) == (
        "Lettre reçue le 10 août 2025, après la date limite du 1er juillet 2025 pour la "
        "reconduction du 1er septembre 2025 (Contrat §1.7, §1.9). Le contrat est reconduit, puis "
        "la résiliation prend effet deux mois après la réception : le contrat court jusqu'au 10 "
        "octobre 2025 inclus (Contrat §1.9). Solde dû pour la période du 1er septembre 2025 au 10 "
        "octobre 2025 : 1 350,00 € × 40 / 365 = 147,95 € HT."
    )
    assert late.explain(lang="en") == (
        "Letter received on 10 August 2025, after the deadline of 1 July 2025 for the renewal on "
        "1 September 2025 (Contract §1.7, §1.9). The contract renews, then the termination takes "
        "effect two months after receipt: the contract runs through 10 October 2025 (Contract "
        "§1.9). Balance owed for 1 September 2025 to 10 October 2025: €1,350.00 × 40 / 365 = "
        "€147.95 excl. VAT."
    )
    assert f"réception{NBSP}:" in late.explain()
    assert late.explain() == late.notes()[0]


@pytest.mark.parametrize(
    ("kwargs", "fr", "en"),
    [
        (
            {"received_on": D(2025, 7, 1)},
            "Lettre reçue le 1er juillet 2025, au plus tard le 1er juillet 2025 pour la "
            "reconduction du 1er septembre 2025 (Contrat §1.7, §1.9) : le préavis est respecté. "
            "Le contrat prend fin le 31 août 2025 ; aucun solde n'est dû.",
            "Letter received on 1 July 2025, on or before the deadline of 1 July 2025 for the "
            "renewal on 1 September 2025 (Contract §1.7, §1.9): the notice is in time. The "
            "contract ends on 31 August 2025; no balance is owed.",
        ),
        (
            {"received_on": D(2028, 8, 10)},
            "Lettre reçue le 10 août 2028, dans la dernière période : le contrat prend fin à son "
            "terme, le 31 août 2028 ; aucun solde n'est dû (Contrat §1.7).",
            "Letter received on 10 August 2028, in the last period: the contract ends at its "
            "term, on 31 August 2028; no balance is owed (Contract §1.7).",
        ),
        (
            {"received_on": D(2025, 7, 3), "decided_on": D(2025, 6, 30), "notice_event": "decided"},
            "Lettre reçue le 3 juillet 2025 (décision prise le 30 juin 2025), au plus tard le 1er "
            "juillet 2025 pour la reconduction du 1er septembre 2025 (Contrat §1.7, §1.9) : le "
            "préavis est respecté. Le contrat prend fin le 31 août 2025 ; aucun solde n'est dû.",
            "Letter received on 3 July 2025 (decision taken on 30 June 2025), on or before the "
            "deadline of 1 July 2025 for the renewal on 1 September 2025 (Contract §1.7, §1.9): "
            "the notice is in time. The contract ends on 31 August 2025; no balance is owed.",
        ),
    ],
)
def test_explanations_of_each_outcome(kwargs: dict[str, Any], fr: str, en: str) -> None:
    result = late_termination(TERM, annual=ANNUAL, **kwargs)
    assert _plain(result.explain()) == fr
    assert result.explain(lang="en") == en


def test_explanation_of_a_late_notice_for_the_past_renewal() -> None:
    result = late_termination(TERM, D(2025, 9, 1), ANNUAL, after_renewal="this_renewal")
    assert _plain(result.explain()).startswith(
        "Lettre reçue le 1er septembre 2025, après la reconduction du 1er septembre 2025, lue "
        "comme un préavis tardif pour cette reconduction (Contrat §1.7, §1.9). Le contrat est "
        "reconduit"
    )
    assert result.explain(lang="en").startswith(
        "Letter received on 1 September 2025, after the renewal on 1 September 2025, read as a "
        "late notice for that renewal (Contract §1.7, §1.9)."
    )


@pytest.mark.parametrize(
    ("basis", "formula"),
    [
        ("days", "1 350,00 € × 40 / 365 = 147,95 € HT"),
        ("months", "1 350,00 € × (1 + 10/31) / 12 = 148,79 € HT"),
        ("started_months", "1 350,00 € × 2 / 12 = 225,00 € HT"),
    ],
)
def test_explained_formula_per_basis(basis: Any, formula: str) -> None:
    result = late_termination(TERM, D(2025, 8, 10), ANNUAL, basis=basis)
    assert _plain(result.explain()).endswith(f"octobre 2025 : {formula}.")


def test_explained_formula_on_a_whole_month() -> None:
    result = late_termination(TERM, D(2025, 7, 31), ANNUAL, basis="started_months")
    assert _plain(result.explain()).endswith(": 1 350,00 € × 1 / 12 = 112,50 € HT.")
    assert result.explain(lang="en").endswith(": €1,350.00 × 1 / 12 = €112.50 excl. VAT.")


def test_headline_and_table() -> None:
    late = late_termination(TERM, D(2025, 8, 10), ANNUAL)
    assert late.headline() == (
        f"Lettre de résiliation reçue le 10 août 2025{NBSP}: dernier jour le 10 octobre 2025, "
        f"solde de 147,95{NBSP}€ HT"
    )
    assert late.headline(lang="en") == (
        "Termination letter received on 10 August 2025: last day 10 October 2025, balance "
        "€147.95 excl. VAT"
    )
    text = late.to_text()
    assert text.splitlines()[1].startswith("reçue le    issue    reconduction  date limite")
    assert "balance excl. VAT" in late.to_text(lang="en")
    assert text.splitlines()[2].split()[:2] == ["2025-08-10", "tardive"]
    assert late.to_text(lang="en").splitlines()[2].split()[:2] == ["2025-08-10", "late"]
    assert late.to_records()[0]["outcome"] == "late"
    assert late.to_records()[0]["outcome"].to_text() == "tardive"
    assert type(late.to_records()[0]["outcome"]).__mro__[1] is str  # a plain str for machines
    for day, fr, en in (
        (D(2025, 7, 1), "dans les délais", "in time"),
        (D(2028, 8, 1), "fin du terme", "end of the term"),
    ):
        result = late_termination(TERM, day, ANNUAL)
        assert fr in result.to_text()
        assert en in result.to_text(lang="en")
    with pytest.raises(InvalidArgumentError, match=r"^lang='de'"):
        late.headline(lang="de")  # type: ignore[arg-type]
    assert str(late) == text
    with pytest.raises(InvalidArgumentError, match=r"^lang='de'"):
        late.explain(lang="de")  # type: ignore[arg-type]


# --- properties -----------------------------------------------------------------------------


@given(contract_terms(), st.data(), money("100000"))
def test_late_termination_properties(term: Any, data: st.DataObject, annual: Decimal) -> None:
    received_on = data.draw(st.dates(term.start, term.latest_end))
    basis = data.draw(st.sampled_from(["days", "months", "started_months"]))
    result = late_termination(term, received_on, annual, basis=basis)
    period = term.period_of(received_on)
    assert result.period == period
    assert result.effective_on >= period.end
    assert Decimal(0) <= result.balance <= annual
    if result.outcome == "late":
        assert received_on > result.deadline
        assert result.anniversary == period.end + dt.timedelta(days=1)
        assert result.effective_on >= result.anniversary
        assert result.days_owed == (result.effective_on - result.anniversary).days + 1
        if basis == "days":
            exact = Fraction(annual) * result.days_owed / result.year_days
            assert abs(Fraction(result.balance) - exact) <= Fraction(1, 200)
            assert result.year_days in (365, 366)
    else:
        assert result.balance == 0
        assert result.effective_on == period.end


@given(st.dates(D(2025, 7, 2), D(2025, 8, 31)), st.dates(D(2025, 7, 2), D(2025, 8, 31)))
def test_later_notice_never_costs_less(first: dt.date, second: dt.date) -> None:
    assume(first <= second)
    a = late_termination(TERM, first, ANNUAL)
    b = late_termination(TERM, second, ANNUAL)
    assert a.balance <= b.balance
    assert a.effective_on <= b.effective_on


@given(money("1000000000000"), st.sampled_from(["days", "months", "started_months"]))
def test_balances_of_any_annual_amount(annual: Decimal, basis: Any) -> None:
    result = late_termination(TERM, D(2027, 8, 31), annual, basis=basis)
    assert Decimal(0) <= result.balance <= annual
    assert result.balance.as_tuple().exponent == -2


# --- bad input ------------------------------------------------------------------------------


def _term(**changes: Any) -> ContractTerm:
    fields = {"start": D(2024, 9, 1), "period_months": 12, "renewals": 3, "notice_months": 2}
    return ContractTerm(**{**fields, **changes})


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: late_termination(TERM, D(2024, 8, 31), ANNUAL), OutsideTermError, "^received_on="),
        (lambda: late_termination(TERM, D(2028, 9, 1), ANNUAL), OutsideTermError, "^received_on="),
        (lambda: late_termination(TERM, D(2025, 8, 10), 1350.0), FloatMoneyError, "^annual=1350.0"),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), Decimal("-1")),
            OutOfRangeError,
            "^annual=Decimal",
        ),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), Decimal("NaN")),
            TermsError,
            "^annual=",
        ),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), Decimal("1E+13")),
            OutOfRangeError,
            "^annual=",
        ),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), Decimal("1E-999999999")),
            OutOfRangeError,
            "^annual=",
        ),
        (lambda: late_termination(TERM, "2025-08-10", ANNUAL), WrongTypeError, "^received_on="),
        (
            lambda: late_termination(TERM, dt.datetime(2025, 8, 10), ANNUAL),
            WrongTypeError,
            "^received_on=",
        ),
        (
            lambda: late_termination("comelus", D(2025, 8, 10), ANNUAL),
            WrongTypeError,
            r"^term='comelus' is a str, not a ContractTerm; pass e\.g\. ContractTerm\.comelus\(\)$",
        ),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), ANNUAL, basis="weeks"),
            InvalidArgumentError,
            "^basis='weeks'",
        ),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), ANNUAL, reading="calendar"),
            InvalidArgumentError,
            "^reading='calendar'",
        ),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), ANNUAL, effect="noon"),
            InvalidArgumentError,
            "^effect='noon'",
        ),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), ANNUAL, notice_event="sent"),
            InvalidArgumentError,
            "^notice_event='sent'",
        ),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), ANNUAL, after_renewal="x"),
            InvalidArgumentError,
            "^after_renewal='x'",
        ),
        (
            lambda: late_termination(TERM, D(2025, 8, 10), ANNUAL, decided_on="2025-08-01"),
            WrongTypeError,
            "^decided_on='2025-08-01'",
        ),
        (
            lambda: LateTermination(**{**_fields(), "balance": 1.5}),
            FloatMoneyError,
            "^balance=1.5",
        ),
        (
            lambda: LateTermination(**{**_fields(), "outcome": "maybe"}),
            InvalidArgumentError,
            "^outcome='maybe'",
        ),
        (
            lambda: LateTermination(**{**_fields(), "period": None}),
            WrongTypeError,
            "^period=None",
        ),
        (
            lambda: LateTermination(**{**_fields(), "days_owed": -1}),
            OutOfRangeError,
            "^days_owed=-1",
        ),
    ],
)
def test_bad_input_is_a_terms_error(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as caught:
        call()
    assert isinstance(caught.value, TermsError)
    assert isinstance(caught.value, ValueError)


def _fields() -> dict[str, Any]:
    result = late_termination(TERM, D(2025, 8, 10), ANNUAL)
    return {
        field: getattr(result, field)
        for field in (
            "received_on",
            "outcome",
            "period",
            "anniversary",
            "deadline",
            "effective_on",
            "days_owed",
            "year_days",
            "balance",
            "basis",
            "annual",
            "notice_on",
            "reading",
            "notice_event",
            "after_renewal",
            "effect",
        )
    }


def test_a_result_rebuilds_from_its_fields() -> None:
    assert LateTermination(**_fields()) == late_termination(TERM, D(2025, 8, 10), ANNUAL)


# --- purity ---------------------------------------------------------------------------------


def test_results_ignore_a_hostile_decimal_context(hostile_decimal: decimal.Context) -> None:
    got = [
        late_termination(TERM, D(2025, 8, 10), ANNUAL, basis=basis)  # type: ignore[arg-type]
        for basis in ("days", "months", "started_months")
    ]
    assert [r.balance for r in got] == [Decimal("147.95"), Decimal("148.79"), Decimal("225.00")]
    assert "147,95" in got[0].explain()
    assert got[0].to_text()


def test_values_pickle() -> None:
    result = late_termination(TERM, D(2025, 8, 10), ANNUAL)
    assert pickle.loads(pickle.dumps(result)) == result
    assert hash(result) == hash(pickle.loads(pickle.dumps(result)))
