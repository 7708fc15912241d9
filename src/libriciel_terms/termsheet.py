"""The term sheet of a contract: every computed term in one document.

The sheet is built from a :class:`~libriciel_terms.contract.Contract` and the rule modules: its
parties, periods and notice deadlines (CP, §1.7, §1.9), prices and invoices (CP, §1.8), the
revision anniversaries and their indices (§1.11), the business-hour schedules (§4.1), the SLA
policies (§4.3, §2.7, §2.5.2) and the availability commitment (§2.5.1), the late-payment terms
(§1.8), the retention and data-protection délais (§2.2, §2.6, §6), the backup plan and quotas,
the readings chosen where the text is ambiguous, and the figures its texts print otherwise.
Nothing in it is typed by hand: each section is the rule module's own report, so a figure
changed in the contract file changes every section that depends on it. French by default,
English with ``lang="en"``; dates are ISO.

>>> from libriciel_terms import COMELUS_2024
>>> sheet = term_sheet(COMELUS_2024)
>>> [section.key for section in sheet.sections][:5]
['parties', 'periods', 'prices', 'invoices', 'revision']
>>> print(sheet.section("periods").to_text())  # doctest: +ELLIPSIS
Périodes et reconduction (CP, §1.7, §1.9)
Durée : 4 périodes de 12 mois du 1er septembre 2024 au 31 août 2028 (48 mois)
...

With ``as_of``, the sheet starts with what falls due next (never read from the clock):

>>> from datetime import date
>>> upcoming = term_sheet(COMELUS_2024, as_of=date(2026, 11, 26)).section("upcoming")
>>> [(o.due_on, o.kind) for o in upcoming.report][:3]
[(datetime.date(2026, 11, 30), 'invoice'), (datetime.date(2026, 12, 30), 'payment'), (datetime.date(2027, 7, 1), 'notice')]

The failing case: asking for a section the sheet does not have.

>>> sheet.section("nope")
Traceback (most recent call last):
...
libriciel_terms.errors.UnknownKeyError: key='nope' is not a section of this sheet; use one of parties, periods, prices, invoices, revision, hours, sla, sla_2, gtr, sla_comparison, availability, late_payment, late_payment_rates, unit_prices, retention, data_protection, backups, quotas, readings, consistency
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from libriciel_terms import _dates, _text, _validate
from libriciel_terms._labels import french
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang, pick
from libriciel_terms.billing import billing_schedule
from libriciel_terms.consistency import check_consistency
from libriciel_terms.data_protection import end_of_contract_chain
from libriciel_terms.errors import TermsError, UnknownKeyError
from libriciel_terms.interest import regime_name
from libriciel_terms.obligations import obligations_calendar
from libriciel_terms.revision import RevisionClause, base_month
from libriciel_terms.sla import compare_policies

if TYPE_CHECKING:
    from libriciel_terms.contract import Contract

__all__ = ["SheetSection", "Table", "TermSheet", "term_sheet"]


def _freeze(rows: Sequence[Mapping[str, Any]]) -> tuple[tuple[tuple[str, Any], ...], ...]:
    return tuple(tuple(row.items()) for row in rows)


@attrs.frozen(kw_only=True)
class Table(Report):
    """A small table of the sheet that no rule module reports on its own (parties, schedules…).

    ``rows`` hold the machine values; ``shown`` the same rows as people read them, per language.
    """

    title: tuple[str, str] = attrs.field(
        converter=_validate.as_tuple, validator=_validate.each(str)
    )
    columns: tuple[Column, ...] = attrs.field(
        converter=_validate.as_tuple, validator=_validate.each(Column)
    )
    rows: tuple[tuple[tuple[str, Any], ...], ...] = attrs.field(
        converter=_validate.as_tuple, validator=_validate.each(tuple)
    )
    shown_fr: tuple[tuple[tuple[str, Any], ...], ...] = attrs.field(
        converter=_validate.as_tuple, validator=_validate.each(tuple)
    )
    shown_en: tuple[tuple[tuple[str, Any], ...], ...] = attrs.field(
        converter=_validate.as_tuple, validator=_validate.each(tuple)
    )
    remarks: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_validate.as_tuple, validator=_validate.each(tuple)
    )

    def columns_of(self) -> tuple[Column, ...]:
        """The table's own columns."""
        return self.columns

    def to_records(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self.rows]

    def display_records(self, *, lang: Lang = "fr") -> list[dict[str, Any]]:
        return [dict(row) for row in (self.shown_en if lang == "en" else self.shown_fr)]

    def headline(self, *, lang: Lang = "fr") -> str:
        return pick(*self.title, lang)

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        return tuple(pick(fr, en, lang) for fr, en in self.remarks)


def _table(
    title: tuple[str, str],
    columns: Sequence[Column],
    rows: Sequence[Mapping[str, Any]],
    shown: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    remarks: Sequence[tuple[str, str]] = (),
) -> Table:
    shown = shown or {"fr": rows, "en": rows}
    return Table(
        title=title,
        columns=tuple(columns),
        rows=_freeze(rows),
        shown_fr=_freeze(shown["fr"]),
        shown_en=_freeze(shown["en"]),
        remarks=tuple(remarks),
    )


@attrs.frozen(kw_only=True)
class SheetSection:
    """One section of the sheet: a key, a title, the clauses it comes from, and its report."""

    key: str
    title: tuple[str, str]
    clause: str
    report: Report

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The section for people: its title and clauses, then the report."""
        lang = _text.check_lang(lang)
        title = pick(*self.title, lang)
        body = self.report.to_text(lang=lang)
        first, _newline, rest = body.partition("\n")
        if first == title:  # a table titled like its section: say it once
            body = rest
        return f"{title} ({self.clause})\n{body}\n"

    def to_html(self, *, lang: Lang = "fr") -> str:
        """The section as an HTML fragment."""
        lang = _text.check_lang(lang)
        heading = html.escape(f"{pick(*self.title, lang)} ({self.clause})")
        return f"<h3>{heading}</h3>{self.report.to_html(lang=lang)}"

    def to_data(self, *, lang: Lang = "fr") -> dict[str, Any]:
        """The section as JSON-ready data: records with ISO dates and plain decimals."""
        lang = _text.check_lang(lang)
        return {
            "key": self.key,
            "title": pick(*self.title, lang),
            "clause": self.clause,
            "records": [
                {k: _json_value(v) for k, v in record.items()}
                for record in self.report.to_records()
            ],
            "notes": list(self.report.notes(lang=lang)),
        }


def _json_value(value: object) -> object:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    to_text = getattr(value, "to_text", None)
    return to_text(lang="en") if callable(to_text) else str(value)


@attrs.frozen(kw_only=True)
class TermSheet:
    """A contract's term sheet: sections in reading order (immutable)."""

    title: str = attrs.field(validator=_validate.check(_validate.text))
    example: bool = attrs.field(validator=_validate.instance_of(bool))
    as_of: dt.date | None = attrs.field(validator=_validate.optional(_validate.day))
    sections: tuple[SheetSection, ...] = attrs.field(
        converter=_validate.as_tuple, validator=_validate.each(SheetSection)
    )

    def section(self, key: str) -> SheetSection:
        """The section called ``key`` (``"periods"``, ``"invoices"``, ``"sla"``…)."""
        for section in self.sections:
            if section.key == key:
                return section
        keys = ", ".join(s.key for s in self.sections)
        raise UnknownKeyError(f"key={key!r} is not a section of this sheet; use one of {keys}")

    def __iter__(self) -> Iterator[SheetSection]:
        return iter(self.sections)

    def _header(self, lang: Lang) -> str:
        header = self.title
        if self.as_of is not None:
            header += pick(f" — au {self.as_of}", f" — as of {self.as_of}", lang)
        return header

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The whole sheet as terminal text."""
        lang = _text.check_lang(lang)
        header = self._header(lang)
        parts = [header, "=" * len(header), ""]
        if self.example:
            parts.insert(2, pick("EXEMPLE — contrat fictif", "EXAMPLE — a made-up contract", lang))
        parts.extend(section.to_text(lang=lang) for section in self.sections)
        text = "\n".join(parts)
        return french(text) if lang == "fr" else text

    def to_data(self, *, lang: Lang = "fr") -> dict[str, Any]:
        """The whole sheet as JSON-ready data."""
        lang = _text.check_lang(lang)
        return {
            "title": self.title,
            "example": self.example,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "sections": [s.to_data(lang=lang) for s in self.sections],
        }

    def to_json(self, *, lang: Lang = "fr") -> str:
        """The same content as :meth:`to_data`, as JSON text."""
        return json.dumps(self.to_data(lang=lang), ensure_ascii=False, indent=2)

    def to_html(self, *, lang: Lang = "fr") -> str:
        """The whole sheet as an HTML fragment."""
        lang = _text.check_lang(lang)
        title = f"<h2>{html.escape(self._header(lang))}</h2>"
        return title + "".join(section.to_html(lang=lang) for section in self.sections)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_text()


def term_sheet(contract: Contract, *, as_of: dt.date | None = None) -> TermSheet:
    """Build the term sheet of ``contract``.

    ``as_of`` adds an « À venir » section first: from that date on, the first obligation of each
    kind, and the late-payment rate of that half-year.
    """
    from libriciel_terms.contract import Contract

    _validate.instance("contract", contract, Contract, "a Contract, e.g. COMELUS_2024")
    day = None if as_of is None else _validate.day("as_of", as_of)
    sections = [] if day is None else [_upcoming(contract, day)]
    for build in _SECTIONS:
        sections.extend(build(contract))
    return TermSheet(
        title=contract.name, example=contract.example, as_of=day, sections=tuple(sections)
    )


# -- sections ------------------------------------------------------------------------------------

_ITEM = (Column("item", "rubrique", "item"), Column("value", "valeur", "value"))


def _parties(contract: Contract) -> Iterator[SheetSection]:
    term = contract.term
    period = _text_months(term.period_months)
    rows = [
        (("acheteur", "buyer"), contract.buyer),
        (("titulaire", "contractor"), contract.titulaire),
        *(((r.label, r.label), r.text) for r in contract.references),
        (("signé le", "signed on"), contract.signed_on),
        (("prise d'effet", "start"), term.start),
        (
            ("durée", "length"),
            (
                f"{period[0]}, reconductible {term.renewals} fois tacitement",
                f"{period[1]}, tacitly renewable {term.renewals} times",
            ),
        ),
        (("fin au plus tard", "latest end"), term.latest_end),
    ]
    records = [{"item": en, "value": _plain(value)} for (fr, en), value in rows]
    shown = {
        lang: [{"item": pick(fr, en, lang), "value": _in(value, lang)} for (fr, en), value in rows]
        for lang in ("fr", "en")
    }
    remarks = (
        [("Contrat d'exemple, fictif.", "A made-up example contract.")] if contract.example else []
    )
    title = ("Parties et dates", "Parties and dates")
    yield SheetSection(
        key="parties",
        title=title,
        clause="décision, CP",
        report=_table(title, _ITEM, records, shown, remarks),
    )


def _plain(value: object) -> object:
    return value[1] if isinstance(value, tuple) else value


def _in(value: object, lang: Lang) -> object:
    return pick(value[0], value[1], lang) if isinstance(value, tuple) else value


def _text_months(months: int) -> tuple[str, str]:
    if months % 12 == 0:
        years = months // 12
        return (f"{years} an{'s' if years > 1 else ''}", f"{years} year{'s' if years > 1 else ''}")
    return (f"{months} mois", f"{months} months")


def _periods(contract: Contract) -> Iterator[SheetSection]:
    yield SheetSection(
        key="periods",
        title=("Périodes et reconduction", "Periods and renewal"),
        clause="CP, §1.7, §1.9",
        report=contract.term,
    )


def _prices(contract: Contract) -> Iterator[SheetSection]:
    yield SheetSection(key="prices", title=("Prix", "Prices"), clause="CP", report=contract.prices)


def _invoices(contract: Contract) -> Iterator[SheetSection]:
    schedule = billing_schedule(contract.term, contract.prices, billing=contract.billing)
    yield SheetSection(
        key="invoices", title=("Facturation", "Invoicing"), clause="CP, §1.8", report=schedule
    )


_REVISION = (
    Column("anniversary", "anniversaire", "anniversary", "date"),
    Column("base_month", "M0", "M0"),
    Column("base_index", "Syn(o)", "Syn(o)", "number"),
    Column("current_month", "mois Syn(n)", "Syn(n) month"),
    Column("current_index", "Syn(n)", "Syn(n)", "number"),
    Column("coefficient", "C", "C", "number"),
    Column("annual_ht", "annuel HT révisé", "revised annual excl. VAT", "money"),
)


def _revision(contract: Contract) -> Iterator[SheetSection]:
    found = [_revision_row(contract, anniversary) for anniversary in contract.term.anniversaries]
    rows = [row for row, _user in found]
    remarks = _revision_remarks(contract.revision, any(user for _row, user in found))
    shown = {lang: [_missing_shown(row, lang) for row in rows] for lang in ("fr", "en")}
    title = ("Révision Syntec", "Syntec revision")
    yield SheetSection(
        key="revision",
        title=title,
        clause="§1.11",
        report=_table(title, _REVISION, rows, shown, remarks),
    )


def _revision_row(contract: Contract, anniversary: dt.date) -> tuple[dict[str, Any], bool]:
    """The revision at one anniversary, and whether it used a value the user supplied."""
    clause, index = contract.revision, contract.revision.index
    m0 = base_month(anniversary)
    row: dict[str, Any] = {
        "anniversary": anniversary,
        "base_month": str(m0),
        "base_index": index[m0].value if m0 in index else None,
    }
    try:
        revision = clause.revision(anniversary)
    except TermsError:  # a month the series lacks: shown as missing, never guessed
        row.update(current_month=str(index.known_on(anniversary)), current_index=None)
        row.update(coefficient=None, annual_ht=None)
        return row, False
    row.update(
        current_month=str(revision.current_month),
        current_index=revision.current_index,
        coefficient=revision.coefficient,
        annual_ht=revision.apply(contract.prices.annual.ht),
    )
    return row, revision.uses_user_values


def _revision_remarks(clause: RevisionClause, user: bool) -> list[tuple[str, str]]:
    fixed = _text.number(clause.fixed_part, "fr")
    moving = _text.number(1 - clause.fixed_part, "fr")
    fixed_en, moving_en = f"{clause.fixed_part:f}", f"{1 - clause.fixed_part:f}"
    ceiling = clause.rounding == "ceiling"
    remarks = [
        (
            f"C = {fixed} + {moving} × Syn(n)/Syn(o), arrondi au millième "
            + ("supérieur" if ceiling else "selon la clause")
            + (
                " ; révision imposée par l'acheteur"
                if clause.imposed_by_buyer
                else " ; prix fermes sauf volonté différente de l'acheteur (C8)"
            ),
            f"C = {fixed_en} + {moving_en} × Syn(n)/Syn(o), rounded "
            + ("up to the thousandth" if ceiling else "to the thousandth as the clause says")
            + (
                "; revision imposed by the buyer"
                if clause.imposed_by_buyer
                else "; firm prices unless the buyer imposes the revision (C8)"
            ),
        ),
        (
            "Un indice absent n'est jamais deviné : ajoutez la valeur publiée (--syntec FICHIER.csv).",
            "A missing index is never guessed: add the published value (--syntec FILE.csv).",
        ),
    ]
    if user:
        remarks.append(
            (
                "Calculé avec au moins une valeur d'indice fournie par l'utilisateur.",
                "Computed with at least one index value supplied by the user.",
            )
        )
    return remarks


def _missing_shown(row: Mapping[str, Any], lang: Lang) -> dict[str, Any]:
    """An index the series lacks reads « absent », never an empty cell that could be a zero."""
    absent = pick("absent", "missing", lang)
    indices = ("base_index", "current_index")
    return {k: absent if v is None and k in indices else v for k, v in row.items()}


def _hours(contract: Contract) -> Iterator[SheetSection]:
    columns = (Column("schedule", "horaire", "schedule"), Column("windows", "plages", "windows"))
    records = [
        {"schedule": name, "windows": hours.to_text(lang="en")}
        for name, hours in contract.schedules.items()
    ]
    shown = {
        lang: [
            {"schedule": hours.name, "windows": hours.to_text(lang=lang)}
            for hours in contract.schedules.values()
        ]
        for lang in ("fr", "en")
    }
    title = ("Horaires", "Business hours")
    yield SheetSection(
        key="hours",
        title=title,
        clause="§1.6, §2.8, §4.1",
        report=_table(title, columns, records, shown),
    )


def _sla(contract: Contract) -> Iterator[SheetSection]:
    yield SheetSection(
        key="sla",
        title=("Délais (politique par défaut)", "Time limits (default policy)"),
        clause="§4.3, §5.2.4.1",
        report=contract.sla,
    )
    others = [
        name
        for name in contract.policies
        if name not in (contract.default_policy, contract.gtr_policy)
    ]
    for number, name in enumerate(others, start=2):
        yield SheetSection(
            key=f"sla_{number}",
            title=(f"Délais — {name}", f"Time limits — {name}"),
            clause="§2.7, §4.3 (C1)",
            report=contract.policy(name),
        )
    gtr = contract.hosting_gtr
    if gtr is not None:
        yield SheetSection(
            key="gtr", title=("GTR hébergement", "Hosting GTR"), clause="§2.5.2, §2.8", report=gtr
        )
    if others:
        comparison = compare_policies(contract.sla, contract.policy(others[0]))
        yield SheetSection(
            key="sla_comparison",
            title=("Écarts entre politiques", "Differences between policies"),
            clause="§2.7, §4.3 (C1)",
            report=comparison,
        )


def _availability(contract: Contract) -> Iterator[SheetSection]:
    yield SheetSection(
        key="availability",
        title=("Disponibilité", "Availability"),
        clause="§2.5.1, §2.8",
        report=contract.availability,
    )


def _late_payment(contract: Contract) -> Iterator[SheetSection]:
    terms = contract.payment
    rows = [
        (
            ("délai global de paiement", "payment delay"),
            (f"{terms.delay_days} jours", f"{terms.delay_days} days"),
        ),
        (("régime", "regime"), (regime_name(terms.regime, "fr"), regime_name(terms.regime, "en"))),
        (("indemnité forfaitaire", "flat indemnity"), terms.indemnity),
        (("taux BCE connus jusqu'au", "ECB rates known through"), terms.ecb_rates.known_through),
    ]
    records = [{"item": en, "value": _plain(value)} for (fr, en), value in rows]
    shown = {
        lang: [
            {"item": pick(fr, en, lang), "value": _money_or(value, lang)}
            for (fr, en), value in rows
        ]
        for lang in ("fr", "en")
    }
    title = ("Retards de paiement", "Late payment")
    yield SheetSection(
        key="late_payment",
        title=title,
        clause="§1.8, R2192-10, R2192-31, D2192-35",
        report=_table(title, _ITEM, records, shown),
    )


def _late_payment_rates(contract: Contract) -> Iterator[SheetSection]:
    """The rate that applies to interest starting in each half-year of the term, as far as the
    rate tables are known (R2192-31: the rate of the half-year in which interest starts)."""
    terms = contract.payment
    first = _dates.half_year_start(contract.term.start)
    last = min(contract.term.latest_end, terms.ecb_rates.known_through)
    rows: list[dict[str, Any]] = []
    day = first
    while day <= last:
        try:
            rate = terms.rate(day)
        except TermsError:  # a half-year the tables do not know: shown, never guessed
            rate = None
        rows.append({"half_year": day, "rate_percent": rate})
        day = _dates.add_months(day, 6)
    columns = (
        Column("half_year", "semestre commençant le", "half-year starting", "date"),
        Column("rate_percent", "taux (%)", "rate (%)", "number"),
    )
    remarks = [
        (
            f"Taux connus jusqu'au {terms.ecb_rates.known_through} ; au-delà, ajoutez le taux "
            f"publié (--ecb FICHIER.csv).",
            f"Rates known through {terms.ecb_rates.known_through}; beyond, add the published "
            f"rate (--ecb FILE.csv).",
        )
    ]
    title = ("Taux des intérêts moratoires", "Late-payment interest rates")
    yield SheetSection(
        key="late_payment_rates",
        title=title,
        clause="R2192-31",
        report=_table(title, columns, rows, remarks=remarks),
    )


def _money_or(value: object, lang: Lang) -> object:
    if isinstance(value, Decimal):
        return _text.money(value, lang)
    return _in(value, lang)


def _unit_prices(contract: Contract) -> Iterator[SheetSection]:
    yield SheetSection(
        key="unit_prices",
        title=("Prestations à commande", "Services ordered"),
        clause="§7",
        report=contract.unit_prices,
    )


def _retention(contract: Contract) -> Iterator[SheetSection]:
    yield SheetSection(
        key="retention",
        title=("Conservation et délais", "Retention and time limits"),
        clause="§2.2, §2.6, §3.3, §6",
        report=contract.retention,
    )


def _data_protection(contract: Contract) -> Iterator[SheetSection]:
    chain = end_of_contract_chain(
        contract.term.latest_end, table=contract.retention, hours=contract.sla.hours
    )
    yield SheetSection(
        key="data_protection",
        title=("Fin du contrat et données", "End of the contract and data"),
        clause="§6.5.9",
        report=chain,
    )


def _backups(contract: Contract) -> Iterator[SheetSection]:
    columns = (Column("job", "sauvegarde", "backup"),)
    records = [{"job": job.to_text(lang="en")} for job in contract.backups.jobs]
    shown = {
        lang: [{"job": job.to_text(lang=lang)} for job in contract.backups.jobs]
        for lang in ("fr", "en")
    }
    title = ("Sauvegardes", "Backups")
    yield SheetSection(
        key="backups", title=title, clause="§2.6.2", report=_table(title, columns, records, shown)
    )


def _quotas(contract: Contract) -> Iterator[SheetSection]:
    quotas = contract.quotas
    rows = [
        (
            ("taille d'un document", "size of one document"),
            f"{quotas.document_mb} Mo",
            f"{quotas.document_mb} MB",
        ),
        (("stockage", "storage"), f"{quotas.storage_tb} To", f"{quotas.storage_tb} TB"),
        (
            ("trafic annuel", "yearly traffic"),
            f"{quotas.traffic_tb_per_year} To",
            f"{quotas.traffic_tb_per_year} TB",
        ),
    ]
    records = [{"item": en, "value": value_en} for (fr, en), _, value_en in rows]
    shown = {
        lang: [
            {"item": pick(fr, en, lang), "value": pick(v_fr, v_en, lang)}
            for (fr, en), v_fr, v_en in rows
        ]
        for lang in ("fr", "en")
    }
    title = ("Quotas", "Quotas")
    yield SheetSection(
        key="quotas", title=title, clause="§2.2", report=_table(title, _ITEM, records, shown)
    )


def _readings(contract: Contract) -> Iterator[SheetSection]:
    yield SheetSection(
        key="readings",
        title=("Lectures retenues", "Readings chosen"),
        clause="docs : contradictions",
        report=contract.readings(),
    )


def _consistency(contract: Contract) -> Iterator[SheetSection]:
    if contract.printed is None:
        return
    report = check_consistency(contract.term, contract.prices, contract.printed)
    yield SheetSection(
        key="consistency",
        title=("Chiffres imprimés autrement", "Figures printed otherwise"),
        clause="décision, CP, §1.11",
        report=report,
    )


def _upcoming(contract: Contract, day: dt.date) -> SheetSection:
    calendar = obligations_calendar(contract).first_of_each_kind(day)
    return SheetSection(
        key="upcoming",
        title=(f"À venir à partir du {day}", f"Coming up from {day}"),
        clause="CP, §1.7–§1.11, §6.5.9",
        report=calendar,
    )


_SECTIONS = (
    _parties,
    _periods,
    _prices,
    _invoices,
    _revision,
    _hours,
    _sla,
    _availability,
    _late_payment,
    _late_payment_rates,
    _unit_prices,
    _retention,
    _data_protection,
    _backups,
    _quotas,
    _readings,
    _consistency,
)
