"""Prices, VAT, billing frequency and timing, invoices and pro-rata (Contract CP, §1.8, §1.11).

The conditions particulières (CP) list four annual price lines, HT, VAT 20 %:

>>> from datetime import date
>>> from decimal import Decimal
>>> from libriciel_terms.term import ContractTerm
>>> prices = PriceList.comelus_2024()
>>> [(line.label, line.annual_ht) for line in prices.lines]
[('Utilisation du service', Decimal('650.00')), ('Volume transitant (20 To annuels)', Decimal('300.00')), ('Stockage', Decimal('150.00')), ('Support et helpdesk', Decimal('250.00'))]
>>> prices.annual
Amounts(ht=Decimal('1350.00'), vat=Decimal('270.00'), ttc=Decimal('1620.00'))

The CP bills "au trimestre", at the end of each quarter (terme échu): 16 invoices over the four
periods. §1.8 allows other frequencies and billing in advance (terme à échoir); each is a
:class:`BillingTerms`:

>>> comelus = BillingTerms.comelus()
>>> schedule = comelus.schedule(ContractTerm.comelus(), prices)
>>> len(schedule.invoices), schedule.invoices[-3].billed_on, schedule.invoices[-3].ttc
(16, datetime.date(2028, 2, 29), Decimal('405.00'))
>>> ahead = BillingTerms(frequency="half_yearly", timing="in_advance")
>>> [i.billed_on.isoformat() for i in ahead.schedule(ContractTerm.comelus(), prices).invoices[:3]]
['2024-09-01', '2025-03-01', '2025-09-01']

Pro-rata of an initial period (§1.11), whole months from the first day of the month after the
installation:

>>> prorata_initial_price(Decimal("1350.00"), date(2024, 10, 15), date(2025, 8, 31))
Decimal('1125.00')

Where the cent goes: a line's share of an invoice is the difference of its running totals, each
rounded once; an invoice's VAT is its HT × the rate, rounded once. The HT of a full year is the
same under every frequency; its VAT is the sum of its invoices' VAT, so
:meth:`BillingTerms.annual` (what a year billed that way costs) may differ by a cent or two from
:attr:`PriceList.annual` (one yearly invoice) — see ``docs/term-and-billing.md``.

Float money is refused:

>>> prorata_initial_price(1350.0, date(2024, 10, 15), date(2025, 8, 31))
Traceback (most recent call last):
...
libriciel_terms.errors.FloatMoneyError: annual=1350.0 is a float; pass the amount as a Decimal or an int, e.g. Decimal("1350.0") — a float cannot hold most decimal values exactly
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._dates import YearMonth
from libriciel_terms._exact import CONTEXT
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang, pick
from libriciel_terms.errors import (
    InvalidArgumentError,
    OutOfRangeError,
    OutsideTermError,
    UnknownPriceError,
    WrongTypeError,
)
from libriciel_terms.term import MAX_TERM_MONTHS, ContractTerm, Slice

__all__ = [
    "MAX_LINES",
    "Amounts",
    "BillingSchedule",
    "BillingTerms",
    "FirstOfMonth",
    "Frequency",
    "Invoice",
    "InvoiceLine",
    "PriceLine",
    "PriceList",
    "Timing",
    "billed_months",
    "billing_schedule",
    "prorata_initial_price",
    "sum_amounts",
]

#: How often invoices are issued (CP "La facturation se fera au trimestre"; §1.8 "paiement par
#: trimestre […] ou semestrielle"): every month, quarter, half-year or year of a period.
Frequency = Literal["monthly", "quarterly", "half_yearly", "yearly"]

#: When an invoice is issued (§1.8, C15): ``"in_arrears"`` — at the end of the time it covers
#: (terme échu, the CP's "Dates de facturation"); ``"in_advance"`` — at its start (terme à
#: échoir, allowed by §1.8's "paiement … avant service fait").
Timing = Literal["in_arrears", "in_advance"]

#: How §1.11's "à compter du 1er jour du mois qui suit la date d'installation" treats an
#: installation on the 1st: ``"next_month"`` — literally, billing starts the following month
#: (installed 2024-09-01 → billed from 2024-10-01; the default); ``"same_month"`` — an
#: installation on the 1st is billed from that day (other days still start the next month).
FirstOfMonth = Literal["next_month", "same_month"]

#: The most price lines a price list holds (the CP has four).
MAX_LINES = 50

#: Per frequency: months per invoice, record key and label prefix of a slice, French and English.
_FREQUENCIES: Mapping[str, tuple[int, str, str, str, str]] = MappingProxyType(
    {
        "monthly": (1, "month", "M", "mensuelle", "monthly"),
        "quarterly": (3, "quarter", "T", "trimestrielle", "quarterly"),
        "half_yearly": (6, "half_year", "S", "semestrielle", "half-yearly"),
        "yearly": (12, "year", "A", "annuelle", "yearly"),
    }
)
_TIMINGS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "in_arrears": ("à terme échu", "in arrears"),
        "in_advance": ("à terme à échoir", "in advance"),
    }
)


def sum_amounts(values: Iterable[Decimal]) -> Decimal:
    """The exact sum of amounts, whatever the caller's decimal context.

    >>> sum_amounts([Decimal("650.00"), Decimal("300.00"), Decimal("0.005")])
    Decimal('950.005')
    """
    # Amounts are bounded (15 digits before the point, 28 after): 60 digits hold any sum exactly.
    amounts = (
        _validate.decimal(f"values[{i}]", value, accept=(int,))
        for i, value in enumerate(_validate.items("values", values, (Decimal, int)))
    )
    return functools.reduce(CONTEXT.add, amounts, Decimal("0.00"))


def _cents_value(count: int) -> Decimal:
    """``count`` cents as a ``Decimal`` with two places, exact in any context."""
    return Decimal(count).scaleb(-2, context=CONTEXT)


def _half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` (both ≥ 0) to the nearest integer, halves up."""
    return (2 * numerator + denominator) // (2 * denominator)


def _vat_cents(ht_cents: int, rate_percent: Decimal) -> int:
    """The VAT of an HT amount in cents, rounded once to the cent (half up)."""
    numerator, denominator = rate_percent.as_integer_ratio()
    return _half_up(ht_cents * numerator, denominator * 100)


def _whole_cents(_instance: object, attribute: Any, value: Any) -> None:
    if (
        type(value) is Decimal
        and value.is_finite()
        and value.as_tuple().exponent == -2
        and Decimal(0) <= value
        and value.adjusted() < _validate.MAX_INTEGER_DIGITS
    ):
        return  # the amounts this module builds: two places, in range
    # any bounded decimal (15 digits before the point): a period's totals may exceed one price
    amount = _validate.decimal(attribute.name, value, accept=(), minimum=Decimal(0))
    if (Fraction(amount) * 100).denominator != 1:
        raise InvalidArgumentError(
            f"{attribute.name}={value!r} is not a whole number of cents; pass an amount "
            f"rounded to the cent, e.g. Decimal('0.02')"
        )


def _check_total(instance: Amounts, _attribute: object, _value: Any) -> None:
    if CONTEXT.add(instance.ht, instance.vat) != instance.ttc:
        raise InvalidArgumentError(
            f"ttc={instance.ttc!r} is not ht + vat = {CONTEXT.add(instance.ht, instance.vat)}; "
            f"pass ttc = ht + vat, or build the amounts with Amounts.of_ht(ht, vat_rate_percent)"
        )


_rate = _validate.check(
    _validate.decimal,
    what="VAT rate in percent",
    accept=(int,),
    minimum=Decimal(0),
    maximum=Decimal(100),
)


@attrs.frozen(kw_only=True)
class Amounts:
    """An HT amount with its VAT and TTC, each a whole number of cents, TTC = HT + VAT.

    >>> Amounts.of_ht(Decimal("337.50"), Decimal("20"))
    Amounts(ht=Decimal('337.50'), vat=Decimal('67.50'), ttc=Decimal('405.00'))
    >>> Amounts(ht=Decimal("0.0155"), vat=Decimal("0"), ttc=Decimal("0.0155"))
    Traceback (most recent call last):
    ...
    libriciel_terms.errors.InvalidArgumentError: ht=Decimal('0.0155') is not a whole number of cents; pass an amount rounded to the cent, e.g. Decimal('0.02')
    """

    ht: Decimal = attrs.field(validator=_whole_cents)
    vat: Decimal = attrs.field(validator=_whole_cents)
    ttc: Decimal = attrs.field(validator=[_whole_cents, _check_total])

    @classmethod
    def of_ht(cls, ht: Decimal, vat_rate_percent: Decimal) -> Amounts:
        """VAT = HT × rate, rounded once to the cent (half up); TTC = HT + VAT, exact.

        ``ht`` is rounded to the cent first (an invoice states cents).
        """
        numerator, denominator = _validate.money("ht", ht).as_integer_ratio()
        rate = _validate.decimal(
            "vat_rate_percent",
            vat_rate_percent,
            what="VAT rate in percent",
            accept=(int,),
            minimum=Decimal(0),
            maximum=Decimal(100),
        )
        return cls._of_cents(_half_up(numerator * 100, denominator), rate)

    @classmethod
    def _of_cents(cls, ht_cents: int, rate_percent: Decimal) -> Amounts:
        vat_cents = _vat_cents(ht_cents, rate_percent)
        return cls(
            ht=_cents_value(ht_cents),
            vat=_cents_value(vat_cents),
            ttc=_cents_value(ht_cents + vat_cents),
        )

    @classmethod
    def total(cls, items: Iterable[Amounts]) -> Amounts:
        """The sums of several amounts (HT, VAT and TTC each summed, nothing re-rounded)."""
        listed = _validate.items("items", items, Amounts)
        return cls(
            ht=sum_amounts(a.ht for a in listed),
            vat=sum_amounts(a.vat for a in listed),
            ttc=sum_amounts(a.ttc for a in listed),
        )

    def to_text(self, *, lang: Lang = "fr") -> str:
        """« 337,50 € HT, TVA 67,50 €, 405,00 € TTC »."""
        lang = _text.check_lang(lang)
        ht, vat, ttc = (_text.money(a, lang) for a in (self.ht, self.vat, self.ttc))
        return pick(
            f"{ht} HT, TVA {vat}, {ttc} TTC", f"{ht} excl. VAT, VAT {vat}, {ttc} incl. VAT", lang
        )


@attrs.frozen(kw_only=True)
class PriceLine:
    """One annual price line of the CP: a label and its annual HT amount (``Decimal``).

    A revision rebuilds it with a new amount: ``attrs.evolve(line, annual_ht=...)``.
    """

    label: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    annual_ht: Decimal = attrs.field(
        validator=_validate.check(
            _validate.decimal,
            what="annual HT price",
            accept=(),
            minimum=Decimal(0),
            maximum=_validate.MAX_MONEY,
        )
    )


def _check_lines(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, tuple) or not value:
        raise WrongTypeError(f"lines={value!r} is not a non-empty tuple of PriceLine")
    if len(value) > MAX_LINES:
        raise OutOfRangeError(f"lines holds {len(value)} price lines; pass at most {MAX_LINES}")
    _validate.items("lines", value, PriceLine)
    labels = [line.label for line in value]
    if len(set(labels)) != len(labels):
        raise InvalidArgumentError(f"lines have duplicate labels {labels!r}; make them unique")


Ratio = tuple[int, int]


def _running_cents(annual: Ratio, months: int) -> int:
    """``annual`` (a ``Decimal``'s integer ratio) × ``months`` / 12 in cents, rounded once (half
    up): a line's running total."""
    numerator, denominator = annual
    return _half_up(numerator * months * 100, denominator * 12)


def _share(annual: Ratio, months_before: int, months: int) -> int:
    """The cents of ``months`` billed months after ``months_before`` billed ones.

    Each amount is the difference of two running totals rounded once to the cent, so a
    period's amounts sum exactly to the rounded total, none is negative, and each is within a
    cent of its exact share.
    """
    return _running_cents(annual, months_before + months) - _running_cents(annual, months_before)


@attrs.frozen(kw_only=True)
class PriceList(Report, Mapping[str, PriceLine]):
    """The annual price lines of a contract and its VAT rate (CP, §1.11); a mapping label → line.

    ``lines`` is a plain tuple of frozen :class:`PriceLine`, so another module (the Syntec
    revision) rebuilds a revised list with ``attrs.evolve``:

    >>> base = PriceList.comelus_2024()
    >>> revised = attrs.evolve(
    ...     base, lines=tuple(attrs.evolve(line, annual_ht=line.annual_ht * 2) for line in base.lines)
    ... )
    >>> revised.annual.ht, base["Stockage"].annual_ht
    (Decimal('2700.00'), Decimal('150.00'))
    """

    COLUMNS = (
        Column("label", "ligne", "line", "text"),
        Column("annual_ht", "annuel HT", "annual excl. VAT", "money"),
        Column("quarterly_ht", "trimestriel HT", "quarterly excl. VAT", "money"),
    )

    lines: tuple[PriceLine, ...] = attrs.field(validator=_check_lines)
    vat_rate_percent: Decimal = attrs.field(validator=_rate)

    @classmethod
    def comelus_2024(cls) -> PriceList:
        """The ComElus 2024 price lines, HT a year, and the CP's 20 % VAT (C5).

        The ``[prices]`` of the bundled ComElus 2024 contract file.

        >>> PriceList.comelus_2024()["Stockage"].annual_ht
        Decimal('150.00')
        """
        from libriciel_terms.comelus import COMELUS_2024

        return COMELUS_2024.prices

    def __getitem__(self, label: str) -> PriceLine:
        for candidate in self.lines:
            if candidate.label == label:
                return candidate
        labels = ", ".join(repr(c.label) for c in self.lines)
        raise UnknownPriceError(f"label={label!r} is not a price line; pass one of {labels}")

    def __iter__(self) -> Iterator[str]:
        return (line.label for line in self.lines)

    def __len__(self) -> int:
        return len(self.lines)

    def line(self, label: str) -> PriceLine:
        """The line named ``label`` (``prices[label]``)."""
        return self[label]

    @property
    def annual(self) -> Amounts:
        """One yearly invoice: 1,350.00 / 270.00 / 1,620.00.

        The HT is the sum of the lines, each rounded once to the cent (a line is invoiced in
        cents), so it equals the HT of a full year's invoices under any frequency. The VAT is
        that of one invoice; a year billed in several invoices carries the sum of their VAT:
        :meth:`BillingTerms.annual`.
        """
        return BillingTerms(frequency="yearly", timing="in_arrears").annual(self)

    @property
    def quarterly(self) -> Amounts:
        """The first quarter's invoice of a period: 337.50 / 67.50 / 405.00.

        When a line's annual amount is not a multiple of 4 cents, a later quarter of the same
        period may carry a remainder cent (see :func:`billing_schedule`).
        """
        ht = sum(_share(line.annual_ht.as_integer_ratio(), 0, 3) for line in self.lines)
        return Amounts._of_cents(ht, self.vat_rate_percent)

    def prorated_ht(
        self,
        installed_on: dt.date,
        period_end: dt.date,
        *,
        first_of_month: FirstOfMonth = "next_month",
        period_start: dt.date | None = None,
    ) -> Decimal:
        """The HT price of an initial period opened on ``installed_on`` (§1.11), line by line.

        Each line is pro-rated and rounded once (:func:`prorata_initial_price`), then the lines
        are summed: the invoices of the period carry the same cents.

        >>> PriceList.comelus_2024().prorated_ht(date(2024, 10, 15), date(2025, 8, 31))
        Decimal('1125.00')
        """
        months = billed_months(
            installed_on, period_end, first_of_month=first_of_month, period_start=period_start
        )
        return _cents_value(
            sum(_running_cents(line.annual_ht.as_integer_ratio(), months) for line in self.lines)
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One record per line: label, annual HT and a full quarter's HT."""
        return [
            {
                "label": line.label,
                "annual_ht": line.annual_ht,
                "quarterly_ht": _cents_value(_share(line.annual_ht.as_integer_ratio(), 0, 3)),
            }
            for line in self.lines
        ]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Prix annuels : 4 lignes, 1 350,00 € HT, TVA 20 % »."""
        lang = _text.check_lang(lang)
        count, ht = len(self.lines), _text.money(self.annual.ht, lang)
        rate = _text.percent(self.vat_rate_percent, lang)
        return pick(
            f"Prix annuels{_text.NBSP}: {count} ligne{'s' if count > 1 else ''}, {ht} HT, TVA {rate}",
            f"Annual prices: {count} line{'s' if count > 1 else ''}, {ht} excl. VAT, VAT {rate}",
            lang,
        )


# -- pro-rata of an initial period (§1.11) ----------------------------------------------------


def _initial_start(period_start: dt.date | None, period_end: dt.date) -> YearMonth:
    """The first month of the initial period: ``period_start``'s, or 11 months before the end."""
    if period_start is None:
        return YearMonth.of(period_end).shift(-11)
    _validate.ordered("period_start", period_start, "period_end", period_end)
    if period_start.day != 1:
        raise InvalidArgumentError(
            f"period_start={period_start!r} is not the first day of a month; §1.11 counts whole "
            f"months, so pass the period's first day, a month's 1st"
        )
    first = YearMonth.of(period_start)
    if _month_index(YearMonth.of(period_end)) - _month_index(first) >= MAX_TERM_MONTHS:
        raise OutOfRangeError(
            f"period_start={period_start!r} is more than {MAX_TERM_MONTHS} months before "
            f"period_end={period_end!r}; pass a period of at most {MAX_TERM_MONTHS} months"
        )
    return first


def _month_index(month: YearMonth) -> int:
    return month.year * 12 + month.month - 1


def billed_months(
    installed_on: dt.date,
    period_end: dt.date,
    *,
    first_of_month: FirstOfMonth = "next_month",
    period_start: dt.date | None = None,
) -> int:
    """Whole months billed in an initial period ending on ``period_end`` (§1.11).

    Counted from the first day of the month after ``installed_on`` to ``period_end``, a month's
    last day. The installation must lie in the initial period: from ``period_start`` (a month's
    1st), or by default in the year that ends on ``period_end``.

    >>> billed_months(date(2024, 10, 15), date(2025, 8, 31))
    10
    >>> billed_months(date(2024, 9, 1), date(2025, 8, 31))
    11
    >>> billed_months(date(2024, 9, 1), date(2025, 8, 31), first_of_month="same_month")
    12
    >>> billed_months(date(2025, 8, 5), date(2025, 8, 31))
    0
    >>> billed_months(date(2025, 1, 15), date(2027, 12, 31), period_start=date(2025, 1, 1))
    35
    """
    _validate.day("installed_on", installed_on)
    _validate.day("period_end", period_end)
    _validate.one_of("first_of_month", first_of_month, _validate.literal_values(FirstOfMonth))
    if YearMonth.of(period_end).last_day != period_end:
        raise InvalidArgumentError(
            f"period_end={period_end!r} is not the last day of a month; §1.11 counts whole "
            f"months, so pass the period's last day, a month's end (e.g. date(2025, 8, 31))"
        )
    if period_start is not None:
        _validate.day("period_start", period_start)
    first = _initial_start(period_start, period_end)
    if not first.first_day <= installed_on <= period_end:
        raise OutsideTermError(
            f"installed_on={installed_on!r} is outside the initial period "
            f"{first.first_day.isoformat()}…{period_end.isoformat()} that ends on period_end; "
            f"pass an installation date within it"
        )
    starts = _month_index(YearMonth.of(installed_on))
    if not (first_of_month == "same_month" and installed_on.day == 1):
        starts += 1
    return max(_month_index(YearMonth.of(period_end)) - starts + 1, 0)


def prorata_initial_price(
    annual: Decimal,
    installed_on: dt.date,
    period_end: dt.date,
    *,
    first_of_month: FirstOfMonth = "next_month",
    period_start: dt.date | None = None,
) -> Decimal:
    """The HT price of an initial period opened on ``installed_on`` (§1.11).

    "Calculé au prorata temporis, sur la base annuelle …, à compter du 1er jour du mois qui
    suit la date d'installation": ``annual`` × :func:`billed_months` / 12, rounded once to the
    cent. An installation after the last month began costs 0.00. For a price list, the price is
    the sum of its lines' prices (:meth:`PriceList.prorated_ht`).

    >>> prorata_initial_price(Decimal("1350.00"), date(2024, 9, 1), date(2025, 8, 31))
    Decimal('1237.50')
    >>> prorata_initial_price(Decimal("1350.00"), date(2025, 8, 31), date(2025, 8, 31))
    Decimal('0.00')
    >>> prorata_initial_price(Decimal("1350.00"), date(2025, 9, 1), date(2025, 8, 31))
    Traceback (most recent call last):
    ...
    libriciel_terms.errors.OutsideTermError: installed_on=datetime.date(2025, 9, 1) is outside the initial period 2024-09-01…2025-08-31 that ends on period_end; pass an installation date within it
    """
    amount = _validate.money("annual", annual)
    months = billed_months(
        installed_on, period_end, first_of_month=first_of_month, period_start=period_start
    )
    return _cents_value(_running_cents(amount.as_integer_ratio(), months))


# -- invoices ------------------------------------------------------------------------------


_positive = _validate.check(_validate.integer, minimum=1)


@attrs.frozen(kw_only=True)
class InvoiceLine:
    """One price line's HT share on an invoice."""

    label: str = attrs.field(validator=_validate.instance_of(str))
    ht: Decimal = attrs.field(validator=_whole_cents)


@attrs.frozen(kw_only=True)
class Invoice:
    """One invoice (CP, §1.8): number ``number`` of period ``period``, for ``covers_start`` …
    ``covers_end``, issued on ``billed_on``.

    ``months`` is the number of months billed (fewer in a pro-rated first period); ``ht`` is the
    sum of the lines; ``vat`` = ``ht`` × rate rounded once; ``ttc`` = ``ht`` + ``vat``.
    """

    frequency: Frequency = attrs.field(validator=_validate.choice(Frequency))
    period: int = attrs.field(validator=_positive)
    number: int = attrs.field(validator=_positive)
    billed_on: dt.date = attrs.field(validator=_validate.check(_validate.day))
    covers_start: dt.date = attrs.field(validator=_validate.check(_validate.day))
    covers_end: dt.date = attrs.field(validator=_validate.check(_validate.day))
    months: int = attrs.field(validator=_validate.check(_validate.integer, minimum=0))
    lines: tuple[InvoiceLine, ...] = attrs.field(converter=_validate.tuple_of(InvoiceLine))  # type: ignore[misc]
    ht: Decimal = attrs.field(validator=_whole_cents)
    vat: Decimal = attrs.field(validator=_whole_cents)
    ttc: Decimal = attrs.field(validator=[_whole_cents, _check_total])

    @property
    def quarter(self) -> int:
        """The invoice's number within its period (the CP's T1…T4 for quarterly billing)."""
        return self.number

    @property
    def label(self) -> str:
        """The CP's short name: T1…T4 for quarters; M1…, S1…, A1 for the other frequencies."""
        return f"{_FREQUENCIES[self.frequency][2]}{self.number}"

    @property
    def amounts(self) -> Amounts:
        """The invoice's HT, VAT and TTC."""
        return Amounts(ht=self.ht, vat=self.vat, ttc=self.ttc)


@attrs.frozen(kw_only=True)
class BillingTerms:
    """How a contract is billed: how often, when, and how an initial period is pro-rated (CP,
    §1.8, §1.11).

    ``first_of_month`` is §1.11's reading for an installation on a month's 1st
    (:data:`FirstOfMonth`); the methods take a keyword of the same name that overrides it.

    >>> terms = BillingTerms(frequency="half_yearly", timing="in_advance")
    >>> term = ContractTerm(start=date(2025, 1, 1), period_months=36, renewals=0, notice_months=2)
    >>> [d.isoformat() for d in terms.billing_dates(term)]
    ['2025-01-01', '2025-07-01', '2026-01-01', '2026-07-01', '2027-01-01', '2027-07-01']
    >>> terms.to_text(), terms.to_text(lang="en")
    ('semestrielle à terme à échoir', 'half-yearly in advance')
    """

    frequency: Frequency = attrs.field(validator=_validate.choice(Frequency))
    timing: Timing = attrs.field(validator=_validate.choice(Timing))
    first_of_month: FirstOfMonth = attrs.field(
        default="next_month", validator=_validate.choice(FirstOfMonth)
    )

    @classmethod
    def comelus(cls) -> BillingTerms:
        """The CP's billing: "La facturation se fera au trimestre", at the end of each quarter.

        The ``[billing]`` of the bundled ComElus 2024 contract file.
        """
        from libriciel_terms.comelus import COMELUS_2024

        return COMELUS_2024.billing

    @property
    def months(self) -> int:
        """Months covered by one invoice: 1, 3, 6 or 12."""
        return _FREQUENCIES[self.frequency][0]

    def to_text(self, *, lang: Lang = "fr") -> str:
        """« trimestrielle à terme échu » / "quarterly in arrears"."""
        lang = _text.check_lang(lang)
        french, english = _TIMINGS[self.timing]
        words = _FREQUENCIES[self.frequency]
        return pick(f"{words[3]} {french}", f"{words[4]} {english}", lang)

    def billing_dates(self, term: ContractTerm) -> tuple[dt.date, ...]:
        """Every billing date of every period of ``term`` (no pro-rata)."""
        _check_term(term)
        return tuple(self._billed_on(s, self.months) for s in term.slices(self.months))

    def _billed_on(self, piece: Slice, billed: int) -> dt.date:
        if self.timing == "in_arrears":
            return piece.end
        if 0 < billed < self.months:  # in advance, a pro-rated slice: from its first billed month
            return YearMonth.of(piece.start).shift(self.months - billed).first_day
        return piece.start

    def annual(self, prices: PriceList) -> Amounts:
        """What a full year costs billed this way: the sums of its invoices (HT, VAT, TTC).

        The HT is always :attr:`PriceList.annual`'s; the VAT is computed on each invoice, so
        it may differ by a cent or two from one yearly invoice's.

        >>> odd = PriceList(lines=(PriceLine(label="x", annual_ht=Decimal("1000.03")),),
        ...                 vat_rate_percent=Decimal("20"))
        >>> BillingTerms.comelus().annual(odd).ttc, odd.annual.ttc
        (Decimal('1200.03'), Decimal('1200.04'))
        """
        _check_prices(prices)
        ratios = _ratios(prices)
        invoices = [
            _amounts(ratios, prices.vat_rate_percent, self.months * k, self.months)[1]
            for k in range(12 // self.months)
        ]
        return Amounts.total(invoices)

    def schedule(
        self,
        term: ContractTerm,
        prices: PriceList,
        *,
        installed_on: dt.date | None = None,
        first_of_month: FirstOfMonth | None = None,
    ) -> BillingSchedule:
        """The invoices of every period of ``term`` at ``prices`` (CP, §1.8, §1.11).

        A line's share of an invoice is the difference of its running totals, ``annual`` ×
        billed months so far / 12, each rounded once to the cent: a period's invoices sum
        exactly to its lines' amounts, and a remainder cent falls on the invoice where the
        running total crosses a half cent. With ``installed_on`` (in the initial period), the
        initial period is pro-rated as in :meth:`PriceList.prorated_ht`: an invoice carries only
        its months from the first day of the month after the installation.
        """
        _check_term(term)
        _check_prices(prices)
        reading = self.first_of_month if first_of_month is None else first_of_month
        _validate.one_of("first_of_month", reading, _validate.literal_values(FirstOfMonth))
        starts = None if installed_on is None else _billing_start(term, installed_on, reading)
        ratios = _ratios(prices)
        invoices: list[Invoice] = []
        before = 0
        for piece in term.slices(self.months):
            before = 0 if piece.number == 1 else before
            billed = self.months
            if starts is not None and piece.period == 1:
                skipped = _month_index(starts) - _month_index(YearMonth.of(piece.start))
                billed = min(max(self.months - skipped, 0), self.months)
            lines, amounts = _amounts(ratios, prices.vat_rate_percent, before, billed)
            before += billed
            invoices.append(
                Invoice(
                    frequency=self.frequency,
                    period=piece.period,
                    number=piece.number,
                    billed_on=self._billed_on(piece, billed),
                    covers_start=piece.start,
                    covers_end=piece.end,
                    months=billed,
                    lines=lines,
                    ht=amounts.ht,
                    vat=amounts.vat,
                    ttc=amounts.ttc,
                )
            )
        return BillingSchedule(billing=self, invoices=tuple(invoices))


@attrs.frozen(kw_only=True)
class BillingSchedule(Report):
    """Every invoice of a term, in billing order (CP "Périodicités", §1.8, §1.11)."""

    billing: BillingTerms = attrs.field(validator=_validate.instance_of(BillingTerms))
    invoices: tuple[Invoice, ...] = attrs.field(converter=_validate.tuple_of(Invoice))  # type: ignore[misc]

    @property
    def COLUMNS(self) -> tuple[Column, ...]:  # type: ignore[override]  # noqa: N802
        """The table's columns; the invoice's short name is headed for its frequency."""
        key = _FREQUENCIES[self.billing.frequency][1]
        heads = {
            "month": ("mois", "month"),
            "quarter": ("trimestre", "quarter"),
            "half_year": ("semestre", "half-year"),
            "year": ("année", "year"),
        }[key]
        return (
            Column("period", "période", "period", "number"),
            Column(key, *heads, "text"),
            Column("billed_on", "facturée le", "billed on", "date"),
            Column("covers_start", "du", "from", "date"),
            Column("covers_end", "au", "to", "date"),
            Column("months", "mois facturés", "months billed", "number"),
            Column("ht", "HT", "excl. VAT", "money"),
            Column("vat", "TVA", "VAT", "money"),
            Column("ttc", "TTC", "incl. VAT", "money"),
        )

    def for_period(self, number: int) -> tuple[Invoice, ...]:
        """The invoices of period ``number`` (1 = the initial period)."""
        _validate.integer("number", number, minimum=1)
        return tuple(i for i in self.invoices if i.period == number)

    def period_total(self, number: int) -> Amounts:
        """The sums of period ``number``'s invoices (HT, VAT and TTC)."""
        invoices = self.for_period(number)
        if not invoices:
            raise OutsideTermError(f"number={number!r} is not a period of this schedule")
        return Amounts.total(i.amounts for i in invoices)

    def to_records(self) -> list[dict[str, Any]]:
        """One record per invoice; the short name's key is the frequency's (``quarter``: T1…)."""
        key = _FREQUENCIES[self.billing.frequency][1]
        return [
            {
                "period": i.period,
                key: i.label,
                "billed_on": i.billed_on,
                "covers_start": i.covers_start,
                "covers_end": i.covers_end,
                "months": i.months,
                "ht": i.ht,
                "vat": i.vat,
                "ttc": i.ttc,
            }
            for i in self.invoices
        ]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« 16 factures, facturation trimestrielle à terme échu »."""
        lang = _text.check_lang(lang)
        count = len(self.invoices)
        return pick(
            f"{count} facture{'s' if count > 1 else ''}, facturation "
            f"{self.billing.to_text(lang='fr')}",
            f"{count} invoice{'s' if count > 1 else ''}, billed {self.billing.to_text(lang='en')}",
            lang,
        )


def _check_term(term: object) -> None:
    if not isinstance(term, ContractTerm):
        raise WrongTypeError(
            f"term={term!r} is not a ContractTerm; pass e.g. ContractTerm.comelus()"
        )


def _check_prices(prices: object) -> None:
    if not isinstance(prices, PriceList):
        raise WrongTypeError(
            f"prices={prices!r} is not a PriceList; pass e.g. PriceList.comelus_2024()"
        )


def _ratios(prices: PriceList) -> list[tuple[str, Ratio]]:
    """Each line's label and annual HT as an integer ratio (computed once per schedule)."""
    return [(line.label, line.annual_ht.as_integer_ratio()) for line in prices.lines]


def _amounts(
    ratios: list[tuple[str, Ratio]], rate_percent: Decimal, before: int, months: int
) -> tuple[tuple[InvoiceLine, ...], Amounts]:
    """The lines and amounts of an invoice of ``months`` months after ``before`` billed ones."""
    shares = [(label, _share(annual, before, months)) for label, annual in ratios]
    lines = tuple(InvoiceLine(label=label, ht=_cents_value(share)) for label, share in shares)
    return lines, Amounts._of_cents(sum(share for _, share in shares), rate_percent)


def _billing_start(term: ContractTerm, installed_on: dt.date, reading: FirstOfMonth) -> YearMonth:
    """The first billed month of a term's initial period for an installation (§1.11)."""
    initial = term.periods[0]
    _validate.day("installed_on", installed_on)
    if not initial.contains(installed_on):
        raise OutsideTermError(
            f"installed_on={installed_on!r} is outside the initial period "
            f"{initial.start.isoformat()}…{initial.end.isoformat()}; pass a date within it"
        )
    if term.start.day != 1:
        raise InvalidArgumentError(
            f"term.start={term.start!r} is not the first day of a month; §1.11 pro-rates whole "
            f"months, so a pro-rated schedule needs a term that starts on a month's 1st"
        )
    month = YearMonth.of(installed_on)
    if reading == "same_month" and installed_on.day == 1:
        return month
    return YearMonth(month.year + month.month // 12, month.month % 12 + 1)


def billing_schedule(
    term: ContractTerm,
    prices: PriceList,
    *,
    billing: BillingTerms,
    installed_on: dt.date | None = None,
    first_of_month: FirstOfMonth | None = None,
) -> BillingSchedule:
    """The invoices of every period of ``term`` at ``prices``, billed per ``billing`` (CP, §1.8).

    The function form of :meth:`BillingTerms.schedule`.

    >>> schedule = billing_schedule(
    ...     ContractTerm.comelus(), PriceList.comelus_2024(), billing=BillingTerms.comelus(),
    ...     installed_on=date(2024, 10, 15),
    ... )
    >>> [(i.months, i.ht) for i in schedule.for_period(1)]
    [(1, Decimal('112.50')), (3, Decimal('337.50')), (3, Decimal('337.50')), (3, Decimal('337.50'))]
    >>> schedule.period_total(1).ht
    Decimal('1125.00')
    """
    if not isinstance(billing, BillingTerms):
        raise WrongTypeError(
            f"billing={billing!r} is not a BillingTerms; pass e.g. BillingTerms.comelus()"
        )
    return billing.schedule(term, prices, installed_on=installed_on, first_of_month=first_of_month)
