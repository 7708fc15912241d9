"""The subscription's quotas: document size, storage and yearly traffic (contract §2.2).

Clause 2.2 sells the subscription "dans la limite de 150 Mo maxi par document unitaire et dans la
limite globale de 1 To de stockage et de 20 To de trafic sur l'année". A :class:`Quotas` clause
object holds those figures (:meth:`Quotas.comelus`) and checks usages, in bytes, against them; a
usage equal to its limit is within it ("maxi").

The text does not say what Mo and To are worth: ``multiples="si"`` (default) reads them as the SI
multiples French units denote (10⁶ and 10¹² bytes), ``multiples="binary"`` as 2²⁰ and 2⁴⁰ bytes,
what many tools display as MB and TB.

>>> quotas = Quotas.comelus()
>>> report = quotas.check(document_bytes=155_000_000, storage_bytes=900 * 10**9)
>>> report.exceeded, report.ok
(('document',), False)
>>> quotas.check(document_bytes=155_000_000, multiples="binary").ok   # 150 Mio = 157,286,400
True
>>> print(report.to_text())
Quotas (§2.2) : 1 dépassé sur 2
quota     limite  utilisation (octets)  dépassé
document  150 Mo  155 000 000           oui
stockage  1 To    900 000 000 000       non

The failing case: nothing to check is refused, never reported as "within the quotas".

>>> quotas.check()
Traceback (most recent call last):
...
libriciel_terms.errors.InvalidArgumentError: no usage given; pass at least one of document_bytes, storage_bytes, traffic_bytes
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import attrs

from libriciel_terms import _validate
from libriciel_terms._report import Column, Report
from libriciel_terms._text import NBSP, Lang, check_lang, pick, yes_no
from libriciel_terms.errors import InvalidArgumentError, WrongTypeError

__all__ = ["Multiples", "QuotaLine", "QuotaName", "QuotaReport", "Quotas", "check_quotas"]

#: ``"si"``: Mo = 10⁶ and To = 10¹² bytes (default); ``"binary"``: Mo = 2²⁰ and To = 2⁴⁰ bytes.
Multiples = Literal["si", "binary"]
#: The quotas of clause 2.2.
QuotaName = Literal["document", "storage", "traffic"]
#: The unit a quota is stated in: megabytes (Mo) or terabytes (To).
QuotaUnit = Literal["MB", "TB"]

#: The largest quota figure accepted, in its unit.
MAX_QUOTA = 10**6
#: The largest usage accepted, in bytes (a zettabyte).
MAX_USAGE_BYTES = 10**21

_POWER = {"MB": 2, "TB": 4}
_UNIT_TEXT = {"MB": ("Mo", "MB"), "TB": ("To", "TB")}
_NAMES: dict[str, tuple[str, str]] = {
    "document": ("document", "document"),
    "storage": ("stockage", "storage"),
    "traffic": ("trafic annuel", "yearly traffic"),
}


@attrs.frozen(kw_only=True)
class QuotaLine:
    """One quota compared with a usage, in bytes.

    >>> line = QuotaLine(quota="traffic", amount=20, unit="TB", multiples="binary", usage_bytes=3)
    >>> line.limit_bytes == 20 * 2**40, line.exceeded, line.to_text(lang="en")
    (True, False, 'yearly traffic: 20 TB (binary)')
    """

    quota: QuotaName = attrs.field(validator=_validate.choice(QuotaName))
    amount: int = attrs.field(
        validator=_validate.check(_validate.integer, minimum=1, maximum=MAX_QUOTA)
    )
    unit: QuotaUnit = attrs.field(validator=_validate.choice(QuotaUnit))
    multiples: Multiples = attrs.field(validator=_validate.choice(Multiples))
    usage_bytes: int = attrs.field(
        validator=_validate.check(_validate.integer, minimum=0, maximum=MAX_USAGE_BYTES)
    )

    @property
    def limit_bytes(self) -> int:
        """The limit in bytes."""
        base = 1000 if self.multiples == "si" else 1024
        return int(self.amount * base ** _POWER[self.unit])

    @property
    def exceeded(self) -> bool:
        """Whether the usage is above the limit (the limit itself is allowed: "maxi")."""
        return self.usage_bytes > self.limit_bytes

    def limit_text(self, *, lang: Lang = "fr") -> str:
        """The limit as the contract writes it: « 150 Mo », "150 MB (binary)"."""
        lang = check_lang(lang)
        binary = pick(" (binaire)", " (binary)", lang) if self.multiples == "binary" else ""
        return f"{self.amount}{NBSP}{pick(*_UNIT_TEXT[self.unit], lang)}{binary}"

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The quota in words: « document : 150 Mo »."""
        lang = check_lang(lang)
        name = pick(*_NAMES[self.quota], lang)
        return f"{name}{pick(NBSP, '', lang)}: {self.limit_text(lang=lang)}"

    def to_records(self) -> list[dict[str, Any]]:
        """The line as one record."""
        return [
            {
                "quota": self.quota,
                "amount": self.amount,
                "unit": self.unit,
                "limit_bytes": self.limit_bytes,
                "usage_bytes": self.usage_bytes,
                "exceeded": self.exceeded,
            }
        ]


@attrs.frozen(kw_only=True)
class QuotaReport(Report):
    """The quotas that were checked and which of them a usage exceeds (Contract §2.2)."""

    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("quota", "quota", "quota"),
        Column("limit", "limite", "limit"),
        Column("usage_bytes", "utilisation (octets)", "usage (bytes)", "number"),
        Column("exceeded", "dépassé", "exceeded"),
    )

    multiples: Multiples = attrs.field(validator=_validate.choice(Multiples))
    lines: tuple[QuotaLine, ...] = attrs.field(converter=_validate.tuple_of(QuotaLine))  # type: ignore[misc]

    @property
    def exceeded(self) -> tuple[str, ...]:
        """The names of the exceeded quotas (``'document'``, ``'storage'``, ``'traffic'``)."""
        return tuple(line.quota for line in self.lines if line.exceeded)

    @property
    def ok(self) -> bool:
        """Whether no quota is exceeded."""
        return not self.exceeded

    def to_records(self) -> list[dict[str, Any]]:
        """One record per checked quota."""
        return [record for line in self.lines for record in line.to_records()]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Quotas (§2.2) : 1 dépassé sur 3 »."""
        n, over = len(self.lines), len(self.exceeded)
        return pick(
            f"Quotas (§2.2){NBSP}: {over} dépassé{'s' if over > 1 else ''} sur {n}",
            f"Quotas (§2.2): {over} of {n} exceeded",
            lang,
        )

    def display_records(self, *, lang: Lang = "fr") -> list[dict[str, Any]]:
        """The rows as people read them, in ``lang``."""
        return [
            {
                "quota": pick(*_NAMES[line.quota], lang),
                "limit": line.limit_text(lang=lang),
                "usage_bytes": line.usage_bytes,
                "exceeded": yes_no(line.exceeded, lang),
            }
            for line in self.lines
        ]


_FIGURE = _validate.check(_validate.integer, minimum=1, maximum=MAX_QUOTA)


@attrs.frozen(kw_only=True)
class Quotas:
    """The quotas of a subscription (Contract §2.2) and how Mo and To are read (``multiples``).

    >>> Quotas.comelus()
    Quotas(document_mb=150, storage_tb=1, traffic_tb_per_year=20, multiples='si')
    """

    document_mb: int = attrs.field(validator=_FIGURE)
    storage_tb: int = attrs.field(validator=_FIGURE)
    traffic_tb_per_year: int = attrs.field(validator=_FIGURE)
    multiples: Multiples = attrs.field(default="si", validator=_validate.choice(Multiples))

    @classmethod
    def comelus(cls) -> Quotas:
        """The ComElus 2024 quotas: 150 Mo per document, 1 To of storage, 20 To of traffic a year
        (the quotas of the bundled ComElus 2024 contract file)."""
        from libriciel_terms.comelus import COMELUS_2024

        return COMELUS_2024.quotas

    def check(
        self,
        *,
        document_bytes: int | None = None,
        storage_bytes: int | None = None,
        traffic_bytes: int | None = None,
        multiples: Multiples | None = None,
    ) -> QuotaReport:
        """Which quotas a usage exceeds: ``document_bytes`` the size of a document (or of the
        largest one), ``storage_bytes`` the storage used, ``traffic_bytes`` the traffic over a
        year. ``multiples`` overrides the clause's reading of Mo and To for this call.
        """
        read: Multiples = _validate.one_of(
            "multiples",
            self.multiples if multiples is None else multiples,
            _validate.literal_values(Multiples),
        )
        given: tuple[tuple[QuotaName, str, int | None, int, QuotaUnit], ...] = (
            ("document", "document_bytes", document_bytes, self.document_mb, "MB"),
            ("storage", "storage_bytes", storage_bytes, self.storage_tb, "TB"),
            ("traffic", "traffic_bytes", traffic_bytes, self.traffic_tb_per_year, "TB"),
        )
        lines = [
            QuotaLine(
                quota=quota,
                amount=amount,
                unit=unit,
                multiples=read,
                usage_bytes=_validate.integer(name, usage, minimum=0, maximum=MAX_USAGE_BYTES),
            )
            for quota, name, usage, amount, unit in given
            if usage is not None
        ]
        if not lines:
            raise InvalidArgumentError(
                "no usage given; pass at least one of document_bytes, storage_bytes, traffic_bytes"
            )
        return QuotaReport(multiples=read, lines=tuple(lines))


def check_quotas(
    *,
    quotas: Quotas,
    document_bytes: int | None = None,
    storage_bytes: int | None = None,
    traffic_bytes: int | None = None,
    multiples: Multiples | None = None,
) -> QuotaReport:
    """Which of the ``quotas`` a usage exceeds (the function form of :meth:`Quotas.check`).

    >>> check_quotas(quotas=Quotas.comelus(), document_bytes=150_000_001).exceeded
    ('document',)
    """
    if not isinstance(quotas, Quotas):
        raise WrongTypeError(
            f"quotas={quotas!r} is a {type(quotas).__name__}, not a Quotas; pass the "
            f"contract's quotas, e.g. Quotas.comelus()"
        )
    return quotas.check(
        document_bytes=document_bytes,
        storage_bytes=storage_bytes,
        traffic_bytes=traffic_bytes,
        multiples=multiples,
    )
