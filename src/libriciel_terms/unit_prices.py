"""Unit prices of the services ordered on demand, and quotes (Contract §7).

§7 "Coûts des prestations unitaires à commande" prints a price list: each service with its unit
price HT and TTC — a day on site 1 030,00 € HT, a day in Libriciel's centre 600,00 €, a day of
development 500,00 €, a version upgrade 300,00 €, a stored and backed-up GB 2,50 € a month.

>>> from decimal import Decimal
>>> prices = UnitPriceList.comelus_2024()
>>> prices["development"].ht, prices["storage_gb_month"].unit
(Decimal('500.00'), 'GB-month')

A quote prices quantities (a half day is ``Decimal("0.5")``); each line is rounded once to the
cent, and the VAT is computed once, on the quote's total HT:

>>> q = prices.quote({"site_functional_training": 2, "development": Decimal("0.5")})
>>> [line.ht for line in q.lines], q.ht, q.vat, q.ttc
([Decimal('2060.00'), Decimal('250.00')], Decimal('2310.00'), Decimal('462.00'), Decimal('2772.00'))
>>> prices.storage_quote(40, months=3).ht
Decimal('300.00')

A storage quote is the quote of its GB-months: ``storage_quote(x, months=m)`` equals
``quote({code: x × m})``. The failing case, a code the list does not hold:

>>> prices.quote({"coffee": 1})
Traceback (most recent call last):
...
libriciel_terms.errors.UnknownPriceError: items['coffee'] is not a unit price of this list; pass one of site_steering, site_integration, ...
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._exact import CONTEXT, cents
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang, pick
from libriciel_terms.billing import Amounts, sum_amounts
from libriciel_terms.errors import (
    InvalidArgumentError,
    OutOfRangeError,
    UnknownPriceError,
    WrongTypeError,
)
from libriciel_terms.term import MAX_TERM_MONTHS

__all__ = [
    "MAX_QUOTE_LINES",
    "PriceUnit",
    "Quote",
    "QuoteLine",
    "UnitPrice",
    "UnitPriceList",
    "quote",
    "storage_quote",
]

#: What a unit price is for: a day, an hour, a version upgrade, a flat fee, a GB stored for a
#: month, or any other unit.
PriceUnit = Literal["day", "hour", "upgrade", "flat_fee", "GB-month", "unit"]

#: The most lines a quote or a unit price list holds.
MAX_QUOTE_LINES = 1000

#: Per unit: French singular and plural, English singular and plural.
_UNIT_WORDS: Mapping[str, tuple[str, str, str, str]] = MappingProxyType(
    {
        "day": ("jour", "jours", "day", "days"),
        "hour": ("heure", "heures", "hour", "hours"),
        "upgrade": ("montée de version", "montées de version", "upgrade", "upgrades"),
        "flat_fee": ("forfait", "forfaits", "flat fee", "flat fees"),
        "GB-month": ("Go par mois", "Go par mois", "GB-month", "GB-months"),
        "unit": ("unité", "unités", "unit", "units"),
    }
)


class _Unit(str):
    """A unit as records hold it (``"day"``), shown in the reader's language by reports."""

    def to_text(self, *, lang: Lang = "fr") -> str:
        """« jour » / "day"."""
        words = _UNIT_WORDS[self]
        return pick(words[0], words[2], _text.check_lang(lang))


_money = _validate.check(
    _validate.decimal, what="unit price", accept=(), minimum=Decimal(0), maximum=_validate.MAX_MONEY
)


@attrs.frozen(kw_only=True)
class UnitPrice:
    """A unit price of §7: a code (for machines), the designation, its unit, HT and the TTC the
    contract prints (``None`` if it prints none)."""

    code: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    label: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    unit: PriceUnit = attrs.field(validator=_validate.choice(PriceUnit))
    ht: Decimal = attrs.field(validator=_money)
    ttc: Decimal | None = attrs.field(
        default=None,
        validator=_validate.optional(
            _validate.decimal,
            what="unit price",
            accept=(),
            minimum=Decimal(0),
            maximum=_validate.MAX_MONEY,
        ),
    )

    def unit_text(self, *, lang: Lang = "fr") -> str:
        """The unit as a person reads it: « jour », « Go par mois »."""
        lang = _text.check_lang(lang)
        return _Unit(self.unit).to_text(lang=lang)


def _check_prices(
    instance: UnitPriceList, _attribute: object, value: tuple[UnitPrice, ...]
) -> None:
    if not value or len(value) > MAX_QUOTE_LINES:
        raise OutOfRangeError(
            f"prices holds {len(value)} unit prices; pass between 1 and {MAX_QUOTE_LINES}"
        )
    codes = [price.code for price in value]
    if len(set(codes)) != len(codes):
        raise InvalidArgumentError(f"prices have duplicate codes {codes!r}; make them unique")


def _check_printed(instance: UnitPriceList, _attribute: object, _value: Any) -> None:
    for price in instance.prices:
        computed = Amounts.of_ht(price.ht, instance.vat_rate_percent).ttc
        if price.ttc is not None and price.ttc != computed:
            raise InvalidArgumentError(
                f"prices[{price.code!r}].ttc={price.ttc!r} is not its HT {price.ht} plus "
                f"{instance.vat_rate_percent} % VAT ({computed}); correct the transcription or "
                f"leave ttc out"
            )


@attrs.frozen(kw_only=True)
class UnitPriceList(Report, Mapping[str, UnitPrice]):
    """The unit prices of §7 and the VAT rate of the quotes made from them; a mapping code →
    :class:`UnitPrice`.

    >>> list(UnitPriceList.comelus_2024())[:2]
    ['site_steering', 'site_integration']
    """

    COLUMNS = (
        Column("code", "code", "code", "text"),
        Column("label", "désignation", "designation", "text"),
        Column("unit", "unité", "unit", "text"),
        Column("ht", "prix unitaire HT", "unit price excl. VAT", "money"),
        Column("ttc", "prix unitaire TTC", "unit price incl. VAT", "money"),
    )

    prices: tuple[UnitPrice, ...] = attrs.field(
        converter=_validate.tuple_of(UnitPrice),  # type: ignore[misc]
        validator=_check_prices,
    )
    vat_rate_percent: Decimal = attrs.field(
        validator=[
            _validate.check(
                _validate.decimal, what="VAT rate in percent", accept=(int,),
                minimum=Decimal(0), maximum=Decimal(100),
            ),
            _check_printed,
        ]
    )  # fmt: skip

    @classmethod
    def comelus_2024(cls) -> UnitPriceList:
        """§7 "Coûts des prestations unitaires à commande" (HT, VAT 20 %).

        The unit prices of the bundled ComElus 2024 contract file (the convention de service's
        §7); the TTC the contract prints is each HT plus 20 %, which the records compute.

        >>> UnitPriceList.comelus_2024()["development"].ht
        Decimal('500.00')
        """
        from libriciel_terms.comelus import COMELUS_2024

        return COMELUS_2024.unit_prices

    def __getitem__(self, code: str) -> UnitPrice:
        for price in self.prices:
            if price.code == code:
                return price
        raise UnknownPriceError(
            f"code={code!r} is not a unit price of this list; pass one of {self._codes()}"
        )

    def __iter__(self) -> Iterator[str]:
        return (price.code for price in self.prices)

    def __len__(self) -> int:
        return len(self.prices)

    def _codes(self) -> str:
        return ", ".join(self)

    def quote(
        self,
        items: Mapping[str, Decimal | int] | Iterable[tuple[str, Decimal | int]],
        *,
        vat_rate_percent: Decimal | None = None,
    ) -> Quote:
        """Price ``items`` (code → quantity, or (code, quantity) pairs) at these prices (§7).

        ``vat_rate_percent`` overrides the list's rate for this quote.
        """
        rate = self._rate(vat_rate_percent)
        lines = [self._line(f"items[{code!r}]", code, quantity) for code, quantity in _pairs(items)]
        return _quote(lines, rate)

    def storage_quote(self, gigabytes: Decimal | int, *, months: int = 1) -> Quote:
        """``gigabytes`` stored and backed up for ``months`` months, at the list's one price per
        GB-month (§7: 2,50 € HT a GB a month): the quote of ``gigabytes`` × ``months`` GB-months.
        """
        gb = _validate.decimal(
            "gigabytes", gigabytes, what="volume", accept=(int,), minimum=Decimal(0)
        )
        count = _validate.integer("months", months, minimum=0, maximum=MAX_TERM_MONTHS)
        storage = [price for price in self.prices if price.unit == "GB-month"]
        if len(storage) != 1:
            raise InvalidArgumentError(
                f"this list has {len(storage)} prices per GB-month; storage_quote needs exactly "
                f"one — use quote() with the code you mean"
            )
        # exact: at most 43 significant digits times a count below 10⁴, in a 60-digit context
        volume = CONTEXT.multiply(gb, Decimal(count))
        return _quote([_line_of(storage[0], volume)], self.vat_rate_percent)

    def _rate(self, vat_rate_percent: Decimal | None) -> Decimal:
        if vat_rate_percent is None:
            return self.vat_rate_percent
        return _validate.decimal(
            "vat_rate_percent", vat_rate_percent, what="VAT rate in percent", accept=(int,),
            minimum=Decimal(0), maximum=Decimal(100),
        )  # fmt: skip

    def _line(self, name: str, code: object, quantity: object) -> QuoteLine:
        price = None
        if isinstance(code, str):
            price = next((p for p in self.prices if p.code == code), None)
        if price is None:
            raise UnknownPriceError(
                f"{name} is not a unit price of this list; pass one of {self._codes()}"
            )
        amount = _validate.decimal(
            name, quantity, what="quantity", accept=(int,), minimum=Decimal(0)
        )
        return _line_of(price, amount)

    def to_records(self) -> list[dict[str, Any]]:
        """One record per unit price; ``unit`` is the identifier (``"day"``), which a table shows
        in the reader's language (« jour »)."""
        return [
            {
                "code": p.code,
                "label": p.label,
                "unit": _Unit(p.unit),
                "ht": p.ht,
                "ttc": Amounts.of_ht(p.ht, self.vat_rate_percent).ttc if p.ttc is None else p.ttc,
            }
            for p in self.prices
        ]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Prix unitaires : 13 prestations, TVA 20 % »."""
        lang = _text.check_lang(lang)
        count, rate = len(self.prices), _text.percent(self.vat_rate_percent, lang)
        return pick(
            f"Prix unitaires{_text.NBSP}: {count} prestation{'s' if count > 1 else ''}, TVA {rate}",
            f"Unit prices: {count} service{'s' if count > 1 else ''}, VAT {rate}",
            lang,
        )


def _pairs(items: object) -> list[tuple[object, object]]:
    """``items`` as a bounded list of (code, quantity) pairs."""
    if isinstance(items, Mapping):
        source: Iterable[Any] = items.items()
    elif isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise WrongTypeError(
            f"items={items!r} is not a mapping of unit price codes to quantities; "
            f'pass e.g. {{"development": 2}}'
        )
    else:
        source = items
    pairs = list(itertools.islice(source, MAX_QUOTE_LINES + 1))
    if len(pairs) > MAX_QUOTE_LINES:
        raise OutOfRangeError(f"items holds more than {MAX_QUOTE_LINES} lines; split the quote")
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise WrongTypeError(f"items[…]={pair!r} is not a (code, quantity) pair")
    return pairs


@attrs.frozen(kw_only=True)
class QuoteLine:
    """A quantity of one unit price; ``ht`` = quantity × unit HT, rounded once to the cent."""

    code: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    label: str = attrs.field(validator=_validate.check(_validate.text))
    quantity: Decimal = attrs.field(
        validator=_validate.check(
            _validate.decimal, what="quantity", accept=(int,), minimum=Decimal(0)
        )
    )
    unit_ht: Decimal = attrs.field(validator=_money)
    ht: Decimal = attrs.field(validator=_validate.check(_validate.money))


def _line_of(price: UnitPrice, quantity: Decimal) -> QuoteLine:
    """The line for ``quantity`` of ``price``: HT rounded once to the cent (half up)."""
    exact = Fraction(quantity) * Fraction(price.ht)
    if exact > _validate.MAX_MONEY:
        raise OutOfRangeError(
            f"{quantity} × {price.ht} ({price.code}) is more than {_validate.MAX_MONEY} €; "
            f"pass a smaller quantity"
        )
    return QuoteLine(
        code=price.code, label=price.label, quantity=quantity, unit_ht=price.ht, ht=cents(exact)
    )


def _quote(lines: list[QuoteLine], rate: Decimal) -> Quote:
    total = sum_amounts(line.ht for line in lines)
    if total > _validate.MAX_MONEY:
        raise OutOfRangeError(
            f"the quote's total HT {total} is more than {_validate.MAX_MONEY} €; split the quote"
        )
    amounts = Amounts.of_ht(total, rate)
    return Quote(
        lines=tuple(lines), vat_rate_percent=rate, ht=amounts.ht, vat=amounts.vat, ttc=amounts.ttc
    )


@attrs.frozen(kw_only=True)
class Quote(Report):
    """A quote for ordered services (§7): its lines and the totals, VAT on the total HT."""

    COLUMNS = (
        Column("code", "code", "code", "text"),
        Column("label", "désignation", "designation", "text"),
        Column("quantity", "quantité", "quantity", "number"),
        Column("unit_ht", "prix unitaire HT", "unit price excl. VAT", "money"),
        Column("ht", "montant HT", "amount excl. VAT", "money"),
    )

    lines: tuple[QuoteLine, ...] = attrs.field(converter=_validate.tuple_of(QuoteLine))  # type: ignore[misc]
    vat_rate_percent: Decimal = attrs.field(
        validator=_validate.check(
            _validate.decimal,
            what="VAT rate in percent",
            accept=(int,),
            minimum=Decimal(0),
            maximum=Decimal(100),
        )
    )
    ht: Decimal = attrs.field(validator=_validate.check(_validate.money))
    vat: Decimal = attrs.field(validator=_validate.check(_validate.money))
    ttc: Decimal = attrs.field(validator=_validate.check(_validate.money))

    @property
    def amounts(self) -> Amounts:
        """The quote's HT, VAT and TTC."""
        return Amounts(ht=self.ht, vat=self.vat, ttc=self.ttc)

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

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Devis : 2 lignes, 2 310,00 € HT, TVA 462,00 €, 2 772,00 € TTC »."""
        lang = _text.check_lang(lang)
        count = len(self.lines)
        return pick(
            f"Devis{_text.NBSP}: {count} ligne{'s' if count > 1 else ''}, "
            f"{self.amounts.to_text(lang='fr')}",
            f"Quote: {count} line{'s' if count != 1 else ''}, {self.amounts.to_text(lang='en')}",
            lang,
        )


def quote(
    items: Mapping[str, Decimal | int] | Iterable[tuple[str, Decimal | int]],
    *,
    unit_prices: UnitPriceList,
    vat_rate_percent: Decimal | None = None,
) -> Quote:
    """Price ordered services at ``unit_prices`` (§7): the function form of
    :meth:`UnitPriceList.quote`.

    >>> quote({"development": 2}, unit_prices=UnitPriceList.comelus_2024()).ttc
    Decimal('1200.00')
    """
    return _checked(unit_prices).quote(items, vat_rate_percent=vat_rate_percent)


def storage_quote(
    gigabytes: Decimal | int, *, unit_prices: UnitPriceList, months: int = 1
) -> Quote:
    """The price of ``gigabytes`` stored for ``months`` months: :meth:`UnitPriceList.storage_quote`.

    >>> storage_quote(1, unit_prices=UnitPriceList.comelus_2024()).ttc
    Decimal('3.00')
    """
    return _checked(unit_prices).storage_quote(gigabytes, months=months)


def _checked(unit_prices: object) -> UnitPriceList:
    if not isinstance(unit_prices, UnitPriceList):
        raise WrongTypeError(
            f"unit_prices={unit_prices!r} is not a UnitPriceList; pass e.g. "
            f"UnitPriceList.comelus_2024()"
        )
    return unit_prices
