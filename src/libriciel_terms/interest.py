"""Late payment: payment delay, moratory interest, recovery indemnity (contract §1.8).

Contract §1.8 grants, for any late payment, "de plein droit" the 40 € recovery indemnity and
*either* "intérêts de retard égaux à 3 fois le taux d'intérêt légal" *or* moratory interest at
the ECB main refinancing rate "majoré de huit points", "selon les modalités définies à
l'Article L2192-12, L2192-13 et L2192-14 … détaillés par les articles R2192-31 à R2192-36 du code
de la commande publique" (RULES.md §5, contradiction C6). Each reading is a named
:data:`Regime`; the default is ``"public_procurement"``, because for a public buyer the code de
la commande publique (CCP) fixes the rate by regulation (L2192-13, R2192-31) and any waiver of
moratory interest is void (L2192-14). It is *not* always the higher rate: 3 × the legal rate
was higher for interest starting in 2023-S2, 2024-S1 and 2024-S2 (12.66, 15.21 and 14.76 %
against 12.00, 12.50 and 12.25 %), lower in every other half-year of the bundled tables.

The rules of the default regime (reference note ``late-payment.md`` §0):

- **Payment delay** (*délai global*): 30 days for the State and collectivités territoriales —
  this buyer, a communauté d'agglomération (R2192-10) —, 50 for public health establishments,
  60 for public undertakings (R2192-11); a contract may shorten it, never lengthen it
  (L2192-10). It runs from the receipt of the payment request (R2192-12); the day of receipt
  does not count, so the delay expires ``start + N days`` (CE 25 May 2016 n° 388036).
- **Interest** runs from the day after the delay expires to the date of *mise en paiement*
  of the principal, included (L2192-13; décret 2013-269 art. 8 I), at the ECB main
  refinancing rate in force on the first day of the half-year in which it started to run, plus
  8 points — one rate for the whole delay (R2192-31); on the amount TTC less any retenue de
  garantie; simple interest, actual days / 365 (``day_count="ACT/365F"``; ``"ACT/ACT"`` counts
  each day of a leap year as 1/366); rounded once, to the cent, half up.
- **Recovery indemnity**: 40 € per invoice paid late, from the first day late (L2192-13,
  D2192-35); neither it nor the interest is subject to VAT. Both are paid within 45 days of the
  *mise en paiement* of the principal (R2192-36).

A ComElus quarterly invoice of 405.00 € TTC received on 3 March 2025 and paid on 12 May 2025:

>>> from datetime import date
>>> from decimal import Decimal
>>> due = payment_due_date(date(2025, 3, 3))
>>> due, moratory_rate(due + timedelta(days=1))
(datetime.date(2025, 4, 2), Decimal('11.15'))
>>> moratory_interest(Decimal("405.00"), due, date(2025, 5, 12))    # 405 × 11.15 % × 40 / 365
Decimal('4.95')
>>> RECOVERY_INDEMNITY
Decimal('40.00')

A half-year whose rate is not in the bundled tables is refused, never guessed:

>>> moratory_rate(date(2026, 7, 15))
Traceback (most recent call last):
...
libriciel_terms.errors.RateNotInTableError: moratory rate for interest starting on 2026-07-15: the ECB main refinancing rate in force on 2026-07-01 is not in the table, which covers 2007-06-13 to 2026-02-05 (checked as of 2026-02-05); ...
>>> moratory_rate(date(2026, 7, 15), ecb_rates=ECB_MRO.extended(known_through=date(2026, 7, 1)))
Decimal('10.15')
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal, get_args

import attrs

from libriciel_terms import _validate
from libriciel_terms._exact import CONTEXT
from libriciel_terms._exact import cents as _cents
from libriciel_terms._records import html_table, table_repr
from libriciel_terms.data import rates as _data
from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    OutOfRangeError,
    RateNotInTableError,
    WrongTypeError,
)

__all__ = [
    "COMMERCIAL_MARGIN_POINTS",
    "ECB_MRO",
    "INTEREST_PAYMENT_DAYS",
    "LEGAL_RATE_INDIVIDUALS",
    "LEGAL_RATE_MULTIPLIER",
    "LEGAL_RATE_OTHER_CASES",
    "PUBLIC_PROCUREMENT_MARGIN_POINTS",
    "RATES_AS_OF",
    "RECOVERY_INDEMNITY",
    "STATUTORY_DELAY_DAYS",
    "Buyer",
    "Claim",
    "ClaimLine",
    "DayCount",
    "InterestPeriod",
    "Interruption",
    "Payment",
    "PaymentRequest",
    "RatePeriod",
    "RateRow",
    "RateTable",
    "Regime",
    "commercial_rate",
    "delay_start",
    "half_year_start",
    "interest_periods",
    "late_payment_claim",
    "late_payment_interest",
    "moratory_interest",
    "moratory_rate",
    "payment_due_date",
    "three_times_legal_rate",
]

#: The flat recovery indemnity per invoice paid late (L2192-13, D2192-35; contract §1.8).
RECOVERY_INDEMNITY = Decimal("40.00")

#: Points added to the ECB rate for public-procurement moratory interest (R2192-31).
PUBLIC_PROCUREMENT_MARGIN_POINTS = Decimal("8")

#: Points added to the ECB rate by the commercial code's default (L441-10 II).
COMMERCIAL_MARGIN_POINTS = Decimal("10")

#: The contract's other option: "3 fois le taux d'intérêt légal" (contract §1.8; L441-10 II).
LEGAL_RATE_MULTIPLIER = 3

#: Days after the *mise en paiement* of the principal to pay the interest and indemnity
#: (R2192-36).
INTEREST_PAYMENT_DAYS = 45

#: The date the bundled rate tables were last checked against their sources.
RATES_AS_OF: dt.date = _data.AS_OF

#: Who the buyer is, which fixes the statutory payment delay (R2192-10, R2192-11).
Buyer = Literal["collectivite", "state", "public_health", "public_undertaking"]

#: Statutory payment delay in days per kind of buyer (R2192-10, R2192-11).
STATUTORY_DELAY_DAYS: Mapping[str, int] = MappingProxyType(
    {"collectivite": 30, "state": 30, "public_health": 50, "public_undertaking": 60}
)

#: Which rule fixes the rate: the CCP's moratory interest (ECB + 8 points, default), the
#: contract's "3 fois le taux d'intérêt légal", or the commercial code's default for private
#: buyers (ECB + 10 points, L441-10 II).
Regime = Literal["public_procurement", "three_times_legal", "commercial_code"]

#: One rate fixed when interest starts to run, or the rate of each half-year of accrual.
#: ``"regime_default"``: ``"fixed_at_start"`` for ``public_procurement`` (R2192-31, the only
#: reading it allows), ``"per_half_year"`` for the two others (L441-10 II: the rate "applicable
#: pendant" each half-year).
RatePeriod = Literal["regime_default", "per_half_year", "fixed_at_start"]

#: ``"ACT/365F"``: actual days / 365, also in leap years (the practice of every source read);
#: ``"ACT/ACT"``: each day counts 1/366 of a year in a leap year, 1/365 otherwise.
DayCount = Literal["ACT/365F", "ACT/ACT"]

_REGIME_NAMES = {
    "public_procurement": "moratory interest of the code de la commande publique",
    "three_times_legal": "3 × the legal interest rate",
    "commercial_code": "commercial-code default rate",
}

_PUBLIC_ARTICLES = (
    "Contract §1.8; CCP L2192-12, L2192-13, L2192-14, R2192-31 to R2192-36; "
    "décret 2013-269 art. 8 I"
)
_REGIME_ARTICLES = {
    "public_procurement": _PUBLIC_ARTICLES,
    "three_times_legal": "Contract §1.8; Code de commerce L441-10 II; CMF L313-2",
    "commercial_code": "Code de commerce L441-10 II, D441-5",
}


# --- validation helpers -----------------------------------------------------------------------


def _text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise WrongTypeError(f"{name}={value!r} is a {type(value).__name__}, not a str")
    return value


def _plus_days(name: str, day: dt.date, days: int) -> dt.date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise OutOfRangeError(
            f"{name}={day!r} + {days} days is beyond the dates Python can represent; "
            f"pass a realistic date"
        ) from None


def half_year_start(day: dt.date) -> dt.date:
    """The first day (1 January or 1 July) of the half-year containing ``day`` (R2192-31).

    >>> half_year_start(dt.date(2025, 6, 30)), half_year_start(dt.date(2025, 7, 1))
    (datetime.date(2025, 1, 1), datetime.date(2025, 7, 1))
    """
    _validate.day("day", day)
    return dt.date(day.year, 1 if day.month <= 6 else 7, 1)


def _half_year_label(day: dt.date) -> str:
    return f"{day.year}-S{1 if day.month <= 6 else 2}"


# --- rate tables -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RateRow:
    """One row of a rate table: a rate in percent in force from ``starts_on``, with its source."""

    starts_on: dt.date = attrs.field(validator=_validate.attrs_check(_validate.day))
    rate_percent: Decimal = attrs.field(
        validator=_validate.attrs_check(_validate.decimal, what="rate", minimum=Decimal(0))
    )
    source: str = attrs.field(validator=_validate.attrs_check(_text))


def _row_tuple(value: object) -> tuple[RateRow, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongTypeError(f"rows={value!r} is not an iterable of RateRow")
    rows = tuple(value)
    for index, row in enumerate(rows):
        if not isinstance(row, RateRow):
            raise WrongTypeError(f"rows[{index}]={row!r} is not a RateRow")
    return rows


@attrs.frozen(kw_only=True)
class RateTable:
    """A rate as a step function of the date: each row holds until the next one starts.

    ``known_through`` is the last day for which the table is known to be complete; a date
    after it (or before the first row) is a :class:`~libriciel_terms.errors.RateNotInTableError`,
    never a guess. The bundled tables are :data:`ECB_MRO`, :data:`LEGAL_RATE_OTHER_CASES` and
    :data:`LEGAL_RATE_INDIVIDUALS`; :meth:`extended` adds rows a caller knows.

    >>> ECB_MRO.row_in_force(dt.date(2025, 1, 1)).rate_percent
    Decimal('3.15')
    >>> ECB_MRO.row_in_force(dt.date(2025, 1, 1)).starts_on
    datetime.date(2024, 12, 18)
    """

    name: str = attrs.field(validator=_validate.attrs_check(_text))
    rows: tuple[RateRow, ...] = attrs.field(converter=_row_tuple)
    known_through: dt.date = attrs.field(validator=_validate.attrs_check(_validate.day))
    as_of: dt.date | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_validate.attrs_check(_validate.day)),
    )

    @rows.validator
    def _check_rows(self, _attribute: Any, rows: tuple[RateRow, ...]) -> None:
        if not rows:
            raise InvalidArgumentError("rows=() is empty; a rate table needs at least one row")
        for before, after in itertools.pairwise(rows):
            if after.starts_on <= before.starts_on:
                raise InvalidArgumentError(
                    f"rows are not in strictly increasing order of starts_on: "
                    f"{after.starts_on} follows {before.starts_on}; sort them, one row per date"
                )

    def __attrs_post_init__(self) -> None:
        if self.known_through < self.rows[-1].starts_on:
            raise EndBeforeStartError(
                f"known_through={self.known_through!r} is before the last row's starts_on="
                f"{self.rows[-1].starts_on!r}; pass the last day the table is known to be complete"
            )

    def row_in_force(self, day: dt.date) -> RateRow:
        """The row in force on ``day``: the last one starting on or before it."""
        _validate.day("day", day)
        checked = f" (checked as of {self.as_of})" if self.as_of is not None else ""
        if not self.rows[0].starts_on <= day <= self.known_through:
            raise RateNotInTableError(
                f"the {self.name} in force on {day} is not in the table, which covers "
                f"{self.rows[0].starts_on} to {self.known_through}{checked}"
            )
        low, high = 0, len(self.rows)
        while high - low > 1:  # the last row with starts_on <= day
            middle = (low + high) // 2
            if self.rows[middle].starts_on <= day:
                low = middle
            else:
                high = middle
        return self.rows[low]

    def extended(
        self,
        rows: Iterable[RateRow | tuple[dt.date, Decimal | str]] = (),
        *,
        known_through: dt.date,
        source: str = "supplied by the caller",
    ) -> RateTable:
        """A copy with later rows added and ``known_through`` moved forward.

        New rows must start after the current ``known_through`` (the table is complete up to
        it); ``(date, rate)`` pairs get ``source``.

        >>> later = ECB_MRO.extended(
        ...     [(dt.date(2026, 3, 18), Decimal("2.00"))], known_through=dt.date(2026, 7, 1)
        ... )
        >>> later.row_in_force(dt.date(2026, 7, 1))
        RateRow(starts_on=datetime.date(2026, 3, 18), rate_percent=Decimal('2.00'), source='supplied by the caller')
        """
        _validate.day("known_through", known_through)
        _text("source", source)
        _validate.ordered("self.known_through", self.known_through, "known_through", known_through)
        if isinstance(rows, (str, bytes)) or not isinstance(rows, Iterable):
            raise WrongTypeError(f"rows={rows!r} is not an iterable of RateRow or (date, rate)")
        added: list[RateRow] = []
        for index, item in enumerate(rows):
            if isinstance(item, RateRow):
                row = item
            elif isinstance(item, tuple) and len(item) == 2:
                rate = _validate.decimal(
                    f"rows[{index}][1]", item[1], what="rate", accept=(str,), minimum=Decimal(0)
                )
                row = RateRow(starts_on=item[0], rate_percent=rate, source=source)
            else:
                raise WrongTypeError(f"rows[{index}]={item!r} is not a RateRow or (date, rate)")
            if row.starts_on <= self.known_through:
                raise InvalidArgumentError(
                    f"rows[{index}] starts on {row.starts_on}, not after known_through="
                    f"{self.known_through} of {self.name!r}, which is complete up to that day"
                )
            added.append(row)
        return RateTable(
            name=self.name,
            rows=(*self.rows, *added),
            known_through=known_through,
            as_of=self.as_of,
        )


#: The ECB main refinancing operations rate (% a year), one row per change, bundled.
ECB_MRO = RateTable(
    name="ECB main refinancing rate",
    rows=tuple(
        RateRow(starts_on=day, rate_percent=rate, source=source)
        for day, rate, source in _data.ECB_MRO_ROWS
    ),
    known_through=_data.ECB_MRO_KNOWN_THROUGH,
    as_of=_data.AS_OF,
)

#: The French legal interest rate "dans tous les autres cas" (CMF L313-2) — the one for a
#: company creditor such as Libriciel SCOP —, per half-year from 2015, bundled.
LEGAL_RATE_OTHER_CASES = RateTable(
    name="legal interest rate (all other cases)",
    rows=tuple(
        RateRow(starts_on=day, rate_percent=others, source=source)
        for day, _individuals, others, source in _data.LEGAL_RATE_ROWS
    ),
    known_through=_data.LEGAL_RATE_KNOWN_THROUGH,
    as_of=_data.AS_OF,
)

#: The legal interest rate for a creditor who is an individual not acting for professional
#: needs (CMF L313-2), per half-year from 2015, bundled.
LEGAL_RATE_INDIVIDUALS = RateTable(
    name="legal interest rate (individuals)",
    rows=tuple(
        RateRow(starts_on=day, rate_percent=individuals, source=source)
        for day, individuals, _others, source in _data.LEGAL_RATE_ROWS
    ),
    known_through=_data.LEGAL_RATE_KNOWN_THROUGH,
    as_of=_data.AS_OF,
)


def _table(name: str, value: object, default: RateTable) -> RateTable:
    if value is None:
        return default
    if not isinstance(value, RateTable):
        raise WrongTypeError(f"{name}={value!r} is not a RateTable; pass e.g. {default.name!r}")
    return value


_ECB_FIX = (
    "pass rate_percent=Decimal(...) (the annual rate to apply, in percent) where the function "
    "takes it, or ecb_rates=ECB_MRO.extended([(date_of_effect, Decimal(mro))], "
    "known_through=date(...)) once the ECB's decisions up to that date are known"
)
_LEGAL_FIX = (
    "pass rate_percent=Decimal(...) (the annual rate to apply, in percent) where the function "
    "takes it, or legal_rates=LEGAL_RATE_OTHER_CASES.extended([(date(year, 1 or 7, 1), "
    "Decimal(rate))], known_through=date(...)) from the arrêté fixing that half-year's rate"
)


def _lookup(table: RateTable, day: dt.date, what: str, fix: str) -> RateRow:
    try:
        return table.row_in_force(day)
    except RateNotInTableError as error:
        raise RateNotInTableError(f"{what}: {error}; {fix}") from None


@attrs.frozen(kw_only=True)
class _Rate:
    percent: Decimal
    rule: str
    row: RateRow | None


def _public_rate(first_day: dt.date, ecb: RateTable, margin: Decimal, what: str) -> _Rate:
    start = half_year_start(first_day)
    row = _lookup(ecb, start, f"{what} for interest starting on {first_day}", _ECB_FIX)
    percent = CONTEXT.add(row.rate_percent, margin)
    rule = (
        f"ECB main refinancing rate {row.rate_percent} % (from {row.starts_on}, in force on "
        f"{start}) + {margin} points = {percent} %"
    )
    return _Rate(percent=percent, rule=rule, row=row)


def _legal_rate(day: dt.date, legal: RateTable, what: str) -> _Rate:
    start = half_year_start(day)
    row = _lookup(legal, start, f"{what} for {_half_year_label(day)}", _LEGAL_FIX)
    percent = CONTEXT.multiply(Decimal(LEGAL_RATE_MULTIPLIER), row.rate_percent)
    rule = (
        f"{LEGAL_RATE_MULTIPLIER} × {legal.name} {row.rate_percent} % "
        f"({_half_year_label(day)}) = {percent} %"
    )
    return _Rate(percent=percent, rule=rule, row=row)


def moratory_rate(interest_starts_on: dt.date, *, ecb_rates: RateTable | None = None) -> Decimal:
    """The CCP moratory rate, in percent, for interest starting to run on ``interest_starts_on``.

    The ECB main refinancing rate in force on the first day of that half-year, plus 8 points
    (R2192-31; contract §1.8). It applies to the whole delay, even across half-years.

    >>> moratory_rate(dt.date(2024, 7, 1)), moratory_rate(dt.date(2025, 6, 30))
    (Decimal('12.25'), Decimal('11.15'))
    """
    _validate.day("interest_starts_on", interest_starts_on)
    table = _table("ecb_rates", ecb_rates, ECB_MRO)
    return _public_rate(
        interest_starts_on, table, PUBLIC_PROCUREMENT_MARGIN_POINTS, "moratory rate"
    ).percent


def commercial_rate(on: dt.date, *, ecb_rates: RateTable | None = None) -> Decimal:
    """The commercial code's default late-payment rate, in percent, for the half-year of ``on``.

    The ECB rate in force on 1 January (first half-year) or 1 July (second), plus 10 points
    (Code de commerce L441-10 II) — the rule for a private buyer, not this contract's default.

    >>> commercial_rate(dt.date(2024, 9, 1))
    Decimal('14.25')
    """
    _validate.day("on", on)
    table = _table("ecb_rates", ecb_rates, ECB_MRO)
    return _public_rate(on, table, COMMERCIAL_MARGIN_POINTS, "commercial-code rate").percent


def three_times_legal_rate(on: dt.date, *, legal_rates: RateTable | None = None) -> Decimal:
    """3 × the legal interest rate of the half-year of ``on``, in percent (contract §1.8).

    The legal rate is "all other cases" by default — the creditor, Libriciel SCOP, is a
    company (CMF L313-2: the category follows the creditor); pass
    ``legal_rates=LEGAL_RATE_INDIVIDUALS`` for a creditor who is a private individual.

    >>> three_times_legal_rate(dt.date(2024, 9, 1))
    Decimal('14.76')
    """
    _validate.day("on", on)
    table = _table("legal_rates", legal_rates, LEGAL_RATE_OTHER_CASES)
    return _legal_rate(on, table, "3 × legal rate").percent


# --- the payment delay -------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Interruption:
    """The one interruption of the payment delay allowed by R2192-27 to R2192-29.

    ``notified_on``: the day the creditor received the notice asking for missing or erroneous
    items; ``completed_on``: the day the buyer received all of them. A new delay then opens on
    ``completed_on``: 30 days, or the balance left on ``notified_on`` if more (R2192-29).
    """

    notified_on: dt.date = attrs.field(validator=_validate.attrs_check(_validate.day))
    completed_on: dt.date = attrs.field(validator=_validate.attrs_check(_validate.day))

    def __attrs_post_init__(self) -> None:
        _validate.ordered("notified_on", self.notified_on, "completed_on", self.completed_on)


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
    return _delay_start(received_on, invoice_dated, service_done_on)[0]


def _delay_start(
    received_on: object, invoice_dated: object, service_done_on: object
) -> tuple[dt.date, str]:
    if received_on is not None:
        start = _validate.day("received_on", received_on)
        reason = f"receipt of the payment request on {start} (R2192-12)"
    elif invoice_dated is not None:
        dated = _validate.day("invoice_dated", invoice_dated)
        start = _plus_days("invoice_dated", dated, 2)
        reason = f"receipt not recorded: invoice date {dated} + 2 days = {start} (R2192-14)"
    elif service_done_on is not None:
        start = _validate.day("service_done_on", service_done_on)
        return start, f"receipt uncertain: service performed on {start} (R2192-13)"
    else:
        raise InvalidArgumentError(
            "received_on, invoice_dated and service_done_on are all None; pass the day the "
            "buyer received the payment request (received_on=date(...)), or the invoice date "
            "when receipt was not recorded, or the service date when receipt is uncertain"
        )
    if service_done_on is not None:
        done = _validate.day("service_done_on", service_done_on)
        if done > start:
            return done, f"service performed on {done}, after receipt (R2192-13)"
    return start, reason


def _delay_days(buyer: object, delay_days: object) -> tuple[int, str]:
    kind = _validate.one_of("buyer", buyer, get_args(Buyer))
    statutory = STATUTORY_DELAY_DAYS[kind]
    article = "R2192-10" if statutory == 30 else "R2192-11"
    if delay_days is None:
        return statutory, f"{statutory}-day payment delay ({article})"
    days = _validate.integer("delay_days", delay_days, minimum=1)
    if days > statutory:
        raise OutOfRangeError(
            f"delay_days={days} exceeds the {statutory}-day statutory delay for "
            f"buyer={kind!r}; a contract may shorten the payment delay, never lengthen it "
            f"(L2192-10): pass delay_days <= {statutory}"
        )
    return days, f"contractual {days}-day payment delay (shorter than {article}, L2192-10)"


def _due_date(start: dt.date, days: int, interruption: object) -> tuple[dt.date, str]:
    expiry = _plus_days("received_on", start, days)
    if interruption is None:
        return expiry, f"expires on {expiry}"
    if not isinstance(interruption, Interruption):
        raise WrongTypeError(f"interruption={interruption!r} is not an Interruption")
    _validate.ordered("received_on", start, "interruption.notified_on", interruption.notified_on)
    if interruption.notified_on > expiry:
        raise OutOfRangeError(
            f"interruption.notified_on={interruption.notified_on!r} is after the delay expired "
            f"on {expiry}; an interruption must be notified while the delay runs (R2192-27)"
        )
    balance = (expiry - interruption.notified_on).days
    new_days = max(30, balance)
    due = _plus_days("interruption.completed_on", interruption.completed_on, new_days)
    return due, (
        f"interrupted on {interruption.notified_on} with {balance} days left; a new "
        f"{new_days}-day delay from the receipt of all items on {interruption.completed_on} "
        f"(R2192-27 to R2192-29) expires on {due}"
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
    30 for a collectivité — the default, this contract's buyer — or the State (R2192-10), 50 for
    ``buyer="public_health"``, 60 for ``buyer="public_undertaking"`` (R2192-11), or a shorter
    contractual ``delay_days`` (L2192-10). Use :func:`delay_start` when the start is not the
    recorded receipt. An ``interruption`` opens a new delay (R2192-29).

    >>> payment_due_date(dt.date(2025, 3, 3))
    datetime.date(2025, 4, 2)
    >>> payment_due_date(
    ...     dt.date(2025, 3, 3),
    ...     interruption=Interruption(notified_on=dt.date(2025, 3, 20), completed_on=dt.date(2025, 4, 1)),
    ... )
    datetime.date(2025, 5, 1)
    """
    start = _validate.day("received_on", received_on)
    days, _ = _delay_days(buyer, delay_days)
    return _due_date(start, days, interruption)[0]


# --- interest ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class InterestPeriod:
    """Consecutive days of accrual at one rate: ``first_day`` to ``last_day`` included.

    ``year_fraction`` is ``days / 365`` (ACT/365F) or the sum of each day's 1/365 or 1/366
    (ACT/ACT); the interest of an amount over the period is
    ``amount × rate_percent / 100 × year_fraction``, exactly.
    """

    first_day: dt.date
    last_day: dt.date
    days: int
    year_fraction: Fraction
    rate_percent: Decimal
    rate_rule: str
    rate_row: RateRow | None

    def exact_interest(self, amount: Decimal | Fraction) -> Fraction:
        """The exact, unrounded interest on ``amount`` over this period."""
        return Fraction(amount) * Fraction(self.rate_percent) / 100 * self.year_fraction


def _year_fraction(first: dt.date, last: dt.date, day_count: str) -> Fraction:
    days = (last - first).days + 1
    if day_count == "ACT/365F":
        return Fraction(days, 365)
    total = Fraction(0)
    for year in range(first.year, last.year + 1):
        lo = max(first, dt.date(year, 1, 1))
        hi = min(last, dt.date(year, 12, 31))
        length = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
        total += Fraction((hi - lo).days + 1, length)
    return total


def _segments(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """[first, last] cut at every 1 January and 1 July."""
    pieces: list[tuple[dt.date, dt.date]] = []
    lo = first
    while lo <= last:
        nxt = dt.date(lo.year, 7, 1) if lo.month <= 6 else dt.date(lo.year + 1, 1, 1)
        hi = min(last, nxt - timedelta(days=1))
        pieces.append((lo, hi))
        lo = nxt
    return pieces


def _resolve_period(regime: str, rate_period: object) -> str:
    period = _validate.one_of("rate_period", rate_period, get_args(RatePeriod))
    if regime == "public_procurement":
        if period == "per_half_year":
            raise InvalidArgumentError(
                "rate_period='per_half_year' is not allowed with regime='public_procurement': "
                "R2192-31 fixes one rate for the whole delay, that of the half-year in which "
                "interest started; pass rate_period='fixed_at_start' or 'regime_default'"
            )
        return "fixed_at_start"
    return "per_half_year" if period == "regime_default" else period


def interest_periods(
    due_on: dt.date,
    paid_on: dt.date,
    *,
    regime: Regime = "public_procurement",
    rate_period: RatePeriod = "regime_default",
    rate_percent: Decimal | None = None,
    ecb_rates: RateTable | None = None,
    legal_rates: RateTable | None = None,
    day_count: DayCount = "ACT/365F",
) -> tuple[InterestPeriod, ...]:
    """The accrual periods of a payment due on ``due_on`` and paid on ``paid_on``, with rates.

    Interest runs from ``due_on + 1`` to ``paid_on`` included (L2192-13; décret 2013-269
    art. 8 I; contract §1.8); none when ``paid_on <= due_on``. One period with
    ``rate_period="fixed_at_start"`` (always for ``"public_procurement"``, R2192-31), one per
    half-year with ``"per_half_year"``. ``rate_percent`` (the annual rate to apply, in
    percent) replaces the tables for the whole delay. Keywords as in
    :func:`late_payment_interest`.

    >>> [(p.first_day, p.days, p.rate_percent) for p in interest_periods(
    ...     dt.date(2024, 12, 20), dt.date(2025, 1, 10), regime="three_times_legal")]
    [(datetime.date(2024, 12, 21), 11, Decimal('14.76')), (datetime.date(2025, 1, 1), 10, Decimal('11.13'))]
    """
    _validate.day("due_on", due_on)
    _validate.day("paid_on", paid_on)
    kind = _validate.one_of("regime", regime, get_args(Regime))
    period = _resolve_period(kind, rate_period)
    basis = _validate.one_of("day_count", day_count, get_args(DayCount))
    ecb = _table("ecb_rates", ecb_rates, ECB_MRO)
    legal = _table("legal_rates", legal_rates, LEGAL_RATE_OTHER_CASES)
    supplied = (
        None
        if rate_percent is None
        else _validate.decimal(
            "rate_percent", rate_percent, what="rate", accept=(str,), minimum=Decimal(0)
        )
    )
    if paid_on <= due_on:
        return ()
    first = _plus_days("due_on", due_on, 1)

    def rate_for(day: dt.date) -> _Rate:
        if supplied is not None:
            return _Rate(percent=supplied, rule=f"{supplied} % supplied by the caller", row=None)
        if kind == "three_times_legal":
            return _legal_rate(day, legal, "3 × legal rate")
        margin, what = (
            (PUBLIC_PROCUREMENT_MARGIN_POINTS, "moratory rate")
            if kind == "public_procurement"
            else (COMMERCIAL_MARGIN_POINTS, "commercial-code rate")
        )
        return _public_rate(day, ecb, margin, what)

    pieces = (
        [(first, paid_on)]
        if period == "fixed_at_start" or supplied is not None
        else _segments(first, paid_on)
    )
    result = []
    for lo, hi in pieces:
        rate = rate_for(lo)
        result.append(
            InterestPeriod(
                first_day=lo,
                last_day=hi,
                days=(hi - lo).days + 1,
                year_fraction=_year_fraction(lo, hi, basis),
                rate_percent=rate.percent,
                rate_rule=rate.rule,
                rate_row=rate.row,
            )
        )
    return tuple(result)


_MAX_AMOUNT = Decimal("1e30")


def _amount(name: str, value: object) -> Decimal:
    amount = _validate.money(name, value)
    if amount >= _MAX_AMOUNT:
        raise OutOfRangeError(f"{name}={value!r} is too large; pass an amount below 1e30 euros")
    return amount


def late_payment_interest(
    amount: Decimal,
    due_on: dt.date,
    paid_on: dt.date,
    *,
    regime: Regime = "public_procurement",
    rate_period: RatePeriod = "regime_default",
    rate_percent: Decimal | None = None,
    ecb_rates: RateTable | None = None,
    legal_rates: RateTable | None = None,
    day_count: DayCount = "ACT/365F",
) -> Decimal:
    """Late-payment interest on ``amount`` due on ``due_on`` and paid on ``paid_on``, to the cent.

    Simple interest from ``due_on + 1`` to ``paid_on`` included, rounded once, half up
    (contract §1.8). ``regime`` picks the rule (see :data:`Regime`; default
    ``"public_procurement"``, ECB + 8 points fixed at the start, R2192-31);
    ``rate_period`` how the rate moves (see :data:`RatePeriod`); ``day_count`` the year basis
    (see :data:`DayCount`, default ``"ACT/365F"``); ``rate_percent`` a caller-supplied annual
    rate for the whole delay; ``ecb_rates`` / ``legal_rates`` caller-supplied tables (default
    :data:`ECB_MRO` / :data:`LEGAL_RATE_OTHER_CASES`).

    >>> late_payment_interest(Decimal("405.00"), dt.date(2024, 12, 20), dt.date(2025, 1, 10),
    ...                       regime="three_times_legal")    # 11 days at 14.76 %, 10 at 11.13 %
    Decimal('3.04')
    """
    base = _amount("amount", amount)
    periods = interest_periods(
        due_on,
        paid_on,
        regime=regime,
        rate_period=rate_period,
        rate_percent=rate_percent,
        ecb_rates=ecb_rates,
        legal_rates=legal_rates,
        day_count=day_count,
    )
    return _cents(sum((p.exact_interest(base) for p in periods), Fraction(0)))


def moratory_interest(
    amount: Decimal,
    due_on: dt.date,
    paid_on: dt.date,
    *,
    rate_percent: Decimal | None = None,
    ecb_rates: RateTable | None = None,
    day_count: DayCount = "ACT/365F",
) -> Decimal:
    """CCP moratory interest on ``amount`` TTC due on ``due_on`` and paid on ``paid_on``.

    ``amount × rate / 100 × days / 365`` with ``days = paid_on − due_on`` (interest runs from
    the day after ``due_on`` to ``paid_on`` included) and ``rate`` = :func:`moratory_rate` of
    ``due_on + 1`` (R2192-31; contract §1.8), rounded once to the cent; 0.00 when paid on or
    before ``due_on``. ``amount`` is TTC less any retenue de garantie (décret 2013-269 art. 8 I).

    >>> moratory_interest(Decimal("10000"), dt.date(2024, 1, 31), dt.date(2024, 3, 31))
    Decimal('205.48')
    >>> moratory_interest(Decimal("10000"), dt.date(2024, 1, 31), dt.date(2024, 3, 31),
    ...                   day_count="ACT/ACT")
    Decimal('204.92')
    >>> moratory_interest(Decimal("405.00"), dt.date(2025, 4, 2), dt.date(2025, 4, 2))
    Decimal('0.00')
    """
    return late_payment_interest(
        amount,
        due_on,
        paid_on,
        rate_percent=rate_percent,
        ecb_rates=ecb_rates,
        day_count=day_count,
    )


# --- claims ------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Payment:
    """A payment (*mise en paiement*) of part or all of an invoice."""

    paid_on: dt.date = attrs.field(validator=_validate.attrs_check(_validate.day))
    amount: Decimal = attrs.field(validator=_validate.attrs_check(_validate.decimal, positive=True))


def _payment_tuple(value: object) -> tuple[Payment, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongTypeError(f"payments={value!r} is not an iterable of Payment")
    payments = tuple(value)
    for index, payment in enumerate(payments):
        if not isinstance(payment, Payment):
            raise WrongTypeError(f"payments[{index}]={payment!r} is not a Payment")
    return payments


def _optional_day(_instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        _validate.day(attribute.name, value)


def _optional_interruption(_instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Interruption):
        raise WrongTypeError(f"{attribute.name}={value!r} is not an Interruption")


@attrs.frozen(kw_only=True)
class PaymentRequest:
    """A payment request: its amount TTC, how its delay starts, and its payments.

    The delay starts as :func:`delay_start` says from ``received_on``, ``invoice_dated`` and
    ``service_done_on`` (at least one is required). Interest is computed on ``amount`` less
    ``retenue_de_garantie`` (décret 2013-269 art. 8 I); the payments may not exceed that base.
    """

    reference: str = attrs.field(validator=_validate.attrs_check(_text))
    amount: Decimal = attrs.field(validator=_validate.attrs_check(_amount))
    received_on: dt.date | None = attrs.field(default=None, validator=_optional_day)
    invoice_dated: dt.date | None = attrs.field(default=None, validator=_optional_day)
    service_done_on: dt.date | None = attrs.field(default=None, validator=_optional_day)
    payments: tuple[Payment, ...] = attrs.field(default=(), converter=_payment_tuple)
    retenue_de_garantie: Decimal = attrs.field(
        default=Decimal("0.00"), validator=_validate.attrs_check(_validate.money)
    )
    interruption: Interruption | None = attrs.field(default=None, validator=_optional_interruption)

    def __attrs_post_init__(self) -> None:
        if self.received_on is None and self.invoice_dated is None and self.service_done_on is None:
            _delay_start(None, None, None)  # raises the explanatory error
        if self.retenue_de_garantie > self.amount:
            raise OutOfRangeError(
                f"retenue_de_garantie={self.retenue_de_garantie!r} exceeds amount="
                f"{self.amount!r}; pass a retention no larger than the invoice"
            )
        paid = sum((Fraction(p.amount) for p in self.payments), Fraction(0))
        if paid > Fraction(self.base):
            raise OutOfRangeError(
                f"payments total {_cents(paid)}, more than the {self.base} due on invoice "
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
        """An invoice received on ``received_on`` and paid in one payment on ``paid_on``.

        >>> PaymentRequest.paid_in_full("Q1", Decimal("405.00"), received_on=dt.date(2025, 3, 3),
        ...                      paid_on=dt.date(2025, 5, 12)).payments
        (Payment(paid_on=datetime.date(2025, 5, 12), amount=Decimal('405.00')),)
        """
        return cls(
            reference=reference,
            amount=amount,
            received_on=received_on,
            payments=(Payment(paid_on=paid_on, amount=amount),),
        )


@attrs.frozen(kw_only=True)
class ClaimLine:
    """One invoice of a :class:`Claim`: its delay, lateness, rate, interest and indemnity."""

    reference: str
    base: Decimal
    delay_starts_on: dt.date
    due_on: dt.date
    settled_on: dt.date
    days_late: int
    rate_percent: Decimal | None
    rate_source: str
    interest: Decimal
    indemnity: Decimal
    total: Decimal
    payable_by: dt.date | None
    periods: tuple[tuple[Decimal, InterestPeriod], ...]
    explanation: str

    def to_record(self) -> dict[str, object]:
        """The line as a flat dict (one row of :meth:`Claim.to_records`)."""
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
        }


@attrs.frozen(kw_only=True)
class Claim:
    """A late-payment claim over one or many invoices (contract §1.8).

    Built by :func:`late_payment_claim`; ``lines`` hold one :class:`ClaimLine` per invoice.
    """

    regime: Regime
    as_of: dt.date | None
    lines: tuple[ClaimLine, ...]

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

    def explain(self) -> str:
        """Every line's explanation, then the totals."""
        return "\n".join(
            [line.explanation for line in self.lines]
            + [
                f"Claim total: interest {self.total_interest} + indemnities "
                f"{self.total_indemnity} = {self.total} € (not subject to VAT)."
            ]
        )

    def to_records(self) -> list[dict[str, object]]:
        """One dict per invoice, for ``pandas.DataFrame(claim.to_records())``."""
        return [line.to_record() for line in self.lines]

    def _with_total(self) -> list[dict[str, object]]:
        total: dict[str, object] = {
            "invoice": "total",
            "interest": self.total_interest,
            "indemnity": self.total_indemnity,
            "total": self.total,
        }
        return [*self.to_records(), total]

    def __repr__(self) -> str:
        headline = f"<Claim ({self.regime}): {len(self.lines)} payment requests, {self.total} €>"
        return table_repr(headline, self._with_total())

    def _repr_html_(self) -> str:
        caption = f"Late-payment claim ({_REGIME_NAMES[self.regime]})"
        return html_table(self._with_total(), caption=caption)


def _sum(values: Iterable[Decimal]) -> Decimal:
    return _cents(sum((Fraction(v) for v in values), Fraction(0)))


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
) -> Claim:
    """The late-payment claim for ``invoices``: per invoice, delay, lateness, interest, indemnity.

    Per invoice (contract §1.8): the delay start (:func:`delay_start`) and due date
    (:func:`payment_due_date`, with ``buyer``, ``delay_days`` and the invoice's
    interruption); each payment stops interest on the part it pays; a balance still unpaid
    accrues up to ``as_of`` included (required then; payments after it are refused). Interest
    is summed exactly over the parts and rounded once; the 40 € indemnity is due once per
    invoice with any part paid late (L2192-13, D2192-35). Other keywords as in
    :func:`late_payment_interest`.

    >>> claim = late_payment_claim([PaymentRequest.paid_in_full(
    ...     "2025-Q1", Decimal("405.00"), received_on=dt.date(2025, 3, 3),
    ...     paid_on=dt.date(2025, 5, 12))])
    >>> claim.total_interest, claim.total_indemnity, claim.total
    (Decimal('4.95'), Decimal('40.00'), Decimal('44.95'))
    """
    if isinstance(invoices, PaymentRequest):
        invoices = (invoices,)
    if isinstance(invoices, (str, bytes)) or not isinstance(invoices, Iterable):
        raise WrongTypeError(f"invoices={invoices!r} is not a PaymentRequest or a sequence of them")
    items = tuple(invoices)
    for index, invoice in enumerate(items):
        if not isinstance(invoice, PaymentRequest):
            raise WrongTypeError(f"invoices[{index}]={invoice!r} is not a PaymentRequest")
    if as_of is not None:
        _validate.day("as_of", as_of)
    kind = _validate.one_of("regime", regime, get_args(Regime))
    days, delay_text = _delay_days(buyer, delay_days)
    options: dict[str, Any] = {
        "regime": kind,
        "rate_period": rate_period,
        "rate_percent": rate_percent,
        "ecb_rates": ecb_rates,
        "legal_rates": legal_rates,
        "day_count": day_count,
    }
    # Validate the options once, before any invoice: an empty span looks no rate up.
    interest_periods(dt.date(2000, 1, 1), dt.date(2000, 1, 1), **options)
    lines = tuple(_claim_line(invoice, as_of, days, delay_text, options) for invoice in items)
    return Claim(regime=kind, as_of=as_of, lines=lines)


def _claim_line(
    invoice: PaymentRequest,
    as_of: dt.date | None,
    days: int,
    delay_text: str,
    options: dict[str, Any],
) -> ClaimLine:
    kind = options["regime"]
    start, start_text = _delay_start(
        invoice.received_on, invoice.invoice_dated, invoice.service_done_on
    )
    due_on, due_text = _due_date(start, days, invoice.interruption)
    # Each part of the base stops accruing when it is paid (L2192-13: interest runs to the
    # mise en paiement); exact Fractions, so no rounding happens before the end.
    parts = [(Fraction(p.amount), p.paid_on, "paid") for p in invoice.payments]
    unpaid = Fraction(invoice.base) - sum((part[0] for part in parts), Fraction(0))
    if unpaid > 0:
        if as_of is None:
            raise InvalidArgumentError(
                f"invoice {invoice.reference!r} is not paid in full ({_cents(unpaid)} "
                f"outstanding) and as_of=None; pass as_of=date(...) to compute the interest "
                f"accrued up to that day"
            )
        parts.append((unpaid, as_of, "unpaid at"))
    for _amount, paid_on, _state in parts:
        if as_of is not None and paid_on > as_of:
            raise EndBeforeStartError(
                f"invoice {invoice.reference!r} has a payment on {paid_on}, after "
                f"as_of={as_of}; pass an as_of on or after every payment"
            )
    settled_on = max((part[1] for part in parts), default=start)
    exact = Fraction(0)
    applied: list[tuple[Decimal, InterestPeriod]] = []
    steps: list[str] = []
    for amount, paid_on, state in sorted(parts, key=lambda part: part[1]):
        shown = _cents(amount)
        for period in interest_periods(due_on, paid_on, **options):
            exact += period.exact_interest(amount)
            applied.append((shown, period))
            steps.append(
                f"{shown} × {period.rate_percent} % × {_fraction_text(period)} "
                f"({period.first_day} to {period.last_day}; {state} {paid_on})"
            )
    interest = _cents(exact)
    indemnity = RECOVERY_INDEMNITY if applied else Decimal("0.00")
    total = CONTEXT.add(interest, indemnity)
    rates = {period.rate_percent for _shown, period in applied}
    rules = list(dict.fromkeys(period.rate_rule for _shown, period in applied))
    rows = list(
        dict.fromkeys(
            f"{period.rate_row.starts_on}: {period.rate_row.source}"
            for _shown, period in applied
            if period.rate_row is not None
        )
    )
    payable_by = (
        _plus_days("settled_on", settled_on, INTEREST_PAYMENT_DAYS)
        if applied and unpaid == 0
        else None
    )
    retenue = (
        f" less retenue de garantie {invoice.retenue_de_garantie}"
        if invoice.retenue_de_garantie
        else ""
    )
    text = [
        f"Invoice {invoice.reference} ({invoice.amount} € TTC{retenue}): {delay_text} from "
        f"{start_text}; {due_text}."
    ]
    if applied:
        text.append(
            f"{_REGIME_NAMES[kind].capitalize()} from {due_on + timedelta(days=1)} to the "
            f"payment included: {' + '.join(steps)} = {interest} €; rate: {'; '.join(rules)}."
        )
        deadline = (
            f", payable within {INTEREST_PAYMENT_DAYS} days of payment, by {payable_by} (R2192-36)"
            if payable_by is not None
            else ""
        )
        text.append(
            f"Recovery indemnity {indemnity} € (L2192-13, D2192-35). Total {total} €, not "
            f"subject to VAT{deadline}."
        )
    else:
        text.append("Paid on time: no interest, no indemnity.")
    text.append(f"[{_REGIME_ARTICLES[kind]}]")
    return ClaimLine(
        reference=invoice.reference,
        base=invoice.base,
        delay_starts_on=start,
        due_on=due_on,
        settled_on=settled_on,
        days_late=max(0, (settled_on - due_on).days),
        rate_percent=next(iter(rates)) if len(rates) == 1 else None,
        rate_source="; ".join(rules + rows),
        interest=interest,
        indemnity=indemnity,
        total=total,
        payable_by=payable_by,
        periods=tuple(applied),
        explanation=" ".join(text),
    )


def _fraction_text(period: InterestPeriod) -> str:
    if period.year_fraction == Fraction(period.days, 365):
        return f"{period.days}/365"
    return f"{period.days} days (ACT/ACT)"
