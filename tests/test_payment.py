"""The global payment delay and its start (contract §1.8; R2192-10 to R2192-14, R2192-27 to 29)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    OutOfRangeError,
    TermsError,
    UnknownKeyError,
    WrongTypeError,
)
from libriciel_terms.payment import (
    STATUTORY_DELAY_DAYS,
    DelayStart,
    Interruption,
    delay_start,
    payment_delay_days,
    payment_due,
    payment_due_date,
)

D = dt.date


# --- payment delay ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("buyer", "due"),
    [
        ("collectivite", D(2025, 4, 2)),
        ("state", D(2025, 4, 2)),
        ("public_health", D(2025, 4, 22)),
        ("public_undertaking", D(2025, 5, 2)),
    ],
)
def test_statutory_delays(buyer: Any, due: dt.date) -> None:
    assert payment_due_date(D(2025, 3, 3), buyer=buyer) == due
    assert (due - D(2025, 3, 3)).days == STATUTORY_DELAY_DAYS[buyer]


def test_default_is_thirty_days_day_of_receipt_not_counted() -> None:
    assert payment_due_date(D(2024, 11, 30)) == D(2024, 12, 30)
    assert payment_due_date(D(2024, 2, 1)) == D(2024, 3, 2)  # leap February


def test_shorter_contractual_delay_allowed_longer_refused() -> None:
    assert payment_due_date(D(2025, 3, 3), delay_days=20) == D(2025, 3, 23)
    with pytest.raises(OutOfRangeError, match="L2192-10"):
        payment_due_date(D(2025, 3, 3), delay_days=45)
    with pytest.raises(OutOfRangeError):
        payment_due_date(D(2025, 3, 3), delay_days=0)


@pytest.mark.parametrize(
    ("notified", "completed", "due"),
    [
        # 13 days left on notice (< 30): a new 30-day delay from completion (R2192-29).
        (D(2025, 3, 20), D(2025, 4, 1), D(2025, 5, 1)),
        # notified on the day of receipt: 30 days left, not more than 30: 30 days.
        (D(2025, 3, 3), D(2025, 3, 10), D(2025, 4, 9)),
    ],
)
def test_interruption_thirty_day_restart(
    notified: dt.date, completed: dt.date, due: dt.date
) -> None:
    interruption = Interruption(notified_on=notified, completed_on=completed)
    assert payment_due_date(D(2025, 3, 3), interruption=interruption) == due


def test_interruption_keeps_a_balance_above_thirty_days() -> None:
    # 60-day delay from 2025-03-03 expires 2025-05-02; notice received 2025-03-13: 50 days left.
    interruption = Interruption(notified_on=D(2025, 3, 13), completed_on=D(2025, 3, 20))
    due = payment_due_date(D(2025, 3, 3), buyer="public_undertaking", interruption=interruption)
    assert due == D(2025, 5, 9)


def test_interruption_must_fall_inside_the_delay() -> None:
    late = Interruption(notified_on=D(2025, 4, 3), completed_on=D(2025, 4, 10))
    with pytest.raises(OutOfRangeError, match="R2192-27"):
        payment_due_date(D(2025, 3, 3), interruption=late)
    early = Interruption(notified_on=D(2025, 3, 1), completed_on=D(2025, 4, 10))
    with pytest.raises(EndBeforeStartError):
        payment_due_date(D(2025, 3, 3), interruption=early)
    with pytest.raises(EndBeforeStartError):
        Interruption(notified_on=D(2025, 3, 10), completed_on=D(2025, 3, 9))


@pytest.mark.parametrize(
    ("kwargs", "start"),
    [
        ({"received_on": D(2025, 3, 3)}, D(2025, 3, 3)),
        ({"invoice_dated": D(2025, 2, 28)}, D(2025, 3, 2)),  # not recorded: + 2 days
        ({"service_done_on": D(2025, 2, 28)}, D(2025, 2, 28)),  # receipt uncertain
        ({"received_on": D(2025, 3, 3), "service_done_on": D(2025, 3, 10)}, D(2025, 3, 10)),
        ({"received_on": D(2025, 3, 3), "service_done_on": D(2025, 2, 28)}, D(2025, 3, 3)),
        ({"received_on": D(2025, 3, 3), "invoice_dated": D(2025, 2, 1)}, D(2025, 3, 3)),
    ],
)
def test_delay_start(kwargs: dict[str, dt.date], start: dt.date) -> None:
    assert delay_start(**kwargs) == start


def test_delay_start_needs_a_date() -> None:
    with pytest.raises(InvalidArgumentError, match="received_on"):
        delay_start()


# --- the start and the due date, explained --------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "rule", "fr", "en"),
    [
        (
            {"received_on": D(2025, 3, 3)},
            "receipt",
            "la réception de la demande de paiement le 2025-03-03 (R2192-12)",
            "receipt of the payment request on 2025-03-03 (R2192-12)",
        ),
        (
            {"invoice_dated": D(2025, 2, 28)},
            "invoice_date",
            "la date de la demande de paiement (2025-02-28) + 2 jours, sa réception n'ayant pas "
            "été constatée (R2192-14) : 2025-03-02",
            "receipt not recorded: invoice date 2025-02-28 + 2 days = 2025-03-02 (R2192-14)",
        ),
        (
            {"service_done_on": D(2025, 2, 28)},
            "service",
            "la date du service fait, le 2025-02-28, la réception étant incertaine (R2192-13)",
            "receipt uncertain: service performed on 2025-02-28 (R2192-13)",
        ),
        (
            {"invoice_dated": D(2025, 2, 28), "service_done_on": D(2025, 3, 10)},
            "service_after_receipt",
            "la date du service fait, le 2025-03-10, postérieure à la réception (R2192-13)",
            "service performed on 2025-03-10, after receipt (R2192-13)",
        ),
    ],
)
def test_delay_start_rules(kwargs: dict[str, dt.date], rule: str, fr: str, en: str) -> None:
    start = DelayStart.of(**kwargs)
    assert start.rule == rule
    assert (start.explain(), start.explain(lang="en")) == (fr, en)


def test_due_date_explained() -> None:
    due = payment_due(received_on=D(2025, 3, 3))
    assert (due.on, due.days, due.statutory_days, due.buyer) == (
        D(2025, 4, 2),
        30,
        30,
        "collectivite",
    )
    assert due.explain() == (
        "délai global de paiement de 30 jours (R2192-10) à compter de la réception de la demande "
        "de paiement le 2025-03-03 (R2192-12) ; il expire le 2025-04-02"
    )
    shorter = payment_due(received_on=D(2025, 3, 3), buyer="public_health", delay_days=20)
    assert shorter.delay_text() == (
        "délai contractuel de paiement de 20 jours (plus court que celui de l'article R2192-11, "
        "L2192-10)"
    )
    assert shorter.delay_text(lang="en") == (
        "contractual 20-day payment delay (shorter than R2192-11, L2192-10)"
    )
    assert payment_due(received_on=D(2025, 3, 3), buyer="public_health").delay_text(lang="en") == (
        "50-day payment delay (R2192-11)"
    )
    interrupted = payment_due(
        received_on=D(2025, 3, 3),
        interruption=Interruption(notified_on=D(2025, 3, 20), completed_on=D(2025, 4, 1)),
    )
    assert interrupted.explain(lang="en") == (
        "30-day payment delay (R2192-10) from receipt of the payment request on 2025-03-03 "
        "(R2192-12); interrupted on 2025-03-20 with 13 days left; a new 30-day delay from the "
        "receipt of all items on 2025-04-01 (R2192-27 to R2192-29) expires on 2025-05-01"
    )
    assert interrupted.explain().endswith(
        "; interrompu le 2025-03-20 avec 13 jours restants ; un nouveau délai de 30 jours à "
        "compter de la réception de toutes les pièces le 2025-04-01 (R2192-27 à R2192-29) expire "
        "le 2025-05-01"
    )


def test_statutory_delays_table_and_delay_days() -> None:
    assert dict(STATUTORY_DELAY_DAYS) == {
        "collectivite": 30,
        "state": 30,
        "public_health": 50,
        "public_undertaking": 60,
    }
    assert len(STATUTORY_DELAY_DAYS) == 4
    with pytest.raises(UnknownKeyError, match=r"^buyer='commune' is not one of 'collectivite'"):
        STATUTORY_DELAY_DAYS["commune"]
    with pytest.raises(KeyError) as caught:
        STATUTORY_DELAY_DAYS[3]  # type: ignore[index]
    assert isinstance(caught.value, TermsError)
    assert "STATUTORY_DELAY_DAYS({'collectivite': 30" in repr(STATUTORY_DELAY_DAYS)
    assert payment_delay_days() == 30
    assert payment_delay_days("public_undertaking", 60) == 60
    with pytest.raises(
        OutOfRangeError,
        match=r"^delay_days=61 exceeds the 60-day statutory delay for buyer='public_undertaking'; "
        r"a contract may shorten the payment delay, never lengthen it \(L2192-10\): pass "
        r"delay_days <= 60$",
    ):
        payment_delay_days("public_undertaking", 61)
    with pytest.raises(OutOfRangeError, match=r"^delay_days=0 is below 1"):
        payment_delay_days("state", 0)


def test_delay_messages() -> None:
    with pytest.raises(
        InvalidArgumentError,
        match=r"^received_on, invoice_dated and service_done_on are all None; pass the day",
    ):
        delay_start()
    with pytest.raises(
        OutOfRangeError,
        match=r"^interruption\.notified_on=datetime\.date\(2025, 4, 3\) is after the delay "
        r"expired on 2025-04-02; an interruption must be notified while the delay runs "
        r"\(R2192-27\)$",
    ):
        payment_due_date(
            D(2025, 3, 3),
            interruption=Interruption(notified_on=D(2025, 4, 3), completed_on=D(2025, 4, 4)),
        )
    with pytest.raises(WrongTypeError, match=r"^interruption=\(1, 2\) is not an Interruption"):
        payment_due_date(D(2025, 3, 3), interruption=(1, 2))  # type: ignore[arg-type]
    with pytest.raises(
        OutOfRangeError, match=r"^invoice_dated=datetime.date\(9999, 12, 31\) \+ 2 days"
    ):
        delay_start(invoice_dated=dt.date.max)
    with pytest.raises(WrongTypeError, match=r"^received_on='2025-03-03'"):
        payment_due_date("2025-03-03")  # type: ignore[arg-type]


def test_refusals_name_the_argument_and_the_fix() -> None:
    """Each refusal of the payment clause names the argument at fault and says what to pass."""

    day = dt.date
    with pytest.raises(WrongTypeError, match=r"^invoice_dated='x' is a str, not a date"):
        DelayStart.of(invoice_dated="x")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"^service_done_on='x' is a str, not a date"):
        DelayStart.of(received_on=day(2025, 3, 3), service_done_on="x")  # type: ignore[arg-type]
    with pytest.raises(
        InvalidArgumentError,
        match=r"are all None; pass the day the buyer received the payment request "
        r"\(received_on=date\(\.\.\.\)\), or the invoice date when receipt was not recorded",
    ):
        DelayStart.of()
    with pytest.raises(EndBeforeStartError, match=r"^completed_on=.* is before notified_on="):
        Interruption(notified_on=day(2025, 3, 20), completed_on=day(2025, 3, 1))
    with pytest.raises(
        UnknownKeyError,
        match=r"^buyer='nope' is not one of 'collectivite', 'state', 'public_health', "
        r"'public_undertaking'; pass one of them",
    ):
        STATUTORY_DELAY_DAYS["nope"]
    early = Interruption(notified_on=day(2025, 3, 1), completed_on=day(2025, 3, 5))
    with pytest.raises(
        EndBeforeStartError, match=r"^interruption\.notified_on=.* is before received_on="
    ):
        payment_due(received_on=day(2025, 3, 3), interruption=early)
    late = Interruption(notified_on=day(2025, 3, 5), completed_on=day(9999, 12, 30))
    with pytest.raises(OutOfRangeError, match=r"^interruption\.completed_on=datetime\.date\(9999"):
        payment_due(received_on=day(2025, 3, 3), interruption=late)
