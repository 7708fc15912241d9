"""Late-payment interest: how much a payment made late owes (contract §1.8; R2192-31 to 35).

Contract §1.8 grants, for any late payment, *either* "intérêts de retard égaux à 3 fois le taux
d'intérêt légal" *or* moratory interest at the ECB main refinancing rate "majoré de huit points",
"selon les modalités définies à l'Article L2192-12, L2192-13 et L2192-14 … détaillés par les
articles R2192-31 à R2192-36 du code de la commande publique" (contradiction C6). Each reading is
a :data:`~libriciel_terms.rates.Regime`; the default is ``"public_procurement"``, because for a
public buyer the code de la commande publique fixes the rate by regulation (L2192-13, R2192-31)
and any waiver of moratory interest is void (L2192-14).

The rules of the default regime:

- interest runs from the day after the payment delay expires (:mod:`libriciel_terms.payment`)
  to the date of *mise en paiement* of the principal, included (L2192-13; décret 2013-269
  art. 8 I), at one rate for the whole delay, fixed when it starts (R2192-31,
  :func:`~libriciel_terms.rates.moratory_rate`);
- on the **amount paid late, TTC**, less any retenue de garantie (décret 2013-269 art. 8 I):
  ``base="ttc"`` says so in every signature, and an amount HT is an error of the caller that
  the explanation makes visible (« sur 405,00 € TTC »);
- simple interest, actual days / 365 (``day_count="ACT/365F"``; ``"ACT/ACT"`` counts each day
  of a leap year as 1/366); rounded once, to the cent, half up.

A ComElus quarterly invoice of 405.00 € TTC due on 2 April 2025 and paid on 12 May 2025:

>>> import datetime as dt
>>> from decimal import Decimal
>>> moratory_interest(Decimal("405.00"), dt.date(2025, 4, 2), dt.date(2025, 5, 12))
Decimal('4.95')
>>> print(interest_calculation(Decimal("405.00"), dt.date(2025, 4, 2), dt.date(2025, 5, 12)).explain())
Intérêts moratoires du code de la commande publique sur 405,00 € TTC (montant payé en retard, TVA comprise), du 2025-04-03 au paiement inclus : 405,00 € × 11,15 % × 40/365 (du 2025-04-03 au 2025-05-12) = 4,95 € ; taux : taux de la BCE (opération principale de refinancement) 3,15 % (depuis le 2024-12-18, en vigueur le 2025-01-01) + 8 points = 11,15 %.

The failing case: interest runs on the amount TTC; an HT base is refused.

>>> moratory_interest(Decimal("337.50"), dt.date(2025, 4, 2), dt.date(2025, 5, 12), base="ht")
Traceback (most recent call last):
...
libriciel_terms.errors.InvalidArgumentError: base='ht': moratory interest runs on the amount paid late TTC, ...
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._dates import ONE_DAY
from libriciel_terms._exact import cents
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang, pick
from libriciel_terms.errors import InvalidArgumentError
from libriciel_terms.rates import (  # "X as X": re-exported until __init__ imports from rates
    AppliedRate,
    applied_rate,
)
from libriciel_terms.rates import (
    RateRow as RateRow,
)
from libriciel_terms.rates import (
    RateTable as RateTable,
)
from libriciel_terms.rates import (
    Regime as Regime,
)

__all__ = [
    "AmountBase",
    "DayCount",
    "InterestCalculation",
    "InterestPeriod",
    "RatePeriod",
    "interest_calculation",
    "interest_periods",
    "late_payment_interest",
    "moratory_interest",
    "regime_name",
]

#: One rate fixed when interest starts to run, or the rate of each half-year of accrual.
#: ``"regime_default"``: ``"fixed_at_start"`` for ``public_procurement`` (R2192-31, the only
#: reading it allows), ``"per_half_year"`` for the two others (L441-10 II: the rate "applicable
#: pendant" each half-year).
RatePeriod = Literal["regime_default", "per_half_year", "fixed_at_start"]
#: ``"ACT/365F"``: actual days / 365, also in leap years (the practice of every source read);
#: ``"ACT/ACT"``: each day counts 1/366 of a year in a leap year, 1/365 otherwise.
DayCount = Literal["ACT/365F", "ACT/ACT"]
#: What the amount is: the amount paid late **TTC** (décret 2013-269 art. 8 I; R2192-31), the
#: only base interest runs on. Any other value (``"ht"``) is refused with the reason.
AmountBase = Literal["ttc"]

_REGIME_NAMES = {
    "public_procurement": (
        "intérêts moratoires du code de la commande publique",
        "moratory interest of the code de la commande publique",
    ),
    "three_times_legal": ("intérêts à 3 fois le taux légal", "interest at 3 × the legal rate"),
    "commercial_code": (
        "intérêts de retard du code de commerce",
        "commercial-code late-payment interest",
    ),
}


def regime_name(regime: Regime, lang: Lang) -> str:
    """The regime's name in ``lang`` (« intérêts moratoires du code de la commande publique »)."""
    regime = _validate.one_of("regime", regime, _validate.literal_values(Regime))
    return pick(*_REGIME_NAMES[regime], _text.check_lang(lang))


def _check_base(_name: str, value: object) -> None:
    _base(value)


def _base(value: object) -> AmountBase:
    if value == "ttc":
        return "ttc"
    raise InvalidArgumentError(
        f"base={value!r}: moratory interest runs on the amount paid late TTC, less any retenue "
        f"de garantie (décret 2013-269 art. 8 I; R2192-31), never on the amount HT; pass the "
        f"TTC amount (e.g. Amounts.of_ht(ht).ttc) with base='ttc'"
    )


# --- periods -----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class InterestPeriod:
    """Consecutive days of accrual at one rate: ``first_day`` to ``last_day`` included.

    ``year_fraction`` is ``days / 365`` (ACT/365F) or the sum of each day's 1/365 or 1/366
    (ACT/ACT); the interest of an amount over the period is
    ``amount × rate_percent / 100 × year_fraction``, exactly. ``rate`` says where the rate
    comes from (:class:`~libriciel_terms.rates.AppliedRate`).
    """

    first_day: dt.date = attrs.field(validator=_validate.check(_validate.day))
    last_day: dt.date = attrs.field(validator=_validate.check(_validate.day))
    days: int = attrs.field(validator=_validate.check(_validate.integer, minimum=1))
    year_fraction: Fraction = attrs.field(validator=_validate.instance_of(Fraction))
    rate: AppliedRate = attrs.field(validator=_validate.instance_of(AppliedRate))

    @property
    def rate_percent(self) -> Decimal:
        """The annual rate applied, in percent."""
        return self.rate.percent

    @property
    def rate_row(self) -> RateRow | None:
        """The table row the rate comes from (``None`` for a rate supplied by the caller)."""
        return self.rate.row

    def rate_rule(self, *, lang: Lang = "fr") -> str:
        """How the rate was obtained, citing its table row."""
        lang = _text.check_lang(lang)
        return self.rate.explain(lang=lang)

    def exact_interest(self, amount: Decimal | Fraction) -> Fraction:
        """The exact, unrounded interest on ``amount`` over this period."""
        return Fraction(amount) * Fraction(self.rate.percent) / 100 * self.year_fraction

    def fraction_text(self, lang: Lang) -> str:
        """``40/365``, or « 40 jours (ACT/ACT) »."""
        lang = _text.check_lang(lang)
        if self.year_fraction == Fraction(self.days, 365):
            return f"{self.days}/365"
        return pick(f"{self.days} jours (ACT/ACT)", f"{self.days} days (ACT/ACT)", lang)


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
    while True:
        half_year_end = dt.date(lo.year, 6, 30) if lo.month <= 6 else dt.date(lo.year, 12, 31)
        hi = min(last, half_year_end)
        pieces.append((lo, hi))
        if hi == last:
            return pieces
        lo = hi + ONE_DAY


def _resolve_period(regime: str, rate_period: object) -> str:
    period = _validate.one_of("rate_period", rate_period, _validate.literal_values(RatePeriod))
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
    percent, at most 100) replaces the tables for the whole delay.

    >>> [(p.first_day, p.days, p.rate_percent) for p in interest_periods(
    ...     dt.date(2024, 12, 20), dt.date(2025, 1, 10), regime="three_times_legal")]
    [(datetime.date(2024, 12, 21), 11, Decimal('14.76')), (datetime.date(2025, 1, 1), 10, Decimal('11.13'))]
    """
    _validate.day("due_on", due_on)
    _validate.day("paid_on", paid_on)
    kind = _validate.one_of("regime", regime, _validate.literal_values(Regime))
    period = _resolve_period(kind, rate_period)
    basis = _validate.one_of("day_count", day_count, _validate.literal_values(DayCount))
    options: dict[str, Any] = {
        "ecb_rates": ecb_rates,
        "legal_rates": legal_rates,
        "rate_percent": rate_percent,
    }
    # Checks the tables and the supplied rate even when no interest runs.
    checked = Decimal(0) if rate_percent is None else rate_percent
    applied_rate(kind, due_on, **{**options, "rate_percent": checked})
    if paid_on <= due_on:
        return ()
    first = due_on + ONE_DAY
    whole = period == "fixed_at_start" or rate_percent is not None
    pieces = [(first, paid_on)] if whole else _segments(first, paid_on)
    return tuple(
        InterestPeriod(
            first_day=lo,
            last_day=hi,
            days=(hi - lo).days + 1,
            year_fraction=_year_fraction(lo, hi, basis),
            rate=applied_rate(kind, lo, **options),
        )
        for lo, hi in pieces
    )


# --- one calculation -----------------------------------------------------------------------------


def _tuple_of_interest_period(value: object) -> tuple[InterestPeriod, ...]:
    return _validate.items("periods", value, InterestPeriod)


@attrs.frozen(kw_only=True)
class InterestCalculation(Report):
    """The interest on one amount paid late: its base, its periods and rates, the result.

    Built by :func:`interest_calculation`; :meth:`explain` shows the base (TTC), each period,
    its rate and where the rate comes from.
    """

    COLUMNS = (
        Column("first_day", "du", "from", "date"),
        Column("last_day", "au", "to", "date"),
        Column("days", "jours", "days", "number"),
        Column("rate_percent", "taux", "rate", "percent"),
        Column("interest", "intérêts", "interest", "money"),
        Column("rate_source", "source du taux", "rate source"),
    )

    regime: Regime = attrs.field(validator=_validate.choice(Regime))
    amount: Decimal = attrs.field(validator=_validate.check(_validate.money))
    base: AmountBase = attrs.field(default="ttc", validator=_validate.check(_check_base))
    due_on: dt.date = attrs.field(validator=_validate.check(_validate.day))
    paid_on: dt.date = attrs.field(validator=_validate.check(_validate.day))
    periods: tuple[InterestPeriod, ...] = attrs.field(converter=_tuple_of_interest_period)

    @property
    def interest(self) -> Decimal:
        """The interest, summed exactly over the periods and rounded once to the cent."""
        return cents(sum((p.exact_interest(self.amount) for p in self.periods), Fraction(0)))

    @property
    def uses_user_values(self) -> bool:
        """Whether a rate came from the user (a supplied rate or a user row of a table)."""
        return any(period.rate.uses_user_value for period in self.periods)

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per period: its days, rate, interest (rounded alone) and rate source."""
        return [
            {
                "first_day": p.first_day,
                "last_day": p.last_day,
                "days": p.days,
                "rate_percent": p.rate_percent,
                "interest": cents(p.exact_interest(self.amount)),
                "rate_source": p.rate.formula,
            }
            for p in self.periods
        ]

    def headline(self, *, lang: Lang = "fr") -> str:
        """The amount, its base and the interest."""
        lang = _text.check_lang(lang)
        amount, interest = _text.money(self.amount, lang), _text.money(self.interest, lang)
        return pick(
            f"Intérêts sur {amount} TTC dus le {self.due_on}, payés le {self.paid_on} : {interest}",
            f"Interest on {amount} TTC due on {self.due_on}, paid on {self.paid_on}: {interest}",
            lang,
        )

    def explain(self, *, lang: Lang = "fr") -> str:
        """The base, each period with its rate, and the result, in one paragraph."""
        lang = _text.check_lang(lang)
        amount = _text.money(self.amount, lang)
        base = pick(
            f"{amount} TTC (montant payé en retard, TVA comprise)",
            f"{amount} TTC (the amount paid late, VAT included)",
            lang,
        )
        if not self.periods:
            return pick(
                f"Payé le {self.paid_on}, au plus tard le {self.due_on} : pas d'intérêts sur {base}.",
                f"Paid on {self.paid_on}, by {self.due_on}: no interest on {base}.",
                lang,
            )
        steps = " + ".join(_step(amount, period, lang) for period in self.periods)
        rules = "; ".join(dict.fromkeys(period.rate_rule(lang=lang) for period in self.periods))
        start = self.periods[0].first_day
        interest = _text.money(self.interest, lang)
        return pick(
            f"{regime_name(self.regime, 'fr').capitalize()} sur {base}, du {start} au paiement "
            f"inclus : {steps} = {interest} ; taux : {rules}.",
            f"{regime_name(self.regime, 'en').capitalize()} on {base}, from {start} to the "
            f"payment included: {steps} = {interest}; rate: {rules}.",
            lang,
        )


def _step(amount: str, period: InterestPeriod, lang: Lang) -> str:
    rate = _text.percent(period.rate_percent, lang)
    span = pick(
        f"du {period.first_day} au {period.last_day}",
        f"{period.first_day} to {period.last_day}",
        lang,
    )
    return f"{amount} × {rate} × {period.fraction_text(lang)} ({span})"


def interest_calculation(
    amount: Decimal,
    due_on: dt.date,
    paid_on: dt.date,
    *,
    base: AmountBase = "ttc",
    regime: Regime = "public_procurement",
    rate_period: RatePeriod = "regime_default",
    rate_percent: Decimal | None = None,
    ecb_rates: RateTable | None = None,
    legal_rates: RateTable | None = None,
    day_count: DayCount = "ACT/365F",
) -> InterestCalculation:
    """The interest on ``amount`` (TTC) due on ``due_on`` and paid on ``paid_on``, explained.

    Keywords as in :func:`late_payment_interest`; the result's ``interest`` is that function's
    value and :meth:`InterestCalculation.explain` says how it was obtained.
    """
    kind = _base(base)
    principal = _validate.money("amount", amount)
    regime_kind = _validate.one_of("regime", regime, _validate.literal_values(Regime))
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
    return InterestCalculation(
        regime=regime_kind,
        amount=principal,
        base=kind,
        due_on=due_on,
        paid_on=paid_on,
        periods=periods,
    )


def late_payment_interest(
    amount: Decimal,
    due_on: dt.date,
    paid_on: dt.date,
    *,
    base: AmountBase = "ttc",
    regime: Regime = "public_procurement",
    rate_period: RatePeriod = "regime_default",
    rate_percent: Decimal | None = None,
    ecb_rates: RateTable | None = None,
    legal_rates: RateTable | None = None,
    day_count: DayCount = "ACT/365F",
) -> Decimal:
    """Late-payment interest on ``amount`` TTC due on ``due_on`` and paid on ``paid_on``.

    Simple interest from ``due_on + 1`` to ``paid_on`` included, rounded once to the cent, half
    up (contract §1.8). ``amount`` is the amount paid late TTC, less any retenue de garantie
    (``base="ttc"``, the only base); ``regime`` picks the rule (default
    ``"public_procurement"``, ECB + 8 points fixed at the start, R2192-31); ``rate_period``
    how the rate moves; ``day_count`` the year basis (default ``"ACT/365F"``);
    ``rate_percent`` a caller-supplied annual rate for the whole delay; ``ecb_rates`` /
    ``legal_rates`` caller-supplied tables (default the bundled ``ECB_MRO`` /
    ``LEGAL_RATE_OTHER_CASES``).

    >>> late_payment_interest(Decimal("405.00"), dt.date(2024, 12, 20), dt.date(2025, 1, 10),
    ...                       regime="three_times_legal")    # 11 days at 14.76 %, 10 at 11.13 %
    Decimal('3.04')
    """
    return interest_calculation(
        amount,
        due_on,
        paid_on,
        base=base,
        regime=regime,
        rate_period=rate_period,
        rate_percent=rate_percent,
        ecb_rates=ecb_rates,
        legal_rates=legal_rates,
        day_count=day_count,
    ).interest


def moratory_interest(
    amount: Decimal,
    due_on: dt.date,
    paid_on: dt.date,
    *,
    base: AmountBase = "ttc",
    rate_percent: Decimal | None = None,
    ecb_rates: RateTable | None = None,
    day_count: DayCount = "ACT/365F",
) -> Decimal:
    """CCP moratory interest on ``amount`` TTC due on ``due_on`` and paid on ``paid_on``.

    ``amount × rate / 100 × days / 365`` with ``days = paid_on − due_on`` (interest runs from
    the day after ``due_on`` to ``paid_on`` included) and ``rate`` = the moratory rate of
    ``due_on + 1`` (R2192-31; contract §1.8), rounded once to the cent; 0.00 when paid on or
    before ``due_on``. ``amount`` is the amount paid late **TTC**, less any retenue de garantie
    (``base="ttc"``; décret 2013-269 art. 8 I).

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
        base=base,
        rate_percent=rate_percent,
        ecb_rates=ecb_rates,
        day_count=day_count,
    )
