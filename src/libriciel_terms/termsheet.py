"""The term sheet of a contract: every computed term in one document (``python -m libriciel_terms``).

The sheet is composed from a :class:`~libriciel_terms.contracts.ContractPreset` and the rule
modules — periods and notice deadlines (§1.7, §1.9, CP), prices and quarterly invoices (CP,
§1.8), Syntec revision anniversaries and their M0 (§1.11), business hours (§4.1), the SLA table
in both readings (§4.3, §2.7, §2.5.2), late-payment terms (§1.8), retention and data-protection
obligations (§2.2, §2.6, §6), and the contradictions found in the text. Nothing in it is typed by
hand: change the preset and the sheet follows. Labels are French, dates ISO.

>>> sheet = term_sheet()
>>> [section.key for section in sheet.sections][:4]
['parties', 'periods', 'prices', 'invoices']
>>> print(sheet.section("periods").to_text())  # doctest: +NORMALIZE_WHITESPACE
Périodes et reconduction (CP, §1.7, §1.9)
période  début       fin         jours  reconduction  préavis au plus tard  préavis (décision, C4)
1        2024-09-01  2025-08-31  365    2025-09-01    2025-07-01            2025-06-30
2        2025-09-01  2026-08-31  365    2026-09-01    2026-07-01            2026-06-30
3        2026-09-01  2027-08-31  365    2027-09-01    2027-07-01            2027-06-30
4        2027-09-01  2028-08-31  366
<BLANKLINE>

With ``as_of``, the sheet starts with what falls due next:

>>> from datetime import date
>>> upcoming = term_sheet(as_of=date(2026, 11, 26)).section("upcoming")
>>> [(row["échéance"], row["nature"]) for row in upcoming.records][:3]
[(datetime.date(2026, 11, 30), 'invoice'), (datetime.date(2026, 12, 30), 'payment'), (datetime.date(2027, 7, 1), 'notice')]
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from libriciel_terms import _validate
from libriciel_terms._records import cell_text, html_table, table_repr, text_table
from libriciel_terms.billing import BillingTerms, billing_schedule
from libriciel_terms.claims import RECOVERY_INDEMNITY
from libriciel_terms.consistency import PrintedFigures, check_consistency
from libriciel_terms.contracts import COMELUS_2024, ContractPreset
from libriciel_terms.data_protection import end_of_contract_chain
from libriciel_terms.errors import TermsError, UnknownIndexMonthError, WrongTypeError
from libriciel_terms.obligations import Obligation, ObligationsCalendar, obligations_calendar
from libriciel_terms.rates import ECB_MRO, RATES_AS_OF, half_year_start, moratory_rate
from libriciel_terms.revision import base_month, syntec_revision
from libriciel_terms.sla import compare_policies
from libriciel_terms.syntec import SYNTEC

__all__ = ["OBLIGATION_LABELS", "SheetSection", "TermSheet", "obligations_section", "term_sheet"]

_TARGETS_FR = {
    "TAKE_CHARGE": "prise en charge",
    "WORKAROUND": "contournement",
    "RESOLUTION": "résolution",
    "RESTORE": "rétablissement",
}


def _freeze(records: Iterable[Mapping[str, Any]]) -> tuple[Mapping[str, Any], ...]:
    return tuple(dict(r) for r in records)


@attrs.frozen(kw_only=True)
class SheetSection:
    """One section of the sheet: a title, the clauses it comes from, rows and notes."""

    key: str
    title: str
    clause: str
    records: tuple[Mapping[str, Any], ...] = attrs.field(converter=_freeze)
    notes: tuple[str, ...] = ()

    def to_text(self) -> str:
        """The section as an aligned plain-text table, then its notes."""
        lines = [f"{self.title} ({self.clause})"]
        if self.records:
            lines.append(text_table(self.records))
        lines.extend(f"  • {note}" for note in self.notes)
        return "\n".join(lines) + "\n"

    def __repr__(self) -> str:
        return table_repr(f"<SheetSection {self.key!r}: {self.title}>", self.records)

    def to_data(self) -> dict[str, Any]:
        """The section as JSON-ready data (dates ISO, amounts as strings)."""
        return {
            "key": self.key,
            "title": self.title,
            "clause": self.clause,
            "records": [{k: _json_value(v) for k, v in r.items()} for r in self.records],
            "notes": list(self.notes),
        }


def _json_value(value: object) -> object:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    return cell_text(value)


@attrs.frozen(kw_only=True)
class TermSheet:
    """A contract's term sheet: sections in reading order."""

    title: str
    as_of: dt.date | None
    sections: tuple[SheetSection, ...]

    def section(self, key: str) -> SheetSection:
        """The section named ``key`` (``"periods"``, ``"invoices"``, ``"sla"``, …)."""
        for section in self.sections:
            if section.key == key:
                return section
        keys = ", ".join(s.key for s in self.sections)
        raise TermsError(f"key={key!r} is not a section of this sheet; use one of {keys}")

    def to_text(self) -> str:
        """The whole sheet as terminal text."""
        header = self.title + (f" — au {self.as_of.isoformat()}" if self.as_of else "")
        parts = [header, "=" * len(header), ""]
        for section in self.sections:
            parts.append(section.to_text())
        return "\n".join(parts)

    def to_data(self) -> dict[str, Any]:
        """The whole sheet as JSON-ready data."""
        return {
            "title": self.title,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "sections": [s.to_data() for s in self.sections],
        }

    def to_json(self) -> str:
        """The same content as :meth:`to_text`, as JSON."""
        return json.dumps(self.to_data(), ensure_ascii=False, indent=2)

    def __repr__(self) -> str:
        keys = ", ".join(section.key for section in self.sections)
        return f"<TermSheet {self.title!r}{f' as of {self.as_of}' if self.as_of else ''}: {keys}>"

    def _repr_html_(self) -> str:
        return "".join(
            f"<h3>{section.title} ({section.clause})</h3>"
            + html_table(list(section.records))
            + "".join(f"<p>{note}</p>" for note in section.notes)
            for section in self.sections
        )


def term_sheet(
    contract: ContractPreset | None = None, *, as_of: dt.date | None = None
) -> TermSheet:
    """Build the term sheet of ``contract`` (ComElus 2024 by default).

    ``as_of`` adds an "À venir" section with the obligations that fall due from that date on
    (the first of each kind) and the moratory rate of that half-year; it is never read from the
    clock.
    """
    preset = COMELUS_2024 if contract is None else contract
    if not isinstance(preset, ContractPreset):
        raise WrongTypeError(f"contract={preset!r} is not a ContractPreset; pass COMELUS_2024")
    day = None if as_of is None else _validate.day("as_of", as_of)
    sections: list[SheetSection] = []
    if day is not None:
        sections.append(_upcoming(preset, day))
    sections.extend(
        [
            _parties(preset),
            _periods(preset),
            _prices(preset),
            _invoices(preset),
            _revision(preset),
            _hours(preset),
            _sla(preset),
            _late_payment(preset, day),
            _retention(preset),
            _data_protection(preset),
            _backups(preset),
            _contradictions(preset),
        ]
    )
    return TermSheet(title=preset.name, as_of=day, sections=tuple(sections))


# -- sections --------------------------------------------------------------------------------


def _parties(preset: ContractPreset) -> SheetSection:
    term = preset.term
    rows: list[dict[str, Any]] = [
        {"rubrique": "acheteur", "valeur": preset.buyer},
        {"rubrique": "titulaire", "valeur": preset.titulaire},
        *({"rubrique": label, "valeur": value} for label, value in preset.references),
        {"rubrique": "prise d'effet", "valeur": term.start},
        {"rubrique": "durée", "valeur": f"1 an, reconductible {term.renewals} fois tacitement"},
        {"rubrique": "fin au plus tard", "valeur": f"{term.latest_end} ({term.months} mois)"},
    ]
    return SheetSection(
        key="parties", title="Parties et dates", clause="décision, CP", records=rows
    )


def _relabel(
    records: Iterable[Mapping[str, Any]], labels: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Keep the columns named in ``labels``, renamed to their French label, in that order."""
    return [{label: record.get(key) for key, label in labels.items()} for record in records]


def _periods(preset: ContractPreset) -> SheetSection:
    labels = {
        "period": "période",
        "start": "début",
        "end": "fin",
        "days": "jours",
        "renews_on": "reconduction",
        "notice_deadline": "préavis au plus tard",
        "notice_deadline_decision": "préavis (décision, C4)",
    }
    return SheetSection(
        key="periods",
        title="Périodes et reconduction",
        clause="CP, §1.7, §1.9",
        records=_relabel(preset.term.to_records(), labels),
    )


def _prices(preset: ContractPreset) -> SheetSection:
    rows: list[dict[str, Any]] = [
        {"ligne": r["label"], "annuel HT": r["annual_ht"], "trimestriel HT": r["quarterly_ht"]}
        for r in preset.prices.to_records()
    ]
    annual, quarter = preset.prices.annual, preset.prices.quarterly
    rows.append({"ligne": "total HT", "annuel HT": annual.ht, "trimestriel HT": quarter.ht})
    rows.append({"ligne": "TVA 20 %", "annuel HT": annual.vat, "trimestriel HT": quarter.vat})
    rows.append({"ligne": "total TTC", "annuel HT": annual.ttc, "trimestriel HT": quarter.ttc})
    return SheetSection(
        key="prices",
        title="Prix (€)",
        clause="CP",
        records=rows,
        notes=("Le paiement peut précéder le service fait (§1.8); aucun escompte.",),
    )


def _invoices(preset: ContractPreset) -> SheetSection:
    rows = [
        {
            "date": invoice.billed_on,
            "période": invoice.period,
            "trimestre": f"T{invoice.quarter}",
            "couvre du": invoice.covers_start,
            "au": invoice.covers_end,
            "HT": invoice.ht,
            "TVA": invoice.vat,
            "TTC": invoice.ttc,
        }
        for invoice in billing_schedule(
            preset.term, preset.prices, billing=BillingTerms.comelus()
        ).invoices
    ]
    return SheetSection(
        key="invoices",
        title="Facturation trimestrielle à terme échu",
        clause="CP, §1.8",
        records=rows,
    )


def _revision(preset: ContractPreset) -> SheetSection:
    rows: list[dict[str, Any]] = []
    for anniversary in preset.term.anniversaries:
        m0 = base_month(anniversary)
        row: dict[str, Any] = {
            "anniversaire": anniversary,
            "M0": f"{m0[0]}-{m0[1]:02d}",
            "Syn(o)": SYNTEC.get(m0).value if m0 in SYNTEC else "absent",
        }
        try:
            revision = syntec_revision(anniversary)
        except UnknownIndexMonthError:  # a month the snapshot lacks: shown, never guessed
            known = SYNTEC.known_on(anniversary)
            row.update(
                {
                    "mois Syn(n)": f"{known[0]}-{known[1]:02d}",
                    "Syn(n)": "absent",
                    "C": "—",
                }
            )
        else:
            current = revision.current_month
            row.update(
                {
                    "mois Syn(n)": f"{current[0]}-{current[1]:02d}",
                    "Syn(n)": revision.current_index,
                    "C": revision.coefficient,
                }
            )
        rows.append(row)
    return SheetSection(
        key="revision",
        title="Révision Syntec (si l'acheteur l'impose)",
        clause="§1.11",
        records=rows,
        notes=(
            "C = 0,15 + 0,85 × Syn(n)/Syn(o), arrondi au millième supérieur; prix fermes "
            "pendant 48 mois sauf volonté différente de l'acheteur (C8).",
            f"Indices: instantané Syntec au {SYNTEC.as_of}; un mois absent n'est jamais "
            f"interpolé (SYNTEC.with_values pour l'ajouter).",
        ),
    )


def _hours(preset: ContractPreset) -> SheetSection:
    rows = [
        {"horaire": "interventions, support, PSG (§4.1)", "fenêtres": preset.hours.describe()},
        {"horaire": "portail client (§4.1)", "fenêtres": preset.portal.describe()},
        {
            "horaire": "espace client de production (§2.5.1, C10)",
            "fenêtres": preset.customer_space.describe(),
        },
    ]
    return SheetSection(
        key="hours",
        title="Heures ouvrées",
        clause="§1.6, §2.5.1, §4.1",
        records=rows,
        notes=(
            f"{preset.hours.daily_business_time.seconds // 3600} heures ouvrées par jour ouvré; "
            "jours fériés légaux du titulaire (France métropolitaine).",
        ),
    )


def _sla(preset: ContractPreset) -> SheetSection:
    rows: list[dict[str, Any]] = []
    for policy in (*preset.sla_policies, preset.hosting_gtr):
        for r in policy.to_records():
            rows.append(
                {
                    "lecture": policy.name,
                    "priorité": r["priority"],
                    "objectif": _TARGETS_FR.get(r["target"].name, r["target"].name),
                    "délai": str(r["delay"]),
                    "à compter de": r["counted_from"].to_text(),
                    "gel": "oui" if r["freezes"] else "non",
                    "clause": r["clause"],
                }
            )
    first, second = preset.sla_policies[0], preset.sla_policies[1]
    differences = compare_policies(first, second).differences
    return SheetSection(
        key="sla",
        title="Délais de prise en charge et de résolution",
        clause="§2.5.2, §2.7, §4.3, §5.2.4",
        records=rows,
        notes=(
            f"{first.name} et {second.name} diffèrent sur {len(differences)} objectifs (C1); "
            "aucune des deux lectures n'est fusionnée silencieusement.",
            "Le délai de résolution est gelé dans les états « action client » et « en attente » "
            "(§5.2.4.1).",
        ),
    )


def _late_payment(preset: ContractPreset, day: dt.date | None) -> SheetSection:
    rows: list[dict[str, Any]] = []
    first = half_year_start(preset.term.start)
    end = day or preset.term.latest_end
    start = first
    while start <= end:
        try:
            rate: object = moratory_rate(start)
        except TermsError:
            rate = f"taux BCE non publié (tables au {RATES_AS_OF})"
        rows.append(
            {
                "intérêts commençant à courir à partir du": start,
                "taux BCE": _ecb_text(start),
                "taux moratoire (%)": rate,
            }
        )
        start = dt.date(start.year + (start.month == 7), 1 if start.month == 7 else 7, 1)
    return SheetSection(
        key="late_payment",
        title="Retard de paiement",
        clause="§1.8; CCP L2192-10…14, R2192-31…36",
        records=rows,
        notes=(
            "Délai global de paiement: 30 jours à compter de la réception de la demande de "
            "paiement (collectivité territoriale, R2192-10).",
            "Intérêts moratoires: taux BCE de l'opération principale de refinancement en "
            "vigueur au premier jour du semestre où ils commencent à courir, + 8 points; "
            "jours réels / 365; arrondis une fois au centime.",
            f"Indemnité forfaitaire pour frais de recouvrement: {RECOVERY_INDEMNITY} € par "
            "facture payée en retard (non soumise à la TVA).",
            "Autre lecture du §1.8 (C6): 3 fois le taux d'intérêt légal (regime="
            "'three_times_legal').",
        ),
    )


def _ecb_text(day: dt.date) -> str:
    try:
        return str(ECB_MRO.row_in_force(day).rate_percent)
    except TermsError:
        return "—"


def _retention(preset: ContractPreset) -> SheetSection:
    rows = [
        {
            "quoi": rule.label,
            "durée": str(rule.delay),
            "à compter de": rule.from_event,
            "clause": rule.clause,
        }
        for rule in preset.retention.rules
    ]
    return SheetSection(
        key="retention",
        title="Durées de conservation et délais",
        clause="§2.2, §2.6, §3.3, §6.5, §6.6",
        records=rows,
    )


def _data_protection(preset: ContractPreset) -> SheetSection:
    chain = end_of_contract_chain(
        preset.term.latest_end, table=preset.retention, hours=preset.hours
    )
    rows = [
        {
            "échéance": row.due,
            "qui": row.party_text(),
            "obligation": row.to_text(),
            "à compter de": f"{row.from_event_text()} ({row.from_date})",
            "clause": row.clause,
        }
        for row in chain.deadlines
    ]
    return SheetSection(
        key="data_protection",
        title=f"Fin de contrat au {preset.term.latest_end}: protection des données",
        clause="§6.5.9, §6.6",
        records=rows,
        notes=("Sans demande de restitution; jours ouvrés décomptés à la française (civil).",),
    )


def _backups(preset: ContractPreset) -> SheetSection:
    rows = [{"sauvegarde": job.to_text()} for job in preset.backups.jobs]
    return SheetSection(key="backups", title="Sauvegardes", clause="§2.6", records=rows)


def _contradictions(preset: ContractPreset) -> SheetSection:
    labels = {
        "id": "id",
        "clause": "clause",
        "reading_a": "lecture A",
        "reading_b": "lecture B",
        "resolution": "retenu",
    }
    rows = _relabel(
        check_consistency(preset.term, preset.prices, PrintedFigures.comelus_2024()).to_records(),
        labels,
    )
    first, second = preset.sla_policies[0], preset.sla_policies[1]
    rows.append(
        {
            "id": "C1",
            "clause": "§2.7 vs §4.3",
            "lecture A": f"{first.name}",
            "lecture B": f"{second.name}",
            "retenu": f"deux politiques; {len(compare_policies(first, second).differences)} écarts",
        }
    )
    rows.sort(key=lambda r: int(str(r["id"]).removeprefix("C")))
    return SheetSection(
        key="contradictions",
        title="Contradictions relevées dans le texte",
        clause="RULES.md C1–C10",
        records=rows,
        notes=("Toutes sont détaillées, chiffres à l'appui, dans la page « Contradictions ».",),
    )


#: The columns of obligations in the sheet and in ``python -m libriciel_terms calendar``.
OBLIGATION_LABELS = {
    "due_on": "échéance",
    "kind": "nature",
    "party": "qui",
    "what": "objet",
    "amount_ttc": "TTC",
    "clause": "clause",
}


def obligations_section(calendar: ObligationsCalendar, *, key: str, title: str) -> SheetSection:
    """A sheet section listing ``calendar``'s obligations with French column labels."""
    return SheetSection(
        key=key,
        title=title,
        clause="CP, §1.7–§1.11, §6.5.9",
        records=_relabel(calendar.to_records(), OBLIGATION_LABELS),
    )


def _upcoming(preset: ContractPreset, day: dt.date) -> SheetSection:
    calendar = obligations_calendar(preset.term, preset.prices)
    first_of_each_kind: dict[str, Obligation] = {}
    for obligation in calendar:
        if obligation.due_on >= day:
            first_of_each_kind.setdefault(obligation.kind, obligation)
    upcoming = ObligationsCalendar(obligations=first_of_each_kind.values())
    section = obligations_section(upcoming, key="upcoming", title=f"À venir à partir du {day}")
    return attrs.evolve(
        section,
        clause="calendrier des obligations",
        notes=(
            "La première échéance de chaque nature; le calendrier complet: "
            "python -m libriciel_terms calendar.",
        ),
    )
