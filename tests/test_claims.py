"""Payment requests, late-payment claims and the payment terms (contract §1.8; D2192-35)."""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import pickle
import time
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from libriciel_terms.claims import (
    Claim,
    ClaimPart,
    Payment,
    PaymentRequest,
    PaymentTerms,
    late_payment_claim,
)
from libriciel_terms.delays import Delay
from libriciel_terms.errors import (
    EndBeforeStartError,
    FloatMoneyError,
    InvalidArgumentError,
    OutOfRangeError,
    TermsError,
    WrongTypeError,
)
from libriciel_terms.interest import moratory_interest
from libriciel_terms.payment import Interruption
from libriciel_terms.rates import ECB_MRO, LEGAL_RATE_INDIVIDUALS, LEGAL_RATE_OTHER_CASES
from tests.strategies import extreme_decimals, money

D = dt.date


# --- claims -----------------------------------------------------------------------------------------


def _claim() -> Any:
    return late_payment_claim(
        [
            PaymentRequest.paid_in_full(
                "2025-Q1", Decimal("405.00"), received_on=D(2025, 3, 3), paid_on=D(2025, 5, 12)
            ),
            PaymentRequest(
                reference="2025-Q2",
                amount=Decimal("405.00"),
                received_on=D(2025, 6, 2),
                payments=(
                    Payment(paid_on=D(2025, 7, 10), amount=Decimal("200.00")),
                    Payment(paid_on=D(2025, 9, 30), amount=Decimal("205.00")),
                ),
            ),
            PaymentRequest.paid_in_full(
                "2024-Q4", Decimal("405.00"), received_on=D(2024, 12, 2), paid_on=D(2025, 1, 1)
            ),
        ]
    )


def test_claim_lines() -> None:
    claim = _claim()
    q1, q2, q4 = claim.lines
    assert (q1.due_on, q1.days_late, q1.rate_percent, q1.interest, q1.total) == (
        D(2025, 4, 2),
        40,
        Decimal("11.15"),
        Decimal("4.95"),
        Decimal("44.95"),
    )
    assert q1.payable_by == D(2025, 6, 26)  # R2192-36: 45 days after payment
    assert "2024-12-18" in q1.rate_source
    # 200 × 10.15 % × 8/365 + 205 × 10.15 % × 90/365 = 0.4449 + 5.1307 = 5.5756
    assert (q2.days_late, q2.rate_percent, q2.interest, q2.indemnity) == (
        90,
        Decimal("10.15"),
        Decimal("5.58"),
        Decimal("40.00"),
    )
    assert (q4.days_late, q4.interest, q4.indemnity, q4.total) == (0, *[Decimal("0.00")] * 3)
    assert "Paid on time" in q4.explain(lang="en")
    assert (claim.total_interest, claim.total_indemnity, claim.total) == (
        Decimal("10.53"),
        Decimal("80.00"),
        Decimal("90.53"),
    )
    for cited in ("R2192-10", "R2192-12", "R2192-31", "D2192-35", "R2192-36", "§1.8"):
        assert cited in q1.explain(lang="en")


def test_partial_payment_stops_interest_on_the_part_paid() -> None:
    one = PaymentRequest.paid_in_full(
        "A", Decimal("405.00"), received_on=D(2025, 6, 2), paid_on=D(2025, 9, 30)
    )
    split = PaymentRequest(
        reference="A",
        amount=Decimal("405.00"),
        received_on=D(2025, 6, 2),
        payments=(
            Payment(paid_on=D(2025, 7, 10), amount=Decimal("200.00")),
            Payment(paid_on=D(2025, 9, 30), amount=Decimal("205.00")),
        ),
    )
    whole = late_payment_claim(one).lines[0].interest
    partial = late_payment_claim(split).lines[0].interest
    assert whole == Decimal("10.14")  # 405 × 10.15 % × 90 / 365 = 10.136…
    assert partial == Decimal("5.58") < whole


def test_unpaid_balance_accrues_to_as_of() -> None:
    invoice = PaymentRequest(reference="Q", amount=Decimal("405.00"), received_on=D(2025, 6, 2))
    with pytest.raises(InvalidArgumentError, match="as_of"):
        late_payment_claim([invoice])
    line = late_payment_claim([invoice], as_of=D(2025, 9, 30)).lines[0]
    assert (line.interest, line.indemnity, line.payable_by) == (
        Decimal("10.14"),
        Decimal("40.00"),
        None,
    )
    paid_later = PaymentRequest.paid_in_full(
        "Q", Decimal("405.00"), received_on=D(2025, 6, 2), paid_on=D(2025, 10, 1)
    )
    with pytest.raises(EndBeforeStartError, match="as_of"):
        late_payment_claim([paid_later], as_of=D(2025, 9, 30))


def test_retenue_de_garantie_reduces_the_base() -> None:
    invoice = PaymentRequest(
        reference="R",
        amount=Decimal("1000.00"),
        retenue_de_garantie=Decimal("50.00"),
        received_on=D(2025, 3, 3),
        payments=(Payment(paid_on=D(2025, 5, 12), amount=Decimal("950.00")),),
    )
    line = late_payment_claim(invoice).lines[0]
    assert line.base == Decimal("950.00")
    assert line.interest == moratory_interest(Decimal("950.00"), D(2025, 4, 2), D(2025, 5, 12))
    with pytest.raises(OutOfRangeError, match="at most"):
        PaymentRequest(
            reference="R",
            amount=Decimal("1000.00"),
            retenue_de_garantie=Decimal("50.00"),
            received_on=D(2025, 3, 3),
            payments=(Payment(paid_on=D(2025, 5, 12), amount=Decimal("1000.00")),),
        )


def test_claim_under_other_regimes() -> None:
    invoice = PaymentRequest.paid_in_full(
        "Q", Decimal("405.00"), received_on=D(2024, 11, 20), paid_on=D(2025, 1, 10)
    )
    line = late_payment_claim(invoice, regime="three_times_legal").lines[0]
    assert line.due_on == D(2024, 12, 20)
    assert line.interest == Decimal("3.04")
    assert line.rate_percent is None  # two half-years, two rates
    assert "14.76" in line.rate_source
    assert "11.13" in line.rate_source
    assert "L441-10" in line.explain(lang="en")


def test_claim_records_and_html() -> None:
    claim = _claim()
    records = claim.to_records()
    assert [r["invoice"] for r in records] == ["2025-Q1", "2025-Q2", "2024-Q4"]
    assert records[0]["interest"] == Decimal("4.95")
    assert records[0]["due_on"] == D(2025, 4, 2)
    page = claim._repr_html_()
    assert page.count("<tr>") == 4  # header, three invoices; the totals follow as a note
    assert "= 90,53\u00a0€" in page
    empty = late_payment_claim([])
    assert empty.to_records() == []
    assert empty.total == Decimal("0.00")
    assert "<table>" in empty._repr_html_()


def test_value_objects_pickle() -> None:
    claim = _claim()
    assert pickle.loads(pickle.dumps(claim)) == claim
    assert pickle.loads(pickle.dumps(ECB_MRO)) == ECB_MRO


# --- the claim as a report ------------------------------------------------------------------------


def test_claim_headline_text_and_records() -> None:
    """Moved from test_records: the claim's headline says its total (now in both languages)."""
    claim = late_payment_claim(
        PaymentRequest.paid_in_full(
            "T1", Decimal("405.00"), received_on=D(2025, 3, 3), paid_on=D(2025, 5, 12)
        )
    )
    assert claim.headline(lang="en") == (
        "Late-payment claim (moratory interest of the code de la commande publique): 1 payment "
        "request, €44.95"
    )
    assert claim.headline() == (
        "Réclamation pour retard de paiement (intérêts moratoires du code de la commande "
        "publique)\u00a0: 1 demande de paiement, 44,95\u00a0€"
    )
    assert claim.to_records() == [
        {
            "invoice": "T1",
            "base": Decimal("405.00"),
            "delay_starts_on": D(2025, 3, 3),
            "due_on": D(2025, 4, 2),
            "settled_on": D(2025, 5, 12),
            "days_late": 40,
            "rate_percent": Decimal("11.15"),
            "rate_source": "3.15 + 8 = 11.15 (2024-12-18)",
            "interest": Decimal("4.95"),
            "indemnity": Decimal("40.00"),
            "total": Decimal("44.95"),
            "payable_by": D(2025, 6, 26),
            "uses_user_values": False,
        }
    ]
    text = claim.to_text()
    assert text.splitlines()[-1] == (
        "• Total de la réclamation\u00a0: intérêts 4,95\u00a0€ + indemnités 40,00\u00a0€ = "
        "44,95\u00a0€ (non soumis à la TVA)."
    )
    assert "jours de retard" in text.splitlines()[1]
    english = claim.to_text(lang="en")
    assert english.splitlines()[-1] == (
        "• Claim total: interest €4.95 + indemnities €40.00 = €44.95 (not subject to VAT)."
    )
    assert "days late" in english.splitlines()[1]
    assert claim.explain().endswith(text.splitlines()[-1][2:])
    assert repr(claim).startswith("Claim(regime='public_procurement', as_of=None, lines=(")


def test_claim_line_explanations() -> None:
    retained = PaymentRequest(
        reference="R",
        amount=Decimal("1000.00"),
        retenue_de_garantie=Decimal("50.00"),
        received_on=D(2025, 3, 3),
        payments=(Payment(paid_on=D(2025, 5, 12), amount=Decimal("950.00")),),
    )
    line = late_payment_claim(retained).lines[0]
    assert line.explain().startswith(
        "Demande de paiement R (1\u202f000,00\u00a0€ TTC, moins une retenue de garantie de "
        "50,00\u00a0€) : délai global de paiement de 30 jours (R2192-10)"
    )
    assert line.explain(lang="en").startswith(
        "Invoice R (€1,000.00 TTC less retenue de garantie €50.00): 30-day payment delay"
    )
    assert (
        "950,00\u00a0€ × 11,15\u202f% × 40/365 (du 2025-04-03 au 2025-05-12 ; payé le 2025-05-12)"
        in line.explain()
    )
    unpaid = PaymentRequest(reference="U", amount=Decimal("405.00"), received_on=D(2025, 6, 2))
    open_line = late_payment_claim(unpaid, as_of=D(2025, 9, 30)).lines[0]
    assert "(du 2025-07-03 au 2025-09-30 ; impayé au 2025-09-30)" in open_line.explain()
    assert "(2025-07-03 to 2025-09-30; unpaid at 2025-09-30)" in open_line.explain(lang="en")
    assert "payable" not in open_line.explain(lang="en")
    on_time = late_payment_claim(
        PaymentRequest.paid_in_full(
            "T", Decimal("1"), received_on=D(2025, 3, 3), paid_on=D(2025, 3, 4)
        )
    ).lines[0]
    assert "Payée à temps : ni intérêts, ni indemnité." in on_time.explain()
    assert on_time.explain().endswith(
        "[Contrat §1.8 ; CCP L2192-12, L2192-13, L2192-14, R2192-31 à R2192-36 ; décret 2013-269 "
        "art. 8 I]"
    )
    three = late_payment_claim(retained, regime="three_times_legal").lines[0]
    assert three.explain().endswith("[Contrat §1.8 ; Code de commerce L441-10 II ; CMF L313-2]")
    assert (
        three.explain()
        .split(". ")[1]
        .startswith("Intérêts à 3 fois le taux légal sur le montant TTC")
    )
    commercial = late_payment_claim(retained, regime="commercial_code").lines[0]
    assert commercial.explain(lang="en").endswith("[Code de commerce L441-10 II, D441-5]")
    assert "Commercial-code late-payment interest on the amount TTC" in commercial.explain(
        lang="en"
    )
    assert "Intérêts de retard du code de commerce" in commercial.explain()
    with pytest.raises(InvalidArgumentError, match=r"^lang='es'"):
        line.explain(lang="es")  # type: ignore[arg-type]


# --- where a claim starts from ---------------------------------------------------------------------


def test_a_claim_can_start_from_the_due_date() -> None:
    request = PaymentRequest(
        reference="Q",
        amount=Decimal("405.00"),
        due_on=D(2025, 7, 2),
        payments=(Payment(paid_on=D(2025, 9, 30), amount=Decimal("405.00")),),
    )
    line = late_payment_claim(request).lines[0]
    same = late_payment_claim(
        PaymentRequest.paid_in_full(
            "Q", Decimal("405.00"), received_on=D(2025, 6, 2), paid_on=D(2025, 9, 30)
        )
    ).lines[0]
    assert (line.due, line.delay_starts_on, line.due_on) == (None, None, D(2025, 7, 2))
    assert (line.interest, line.total, line.days_late) == (
        same.interest,
        same.total,
        same.days_late,
    )
    assert line.explain().startswith(
        "Demande de paiement Q (405,00\u00a0€ TTC) : échéance donnée : le 2025-07-02. "
    )
    assert line.explain(lang="en").startswith("Invoice Q (€405.00 TTC): due on 2025-07-02. ")
    with pytest.raises(
        InvalidArgumentError,
        match=r"^due_on=datetime\.date\(2025, 7, 2\) is given with received_on, invoice_dated, "
        r"service_done_on or interruption; pass either the due date or what the delay starts "
        r"from, not both$",
    ):
        PaymentRequest(
            reference="Q", amount=Decimal("1"), due_on=D(2025, 7, 2), received_on=D(2025, 6, 2)
        )


def test_a_payment_before_the_request_was_received_is_refused() -> None:
    with pytest.raises(
        EndBeforeStartError,
        match=r"^payments\[0\]\.paid_on=datetime\.date\(2025, 3, 1\) is before "
        r"received_on=datetime\.date\(2025, 3, 3\); a request is paid after it is received: "
        r"check both dates$",
    ):
        PaymentRequest.paid_in_full(
            "Q", Decimal("405.00"), received_on=D(2025, 3, 3), paid_on=D(2025, 3, 1)
        )
    with pytest.raises(
        EndBeforeStartError, match=r"^payments\[1\]\.paid_on=.* before invoice_dated="
    ):
        PaymentRequest(
            reference="Q",
            amount=Decimal("405.00"),
            invoice_dated=D(2025, 2, 28),
            payments=(
                Payment(paid_on=D(2025, 3, 1), amount=Decimal("5.00")),
                Payment(paid_on=D(2025, 2, 27), amount=Decimal("5.00")),
            ),
        )
    same_day = PaymentRequest.paid_in_full(
        "Q", Decimal("405.00"), received_on=D(2025, 3, 3), paid_on=D(2025, 3, 3)
    )
    assert late_payment_claim(same_day).total == Decimal("0.00")


def test_a_service_done_after_receipt_moves_the_delay() -> None:
    """Mutation note 1: the claim's delay starts on the service date when it is later (R2192-13)."""
    request = PaymentRequest(
        reference="S",
        amount=Decimal("405.00"),
        received_on=D(2025, 3, 3),
        service_done_on=D(2025, 3, 20),
        payments=(Payment(paid_on=D(2025, 5, 12), amount=Decimal("405.00")),),
    )
    line = late_payment_claim(request).lines[0]
    assert (line.delay_starts_on, line.due_on, line.days_late) == (
        D(2025, 3, 20),
        D(2025, 4, 19),
        23,
    )
    assert line.interest == Decimal("2.85")  # 405 × 11.15 % × 23/365 = 2.845…
    assert "la date du service fait, le 2025-03-20, postérieure à la réception" in line.explain()
    dated = PaymentRequest(
        reference="S",
        amount=Decimal("405.00"),
        invoice_dated=D(2025, 2, 28),
        payments=(Payment(paid_on=D(2025, 5, 12), amount=Decimal("405.00")),),
    )
    assert late_payment_claim(dated).lines[0].delay_starts_on == D(2025, 3, 2)
    interrupted = PaymentRequest(
        reference="I",
        amount=Decimal("405.00"),
        received_on=D(2025, 3, 3),
        interruption=Interruption(notified_on=D(2025, 3, 20), completed_on=D(2025, 4, 1)),
        payments=(Payment(paid_on=D(2025, 5, 12), amount=Decimal("405.00")),),
    )
    assert late_payment_claim(interrupted).lines[0].due_on == D(2025, 5, 1)


def test_claim_options() -> None:
    request = PaymentRequest.paid_in_full(
        "Q", Decimal("405.00"), received_on=D(2025, 3, 3), paid_on=D(2025, 5, 12)
    )
    shorter = late_payment_claim(request, delay_days=20).lines[0]
    assert (shorter.due_on, shorter.days_late) == (D(2025, 3, 23), 50)
    health = late_payment_claim(request, buyer="public_health").lines[0]
    assert (health.due_on, health.days_late) == (D(2025, 4, 22), 20)
    assert late_payment_claim(request, indemnity=Decimal("0")).total == Decimal("4.95")
    leap = late_payment_claim(request, day_count="ACT/ACT").lines[0]
    assert leap.interest == Decimal("4.95")
    with pytest.raises(OutOfRangeError, match=r"^delay_days=31 exceeds the 30-day"):
        late_payment_claim(request, delay_days=31)
    with pytest.raises(InvalidArgumentError, match=r"^rate_percent=.*is above 100"):
        late_payment_claim(request, rate_percent=Decimal("101"))
    with pytest.raises(WrongTypeError, match=r"^ecb_rates=\{\}"):
        late_payment_claim(request, ecb_rates={})  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"^invoices=42 is a int"):
        late_payment_claim(42)  # type: ignore[arg-type]
    with pytest.raises(
        InvalidArgumentError,
        match=r"^invoice 'Q' is not paid in full \(405\.00 outstanding\) and as_of=None; pass "
        r"as_of=date\(\.\.\.\) to compute the interest accrued up to that day$",
    ):
        late_payment_claim(
            PaymentRequest(reference="Q", amount=Decimal("405.00"), received_on=D(2025, 3, 3))
        )
    with pytest.raises(
        EndBeforeStartError,
        match=r"^invoice 'Q' has a payment on 2025-05-12, after as_of=2025-05-01; pass an as_of "
        r"on or after every payment$",
    ):
        late_payment_claim(request, as_of=D(2025, 5, 1))


def test_request_messages() -> None:
    with pytest.raises(
        OutOfRangeError,
        match=r"^payments total 406\.00, more than the 405\.00 due on request 'Q'; pass payments "
        r"that add up to at most the amount less the retenue de garantie$",
    ):
        PaymentRequest(
            reference="Q",
            amount=Decimal("405.00"),
            received_on=D(2025, 3, 3),
            payments=(
                Payment(paid_on=D(2025, 4, 1), amount=Decimal("400.00")),
                Payment(paid_on=D(2025, 4, 2), amount=Decimal("6.00")),
            ),
        )
    with pytest.raises(
        OutOfRangeError,
        match=r"^retenue_de_garantie=Decimal\('2'\) exceeds amount=Decimal\('1'\); pass a "
        r"retention no larger than the invoice$",
    ):
        PaymentRequest(
            reference="x",
            amount=Decimal("1"),
            received_on=D(2025, 1, 1),
            retenue_de_garantie=Decimal("2"),
        )
    with pytest.raises(
        OutOfRangeError, match=r"^amount=Decimal\('0'\) must be > 0; a payment pays"
    ):
        Payment(paid_on=D(2025, 1, 1), amount=Decimal("0"))
    with pytest.raises(InvalidArgumentError, match=r"^reference='' is empty"):
        PaymentRequest(reference="", amount=Decimal("1"), received_on=D(2025, 1, 1))


# --- the payment clause -----------------------------------------------------------------------------


def test_the_comelus_payment_terms() -> None:
    terms = PaymentTerms.comelus()
    assert terms == PaymentTerms(delay=Delay.days(30))
    assert (terms.buyer, terms.delay_days, terms.regime, terms.indemnity) == (
        "collectivite",
        30,
        "public_procurement",
        Decimal("40.00"),
    )
    assert (terms.rate_period, terms.day_count, terms.creditor) == (
        "regime_default",
        "ACT/365F",
        "other_cases",
    )
    assert terms.ecb_rates is ECB_MRO
    assert terms.legal_table is LEGAL_RATE_OTHER_CASES
    assert PaymentTerms(creditor="individuals").legal_table is LEGAL_RATE_INDIVIDUALS
    assert PaymentTerms().delay_days == 30
    assert PaymentTerms(buyer="public_undertaking").delay_days == 60


def test_payment_terms_compute() -> None:
    terms = PaymentTerms.comelus()
    assert terms.due_date(D(2025, 3, 3)) == D(2025, 4, 2)
    interruption = Interruption(notified_on=D(2025, 3, 20), completed_on=D(2025, 4, 1))
    assert terms.due_date(D(2025, 3, 3), interruption=interruption) == D(2025, 5, 1)
    assert terms.due(invoice_dated=D(2025, 2, 28)).on == D(2025, 4, 1)
    assert terms.rate(D(2025, 4, 3)) == Decimal("11.15")
    assert terms.rate(D(2025, 4, 3), regime="three_times_legal") == Decimal("11.13")
    assert terms.rate(D(2025, 4, 3), regime="commercial_code") == Decimal("13.15")
    assert terms.interest(Decimal("405.00"), D(2025, 4, 2), D(2025, 5, 12)) == Decimal("4.95")
    assert terms.interest(
        Decimal("405.00"), D(2025, 4, 2), D(2025, 5, 12), rate_percent=Decimal("10")
    ) == Decimal("4.44")
    assert terms.interest(
        Decimal("10000"), D(2024, 1, 31), D(2024, 3, 31), day_count="ACT/ACT"
    ) == Decimal("204.92")
    assert terms.interest(
        Decimal("405.00"), D(2024, 12, 20), D(2025, 1, 10), regime="three_times_legal"
    ) == Decimal("3.04")
    assert terms.interest(
        Decimal("405.00"),
        D(2024, 12, 20),
        D(2025, 1, 10),
        regime="three_times_legal",
        rate_period="fixed_at_start",
    ) == Decimal("3.44")
    individuals = PaymentTerms(regime="three_times_legal", creditor="individuals")
    assert individuals.rate(D(2026, 1, 1)) == Decimal("20.01")
    shorter = PaymentTerms(delay=Delay.parse("20 jours"), indemnity=Decimal("0.00"))
    request = PaymentRequest.paid_in_full(
        "Q", Decimal("405.00"), received_on=D(2025, 3, 3), paid_on=D(2025, 5, 12)
    )
    claim = shorter.claim(request)
    assert (claim.lines[0].due_on, claim.total_indemnity) == (D(2025, 3, 23), Decimal("0.00"))
    assert terms.claim([request], regime="three_times_legal").regime == "three_times_legal"
    assert terms.claim(request, rate_percent=Decimal("10")).uses_user_values


def test_a_claim_on_supplied_rates_says_so_in_both_languages() -> None:
    request = PaymentRequest.paid_in_full(
        "Q", Decimal("405.00"), received_on=D(2025, 3, 3), paid_on=D(2025, 5, 12)
    )
    supplied = PaymentTerms.comelus().claim(request, rate_percent=Decimal("10"))
    assert supplied.notes(lang="en")[-1] == (
        "Computed with rates supplied by the user: explain() says which."
    )
    assert supplied.notes()[-1] == (
        "Calculée avec des taux fournis par l'utilisateur\u00a0: explain() dit lesquels."
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"buyer": "commune"}, InvalidArgumentError, "^buyer='commune'"),
        (
            {"delay": Delay.months(1)},
            InvalidArgumentError,
            r"^delay=Delay\(amount=1, unit='months'",
        ),
        ({"delay": 30}, WrongTypeError, r"^delay\[0\]=30 is a int, not Delay"),
        ({"delay": Delay.days(31)}, OutOfRangeError, "^delay_days=31 exceeds the 30-day"),
        ({"delay": Delay.days(0)}, OutOfRangeError, "^delay_days=0 is below 1"),
        ({"regime": "bce_plus_8"}, InvalidArgumentError, "^regime='bce_plus_8'"),
        ({"indemnity": 40.0}, FloatMoneyError, "^indemnity=40.0 is a float"),
        (
            {"rate_period": "per_half_year"},
            InvalidArgumentError,
            r"^rate_period='per_half_year' is not allowed",
        ),
        ({"day_count": "30/360"}, InvalidArgumentError, "^day_count='30/360'"),
        ({"creditor": "company"}, InvalidArgumentError, "^creditor='company'"),
        ({"ecb_rates": None}, WrongTypeError, "^ecb_rates=None: 'ecb_rates' must be"),
        ({"legal_rates": ECB_MRO.rows}, WrongTypeError, "^legal_rates="),
    ],
)
def test_payment_terms_refused(kwargs: dict[str, Any], error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        PaymentTerms(**kwargs)


@given(amount=money("1000000"), late=st.integers(0, 500))
def test_terms_and_functions_agree(amount: Decimal, late: int) -> None:
    terms = PaymentTerms.comelus()
    due = D(2024, 1, 31)
    paid = due + dt.timedelta(days=late)
    assert terms.interest(amount, due, paid) == moratory_interest(amount, due, paid)


def test_claims_ignore_the_ambient_decimal_context(hostile_decimal: decimal.Context) -> None:
    with decimal.localcontext(decimal.Context()):
        calm = _claim()
        texts = (calm.explain(), calm.to_text(), calm.to_text(lang="en"), calm.to_records())
    with decimal.localcontext(hostile_decimal):
        assert _claim() == calm
        assert (calm.explain(), calm.to_text(), calm.to_text(lang="en"), calm.to_records()) == texts
        assert (calm.total, calm.total_interest) == (Decimal("90.53"), Decimal("10.53"))


@settings(max_examples=200)
@given(extreme_decimals(), extreme_decimals())
def test_claim_money_on_extreme_values(amount: object, paid: object) -> None:
    for call in (
        lambda: PaymentRequest(reference="x", amount=amount, received_on=D(2025, 1, 1)),  # type: ignore[arg-type]
        lambda: Payment(paid_on=D(2025, 1, 1), amount=amount),  # type: ignore[arg-type]
        lambda: late_payment_claim(
            PaymentRequest(
                reference="x",
                amount=Decimal("1000"),
                received_on=D(2025, 1, 1),
                payments=(Payment(paid_on=D(2025, 3, 1), amount=paid),),  # type: ignore[arg-type]
            ),
            as_of=D(2025, 6, 1),
        ),
        lambda: late_payment_claim(
            PaymentRequest.paid_in_full(
                "x", Decimal(1), received_on=D(2025, 1, 1), paid_on=D(2025, 6, 1)
            ),
            rate_percent=amount,  # type: ignore[arg-type]
            indemnity=paid,  # type: ignore[arg-type]
        ),
        lambda: PaymentTerms().interest(amount, D(2025, 1, 1), D(2025, 6, 1)),  # type: ignore[arg-type]
    ):
        started = time.perf_counter()
        with contextlib.suppress(TermsError):
            call()
        assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: PaymentRequest(reference="x", amount=Decimal("1"), received_on=D(2025, 1, 1), payments=3),
         WrongTypeError, r"^payments=3 is a int, not an iterable of Payment$"),
        (lambda: ClaimPart(amount=Decimal(1), settled_on=D(2025, 1, 1), paid=True, periods=[1]),
         WrongTypeError, r"^periods\[0\]=1 is a int, not InterestPeriod$"),
        (lambda: Claim(regime="public_procurement", as_of=None, lines=[1]), WrongTypeError,
         r"^lines\[0\]=1 is a int, not ClaimLine$"),
        (lambda: late_payment_claim([], as_of="today"), WrongTypeError, r"^as_of='today'"),
        (lambda: PaymentTerms().due_date("2025"), WrongTypeError, r"^received_on='2025'"),
        (lambda: PaymentTerms().claim([], rate_percent="x"), WrongTypeError, r"^rate_percent='x'"),
        (lambda: PaymentTerms(delay=Delay.hours(30)), InvalidArgumentError,
         r"^delay=Delay\(amount=30, unit='hours', counting='civil'\) is counted in hours; the "
         r"payment delay is in calendar days, e\.g\. Delay\.parse\(\"30 jours\"\) \(R2192-10\)$"),
    ],
)  # fmt: skip
def test_claim_messages(call: Any, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        call()


def test_claim_parts_and_lines() -> None:
    claim = _claim()
    q2 = claim.lines[1]
    assert [(part.amount, part.settled_on, part.paid, len(part.periods)) for part in q2.parts] == [
        (Decimal("200.00"), D(2025, 7, 10), True, 1),
        (Decimal("205.00"), D(2025, 9, 30), True, 1),
    ]
    assert q2.settled_on == D(2025, 9, 30)
    assert len(q2.periods) == 2
    assert q2.reference == "2025-Q2"
    assert q2.rate_source == "2.15 + 8 = 10.15 (2025-06-11)"
    on_time = claim.lines[2]
    assert (on_time.rate_percent, on_time.rate_source, on_time.payable_by) == (None, "", None)
    assert on_time.settled_on == D(2025, 1, 1)
    unpaid = late_payment_claim(
        PaymentRequest(reference="U", amount=Decimal("405.00"), received_on=D(2025, 6, 2)),
        as_of=D(2025, 6, 20),
    ).lines[0]
    assert (unpaid.settled_on, unpaid.days_late, unpaid.interest, unpaid.indemnity) == (
        D(2025, 6, 20),
        0,
        Decimal("0.00"),
        Decimal("0.00"),
    )
    assert unpaid.parts[0].paid is False
    empty = late_payment_claim(
        PaymentRequest(reference="E", amount=Decimal("0.00"), received_on=D(2025, 6, 2))
    ).lines[0]
    assert (empty.parts, empty.settled_on, empty.days_late) == ((), empty.due_on, 0)
    for method in (claim.explain, claim.headline, claim.notes, claim.to_text, q2.explain):
        with pytest.raises(InvalidArgumentError, match=r"^lang='FR' is not one of"):
            method(lang="FR")  # type: ignore[operator]
