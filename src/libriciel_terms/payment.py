"""The global payment delay and when it starts (contract §1.8; CCP R2192-10 to R2192-14).

Contract §1.8 refers to the code de la commande publique (CCP) for late payment; the délai
global de paiement that decides when a payment is late is set there:

- 30 days for the State and collectivités territoriales — this contract's buyer, a communauté
  d'agglomération (R2192-10) —, 50 for public health establishments, 60 for public undertakings
  (R2192-11); a contract may shorten it, never lengthen it (L2192-10);
- it runs from the receipt of the payment request (R2192-12); when the buyer did not record the
  receipt, from the date of the request + 2 days (R2192-14); when the service was done after the
  receipt, or the receipt is uncertain, from the service date (R2192-13);
- the day of receipt does not count, so the delay expires ``start + N days`` (CE 25 May 2016
  n° 388036): paid that day is on time;
- one interruption is allowed; a new delay of 30 days, or of the balance left if more, then runs
  from the receipt of all the missing items (R2192-27 to R2192-29).

>>> import datetime as dt
>>> payment_due_date(dt.date(2025, 3, 3))
datetime.date(2025, 4, 2)
>>> print(payment_due(received_on=dt.date(2025, 3, 3)).explain(lang="en"))
30-day payment delay (R2192-10) from receipt of the payment request on 2025-03-03 (R2192-12); expires on 2025-04-02

The failing case: a contract may not lengthen the statutory delay.

>>> payment_due_date(dt.date(2025, 3, 3), delay_days=45)
Traceback (most recent call last):
...
libriciel_terms.errors.OutOfRangeError: delay_days=45 exceeds the 30-day statutory delay for buyer='collectivite'; a contract may shorten the payment delay, never lengthen it (L2192-10): pass delay_days <= 30
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Literal

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._text import Lang, pick
from libriciel_terms.errors import (
    InvalidArgumentError,
    OutOfRangeError,
    UnknownKeyError,
    WrongTypeError,
)

__all__ = [
    "STATUTORY_DELAY_DAYS",
    "Buyer",
    "DelayStart",
    "DueDate",
    "Interruption",
    "StartRule",
    "delay_start",
    "payment_delay_days",
    "payment_due",
    "payment_due_date",
]

#: Who the buyer is, which fixes the statutory payment delay (R2192-10, R2192-11).
Buyer = Literal["collectivite", "state", "public_health", "public_undertaking"]
#: What the payment delay starts from: the receipt of the request (R2192-12), the request's date
#: + 2 days when the receipt was not recorded (R2192-14), the service date when the receipt is
#: uncertain (R2192-13), or the service date when it is later than the receipt (R2192-13).
StartRule = Literal["receipt", "invoice_date", "service", "service_after_receipt"]


class _StatutoryDelays(Mapping[str, int]):
    """Days of the statutory delay per kind of buyer; an unknown buyer is an UnknownKeyError."""

    def __init__(self, days: Mapping[str, int]) -> None:
        self._days = MappingProxyType(dict(days))

    def __getitem__(self, key: str) -> int:
        if isinstance(key, str) and key in self._days:
            return self._days[key]
        raise UnknownKeyError(
            f"buyer={key!r} is not one of {', '.join(map(repr, self._days))}; pass one of them"
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self._days)

    def __len__(self) -> int:
        return len(self._days)

    def __repr__(self) -> str:
        return f"STATUTORY_DELAY_DAYS({dict(self._days)!r})"


#: Statutory payment delay in days per kind of buyer (R2192-10, R2192-11).
STATUTORY_DELAY_DAYS: Mapping[str, int] = _StatutoryDelays(
    {"collectivite": 30, "state": 30, "public_health": 50, "public_undertaking": 60}
)


def _plus_days(name: str, day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise OutOfRangeError(
            f"{name}={day!r} + {days} days is beyond the dates Python can represent; "
            f"pass a realistic date"
        ) from None


@attrs.frozen(kw_only=True)
class Interruption:
    """The one interruption of the payment delay allowed by R2192-27 to R2192-29.

    ``notified_on``: the day the creditor received the notice asking for missing or erroneous
    items; ``completed_on``: the day the buyer received all of them. A new delay then opens on
    ``completed_on``: 30 days, or the balance left on ``notified_on`` if more (R2192-29).
    """

    notified_on: dt.date = attrs.field(validator=_validate.check(_validate.day))
    completed_on: dt.date = attrs.field(validator=_validate.check(_validate.day))

    def __attrs_post_init__(self) -> None:
        _validate.ordered("notified_on", self.notified_on, "completed_on", self.completed_on)


@attrs.frozen(kw_only=True)
class DelayStart:
    """The day the payment delay starts from, and the rule that says so (R2192-12 to R2192-14).

    >>> start = DelayStart.of(invoice_dated=dt.date(2025, 2, 28))
    >>> start.on, start.rule
    (datetime.date(2025, 3, 2), 'invoice_date')
    >>> print(start.explain())
    la date de la demande de paiement (2025-02-28) + 2 jours, sa réception n'ayant pas été constatée (R2192-14) : 2025-03-02
    """

    on: dt.date = attrs.field(validator=_validate.check(_validate.day))
    rule: StartRule = attrs.field(validator=_validate.choice(StartRule))
    recorded: dt.date = attrs.field(validator=_validate.check(_validate.day))

    @classmethod
    def of(
        cls,
        *,
        received_on: dt.date | None = None,
        invoice_dated: dt.date | None = None,
        service_done_on: dt.date | None = None,
    ) -> DelayStart:
        """The start from the dates known (see :func:`delay_start`)."""
        if received_on is not None:
            day = _validate.day("received_on", received_on)
            start = cls(on=day, rule="receipt", recorded=day)
        elif invoice_dated is not None:
            dated = _validate.day("invoice_dated", invoice_dated)
            later = _plus_days("invoice_dated", dated, 2)
            start = cls(on=later, rule="invoice_date", recorded=dated)
        elif service_done_on is not None:
            done = _validate.day("service_done_on", service_done_on)
            return cls(on=done, rule="service", recorded=done)
        else:
            raise InvalidArgumentError(
                "received_on, invoice_dated and service_done_on are all None; pass the day the "
                "buyer received the payment request (received_on=date(...)), or the invoice date "
                "when receipt was not recorded, or the service date when receipt is uncertain"
            )
        if service_done_on is not None:
            done = _validate.day("service_done_on", service_done_on)
            if done > start.on:
                return cls(on=done, rule="service_after_receipt", recorded=start.on)
        return start

    def explain(self, *, lang: Lang = "fr") -> str:
        """Which event the delay starts from, citing the article."""
        lang = _text.check_lang(lang)
        on, recorded = self.on.isoformat(), self.recorded.isoformat()
        texts = {
            "receipt": (
                f"la réception de la demande de paiement le {on} (R2192-12)",
                f"receipt of the payment request on {on} (R2192-12)",
            ),
            "invoice_date": (
                f"la date de la demande de paiement ({recorded}) + 2 jours, sa réception n'ayant "
                f"pas été constatée (R2192-14) : {on}",
                f"receipt not recorded: invoice date {recorded} + 2 days = {on} (R2192-14)",
            ),
            "service": (
                f"la date du service fait, le {on}, la réception étant incertaine (R2192-13)",
                f"receipt uncertain: service performed on {on} (R2192-13)",
            ),
            "service_after_receipt": (
                f"la date du service fait, le {on}, postérieure à la réception (R2192-13)",
                f"service performed on {on}, after receipt (R2192-13)",
            ),
        }
        return pick(*texts[self.rule], lang)


def delay_start(
    *,
    received_on: dt.date | None = None,
    invoice_dated: dt.date | None = None,
    service_done_on: dt.date | None = None,
) -> dt.date:
    """The day the payment delay starts from (R2192-12 to R2192-14).

    The receipt of the payment request (R2192-12); when the buyer did not record it, the date
    of the request + 2 days (R2192-14); when that date is earlier than the service, or
    uncertain (pass only ``service_done_on``), the service date (R2192-13).

    >>> delay_start(received_on=dt.date(2025, 3, 3))
    datetime.date(2025, 3, 3)
    >>> delay_start(invoice_dated=dt.date(2025, 2, 28))
    datetime.date(2025, 3, 2)
    >>> delay_start(received_on=dt.date(2025, 3, 3), service_done_on=dt.date(2025, 3, 10))
    datetime.date(2025, 3, 10)
    """
    return DelayStart.of(
        received_on=received_on, invoice_dated=invoice_dated, service_done_on=service_done_on
    ).on


def _statutory(buyer: object) -> tuple[Buyer, int]:
    kind: Buyer = _validate.one_of("buyer", buyer, _validate.literal_values(Buyer))
    return kind, STATUTORY_DELAY_DAYS[kind]


def payment_delay_days(buyer: Buyer = "collectivite", delay_days: int | None = None) -> int:
    """The days of the payment delay: the statutory delay, or a shorter contractual one.

    >>> payment_delay_days("public_health"), payment_delay_days("collectivite", 20)
    (50, 20)
    """
    kind, statutory = _statutory(buyer)
    if delay_days is None:
        return statutory
    days = _validate.integer("delay_days", delay_days, minimum=1)
    if days > statutory:
        raise OutOfRangeError(
            f"delay_days={days} exceeds the {statutory}-day statutory delay for "
            f"buyer={kind!r}; a contract may shorten the payment delay, never lengthen it "
            f"(L2192-10): pass delay_days <= {statutory}"
        )
    return days


def _check_interruption(value: object) -> Interruption | None:
    if value is not None and not isinstance(value, Interruption):
        raise WrongTypeError(f"interruption={value!r} is not an Interruption")
    return value


@attrs.frozen(kw_only=True)
class DueDate:
    """The last day of the payment delay: its start, its length, an interruption (§1.8).

    Built by :func:`payment_due`; :attr:`on` is the day itself.
    """

    start: DelayStart = attrs.field(validator=_validate.instance_of(DelayStart))
    buyer: Buyer = attrs.field(validator=_validate.choice(Buyer))
    days: int = attrs.field(validator=_validate.check(_validate.integer, minimum=1))
    interruption: Interruption | None = attrs.field(
        default=None,
        validator=_validate.guard(
            attrs.validators.optional(attrs.validators.instance_of(Interruption))
        ),
    )
    on: dt.date = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "on", self._last_day())

    def _expiry(self) -> dt.date:
        return _plus_days("received_on", self.start.on, self.days)

    def _last_day(self) -> dt.date:
        expiry = self._expiry()
        if self.interruption is None:
            return expiry
        notified = self.interruption.notified_on
        _validate.ordered("received_on", self.start.on, "interruption.notified_on", notified)
        if notified > expiry:
            raise OutOfRangeError(
                f"interruption.notified_on={notified!r} is after the delay expired on {expiry}; "
                f"an interruption must be notified while the delay runs (R2192-27)"
            )
        completed = self.interruption.completed_on
        return _plus_days("interruption.completed_on", completed, self._new_days(expiry))

    def _new_days(self, expiry: dt.date) -> int:
        assert self.interruption is not None
        return max(30, (expiry - self.interruption.notified_on).days)

    @property
    def statutory_days(self) -> int:
        """The statutory delay for :attr:`buyer` (R2192-10, R2192-11)."""
        return STATUTORY_DELAY_DAYS[self.buyer]

    def delay_text(self, *, lang: Lang = "fr") -> str:
        """« délai global de paiement de 30 jours (R2192-10) »."""
        lang = _text.check_lang(lang)
        article = "R2192-10" if self.statutory_days == 30 else "R2192-11"
        if self.days == self.statutory_days:
            return pick(
                f"délai global de paiement de {self.days} jours ({article})",
                f"{self.days}-day payment delay ({article})",
                lang,
            )
        return pick(
            f"délai contractuel de paiement de {self.days} jours (plus court que celui de "
            f"l'article {article}, L2192-10)",
            f"contractual {self.days}-day payment delay (shorter than {article}, L2192-10)",
            lang,
        )

    def explain(self, *, lang: Lang = "fr") -> str:
        """The delay, from what it starts and when it expires."""
        lang = _text.check_lang(lang)
        head = f"{self.delay_text(lang=lang)} {pick('à compter de', 'from', lang)} "
        head += self.start.explain(lang=lang)
        if self.interruption is None:
            return head + pick(f" ; il expire le {self.on}", f"; expires on {self.on}", lang)
        expiry = self._expiry()
        left, new = (expiry - self.interruption.notified_on).days, self._new_days(expiry)
        notified, completed = self.interruption.notified_on, self.interruption.completed_on
        return head + pick(
            f" ; interrompu le {notified} avec {left} jours restants ; un nouveau délai de "
            f"{new} jours à compter de la réception de toutes les pièces le {completed} "
            f"(R2192-27 à R2192-29) expire le {self.on}",
            f"; interrupted on {notified} with {left} days left; a new {new}-day delay from "
            f"the receipt of all items on {completed} (R2192-27 to R2192-29) expires on {self.on}",
            lang,
        )


def payment_due(
    *,
    received_on: dt.date | None = None,
    invoice_dated: dt.date | None = None,
    service_done_on: dt.date | None = None,
    buyer: Buyer = "collectivite",
    delay_days: int | None = None,
    interruption: Interruption | None = None,
) -> DueDate:
    """The payment delay of a request: its start (:class:`DelayStart`), length and last day.

    >>> due = payment_due(received_on=dt.date(2025, 3, 3), service_done_on=dt.date(2025, 3, 10))
    >>> due.start.rule, due.on
    ('service_after_receipt', datetime.date(2025, 4, 9))
    """
    start = DelayStart.of(
        received_on=received_on, invoice_dated=invoice_dated, service_done_on=service_done_on
    )
    kind, _ = _statutory(buyer)
    return DueDate(
        start=start,
        buyer=kind,
        days=payment_delay_days(kind, delay_days),
        interruption=_check_interruption(interruption),
    )


def payment_due_date(
    received_on: dt.date,
    *,
    buyer: Buyer = "collectivite",
    delay_days: int | None = None,
    interruption: Interruption | None = None,
) -> dt.date:
    """The last day of the payment delay (*délai global*) that starts on ``received_on``.

    ``start + N days``, the day of receipt not counted (CE 25 May 2016 n° 388036): paid on
    that day is on time; interest runs from the next day (L2192-13; contract §1.8). ``N`` is
    30 for a collectivité — the default, the law's figure for this contract's kind of buyer —
    or the State (R2192-10), 50 for ``buyer="public_health"``, 60 for
    ``buyer="public_undertaking"`` (R2192-11), or a shorter contractual ``delay_days``
    (L2192-10). Use :func:`payment_due` when the start is not the recorded receipt. An
    ``interruption`` opens a new delay (R2192-29).

    >>> payment_due_date(dt.date(2025, 3, 3))
    datetime.date(2025, 4, 2)
    >>> payment_due_date(
    ...     dt.date(2025, 3, 3),
    ...     interruption=Interruption(notified_on=dt.date(2025, 3, 20), completed_on=dt.date(2025, 4, 1)),
    ... )
    datetime.date(2025, 5, 1)
    """
    day = _validate.day("received_on", received_on)
    return payment_due(
        received_on=day, buyer=buyer, delay_days=delay_days, interruption=interruption
    ).on
