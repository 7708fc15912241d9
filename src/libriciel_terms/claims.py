"""Payment requests and late-payment claims; the payment terms of a contract (§1.8; D2192-35).

For each payment request paid late, contract §1.8 grants "de plein droit" the interest of
:mod:`libriciel_terms.interest` and a flat **recovery indemnity of 40 €** (L2192-13, D2192-35),
due once per request with any part paid late. Neither is subject to VAT; both are paid within
45 days of the *mise en paiement* of the principal (R2192-36).

A claim starts from what is known about each request: the day it was received (or its date, or
the service date: :class:`~libriciel_terms.payment.DelayStart`), or directly its payment due
date (``due_on``). Each payment stops interest on the part it pays; a part still unpaid accrues
up to the claim's ``as_of``. A payment dated before the request was received (or dated) is
refused. :class:`PaymentTerms` holds the clause's figures (delay, regime, indemnity) and
computes due dates, interest and claims from them.

>>> import datetime as dt
>>> from decimal import Decimal
>>> claim = late_payment_claim([PaymentRequest.paid_in_full(
...     "2025-Q1", Decimal("405.00"), received_on=dt.date(2025, 3, 3),
...     paid_on=dt.date(2025, 5, 12))])
>>> claim.total_interest, claim.total_indemnity, claim.total
(Decimal('4.95'), Decimal('40.00'), Decimal('44.95'))

The failing case: a payment before the request was received is refused.

>>> PaymentRequest.paid_in_full("2025-Q1", Decimal("405.00"), received_on=dt.date(2025, 3, 3),
...                             paid_on=dt.date(2025, 3, 1))
Traceback (most recent call last):
...
libriciel_terms.errors.EndBeforeStartError: payments[0].paid_on=datetime.date(2025, 3, 1) is before received_on=datetime.date(2025, 3, 3); ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from functools import reduce
from typing import Any

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._exact import CONTEXT, cents
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang, pick
from libriciel_terms.delays import Delay
from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    OutOfRangeError,
)
from libriciel_terms.interest import (
    AmountBase,
    DayCount,
    InterestPeriod,
    RatePeriod,
    interest_periods,
    late_payment_interest,
    regime_name,
)
from libriciel_terms.payment import (
    Buyer,
    DueDate,
    Interruption,
    payment_delay_days,
    payment_due,
)
from libriciel_terms.rates import (
    ECB_MRO,
    Creditor,
    RateTable,
    Regime,
    applied_rate,
    legal_rates_for,
)

__all__ = [
    "INTEREST_PAYMENT_DAYS",
    "RECOVERY_INDEMNITY",
    "Claim",
    "ClaimLine",
    "ClaimPart",
    "Payment",
    "PaymentRequest",
    "PaymentTerms",
    "late_payment_claim",
]

#: The flat recovery indemnity per request paid late (L2192-13, D2192-35; contract §1.8).
RECOVERY_INDEMNITY = Decimal("40.00")

#: Days after the *mise en paiement* of the principal to pay the interest and indemnity
#: (R2192-36).
INTEREST_PAYMENT_DAYS = 45

_ARTICLES = {
    "public_procurement": (
        "Contract §1.8; CCP L2192-12, L2192-13, L2192-14, R2192-31 to R2192-36; "
        "décret 2013-269 art. 8 I"
    ),
    "three_times_legal": "Contract §1.8; Code de commerce L441-10 II; CMF L313-2",
    "commercial_code": "Code de commerce L441-10 II, D441-5",
}
_ARTICLES_FR = {
    "public_procurement": (
        "Contrat §1.8 ; CCP L2192-12, L2192-13, L2192-14, R2192-31 à R2192-36 ; "
        "décret 2013-269 art. 8 I"
    ),
    "three_times_legal": "Contrat §1.8 ; Code de commerce L441-10 II ; CMF L313-2",
    "commercial_code": "Code de commerce L441-10 II, D441-5",
}


def _sum(amounts: Iterable[Decimal]) -> Decimal:
    """Amounts in cents added exactly (no rounding happens: they are already cents)."""
    return reduce(CONTEXT.add, amounts, Decimal("0.00"))


# --- requests -------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Payment:
    """A payment (*mise en paiement*) of part or all of a request, TTC."""

    paid_on: dt.date = attrs.field(validator=_validate.check(_validate.day))
    amount: Decimal = attrs.field(validator=_validate.check(_validate.money))

    def __attrs_post_init__(self) -> None:
        if self.amount <= 0:
            raise OutOfRangeError(f"amount={self.amount!r} must be > 0; a payment pays something")


def _tuple_of_payment(value: object) -> tuple[Payment, ...]:
    return _validate.items("payments", value, Payment)


@attrs.frozen(kw_only=True)
class PaymentRequest:
    """A payment request (an invoice): its amount TTC, when its delay starts, its payments.

    The delay starts as :class:`~libriciel_terms.payment.DelayStart` says from
    ``received_on``, ``invoice_dated`` and ``service_done_on``; or ``due_on`` gives the last day
    of the payment delay directly (then none of those, nor an ``interruption``). Interest runs on
    ``amount`` (TTC) less ``retenue_de_garantie`` (décret 2013-269 art. 8 I); the payments may
    not exceed that base, nor precede the receipt (or the date) of the request.
    """

    reference: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    amount: Decimal = attrs.field(validator=_validate.check(_validate.money))
    received_on: dt.date | None = attrs.field(
        default=None, validator=_validate.optional(_validate.day)
    )
    invoice_dated: dt.date | None = attrs.field(
        default=None, validator=_validate.optional(_validate.day)
    )
    service_done_on: dt.date | None = attrs.field(
        default=None, validator=_validate.optional(_validate.day)
    )
    due_on: dt.date | None = attrs.field(default=None, validator=_validate.optional(_validate.day))
    payments: tuple[Payment, ...] = attrs.field(default=(), converter=_tuple_of_payment)
    retenue_de_garantie: Decimal = attrs.field(
        default=Decimal("0.00"), validator=_validate.check(_validate.money)
    )
    interruption: Interruption | None = attrs.field(
        default=None,
        validator=_validate.guard(
            attrs.validators.optional(attrs.validators.instance_of(Interruption))
        ),
    )

    def __attrs_post_init__(self) -> None:
        starts = (self.received_on, self.invoice_dated, self.service_done_on, self.interruption)
        if self.due_on is not None and any(value is not None for value in starts):
            raise InvalidArgumentError(
                f"due_on={self.due_on!r} is given with received_on, invoice_dated, "
                f"service_done_on or interruption; pass either the due date or what the delay "
                f"starts from, not both"
            )
        if self.due_on is None:  # the start must be known (raises the explanatory error)
            payment_due(
                received_on=self.received_on,
                invoice_dated=self.invoice_dated,
                service_done_on=self.service_done_on,
            )
        if self.retenue_de_garantie > self.amount:
            raise OutOfRangeError(
                f"retenue_de_garantie={self.retenue_de_garantie!r} exceeds amount="
                f"{self.amount!r}; pass a retention no larger than the invoice"
            )
        self._check_payments()

    def _check_payments(self) -> None:
        for index, payment in enumerate(self.payments):
            for name in ("received_on", "invoice_dated"):
                day = getattr(self, name)
                if day is not None and payment.paid_on < day:
                    raise EndBeforeStartError(
                        f"payments[{index}].paid_on={payment.paid_on!r} is before {name}="
                        f"{day!r}; a request is paid after it is received: check both dates"
                    )
        paid = _sum(payment.amount for payment in self.payments)
        if paid > self.base:
            raise OutOfRangeError(
                f"payments total {paid}, more than the {self.base} due on request "
                f"{self.reference!r}; pass payments that add up to at most the amount less "
                f"the retenue de garantie"
            )

    @property
    def base(self) -> Decimal:
        """The amount interest is computed on: TTC less the retenue de garantie."""
        return CONTEXT.subtract(self.amount, self.retenue_de_garantie)

    @classmethod
    def paid_in_full(
        cls, reference: str, amount: Decimal, *, received_on: dt.date, paid_on: dt.date
    ) -> PaymentRequest:
        """A request received on ``received_on`` and paid in one payment on ``paid_on``.

        >>> PaymentRequest.paid_in_full("Q1", Decimal("405.00"), received_on=dt.date(2025, 3, 3),
        ...                              paid_on=dt.date(2025, 5, 12)).payments
        (Payment(paid_on=datetime.date(2025, 5, 12), amount=Decimal('405.00')),)
        """
        return cls(
            reference=reference,
            amount=amount,
            received_on=received_on,
            payments=(Payment(paid_on=paid_on, amount=amount),),
        )


# --- claim lines ----------------------------------------------------------------------------------


def _tuple_of_interest_period(value: object) -> tuple[InterestPeriod, ...]:
    return _validate.items("periods", value, InterestPeriod)


@attrs.frozen(kw_only=True)
class ClaimPart:
    """A part of a request's base and when it was paid (or the ``as_of`` it is unpaid at)."""

    amount: Decimal = attrs.field(validator=_validate.check(_validate.money))
    settled_on: dt.date = attrs.field(validator=_validate.check(_validate.day))
    paid: bool = attrs.field(validator=_validate.instance_of(bool))
    periods: tuple[InterestPeriod, ...] = attrs.field(converter=_tuple_of_interest_period)


def _tuple_of_claim_part(value: object) -> tuple[ClaimPart, ...]:
    return _validate.items("parts", value, ClaimPart)


@attrs.frozen(kw_only=True)
class ClaimLine:
    """One request of a :class:`Claim`: its delay, lateness, rate, interest and indemnity.

    :meth:`explain` says how it was computed, citing the articles.
    """

    request: PaymentRequest = attrs.field(validator=_validate.instance_of(PaymentRequest))
    regime: Regime = attrs.field(validator=_validate.choice(Regime))
    due: DueDate | None = attrs.field(
        validator=_validate.guard(attrs.validators.optional(attrs.validators.instance_of(DueDate)))
    )
    parts: tuple[ClaimPart, ...] = attrs.field(converter=_tuple_of_claim_part)
    interest: Decimal = attrs.field(validator=_validate.check(_validate.money))
    indemnity: Decimal = attrs.field(validator=_validate.check(_validate.money))

    @property
    def reference(self) -> str:
        """The request's reference."""
        return self.request.reference

    @property
    def base(self) -> Decimal:
        """The amount interest runs on: TTC less the retenue de garantie."""
        return self.request.base

    @property
    def due_on(self) -> dt.date:
        """The last day of the payment delay."""
        if self.due is not None:
            return self.due.on
        assert self.request.due_on is not None
        return self.request.due_on

    @property
    def delay_starts_on(self) -> dt.date | None:
        """The day the payment delay started (``None`` when the due date was given)."""
        return None if self.due is None else self.due.start.on

    @property
    def settled_on(self) -> dt.date:
        """The last payment (or the ``as_of`` of a part still unpaid)."""
        return max((part.settled_on for part in self.parts), default=self.due_on)

    @property
    def days_late(self) -> int:
        """Days from the due date to :attr:`settled_on` (0 when paid on time)."""
        return max(0, (self.settled_on - self.due_on).days)

    @property
    def periods(self) -> tuple[InterestPeriod, ...]:
        """Every accrual period of every part."""
        return tuple(period for part in self.parts for period in part.periods)

    @property
    def rate_percent(self) -> Decimal | None:
        """The rate applied, or ``None`` when several rates applied (or none)."""
        rates = {period.rate_percent for period in self.periods}
        return next(iter(rates)) if len(rates) == 1 else None

    @property
    def rate_source(self) -> str:
        """Each rate's arithmetic and the day its table row starts: ``3.15 + 8 = 11.15 (2024-12-18)``.

        No word of either language; each row, with its source, is in :attr:`periods`.
        """
        rates = dict.fromkeys(period.rate for period in self.periods)
        return "; ".join(
            rate.formula if rate.row is None else f"{rate.formula} ({rate.row.starts_on})"
            for rate in rates
        )

    @property
    def total(self) -> Decimal:
        """Interest plus indemnity."""
        return CONTEXT.add(self.interest, self.indemnity)

    @property
    def payable_by(self) -> dt.date | None:
        """When interest and indemnity are due: 45 days after the last payment (R2192-36)."""
        if not self.periods or not all(part.paid for part in self.parts):
            return None
        return self.settled_on + dt.timedelta(days=INTEREST_PAYMENT_DAYS)

    @property
    def uses_user_values(self) -> bool:
        """Whether a rate came from the user (a supplied rate or a user row of a table)."""
        return any(period.rate.uses_user_value for period in self.periods)

    def _record(self) -> dict[str, Any]:
        return {
            "invoice": self.reference,
            "base": self.base,
            "delay_starts_on": self.delay_starts_on,
            "due_on": self.due_on,
            "settled_on": self.settled_on,
            "days_late": self.days_late,
            "rate_percent": self.rate_percent,
            "rate_source": self.rate_source,
            "interest": self.interest,
            "indemnity": self.indemnity,
            "total": self.total,
            "payable_by": self.payable_by,
            "uses_user_values": self.uses_user_values,
        }

    def explain(self, *, lang: Lang = "fr") -> str:
        """How the line was computed: the delay, each part's interest, the indemnity."""
        lang = _text.check_lang(lang)
        articles = pick(_ARTICLES_FR[self.regime], _ARTICLES[self.regime], lang)
        return " ".join([self._delay_text(lang), *self._interest_text(lang), f"[{articles}]"])

    def _delay_text(self, lang: Lang) -> str:
        request = self.request
        amount = _text.money(request.amount, lang)
        retenue = ""
        if request.retenue_de_garantie:
            held = _text.money(request.retenue_de_garantie, lang)
            retenue = pick(
                f", moins une retenue de garantie de {held}",
                f" less retenue de garantie {held}",
                lang,
            )
        head = pick(
            f"Demande de paiement {request.reference} ({amount} TTC{retenue}) : ",
            f"Invoice {request.reference} ({amount} TTC{retenue}): ",
            lang,
        )
        if self.due is None:
            given = pick(f"échéance donnée : le {self.due_on}.", f"due on {self.due_on}.", lang)
            return head + given
        return f"{head}{self.due.explain(lang=lang)}."

    def _interest_text(self, lang: Lang) -> list[str]:
        if not self.periods:
            return [
                pick(
                    "Payée à temps : ni intérêts, ni indemnité.",
                    "Paid on time: no interest, no indemnity.",
                    lang,
                )
            ]
        steps = " + ".join(
            _step(part, period, lang) for part in self.parts for period in part.periods
        )
        rules = "; ".join(dict.fromkeys(p.rate_rule(lang=lang) for p in self.periods))
        first = self.due_on + dt.timedelta(days=1)
        name = regime_name(self.regime, lang).capitalize()
        interest = _text.money(self.interest, lang)
        return [
            pick(
                f"{name} sur le montant TTC, du {first} au paiement inclus : {steps} = "
                f"{interest} ; taux : {rules}.",
                f"{name} on the amount TTC, from {first} to the payment included: {steps} = "
                f"{interest}; rate: {rules}.",
                lang,
            ),
            self._indemnity_text(lang),
        ]

    def _indemnity_text(self, lang: Lang) -> str:
        indemnity, total = _text.money(self.indemnity, lang), _text.money(self.total, lang)
        deadline = ""
        if self.payable_by is not None:
            deadline = pick(
                f", payable dans les {INTEREST_PAYMENT_DAYS} jours suivant le paiement, au plus "
                f"tard le {self.payable_by} (R2192-36)",
                f", payable within {INTEREST_PAYMENT_DAYS} days of payment, by "
                f"{self.payable_by} (R2192-36)",
                lang,
            )
        return pick(
            f"Indemnité forfaitaire pour frais de recouvrement {indemnity} (L2192-13, "
            f"D2192-35). Total {total}, non soumis à la TVA{deadline}.",
            f"Recovery indemnity {indemnity} (L2192-13, D2192-35). Total {total}, not subject "
            f"to VAT{deadline}.",
            lang,
        )


def _step(part: ClaimPart, period: InterestPeriod, lang: Lang) -> str:
    amount = _text.money(part.amount, lang)
    rate = _text.percent(period.rate_percent, lang)
    fraction = period.fraction_text(lang)
    first, last, settled = period.first_day, period.last_day, part.settled_on
    if lang == "en":
        state = "paid" if part.paid else "unpaid at"
        return f"{amount} × {rate} × {fraction} ({first} to {last}; {state} {settled})"
    state = "payé le" if part.paid else "impayé au"
    return f"{amount} × {rate} × {fraction} (du {first} au {last} ; {state} {settled})"


# --- claims ---------------------------------------------------------------------------------------


def _tuple_of_claim_line(value: object) -> tuple[ClaimLine, ...]:
    return _validate.items("lines", value, ClaimLine)


@attrs.frozen(kw_only=True)
class Claim(Report):
    """A late-payment claim over one or many requests (contract §1.8).

    Built by :func:`late_payment_claim` or :meth:`PaymentTerms.claim`; ``lines`` hold one
    :class:`ClaimLine` per request.
    """

    COLUMNS = (
        Column("invoice", "demande", "invoice"),
        Column("base", "base TTC", "base TTC", "money"),
        Column("delay_starts_on", "début du délai", "delay starts", "date"),
        Column("due_on", "échéance", "due on", "date"),
        Column("settled_on", "réglée le", "settled on", "date"),
        Column("days_late", "jours de retard", "days late", "number"),
        Column("rate_percent", "taux", "rate", "percent"),
        Column("rate_source", "source du taux", "rate source"),
        Column("interest", "intérêts", "interest", "money"),
        Column("indemnity", "indemnité", "indemnity", "money"),
        Column("total", "total", "total", "money"),
        Column("payable_by", "à payer au plus tard le", "payable by", "date"),
        Column("uses_user_values", "valeur utilisateur", "user value"),
    )

    regime: Regime = attrs.field(validator=_validate.choice(Regime))
    as_of: dt.date | None = attrs.field(validator=_validate.optional(_validate.day))
    lines: tuple[ClaimLine, ...] = attrs.field(converter=_tuple_of_claim_line)

    @property
    def total_interest(self) -> Decimal:
        """Sum of the lines' interest."""
        return _sum(line.interest for line in self.lines)

    @property
    def total_indemnity(self) -> Decimal:
        """Sum of the lines' recovery indemnities."""
        return _sum(line.indemnity for line in self.lines)

    @property
    def total(self) -> Decimal:
        """Interest plus indemnities, every line."""
        return _sum(line.total for line in self.lines)

    @property
    def uses_user_values(self) -> bool:
        """Whether any line used a rate the user brought (a supplied rate, a user row)."""
        return any(line.uses_user_values for line in self.lines)

    def _totals(self, lang: Lang) -> str:
        interest = _text.money(self.total_interest, lang)
        indemnity = _text.money(self.total_indemnity, lang)
        total = _text.money(self.total, lang)
        return pick(
            f"Total de la réclamation : intérêts {interest} + indemnités {indemnity} = {total} "
            f"(non soumis à la TVA).",
            f"Claim total: interest {interest} + indemnities {indemnity} = {total} (not "
            f"subject to VAT).",
            lang,
        )

    def explain(self, *, lang: Lang = "fr") -> str:
        """Every line's explanation, then the totals."""
        lang = _text.check_lang(lang)
        return "\n".join([*(line.explain(lang=lang) for line in self.lines), self._totals(lang)])

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per request, for ``pandas.DataFrame(claim.to_records())``."""
        return [line._record() for line in self.lines]

    def headline(self, *, lang: Lang = "fr") -> str:
        """The regime, the number of requests and the total."""
        lang = _text.check_lang(lang)
        count, total = len(self.lines), _text.money(self.total, lang)
        plural = "s" if count > 1 else ""
        return pick(
            f"Réclamation pour retard de paiement ({regime_name(self.regime, 'fr')}) : "
            f"{count} demande{plural} de paiement, {total}",
            f"Late-payment claim ({regime_name(self.regime, 'en')}): {count} payment "
            f"request{plural}, {total}",
            lang,
        )

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """The totals, and a warning when a rate the user brought was used."""
        lang = _text.check_lang(lang)
        notes = [self._totals(lang)]
        if self.uses_user_values:
            notes.append(
                pick(
                    "Calculée avec des taux fournis par l'utilisateur : explain() dit lesquels.",
                    "Computed with rates supplied by the user: explain() says which.",
                    lang,
                )
            )
        return tuple(notes)


# --- the payment clause ---------------------------------------------------------------------------


def _check_delay(instance: PaymentTerms, _attribute: object, value: Any) -> None:
    if value is None:
        return
    delay = _validate.items("delay", (value,), Delay)[0]
    if delay.unit != "days":
        raise InvalidArgumentError(
            f"delay={delay!r} is counted in {delay.unit}; the payment delay is in calendar days, "
            f'e.g. Delay.parse("30 jours") (R2192-10)'
        )
    payment_delay_days(instance.buyer, delay.amount)


@attrs.frozen(kw_only=True)
class PaymentTerms:
    """The payment clause of a contract (§1.8): delay, interest regime, indemnity.

    Each field holds the law's figure or the template's reading (docs' contradictions page,
    C6); a method keyword of the same name overrides a field for one call (``None`` = the
    field). ``delay`` ``None`` is the statutory delay of ``buyer``; a contract may shorten it,
    never lengthen it (L2192-10). ``ecb_rates`` and ``legal_rates`` are the tables the rates are
    read from (``legal_rates`` ``None``: the bundled table of ``creditor``), e.g. the bundled ones
    merged with rows the user brought.

    >>> terms = PaymentTerms.comelus()
    >>> terms.due_date(dt.date(2025, 3, 3)), terms.rate(dt.date(2025, 4, 3))
    (datetime.date(2025, 4, 2), Decimal('11.15'))
    >>> terms.interest(Decimal("405.00"), dt.date(2025, 4, 2), dt.date(2025, 5, 12))
    Decimal('4.95')
    >>> terms.rate(dt.date(2025, 4, 3), regime="three_times_legal")
    Decimal('11.13')
    """

    buyer: Buyer = attrs.field(default="collectivite", validator=_validate.choice(Buyer))
    delay: Delay | None = attrs.field(default=None, validator=_check_delay)
    regime: Regime = attrs.field(default="public_procurement", validator=_validate.choice(Regime))
    indemnity: Decimal = attrs.field(
        default=RECOVERY_INDEMNITY, validator=_validate.check(_validate.money)
    )
    rate_period: RatePeriod = attrs.field(
        default="regime_default", validator=_validate.choice(RatePeriod)
    )
    day_count: DayCount = attrs.field(default="ACT/365F", validator=_validate.choice(DayCount))
    creditor: Creditor = attrs.field(default="other_cases", validator=_validate.choice(Creditor))
    ecb_rates: RateTable = attrs.field(default=ECB_MRO, validator=_validate.instance_of(RateTable))
    legal_rates: RateTable | None = attrs.field(
        default=None,
        validator=_validate.guard(
            attrs.validators.optional(attrs.validators.instance_of(RateTable))
        ),
    )

    def __attrs_post_init__(self) -> None:
        # A reading the regime forbids (R2192-31: one rate) is refused here, not at first use.
        interest_periods(_ANY_DAY, _ANY_DAY, regime=self.regime, rate_period=self.rate_period)

    @classmethod
    def comelus(cls) -> PaymentTerms:
        """ComElus 2024, §1.8: a collectivité, 30 days, CCP moratory interest, 40 €.

        The ``[payment]`` of the bundled ComElus 2024 contract file.
        """
        from libriciel_terms.comelus import COMELUS_2024

        return COMELUS_2024.payment

    @property
    def delay_days(self) -> int:
        """The days of the payment delay."""
        return payment_delay_days(self.buyer, None if self.delay is None else self.delay.amount)

    @property
    def legal_table(self) -> RateTable:
        """The legal-rate table read for ``"three_times_legal"``."""
        return legal_rates_for(self.creditor) if self.legal_rates is None else self.legal_rates

    def _for_call(self, **overrides: Any) -> PaymentTerms:
        changes = {key: value for key, value in overrides.items() if value is not None}
        return attrs.evolve(self, **changes) if changes else self

    def due(
        self,
        *,
        received_on: dt.date | None = None,
        invoice_dated: dt.date | None = None,
        service_done_on: dt.date | None = None,
        interruption: Interruption | None = None,
    ) -> DueDate:
        """The payment delay of a request (:func:`~libriciel_terms.payment.payment_due`)."""
        return payment_due(
            received_on=received_on,
            invoice_dated=invoice_dated,
            service_done_on=service_done_on,
            buyer=self.buyer,
            delay_days=self.delay_days,
            interruption=interruption,
        )

    def due_date(
        self, received_on: dt.date, *, interruption: Interruption | None = None
    ) -> dt.date:
        """The last day of the payment delay of a request received on ``received_on``."""
        day = _validate.day("received_on", received_on)
        return self.due(received_on=day, interruption=interruption).on

    def rate(self, interest_starts_on: dt.date, *, regime: Regime | None = None) -> Decimal:
        """The rate, in percent, for interest starting to run on ``interest_starts_on``."""
        terms = self._for_call(regime=regime)
        return applied_rate(
            terms.regime,
            interest_starts_on,
            ecb_rates=terms.ecb_rates,
            legal_rates=terms.legal_table,
        ).percent

    def interest(
        self,
        amount: Decimal,
        due_on: dt.date,
        paid_on: dt.date,
        *,
        base: AmountBase = "ttc",
        regime: Regime | None = None,
        rate_period: RatePeriod | None = None,
        day_count: DayCount | None = None,
        rate_percent: Decimal | None = None,
    ) -> Decimal:
        """Interest on ``amount`` TTC due on ``due_on`` and paid on ``paid_on``."""
        terms = self._for_call(regime=regime, rate_period=rate_period, day_count=day_count)
        return late_payment_interest(
            amount,
            due_on,
            paid_on,
            base=base,
            regime=terms.regime,
            rate_period=terms.rate_period,
            rate_percent=rate_percent,
            ecb_rates=terms.ecb_rates,
            legal_rates=terms.legal_table,
            day_count=terms.day_count,
        )

    def claim(
        self,
        requests: Sequence[PaymentRequest] | PaymentRequest,
        *,
        as_of: dt.date | None = None,
        regime: Regime | None = None,
        rate_period: RatePeriod | None = None,
        day_count: DayCount | None = None,
        rate_percent: Decimal | None = None,
    ) -> Claim:
        """The late-payment claim for ``requests`` (see :func:`late_payment_claim`)."""
        terms = self._for_call(regime=regime, rate_period=rate_period, day_count=day_count)
        single = isinstance(requests, PaymentRequest)
        items = _validate.items("invoices", (requests,) if single else requests, PaymentRequest)
        day = None if as_of is None else _validate.day("as_of", as_of)
        if rate_percent is not None:
            applied_rate(terms.regime, _ANY_DAY, rate_percent=rate_percent)
        lines = tuple(_line(request, day, terms, rate_percent) for request in items)
        return Claim(regime=terms.regime, as_of=day, lines=lines)


_ANY_DAY = dt.date(2000, 1, 1)


def _parts(request: PaymentRequest, as_of: dt.date | None) -> list[tuple[Decimal, dt.date, bool]]:
    parts = [(payment.amount, payment.paid_on, True) for payment in request.payments]
    unpaid = CONTEXT.subtract(request.base, _sum(amount for amount, _, _ in parts))
    if unpaid > 0:
        if as_of is None:
            raise InvalidArgumentError(
                f"invoice {request.reference!r} is not paid in full ({unpaid} outstanding) and "
                f"as_of=None; pass as_of=date(...) to compute the interest accrued up to that day"
            )
        parts.append((unpaid, as_of, False))
    for _amount, settled_on, _paid in parts:
        if as_of is not None and settled_on > as_of:
            raise EndBeforeStartError(
                f"invoice {request.reference!r} has a payment on {settled_on}, after "
                f"as_of={as_of}; pass an as_of on or after every payment"
            )
    return sorted(parts, key=lambda part: part[1])


def _line(
    request: PaymentRequest, as_of: dt.date | None, terms: PaymentTerms, rate: Decimal | None
) -> ClaimLine:
    due = None
    if request.due_on is None:
        due = terms.due(
            received_on=request.received_on,
            invoice_dated=request.invoice_dated,
            service_done_on=request.service_done_on,
            interruption=request.interruption,
        )
    due_on = request.due_on if due is None else due.on
    assert due_on is not None
    parts = tuple(
        ClaimPart(
            amount=amount,
            settled_on=settled_on,
            paid=paid,
            periods=interest_periods(
                due_on,
                settled_on,
                regime=terms.regime,
                rate_period=terms.rate_period,
                rate_percent=rate,
                ecb_rates=terms.ecb_rates,
                legal_rates=terms.legal_table,
                day_count=terms.day_count,
            ),
        )
        for amount, settled_on, paid in _parts(request, as_of)
    )
    exact = sum(
        (period.exact_interest(part.amount) for part in parts for period in part.periods),
        Fraction(0),
    )
    late = any(part.periods for part in parts)
    return ClaimLine(
        request=request,
        regime=terms.regime,
        due=due,
        parts=parts,
        interest=cents(exact),
        indemnity=terms.indemnity if late else Decimal("0.00"),
    )


def late_payment_claim(
    invoices: Sequence[PaymentRequest] | PaymentRequest,
    *,
    as_of: dt.date | None = None,
    regime: Regime = "public_procurement",
    buyer: Buyer = "collectivite",
    delay_days: int | None = None,
    rate_period: RatePeriod = "regime_default",
    rate_percent: Decimal | None = None,
    ecb_rates: RateTable | None = None,
    legal_rates: RateTable | None = None,
    day_count: DayCount = "ACT/365F",
    indemnity: Decimal = RECOVERY_INDEMNITY,
) -> Claim:
    """The late-payment claim for ``invoices``: per request, delay, lateness, interest, indemnity.

    Per request (contract §1.8): the delay start and due date (or the request's ``due_on``),
    with ``buyer``, ``delay_days`` and the request's interruption; each payment stops interest
    on the part it pays; a balance still unpaid accrues up to ``as_of`` included (required then;
    payments after it are refused). Interest is summed exactly over the parts and rounded once;
    the 40 € indemnity (``indemnity``) is due once per request with any part paid late
    (L2192-13, D2192-35). Other keywords as in
    :func:`~libriciel_terms.interest.late_payment_interest`; :class:`PaymentTerms` holds them
    for a contract.

    >>> claim = late_payment_claim(PaymentRequest(
    ...     reference="2025-Q2", amount=Decimal("405.00"), due_on=dt.date(2025, 7, 2),
    ...     payments=(Payment(paid_on=dt.date(2025, 9, 30), amount=Decimal("405.00")),)))
    >>> claim.lines[0].interest, claim.lines[0].delay_starts_on
    (Decimal('10.14'), None)
    """
    if delay_days is not None:
        payment_delay_days(buyer, delay_days)
    terms = PaymentTerms(
        buyer=buyer,
        delay=None if delay_days is None else Delay.days(delay_days),
        regime=regime,
        indemnity=indemnity,
        rate_period=rate_period,
        day_count=day_count,
        ecb_rates=ECB_MRO if ecb_rates is None else ecb_rates,
        legal_rates=legal_rates,
    )
    return terms.claim(invoices, as_of=as_of, rate_percent=rate_percent)
