"""The figures the contract prints differently in two places, recomputed (decision, CP, §1.11).

The decision, the conditions particulières (CP) and clause 1.11 each print figures the library
can compute. Where the texts disagree, :func:`check_consistency` reports both readings with their
numbers (C3, C4, C5 and C8 in ``docs/contradictions.md``). The printed figures are a clause object,
:class:`PrintedFigures`, so that another contract's file carries its own:

>>> from libriciel_terms.billing import PriceList
>>> from libriciel_terms.term import ContractTerm
>>> report = PrintedFigures.comelus_2024().check(ContractTerm.comelus(), PriceList.comelus_2024())
>>> list(report)
['C3', 'C4', 'C5', 'C8']
>>> report["C3"].figure("decision_latest_end"), report["C3"].figure("computed_latest_end")
(datetime.date(2027, 8, 31), datetime.date(2028, 8, 31))
>>> report["C5"].figure("decision_components_sum_ht")
Decimal('1100.00')
>>> print(report["C5"].resolution)
lecture B : le total annuel est la somme de toutes les lignes de prix

A figure the report does not hold is refused:

>>> report["C3"].figure("nope")
Traceback (most recent call last):
...
libriciel_terms.errors.UnknownKeyError: name='nope' is not a figure of C3; pass one of decision_latest_end, decision_months, computed_latest_end, computed_months, clause_1_11_months
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._dates import ONE_DAY, whole_months
from libriciel_terms._report import Column, Report, table_html, table_text
from libriciel_terms._text import Lang, pick
from libriciel_terms.billing import Amounts, PriceList, sum_amounts
from libriciel_terms.errors import (
    OutOfRangeError,
    OutsideTermError,
    UnknownKeyError,
    WrongTypeError,
)
from libriciel_terms.term import MAX_TERM_MONTHS, ContractTerm

__all__ = [
    "ConsistencyReport",
    "Figure",
    "Finding",
    "FindingText",
    "PrintedFigures",
    "check_consistency",
]

Figure = Decimal | int | dt.date | bool

NBSP = _text.NBSP

#: Each figure's name for people: French, English.
_FIGURE_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "decision_latest_end": ("fin selon la décision", "end according to the decision"),
        "decision_months": ("durée selon la décision (mois)", "length according to the decision (months)"),
        "computed_latest_end": ("fin calculée", "computed end"),
        "computed_months": ("durée calculée (mois)", "computed length (months)"),
        "clause_1_11_months": ("durée selon §1.11 (mois)", "length according to §1.11 (months)"),
        "anniversary": ("reconduction", "renewal"),
        "deadline_decision": ("préavis, décision (année du contrat)", "notice, decision (contract year)"),
        "deadline_calendar_year": ("préavis, décision (année civile)", "notice, decision (calendar year)"),
        "deadline_anniversary": ("préavis, date anniversaire", "notice, anniversary"),
        "difference_days": ("écart (jours)", "difference (days)"),
        "decision_stated_ht": ("total HT selon la décision", "total excl. VAT according to the decision"),
        "decision_components_sum_ht": ("somme des forfaits cités par la décision", "sum of the fees the decision lists"),
        "computed_annual_ht": ("HT annuel calculé", "computed annual excl. VAT"),
        "computed_annual_vat": ("TVA annuelle calculée", "computed annual VAT"),
        "computed_annual_ttc": ("TTC annuel calculé", "computed annual incl. VAT"),
        "computed_quarterly_ht": ("HT trimestriel calculé", "computed quarterly excl. VAT"),
        "computed_quarterly_vat": ("TVA trimestrielle calculée", "computed quarterly VAT"),
        "computed_quarterly_ttc": ("TTC trimestriel calculé", "computed quarterly incl. VAT"),
        "cp_printed_annual_ht": ("« Total annuel HT » imprimé (CP)", "printed « Total annuel HT » (CP)"),
        "cp_printed_annual_vat": ("« Montant annuel TVA » imprimé (CP)", "printed « Montant annuel TVA » (CP)"),
        "cp_printed_annual_ttc": ("« Montant annuel TTC » imprimé (CP)", "printed « Montant annuel TTC » (CP)"),
        "cp_annual_row_equals_quarterly": ("la ligne annuelle du CP répète le trimestre", "the CP's annual row repeats the quarter"),
        "first_possible_revision": ("première révision possible", "first possible revision"),
    }
)  # fmt: skip


@attrs.frozen(kw_only=True)
class FindingText:
    """A finding's words in one language: where, the two readings, and what the library does."""

    clause: str = attrs.field(validator=_validate.check(_validate.text))
    reading_a: str = attrs.field(validator=_validate.check(_validate.text))
    reading_b: str = attrs.field(validator=_validate.check(_validate.text))
    resolution: str = attrs.field(validator=_validate.check(_validate.text))


def _check_figures(_instance: object, _attribute: object, value: tuple[Any, ...]) -> None:
    for i, pair in enumerate(value):
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)):
            raise WrongTypeError(f"figures[{i}]={pair!r} is not a (name, value) pair")


@attrs.frozen(kw_only=True)
class Finding:
    """One contradiction of the contract's text, with both readings and the numbers.

    The words are French (``clause``, ``reading_a``…) and English (:meth:`text`).
    """

    id: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    figures: tuple[tuple[str, Figure], ...] = attrs.field(
        converter=_validate.as_tuple, validator=[_validate.each(tuple), _check_figures]
    )
    fr: FindingText = attrs.field(validator=_validate.instance_of(FindingText))
    en: FindingText = attrs.field(validator=_validate.instance_of(FindingText))

    @property
    def clause(self) -> str:
        """Where the texts disagree (French)."""
        return self.fr.clause

    @property
    def reading_a(self) -> str:
        """The first reading (French)."""
        return self.fr.reading_a

    @property
    def reading_b(self) -> str:
        """The second reading (French)."""
        return self.fr.reading_b

    @property
    def resolution(self) -> str:
        """What the library does, and how to get the other reading (French)."""
        return self.fr.resolution

    def text(self, *, lang: Lang = "fr") -> FindingText:
        """The finding's words in ``lang``."""
        return self.en if _text.check_lang(lang) == "en" else self.fr

    def figure(self, name: str) -> Figure:
        """The figure called ``name``."""
        for key, value in self.figures:
            if key == name:
                return value
        raise UnknownKeyError(
            f"name={name!r} is not a figure of {self.id}; pass one of "
            + ", ".join(k for k, _ in self.figures)
        )

    def figures_text(self, *, lang: Lang = "fr") -> str:
        """« fin selon la décision : 2027-08-31 ; … » for people."""
        lang = _text.check_lang(lang)
        parts = []
        for key, value in self.figures:
            names = _FIGURE_NAMES.get(key, (key, key))
            shown = _figure_text(value, lang, money=key.endswith(("_ht", "_vat", "_ttc")))
            parts.append(f"{pick(*names, lang)}{NBSP if lang == 'fr' else ''}: {shown}")
        return (f"{NBSP}; " if lang == "fr" else "; ").join(parts)


def _figure_text(value: Figure, lang: Lang, *, money: bool) -> str:
    if isinstance(value, bool):
        return _text.yes_no(value, lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    if money and isinstance(value, Decimal):
        return _text.money(value, lang)
    return _text.number(value, lang)


@attrs.frozen(kw_only=True)
class ConsistencyReport(Report, Mapping[str, Finding]):
    """The findings of :func:`check_consistency`, in contradiction order; a mapping id → finding."""

    COLUMNS = (
        Column("id", "n°", "id", "text"),
        Column("clause", "clause", "clause", "text"),
        Column("reading_a", "lecture A", "reading A", "text"),
        Column("reading_b", "lecture B", "reading B", "text"),
        Column("resolution", "retenu", "chosen", "text"),
    )

    findings: tuple[Finding, ...] = attrs.field(converter=_validate.tuple_of(Finding))  # type: ignore[misc]

    def __getitem__(self, finding_id: str) -> Finding:
        for finding in self.findings:
            if finding.id == finding_id:
                return finding
        raise UnknownKeyError(
            f"finding_id={finding_id!r} is not a finding; pass one of "
            + ", ".join(f.id for f in self.findings)
        )

    def __iter__(self) -> Iterator[str]:
        return (finding.id for finding in self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def to_records(self, *, lang: Lang = "fr") -> list[dict[str, Any]]:
        """One record per finding, its words in ``lang``; ``figures`` as ``name=value`` text."""
        records = []
        for finding in self.findings:
            words = finding.text(lang=lang)
            records.append(
                {
                    "id": finding.id,
                    "clause": words.clause,
                    "reading_a": words.reading_a,
                    "reading_b": words.reading_b,
                    "figures": "; ".join(f"{k}={v}" for k, v in finding.figures),
                    "resolution": words.resolution,
                }
            )
        return records

    def _shown(self, lang: Lang) -> list[dict[str, Any]]:
        keys = [column.key for column in self.COLUMNS]
        return [{k: r[k] for k in keys} for r in self.to_records(lang=lang)]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Le contrat se contredit : 4 constats (C3, C4, C5, C8) »."""
        lang = _text.check_lang(lang)
        count, ids = len(self.findings), ", ".join(self)
        if not count:
            return pick(
                "Aucune contradiction relevée dans le contrat",
                "No contradiction found in the contract",
                lang,
            )
        return pick(
            f"Le contrat se contredit{NBSP}: {count} constat{'s' if count > 1 else ''} ({ids})",
            f"The contract contradicts itself: {count} finding{'s' if count != 1 else ''} ({ids})",
            lang,
        )

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """Each finding's figures, named for people."""
        lang = _text.check_lang(lang)
        colon = f"{NBSP}:" if lang == "fr" else ":"
        return tuple(f"{f.id}{colon} {f.figures_text(lang=lang)}" for f in self.findings)

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The report as plain text, every word in ``lang``."""
        lang = _text.check_lang(lang)
        parts = [self.headline(lang=lang), table_text(self._shown(lang), self.COLUMNS, lang)]
        return "\n".join(parts + [f"• {note}" for note in self.notes(lang=lang)])

    def to_html(self, *, lang: Lang = "fr") -> str:
        """The report as an HTML fragment, every word in ``lang``."""
        lang = _text.check_lang(lang)
        table = table_html(self._shown(lang), self.COLUMNS, lang, caption=self.headline(lang=lang))
        return table + "".join(f"<p>{html.escape(n)}</p>" for n in self.notes(lang=lang))


def _check_latest_end(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None:
        _validate.day("latest_end", value)
        if value == dt.date.max:
            raise OutOfRangeError(
                "latest_end=9999-12-31 is the last date a date can hold; pass an earlier one"
            )


@attrs.frozen(kw_only=True)
class PrintedFigures:
    """Figures a contract's texts print, transcribed (not computed), to check against the rules.

    Each field is ``None`` (or empty) when the contract prints no such figure; a finding is
    reported only when its printed figures are given.

    - ``latest_end``: the term's last day as a text states it (the decision: "soit jusqu'au 31
      Août 2027 au plus tard") — C3;
    - ``term_months``: the term's length as a text states it (§1.11: "48 mois") — C3, C8;
    - ``notice_end_of_year``: a text words the notice "avant la fin de l'année en cours" (the
      decision) — C4;
    - ``annual_ht`` and ``annual_components``: a stated annual total and the labels of the price
      lines it says it comprises (the decision: "1'350€ HT, comprenant" three fees) — C5;
    - ``cp_annual``: the CP's "Total annuel" row as printed — C5.
    """

    latest_end: dt.date | None = attrs.field(default=None, validator=_check_latest_end)
    term_months: int | None = attrs.field(
        default=None,
        validator=_validate.optional(_validate.integer, minimum=1, maximum=MAX_TERM_MONTHS),
    )
    notice_end_of_year: bool = attrs.field(default=False, validator=_validate.instance_of(bool))
    annual_ht: Decimal | None = attrs.field(
        default=None, validator=_validate.optional(_validate.money)
    )
    annual_components: tuple[str, ...] = attrs.field(
        default=(),
        converter=_validate.tuple_of(str),  # type: ignore[misc]
    )
    cp_annual: Amounts | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.instance_of(Amounts))
    )

    @classmethod
    def comelus_2024(cls) -> PrintedFigures:
        """The figures the ComElus 2024 decision, CP and §1.11 print (C3, C4, C5, C8).

        The ``[printed]`` table of the bundled ComElus 2024 contract file.

        >>> PrintedFigures.comelus_2024().latest_end
        datetime.date(2027, 8, 31)
        """
        from libriciel_terms.comelus import COMELUS_2024

        if COMELUS_2024.printed is None:  # pragma: no cover - the bundled file has [printed]
            raise AssertionError("the bundled ComElus file has no [printed] table")
        return COMELUS_2024.printed

    def check(self, term: ContractTerm, prices: PriceList) -> ConsistencyReport:
        """Recompute the figures from ``term`` and ``prices`` and report where texts disagree."""
        if not isinstance(term, ContractTerm):
            raise WrongTypeError(f"term={term!r} is not a ContractTerm")
        if not isinstance(prices, PriceList):
            raise WrongTypeError(f"prices={prices!r} is not a PriceList")
        found = (self._c3(term), self._c4(term), self._c5(prices), self._c8(term))
        return ConsistencyReport(findings=tuple(f for f in found if f is not None))

    def _c3(self, term: ContractTerm) -> Finding | None:
        if self.latest_end is None:
            return None
        figures: list[tuple[str, Figure]] = [
            ("decision_latest_end", self.latest_end),
            ("decision_months", whole_months(term.start, self.latest_end + ONE_DAY)),
            ("computed_latest_end", term.latest_end),
            ("computed_months", term.months),
        ]
        if self.term_months is not None:
            figures.append(("clause_1_11_months", self.term_months))
        return Finding(
            id="C3",
            figures=tuple(figures),
            fr=FindingText(
                clause="décision / CP, §1.7, §1.11",
                reading_a=f"décision{NBSP}: renouvelable {term.renewals} fois, « jusqu'au "
                f"{_text.date_long(self.latest_end, 'fr')} au plus tard »",
                reading_b=f"CP et §1.11{NBSP}: {len(term.periods)} périodes de "
                f"{term.period_months} mois, fin le {_text.date_long(term.latest_end, 'fr')}",
                resolution=f"lecture B{NBSP}: le terme finit le {term.latest_end.isoformat()}",
            ),
            en=FindingText(
                clause="decision / CP, §1.7, §1.11",
                reading_a=f"decision: renewable {term.renewals} times, until "
                f"{_text.date_long(self.latest_end, 'en')} at the latest",
                reading_b=f"CP and §1.11: {len(term.periods)} periods of {term.period_months} "
                f"months, ending on {_text.date_long(term.latest_end, 'en')}",
                resolution=f"reading B: the term ends on {term.latest_end.isoformat()}",
            ),
        )

    def _c4(self, term: ContractTerm) -> Finding | None:
        if not self.notice_end_of_year or not term.anniversaries:
            return None
        first = term.anniversaries[0]
        decision = term.notice_deadline(first, reading="end_of_year")
        anniversary = term.notice_deadline(first, reading="anniversary")
        figures: list[tuple[str, Figure]] = [
            ("anniversary", first),
            ("deadline_decision", decision),
            ("deadline_anniversary", anniversary),
            ("difference_days", (anniversary - decision).days),
        ]
        try:
            calendar = term.notice_deadline(first, reading="end_of_calendar_year")
        except OutsideTermError:  # no 31 December before the first anniversary
            pass
        else:
            figures.insert(2, ("deadline_calendar_year", calendar))
        return Finding(
            id="C4",
            figures=tuple(figures),
            fr=FindingText(
                clause="décision / §1.7, §1.9, CP",
                reading_a="décision : préavis « deux mois avant la fin de l'année en cours » "
                "(année du contrat ou année civile)".replace(" :", f"{NBSP}:"),
                reading_b=f"§1.7, §1.9, CP{NBSP}: « 2 mois avant la date anniversaire »",
                resolution=f"lecture B par défaut{NBSP}; la lecture A (année du contrat ou "
                f"année civile) est calculée sur demande",
            ),
            en=FindingText(
                clause="decision / §1.7, §1.9, CP",
                reading_a="decision: notice « deux mois avant la fin de l'année en cours » "
                "(contract year or calendar year)",
                reading_b="§1.7, §1.9, CP: « 2 mois avant la date anniversaire »",
                resolution="reading B by default; reading='end_of_year' or "
                "'end_of_calendar_year' gives reading A",
            ),
        )

    def _c5(self, prices: PriceList) -> Finding | None:
        if self.annual_ht is None and self.cp_annual is None:
            return None
        annual, quarterly = prices.annual, prices.quarterly
        figures: list[tuple[str, Figure]] = []
        if self.annual_ht is not None:
            listed = (
                line.annual_ht for line in prices.lines if line.label in self.annual_components
            )
            figures += [
                ("decision_stated_ht", self.annual_ht),
                ("decision_components_sum_ht", sum_amounts(listed)),
            ]
        figures += [
            ("computed_annual_ht", annual.ht),
            ("computed_annual_vat", annual.vat),
            ("computed_annual_ttc", annual.ttc),
            ("computed_quarterly_ht", quarterly.ht),
            ("computed_quarterly_vat", quarterly.vat),
            ("computed_quarterly_ttc", quarterly.ttc),
        ]
        if self.cp_annual is not None:
            figures += [
                ("cp_printed_annual_ht", self.cp_annual.ht),
                ("cp_printed_annual_vat", self.cp_annual.vat),
                ("cp_printed_annual_ttc", self.cp_annual.ttc),
                ("cp_annual_row_equals_quarterly", quarterly == self.cp_annual),
            ]
        return Finding(
            id="C5",
            figures=tuple(figures),
            fr=FindingText(
                clause="décision, CP",
                reading_a=f"décision{NBSP}: un total annuel HT « comprenant » certains forfaits"
                f"{NBSP}; CP{NBSP}: une ligne « Total annuel » imprimée",
                reading_b=f"le total annuel est la somme de toutes les lignes{NBSP}; la ligne "
                f"« annuelle » du CP répète le total trimestriel",
                resolution=f"lecture B{NBSP}: le total annuel est la somme de toutes les lignes "
                f"de prix",
            ),
            en=FindingText(
                clause="decision, CP",
                reading_a="decision: an annual total « comprenant » some fees; CP: a printed "
                "« Total annuel » row",
                reading_b="the annual total is the sum of every line; the CP's « annuel » row "
                "repeats the quarterly total",
                resolution="reading B: the annual total is the sum of every price line",
            ),
        )

    def _c8(self, term: ContractTerm) -> Finding | None:
        if self.term_months is None:
            return None
        first = term.anniversaries[0] if term.anniversaries else term.latest_end
        return Finding(
            id="C8",
            figures=(
                ("clause_1_11_months", self.term_months),
                ("computed_months", term.months),
                ("first_possible_revision", first),
            ),
            fr=FindingText(
                clause="§1.11",
                reading_a=f"prix « fermes et définitifs » pour toute la durée, renouvellements "
                f"compris ({self.term_months} mois)",
                reading_b="« sauf volonté différente » de la personne publique, qui peut imposer "
                "la révision Syntec dès la fin de la première année",
                resolution=f"lecture A par défaut (prix fermes){NBSP}; une révision reconstruit "
                f"la liste de prix",
            ),
            en=FindingText(
                clause="§1.11",
                reading_a=f"prices « fermes et définitifs » for the whole term, renewals "
                f"included ({self.term_months} months)",
                reading_b="« sauf volonté différente » of the buyer, who may impose the Syntec "
                "revision from the end of the first year",
                resolution="reading A by default (firm prices); a revision rebuilds the price list",
            ),
        )


def check_consistency(
    term: ContractTerm, prices: PriceList, printed: PrintedFigures
) -> ConsistencyReport:
    """Recompute a contract's own figures and report where its texts disagree.

    The function form of :meth:`PrintedFigures.check`.

    >>> from libriciel_terms.billing import PriceList
    >>> from libriciel_terms.term import ContractTerm
    >>> report = check_consistency(
    ...     ContractTerm.comelus(), PriceList.comelus_2024(), PrintedFigures.comelus_2024()
    ... )
    >>> [f.id for f in report.findings]
    ['C3', 'C4', 'C5', 'C8']
    """
    if not isinstance(printed, PrintedFigures):
        raise WrongTypeError(
            f"printed={printed!r} is not a PrintedFigures; pass e.g. PrintedFigures.comelus_2024()"
        )
    return printed.check(term, prices)
