"""Prices, quarterly invoices, pro-rata, unit prices and the liability cap (CP, §1.4.1, §1.8, §1.11, §7).

The conditions particulières (CP) list four annual price lines, HT, VAT 20 %:

>>> from datetime import date
>>> from decimal import Decimal
>>> from libriciel_terms.term import ContractTerm
>>> prices = PriceList.comelus_2024()
>>> [(line.label, line.annual_ht) for line in prices.lines]
[('Utilisation du service', Decimal('650.00')), ('Volume transitant (20 To annuels)', Decimal('300.00')), ('Stockage', Decimal('150.00')), ('Support et helpdesk', Decimal('250.00'))]
>>> prices.annual
Amounts(ht=Decimal('1350.00'), vat=Decimal('270.00'), ttc=Decimal('1620.00'))
>>> prices.quarterly
Amounts(ht=Decimal('337.50'), vat=Decimal('67.50'), ttc=Decimal('405.00'))

Billed quarterly at the end of each quarter (terme échu), 16 invoices over the four periods:

>>> schedule = billing_schedule(ContractTerm.comelus(), prices)
>>> len(schedule.invoices), schedule.invoices[-3].billed_on, schedule.invoices[-3].ttc
(16, datetime.date(2028, 2, 29), Decimal('405.00'))

Pro-rata of an initial period (§1.11), whole months from the first day of the month after the
installation:

>>> prorata_initial_price(Decimal("1350.00"), date(2024, 10, 15), date(2025, 8, 31))
Decimal('1125.00')

Float money is refused:

>>> prorata_initial_price(1350.0, date(2024, 10, 15), date(2025, 8, 31))
Traceback (most recent call last):
...
libriciel_terms.errors.FloatMoneyError: annual=1350.0 is a float; pass the amount as a Decimal or an int, e.g. Decimal("1350.0") — a float cannot hold most decimal values exactly
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from libriciel_terms import _validate
from libriciel_terms._exact import CONTEXT, cents
from libriciel_terms._records import html_table, table_repr
from libriciel_terms.errors import (
    InvalidArgumentError,
    OutsideTermError,
    UnknownPriceError,
    WrongTypeError,
)
from libriciel_terms.term import (
    ContractTerm,
    Period,
    _add_months,
    _whole_months,
)

__all__ = [
    "STORAGE_GB_MONTH_HT",
    "UNIT_PRICES",
    "VAT_RATE_PERCENT",
    "Amounts",
    "BillingSchedule",
    "ConsistencyReport",
    "DamageKind",
    "Finding",
    "FirstOfMonth",
    "Invoice",
    "InvoiceLine",
    "PriceLine",
    "PriceList",
    "Quote",
    "QuoteLine",
    "UnitPrice",
    "billed_months",
    "billing_schedule",
    "check_consistency",
    "liability_cap",
    "prorata_initial_price",
    "quote",
    "storage_quote",
]

#: VAT rate of the CP, in percent.
VAT_RATE_PERCENT = Decimal("20")

#: How §1.11's "à compter du 1er jour du mois qui suit la date d'installation" treats an
#: installation on the 1st: ``"next_month"`` — literally, billing starts the following month
#: (installed 2024-09-01 → billed from 2024-10-01; the default); ``"same_month"`` — an
#: installation on the 1st is billed from that day (other days still start the next month).
FirstOfMonth = Literal["next_month", "same_month"]

#: The damage a liability claim is about (§1.4.1): ``"direct"`` — capped at the annual price;
#: ``"indirect"`` — excluded (data loss, image, third-party actions): 0.00; ``"bodily"`` and
#: ``"property"`` (mobiliers ou immobiliers) — no contractual cap (droit commun): ``None``.
DamageKind = Literal["direct", "indirect", "bodily", "property"]

_FIRST_OF_MONTH = ("next_month", "same_month")
_DAMAGES = ("direct", "indirect", "bodily", "property")
_ONE_DAY = dt.timedelta(days=1)


def _fr(value: Decimal | int) -> Fraction:
    return Fraction(value)


def _sum(values: Iterable[Decimal]) -> Decimal:
    """Exact sum of amounts, independent of the ambient decimal context, to the cent."""
    return cents(sum((Fraction(v) for v in values), Fraction(0)))


def _vat(ht: Decimal, rate_percent: Decimal) -> Decimal:
    return cents(Fraction(ht) * Fraction(rate_percent) / 100)


def _price_check(what: str) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        _validate.decimal(attribute.name, value, what=what, accept=(), minimum=Decimal(0))

    return check


@attrs.frozen(kw_only=True)
class Amounts:
    """An HT amount with its VAT and TTC, each rounded once to the cent (RULES.md §0).

    >>> Amounts.of_ht(Decimal("337.50"))
    Amounts(ht=Decimal('337.50'), vat=Decimal('67.50'), ttc=Decimal('405.00'))
    """

    ht: Decimal = attrs.field(validator=_price_check("amount"))
    vat: Decimal = attrs.field(validator=_price_check("amount"))
    ttc: Decimal = attrs.field(validator=_price_check("amount"))

    @classmethod
    def of_ht(cls, ht: Decimal, vat_rate_percent: Decimal = VAT_RATE_PERCENT) -> Amounts:
        """VAT = HT × rate, rounded once to the cent (half up); TTC = HT + VAT, exact."""
        base = cents(_fr(_validate.money("ht", ht)))
        rate = _validate.decimal(
            "vat_rate_percent", vat_rate_percent, what="rate", minimum=Decimal(0)
        )
        vat = _vat(base, rate)
        return cls(ht=base, vat=vat, ttc=_sum((base, vat)))


@attrs.frozen(kw_only=True)
class PriceLine:
    """One annual price line of the CP: a label and its annual HT amount (``Decimal``).

    A revision rebuilds it with a new amount: ``attrs.evolve(line, annual_ht=...)``.
    """

    label: str = attrs.field(validator=attrs.validators.instance_of(str))
    annual_ht: Decimal = attrs.field(validator=_price_check("annual HT price"))


def _check_lines(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, tuple) or not value:
        raise WrongTypeError(f"lines={value!r} is not a non-empty tuple of PriceLine")
    for line in value:
        if not isinstance(line, PriceLine):
            raise WrongTypeError(f"lines[…]={line!r} is not a PriceLine")
    labels = [line.label for line in value]
    if len(set(labels)) != len(labels):
        raise InvalidArgumentError(f"lines have duplicate labels {labels!r}; make them unique")


@attrs.frozen(kw_only=True)
class PriceList:
    """The annual price lines of a contract and its VAT rate (CP, §1.11).

    ``lines`` is a plain tuple of frozen :class:`PriceLine`, so another module (the Syntec
    revision) rebuilds a revised list with ``attrs.evolve``:

    >>> revised = attrs.evolve(
    ...     PriceList.comelus_2024(),
    ...     lines=tuple(
    ...         attrs.evolve(line, annual_ht=line.annual_ht * 2)
    ...         for line in PriceList.comelus_2024().lines
    ...     ),
    ... )
    >>> revised.annual.ht
    Decimal('2700.00')
    """

    lines: tuple[PriceLine, ...] = attrs.field(validator=_check_lines)
    vat_rate_percent: Decimal = attrs.field(
        default=VAT_RATE_PERCENT, validator=_price_check("VAT rate in percent")
    )

    @classmethod
    def comelus_2024(cls) -> PriceList:
        """The ComElus 2024 price lines, HT a year (CP; the decision's figures, see C5)."""
        return cls(
            lines=(
                PriceLine(label="Utilisation du service", annual_ht=Decimal("650.00")),
                PriceLine(label="Volume transitant (20 To annuels)", annual_ht=Decimal("300.00")),
                PriceLine(label="Stockage", annual_ht=Decimal("150.00")),
                PriceLine(label="Support et helpdesk", annual_ht=Decimal("250.00")),
            )
        )

    def line(self, label: str) -> PriceLine:
        """The line named ``label``."""
        for candidate in self.lines:
            if candidate.label == label:
                return candidate
        labels = ", ".join(repr(c.label) for c in self.lines)
        raise UnknownPriceError(f"label={label!r} is not a price line; pass one of {labels}")

    @property
    def annual(self) -> Amounts:
        """The annual HT, VAT and TTC: 1,350.00 / 270.00 / 1,620.00.

        The HT is the sum of the lines, each rounded once to the cent (a line is invoiced in
        cents), so it always equals the sum of a full period's invoices.
        """
        return Amounts.of_ht(
            _sum(cents(Fraction(line.annual_ht)) for line in self.lines), self.vat_rate_percent
        )

    @property
    def quarterly(self) -> Amounts:
        """A full quarter's invoice (the first one of a period): 337.50 / 67.50 / 405.00.

        When a line's annual amount is not a multiple of 4 cents, a later quarter of the same
        period may carry a remainder cent (see :func:`billing_schedule`).
        """
        return Amounts.of_ht(
            _sum(_share(line.annual_ht, 0, 3) for line in self.lines), self.vat_rate_percent
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One record per line: label, annual HT and a full quarter's HT."""
        return [
            {
                "label": line.label,
                "annual_ht": line.annual_ht,
                "quarterly_ht": _share(line.annual_ht, 0, 3),
            }
            for line in self.lines
        ]

    def _repr_html_(self) -> str:
        return html_table(self.to_records())


def _share(annual: Decimal, months_before: int, months: int) -> Decimal:
    """The HT of ``months`` billed months after ``months_before`` billed ones, by running totals.

    Each amount is the difference of two running totals rounded once to the cent, so a
    period's amounts sum exactly to the rounded total, none is negative, and each is within a
    cent of its exact share.
    """
    exact = Fraction(annual) / 12
    upto = cents(exact * (months_before + months))
    before = cents(exact * months_before)
    return cents(Fraction(upto) - Fraction(before))


def _check_month_end(name: str, day: dt.date) -> None:
    if (day + _ONE_DAY).day != 1:
        raise InvalidArgumentError(
            f"{name}={day!r} is not the last day of a month; §1.11 counts whole months, so "
            f"pass the period's last day, a month's end (e.g. date(2025, 8, 31))"
        )


def _billing_start(installed_on: dt.date, first_of_month: FirstOfMonth) -> dt.date:
    if first_of_month == "same_month" and installed_on.day == 1:
        return installed_on
    return _add_months(installed_on.replace(day=1), 1)


def billed_months(
    installed_on: dt.date, period_end: dt.date, *, first_of_month: FirstOfMonth = "next_month"
) -> int:
    """Whole months billed in an initial period ending on ``period_end`` (§1.11).

    Counted from the first day of the month after ``installed_on`` to ``period_end``, a month's
    last day; the installation must lie in the year that ends on ``period_end``.

    >>> billed_months(date(2024, 10, 15), date(2025, 8, 31))
    10
    >>> billed_months(date(2024, 9, 1), date(2025, 8, 31))
    11
    >>> billed_months(date(2024, 9, 1), date(2025, 8, 31), first_of_month="same_month")
    12
    >>> billed_months(date(2025, 8, 5), date(2025, 8, 31))
    0
    """
    _validate.day("installed_on", installed_on)
    _validate.day("period_end", period_end)
    _validate.one_of("first_of_month", first_of_month, _FIRST_OF_MONTH)
    _check_month_end("period_end", period_end)
    year_start = _add_months(period_end + _ONE_DAY, -12)
    if not year_start <= installed_on <= period_end:
        raise OutsideTermError(
            f"installed_on={installed_on!r} is outside the initial period "
            f"{year_start.isoformat()}…{period_end.isoformat()} that ends on period_end; "
            f"pass an installation date within it"
        )
    start = _billing_start(installed_on, first_of_month)
    stop = period_end + _ONE_DAY
    return max((stop.year - start.year) * 12 + stop.month - start.month, 0)


def prorata_initial_price(
    annual: Decimal,
    installed_on: dt.date,
    period_end: dt.date,
    *,
    first_of_month: FirstOfMonth = "next_month",
) -> Decimal:
    """The HT price of an initial period opened on ``installed_on`` (§1.11).

    "Calculé au prorata temporis, sur la base annuelle …, à compter du 1er jour du mois qui
    suit la date d'installation": ``annual`` × :func:`billed_months` / 12, rounded once to the
    cent. An installation after the last month began costs 0.00.

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
    months = billed_months(installed_on, period_end, first_of_month=first_of_month)
    return cents(Fraction(amount) * months / 12)


@attrs.frozen(kw_only=True)
class InvoiceLine:
    """One price line's HT share on an invoice."""

    label: str
    ht: Decimal


@attrs.frozen(kw_only=True)
class Invoice:
    """A quarterly invoice (CP): billed on the quarter's last day for the quarter it covers.

    ``months`` is the number of months billed (3, fewer in a pro-rated first period); ``ht`` is
    the sum of the lines; ``vat`` = ``ht`` × rate rounded once; ``ttc`` = ``ht`` + ``vat``.
    """

    period: int
    quarter: int
    billed_on: dt.date
    covers_start: dt.date
    covers_end: dt.date
    months: int
    lines: tuple[InvoiceLine, ...]
    ht: Decimal
    vat: Decimal
    ttc: Decimal

    def to_record(self) -> dict[str, Any]:
        """The invoice as one flat record (lines summed)."""
        return {
            "period": self.period,
            "quarter": f"T{self.quarter}",
            "billed_on": self.billed_on,
            "covers_start": self.covers_start,
            "covers_end": self.covers_end,
            "months": self.months,
            "ht": self.ht,
            "vat": self.vat,
            "ttc": self.ttc,
        }


@attrs.frozen(kw_only=True)
class BillingSchedule:
    """Every invoice of a term, in billing order (CP "Périodicités", §1.8, §1.11)."""

    invoices: tuple[Invoice, ...]

    def for_period(self, number: int) -> tuple[Invoice, ...]:
        """The invoices of period ``number`` (1 = the initial period)."""
        _validate.integer("number", number, minimum=1)
        return tuple(i for i in self.invoices if i.period == number)

    def period_total(self, number: int) -> Amounts:
        """The sums of period ``number``'s invoices (HT, VAT and TTC)."""
        invoices = self.for_period(number)
        if not invoices:
            raise OutsideTermError(f"number={number!r} is not a period of this schedule")
        return Amounts(
            ht=_sum(i.ht for i in invoices),
            vat=_sum(i.vat for i in invoices),
            ttc=_sum(i.ttc for i in invoices),
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One record per invoice."""
        return [invoice.to_record() for invoice in self.invoices]

    def __repr__(self) -> str:
        return table_repr(f"<BillingSchedule: {len(self.invoices)} invoices>", self.to_records())

    def _repr_html_(self) -> str:
        return html_table(self.to_records())


def billing_schedule(
    term: ContractTerm,
    prices: PriceList,
    *,
    installed_on: dt.date | None = None,
    first_of_month: FirstOfMonth = "next_month",
) -> BillingSchedule:
    """The quarterly invoices of every period of ``term`` at ``prices`` (CP, §1.8, §1.11).

    Each quarter is invoiced on its last day (terme échu). A line's share of a quarter is the
    difference of its running totals, ``annual`` × billed months so far / 12, each rounded
    once to the cent: a period's quarters sum exactly to its lines' amounts, and a remainder
    cent falls on the quarter where the running total crosses a half cent. With
    ``installed_on`` (in the initial period), the initial period is pro-rated as in
    :func:`prorata_initial_price`: a quarter carries only its months from the first day of the
    month after the installation.

    >>> schedule = billing_schedule(
    ...     ContractTerm.comelus(), PriceList.comelus_2024(), installed_on=date(2024, 10, 15)
    ... )
    >>> [(i.months, i.ht) for i in schedule.for_period(1)]
    [(1, Decimal('112.50')), (3, Decimal('337.50')), (3, Decimal('337.50')), (3, Decimal('337.50'))]
    >>> schedule.period_total(1).ht
    Decimal('1125.00')
    """
    if not isinstance(term, ContractTerm):
        raise WrongTypeError(f"term={term!r} is not a ContractTerm; pass ContractTerm.comelus()")
    if not isinstance(prices, PriceList):
        raise WrongTypeError(f"prices={prices!r} is not a PriceList; pass PriceList.comelus_2024()")
    _validate.one_of("first_of_month", first_of_month, _FIRST_OF_MONTH)
    billing_start: dt.date | None = None
    if installed_on is not None:
        initial: Period = term.periods[0]
        _validate.day("installed_on", installed_on)
        if not initial.contains(installed_on):
            raise OutsideTermError(
                f"installed_on={installed_on!r} is outside the initial period "
                f"{initial.start.isoformat()}…{initial.end.isoformat()}; pass a date within it"
            )
        _check_month_end("the initial period's end", initial.end)
        billing_start = _billing_start(installed_on, first_of_month)
    invoices: list[Invoice] = []
    billed_so_far: dict[int, int] = {}
    for q in term.quarters():
        if q.period == 1 and billing_start is not None:
            months = sum(
                1 for j in range(3) if _add_months(q.start, j) >= billing_start
            )  # q.start is a month's 1st here: the initial period ends on a month's end
        else:
            months = 3
        before = billed_so_far.get(q.period, 0)
        billed_so_far[q.period] = before + months
        lines = tuple(
            InvoiceLine(label=line.label, ht=_share(line.annual_ht, before, months))
            for line in prices.lines
        )
        amounts = Amounts.of_ht(_sum(line.ht for line in lines), prices.vat_rate_percent)
        invoices.append(
            Invoice(
                period=q.period,
                quarter=q.number,
                billed_on=q.billed_on,
                covers_start=q.start,
                covers_end=q.end,
                months=months,
                lines=lines,
                ht=amounts.ht,
                vat=amounts.vat,
                ttc=amounts.ttc,
            )
        )
    return BillingSchedule(invoices=tuple(invoices))


# --- Section 7: unit prices of services ordered on demand -------------------------------------


@attrs.frozen(kw_only=True)
class UnitPrice:
    """A unit price of section 7: a code, the designation, its unit, HT and the printed TTC."""

    code: str
    label: str
    unit: str
    ht: Decimal = attrs.field(validator=_price_check("unit price"))
    ttc: Decimal = attrs.field(validator=_price_check("unit price"))


def _unit(code: str, label: str, ht: str, ttc: str, unit: str = "day") -> UnitPrice:
    return UnitPrice(code=code, label=label, unit=unit, ht=Decimal(ht), ttc=Decimal(ttc))


#: Section 7 "Coûts des prestations unitaires à commande", as printed (HT and TTC columns).
UNIT_PRICES: tuple[UnitPrice, ...] = (
    _unit(
        "site_steering",
        "Directeur de projet, comité de pilotage/projet, sur site",
        "1030.00",
        "1236.00",
    ),
    _unit(
        "site_integration", "Assistance technique à l'intégration sur site", "1030.00", "1236.00"
    ),
    _unit("site_functional_training", "Formation fonctionnelle sur site", "1030.00", "1236.00"),
    _unit("site_functional_assistance", "Assistance fonctionnelle sur site", "1030.00", "1236.00"),
    _unit("site_technical_training", "Formation technique sur site", "1030.00", "1236.00"),
    _unit(
        "remote_steering",
        "Directeur de projet, comité de pilotage/projet, en centre",
        "600.00",
        "720.00",
    ),
    _unit(
        "remote_integration", "Assistance technique à l'intégration, en centre", "600.00", "720.00"
    ),
    _unit("remote_training", "Formation fonctionnelle ou technique, en centre", "600.00", "720.00"),
    _unit(
        "remote_functional_assistance", "Assistance fonctionnelle, en centre", "600.00", "720.00"
    ),
    _unit("remote_customer_training", "Formation collectivité, en centre", "600.00", "720.00"),
    _unit("development", "Développement complémentaire", "500.00", "600.00"),
    _unit(
        "version_upgrade",
        "Montée de version (un environnement / une instance)",
        "300.00",
        "360.00",
        "upgrade",
    ),
    _unit(
        "storage_gb_month",
        "Volume stocké et backupé, par Go et par mois",
        "2.50",
        "3.00",
        "GB-month",
    ),
)

#: The monthly price of one stored and backed-up GB, HT (§7).
STORAGE_GB_MONTH_HT = Decimal("2.50")

_UNIT_BY_CODE = {u.code: u for u in UNIT_PRICES}


@attrs.frozen(kw_only=True)
class QuoteLine:
    """A quantity of one unit price; ``ht`` = quantity × unit HT, rounded once to the cent."""

    code: str
    label: str
    quantity: Decimal
    unit_ht: Decimal
    ht: Decimal


@attrs.frozen(kw_only=True)
class Quote:
    """A quote for ordered services (§7): its lines and the totals, VAT on the total HT."""

    lines: tuple[QuoteLine, ...]
    ht: Decimal
    vat: Decimal
    ttc: Decimal

    def to_records(self) -> list[dict[str, Any]]:
        """One record per line."""
        return [
            {
                "code": line.code,
                "label": line.label,
                "quantity": line.quantity,
                "unit_ht": line.unit_ht,
                "ht": line.ht,
            }
            for line in self.lines
        ]

    def __repr__(self) -> str:
        return table_repr(f"<Quote: {len(self.lines)} lines, {self.ttc} € TTC>", self.to_records())

    def _repr_html_(self) -> str:
        return html_table(self.to_records())


def quote(
    items: Mapping[str, Decimal | int] | Iterable[tuple[str, Decimal | int]],
    *,
    vat_rate_percent: Decimal = VAT_RATE_PERCENT,
) -> Quote:
    """Price ordered services at the section 7 unit prices (§7).

    ``items`` maps a :data:`UNIT_PRICES` code to a quantity (``Decimal`` or ``int``, a half
    day is ``Decimal("0.5")``). Each line is rounded once; VAT is computed on the total HT.

    >>> q = quote({"site_functional_training": 2, "development": Decimal("0.5")})
    >>> [line.ht for line in q.lines], q.ht, q.vat, q.ttc
    ([Decimal('2060.00'), Decimal('250.00')], Decimal('2310.00'), Decimal('462.00'), Decimal('2772.00'))
    >>> quote({"coffee": 1})
    Traceback (most recent call last):
    ...
    libriciel_terms.errors.UnknownPriceError: items['coffee'] is not a section 7 unit price; pass one of site_steering, ...
    """
    rate = _validate.decimal("vat_rate_percent", vat_rate_percent, what="rate", minimum=Decimal(0))
    if isinstance(items, Mapping):
        pairs: list[Any] = list(items.items())
    elif isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise WrongTypeError(
            f"items={items!r} is not a mapping of unit price codes to quantities; "
            f'pass e.g. {{"development": 2}}'
        )
    else:
        pairs = list(items)
    lines: list[QuoteLine] = []
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise WrongTypeError(f"items[…]={pair!r} is not a (code, quantity) pair")
        code, quantity = pair
        unit = _UNIT_BY_CODE.get(code) if isinstance(code, str) else None
        if unit is None:
            codes = ", ".join(_UNIT_BY_CODE)
            raise UnknownPriceError(
                f"items[{code!r}] is not a section 7 unit price; pass one of {codes}"
            )
        qty = _validate.decimal(
            f"items[{code!r}]", quantity, what="quantity", accept=(int,), minimum=Decimal(0)
        )
        lines.append(
            QuoteLine(
                code=unit.code,
                label=unit.label,
                quantity=qty,
                unit_ht=unit.ht,
                ht=cents(Fraction(qty) * Fraction(unit.ht)),
            )
        )
    total = Amounts.of_ht(_sum(line.ht for line in lines), rate)
    return Quote(lines=tuple(lines), ht=total.ht, vat=total.vat, ttc=total.ttc)


def storage_quote(gigabytes: Decimal | int, *, months: int = 1) -> Quote:
    """The price of ``gigabytes`` stored and backed up for ``months`` months (§7: 2.50 HT/GB/month).

    >>> storage_quote(40, months=3).ht
    Decimal('300.00')
    """
    gb = _validate.decimal("gigabytes", gigabytes, what="volume", accept=(int,), minimum=Decimal(0))
    count = _validate.integer("months", months, minimum=0)
    return quote([("storage_gb_month", CONTEXT.multiply(gb, Decimal(count)))])


# --- Liability (§1.4.1) ------------------------------------------------------------------------


def liability_cap(annual_price: Decimal, *, damage: DamageKind = "direct") -> Decimal | None:
    """The most the titulaire owes for one damage (§1.4.1).

    "L'indemnité totale … ne pourra dépasser le prix du service annuel (maintenance et/ou
    support) à l'origine du dommage": the cap is ``annual_price``, the annual price of the
    service that caused the damage (HT, as the CP states prices). Indirect damage, lost or
    damaged records and data are excluded (0.00); bodily injury and damage to physical property
    have no contractual cap (``None``: droit commun).

    >>> liability_cap(Decimal("1350.00"))
    Decimal('1350.00')
    >>> liability_cap(Decimal("250.00"), damage="indirect")
    Decimal('0.00')
    >>> liability_cap(Decimal("1350.00"), damage="bodily") is None
    True
    """
    amount = _validate.money("annual_price", annual_price)
    _validate.one_of("damage", damage, _DAMAGES)
    if damage in ("bodily", "property"):
        return None
    if damage == "indirect":
        return cents(0)
    return cents(Fraction(amount))


# --- The contract's own figures, checked (RULES.md C3, C4, C5, C8) ------------------------------

#: Figures as the contract's text prints them (transcribed, not computed).
_DECISION_LATEST_END = dt.date(2027, 8, 31)  # "soit jusqu'au 31 Août 2027 au plus tard"
_DECISION_ANNUAL_HT = Decimal("1350.00")  # "1'350€ HT, comprenant ..."
_DECISION_HOSTING_LABELS = (
    "Utilisation du service",
    "Volume transitant (20 To annuels)",
    "Stockage",
)
_CP_ANNUAL_PRINTED = Amounts(
    ht=Decimal("337.50"), vat=Decimal("67.50"), ttc=Decimal("405.00")
)  # CP "Total annuel HT / Montant annuel TVA / Montant annuel TTC"
_CLAUSE_1_11_MONTHS = 48  # "renouvellements compris (48 mois)"

Figure = Decimal | int | dt.date | bool


@attrs.frozen(kw_only=True)
class Finding:
    """One contradiction of the contract's text, with both readings and the numbers."""

    id: str
    clause: str
    reading_a: str
    reading_b: str
    figures: tuple[tuple[str, Figure], ...]
    resolution: str

    def figure(self, name: str) -> Figure:
        """The figure called ``name``."""
        for key, value in self.figures:
            if key == name:
                return value
        raise UnknownPriceError(
            f"name={name!r} is not a figure of {self.id}; pass one of "
            + ", ".join(k for k, _ in self.figures)
        )

    def to_record(self) -> dict[str, Any]:
        """The finding as one flat record; figures as ``name=value`` text."""
        return {
            "id": self.id,
            "clause": self.clause,
            "reading_a": self.reading_a,
            "reading_b": self.reading_b,
            "figures": "; ".join(f"{k}={v}" for k, v in self.figures),
            "resolution": self.resolution,
        }


@attrs.frozen(kw_only=True)
class ConsistencyReport:
    """The findings of :func:`check_consistency`, in contradiction order."""

    findings: tuple[Finding, ...]

    def __getitem__(self, finding_id: str) -> Finding:
        for finding in self.findings:
            if finding.id == finding_id:
                return finding
        raise UnknownPriceError(
            f"finding_id={finding_id!r} is not a finding; pass one of "
            + ", ".join(f.id for f in self.findings)
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One record per finding."""
        return [finding.to_record() for finding in self.findings]

    def __repr__(self) -> str:
        return table_repr(
            f"<ConsistencyReport: {len(self.to_records())} findings>", self.to_records()
        )

    def _repr_html_(self) -> str:
        return html_table(self.to_records())


def check_consistency(
    term: ContractTerm | None = None, prices: PriceList | None = None
) -> ConsistencyReport:
    """Recompute the contract's own figures and report where its texts disagree.

    ``term`` and ``prices`` default to the ComElus 2024 presets; the printed figures they are
    compared with are those of the decision, the CP and clause 1.11.

    >>> report = check_consistency()
    >>> [f.id for f in report.findings]
    ['C3', 'C4', 'C5', 'C8']
    >>> report["C3"].figure("decision_latest_end"), report["C3"].figure("computed_latest_end")
    (datetime.date(2027, 8, 31), datetime.date(2028, 8, 31))
    >>> report["C5"].figure("decision_components_sum_ht")
    Decimal('1100.00')
    """
    term = ContractTerm.comelus() if term is None else term
    prices = PriceList.comelus_2024() if prices is None else prices
    if not isinstance(term, ContractTerm):
        raise WrongTypeError(f"term={term!r} is not a ContractTerm")
    if not isinstance(prices, PriceList):
        raise WrongTypeError(f"prices={prices!r} is not a PriceList")
    months_to_decision_end = _whole_months(term.start, _DECISION_LATEST_END + _ONE_DAY)
    c3 = Finding(
        id="C3",
        clause="decision vs CP, §1.7, §1.11",
        reading_a="decision: renewable 3 times, 'soit jusqu'au 31 Août 2027 au plus tard'",
        reading_b="CP table and §1.11: 1 year + 3 renewals, last period ends 31/08/28, 48 months",
        figures=(
            ("decision_latest_end", _DECISION_LATEST_END),
            ("decision_months", months_to_decision_end),
            ("computed_latest_end", term.latest_end),
            ("computed_months", term.months),
            ("clause_1_11_months", _CLAUSE_1_11_MONTHS),
        ),
        resolution="reading B: ContractTerm.comelus() ends on latest_end",
    )
    first = term.anniversaries[0] if term.anniversaries else None
    c4_figures: tuple[tuple[str, Figure], ...] = ()
    if first is not None:
        a = term.notice_deadline(first, reading="end_of_year")
        b = term.notice_deadline(first)
        c4_figures = (
            ("anniversary", first),
            ("deadline_decision", a),
            ("deadline_anniversary", b),
            ("difference_days", (b - a).days),
        )
    c4 = Finding(
        id="C4",
        clause="decision vs §1.7, §1.9, CP",
        reading_a="decision: notice 'deux mois avant la fin de l'année en cours'",
        reading_b="§1.7, §1.9, CP: '2 mois avant la date anniversaire'",
        figures=c4_figures,
        resolution="reading B by default; notice_deadline(..., reading='end_of_year') gives A",
    )
    hosting = _sum(
        line.annual_ht for line in prices.lines if line.label in _DECISION_HOSTING_LABELS
    )
    annual = prices.annual
    quarterly = prices.quarterly
    c5 = Finding(
        id="C5",
        clause="decision, CP",
        reading_a="decision: '1'350€ HT, comprenant 650 + 300 + 150'; "
        "CP 'Total annuel' 337,50 / 67,50 / 405,00",
        reading_b="1,350 = 650 + 300 + 150 + 250 (support); the CP's 'annuel' row repeats the "
        "quarterly total",
        figures=(
            ("decision_stated_ht", _DECISION_ANNUAL_HT),
            ("decision_components_sum_ht", hosting),
            ("computed_annual_ht", annual.ht),
            ("computed_annual_vat", annual.vat),
            ("computed_annual_ttc", annual.ttc),
            ("computed_quarterly_ht", quarterly.ht),
            ("computed_quarterly_vat", quarterly.vat),
            ("computed_quarterly_ttc", quarterly.ttc),
            ("cp_printed_annual_ht", _CP_ANNUAL_PRINTED.ht),
            ("cp_printed_annual_vat", _CP_ANNUAL_PRINTED.vat),
            ("cp_printed_annual_ttc", _CP_ANNUAL_PRINTED.ttc),
            ("cp_annual_row_equals_quarterly", quarterly == _CP_ANNUAL_PRINTED),
        ),
        resolution="reading B: PriceList.comelus_2024() has the four lines; annual = sum",
    )
    c8 = Finding(
        id="C8",
        clause="§1.11",
        reading_a="prices 'fermes et définitifs' for the whole term, renewals included (48 mois)",
        reading_b="'sauf volonté différente' of the buyer, who may impose the Syntec revision "
        "from the end of the first year",
        figures=(
            ("clause_1_11_months", _CLAUSE_1_11_MONTHS),
            ("computed_months", term.months),
            ("first_possible_revision", first if first is not None else term.latest_end),
        ),
        resolution="reading A by default (firm prices); a revision rebuilds the PriceList",
    )
    return ConsistencyReport(findings=(c3, c4, c5, c8))
