"""Every text a person reads is in one language: French by default, English with ``lang="en"``.

Every report of the library (each class using the ``_report.Report`` mixin), the term sheet,
the obligations calendar, the portfolio's decisions, the explanations and the command-line
outputs are rendered in both languages, and each rendering is searched for tell-tale words of
the other language. French texts are also checked for French typography (a no-break space
before « : ; ? ! % » and inside guillemets).

What a text may quote is taken out first: the contract's own French words in « guillemets »
or "quotes", the names of the priorities and ticket states (the contract's French in both
languages), the contracts' names, and ISO dates. Machine outputs (JSON, CSV, records) are not
texts for people and are not checked here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import importlib
import io
import pkgutil
import re
import tomllib
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

import attrs
import pytest

import libriciel_terms as lt
from libriciel_terms import cli
from libriciel_terms._report import Report
from libriciel_terms.reference_data import reference_data

PARIS = ZoneInfo("Europe/Paris")
C = lt.COMELUS_2024
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "contracts"


def at(month: int, day: int, hour: int) -> dt.datetime:
    return dt.datetime(2024, month, day, hour, tzinfo=PARIS)


def _ticket() -> lt.Ticket:
    return lt.Ticket(
        reference="ANN-1",
        reported_at=at(10, 15, 10),
        priority=lt.Priority.BLOQUANT,
        history=[
            lt.StateChange(at=at(10, 15, 11), state=lt.TicketState.EN_COURS_DE_TRAITEMENT),
            lt.StateChange(at=at(10, 16, 9), state=lt.TicketState.A_QUALIFIER_CLIENT),
            lt.StateChange(at=at(10, 16, 11), state=lt.TicketState.RETOUR_INFORMATION_CLIENT),
        ],
        taken_charge_at=at(10, 15, 11),
        workaround_at=at(10, 16, 15),
    )


def _ticket_reports() -> lt.TicketReports:
    tickets = [
        _ticket(),
        lt.Ticket(reported_at=at(10, 16, 10), priority=lt.Priority.MINEUR),
        lt.Ticket(
            reported_at=at(11, 5, 10),
            priority=lt.Priority.MAJEUR,
            taken_charge_at=at(11, 5, 11),
            resolved_at=at(11, 6, 11),
        ),
    ]
    return C.sla.evaluate_many(tickets, at=at(12, 1, 9))


def _claim() -> lt.Claim:
    late = lt.PaymentRequest.paid_in_full(
        "T1", Decimal("405.00"), received_on=dt.date(2025, 3, 3), paid_on=dt.date(2025, 5, 12)
    )
    partly = lt.PaymentRequest(
        reference="T2",
        amount=Decimal("405.00"),
        received_on=dt.date(2025, 6, 2),
        payments=[lt.Payment(paid_on=dt.date(2025, 7, 10), amount=Decimal("200.00"))],
    )
    return lt.late_payment_claim([late, partly], as_of=dt.date(2025, 12, 31))


def _portfolio() -> lt.Portfolio:
    return lt.Portfolio([C, lt.load_contract(EXAMPLE / "iparapheur-exempleville-2025.toml")])


def _batch() -> lt.TicketBatch:
    records = [
        {"reference": "A", "priority": "bloquant", "reported_at": "2024-10-15T10:00:00+02:00"},
        {"reference": "B", "priority": "urgent", "reported_at": "2024-10-15T10:00:00+02:00"},
    ]
    return lt.tickets_from_records(records, on_error="collect")


#: One instance of every report, built the way a user gets it.
REPORTS: dict[str, Callable[[], object]] = {
    "BackupStatus": lambda: C.backups.status(dt.datetime(2025, 3, 24, 13, 0, tzinfo=PARIS)),
    "RestorePoint": lambda: C.backups.status(dt.datetime(2025, 3, 24, 13, 0, tzinfo=PARIS)).points[
        0
    ],
    "BillingSchedule": lambda: lt.billing_schedule(C.term, C.prices, billing=C.billing),
    "PriceList": lambda: C.prices,
    "Claim": _claim,
    "ComplianceSummary": lambda: lt.compliance_summary(
        _ticket_reports(), commitment=C.availability, outages=[(at(11, 26, 9), at(11, 26, 16))]
    ),
    "ConsistencyReport": lambda: lt.check_consistency(C.term, C.prices, C.printed),
    "Readings": lambda: C.readings(),
    "EndOfContractChain": lambda: lt.end_of_contract_chain(
        dt.date(2028, 8, 31), table=C.retention, hours=C.schedules["interventions"]
    ),
    "AvailabilityCommitment": lambda: C.availability,
    "AvailabilityReport": lambda: C.availability.report(
        at(10, 1, 0), at(11, 1, 0), [(at(10, 16, 9), at(10, 16, 12))]
    ),
    "InterestCalculation": lambda: lt.interest_calculation(
        Decimal("405.00"), dt.date(2025, 4, 2), dt.date(2025, 5, 12)
    ),
    "ObligationsCalendar": lambda: lt.obligations_calendar(C),
    "Decisions": lambda: _portfolio().decisions(dt.date(2025, 10, 15)),
    "QuotaReport": lambda: C.quotas.check(document_bytes=10**9, storage_bytes=10**13),
    "RateTable": lambda: lt.LEGAL_RATE_OTHER_CASES,
    "ReferenceData": lambda: reference_data(),
    "RetentionTable": lambda: C.retention,
    "Revision": lambda: lt.syntec_revision(dt.date(2025, 9, 1), revision_date=dt.date(2025, 12, 1)),
    "RevisionSchedule": lambda: lt.revision_schedule(
        [dt.date(2025, 9, 1)],
        {line.label: line.annual_ht for line in C.prices.lines},
        imposed_by_buyer=True,
        revision_dates={dt.date(2025, 9, 1): dt.date(2025, 12, 1)},
    ),
    "PolicyComparison": lambda: lt.compare_policies(C.sla, C.policies["section_2_7"]),
    "SlaPolicy": lambda: C.sla,
    "AutoTransition": lambda: lt.automatic_transition(
        lt.TicketState.TRAITE_A_VALIDER_CLIENT, at(10, 15, 10), hours=C.schedules["interventions"]
    ),
    "SyntecSeries": lambda: lt.SYNTEC,
    "ContractTerm": lambda: C.term,
    "LateTermination": lambda: lt.late_termination(
        C.term, dt.date(2025, 8, 10), Decimal("1350.00")
    ),
    "Table": lambda: next(s.report for s in C.term_sheet() if isinstance(s.report, lt.Table)),
    "TicketBatch": _batch,
    "TargetReport": lambda: _ticket_reports()[0].targets[0],
    "Ticket": _ticket,
    "TicketReport": lambda: _ticket_reports()[0],
    "TicketReports": _ticket_reports,
    "Quote": lambda: lt.quote({"development": 2}, unit_prices=C.unit_prices),
    "UnitPriceList": lambda: C.unit_prices,
    # not reports, but texts people read
    "TermSheet": lambda: C.term_sheet(as_of=dt.date(2025, 10, 15)),
    "Portfolio": _portfolio,
}


def _report_classes() -> set[str]:
    for module in pkgutil.iter_modules(lt.__path__):
        if module.name != "__main__":
            importlib.import_module(f"libriciel_terms.{module.name}")

    def below(cls: type) -> Iterator[type]:
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return {cls.__name__ for cls in below(Report) if cls.__module__.startswith("libriciel_terms.")}


def test_every_report_class_is_rendered() -> None:
    assert _report_classes() <= set(REPORTS), _report_classes() - set(REPORTS)


# --- what is checked ----------------------------------------------------------------------------

#: Words that show a French text slipped into English, or the reverse (whole words, any case).
ENGLISH_WORDS = (
    "business hours?", "business time", "business days?", "working days?", "invoices?",
    "payments?", "the report", "destroy", "backups?", "incremental", "notice", "renewal",
    "last day", "deadline", "until", "within", "after", "before", "days", "months?", "years?",
    "the", "of", "and", "from", "to", "with", "yes", "no", "price", "rate", "interest", "due",
    "paid", "late", "breached", "met", "running", "frozen", "missing", "buyer", "contractor",
    "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Monday", "Friday", "Saturday", "total of",
    "hosting data", "every copy", "end of", "restore", "full", "kept",
)  # fmt: skip
FRENCH_WORDS = (
    "ouvrée?s?", "ouvrés?", "ouvrables?", "factures?", "paiements?", "sauvegardes?",
    "préavis", "échéance", "jours?", "mois", "années?", "ans", "du", "le", "la", "les", "des",
    "et", "au", "aux", "avec", "pour", "oui", "non", "prix", "taux", "intérêts?", "dû", "payé",
    "retard", "dépassé", "respecté", "en cours", "gelé", "manquant", "acheteur", "titulaire",
    "lun", "mar", "mer", "jeu", "ven", "sam", "dim", "lundi", "vendredi", "samedi",
    "révision", "contrat", "fin", "heures?", "conservée?s?", "restauration",
    "reconduction", "jusqu'au", "après", "avant", "depuis", "selon", "soit", "à",
)  # fmt: skip


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(words) + r")(?![\w'’-])", re.IGNORECASE)


_ENGLISH = _pattern(ENGLISH_WORDS)
_FRENCH = _pattern(FRENCH_WORDS)

#: What a text may quote: the contract's words in quotes, units (« 20 To »), identifiers
#: (``end_of_year``, choices such as ``days | months``).
_QUOTED = re.compile(
    r"«[^»]*»|\"[^\"]*\"|“[^”]*”|(?:\d\s?|\bun\s)[KMGT]o\b|\b[a-z0-9]+(?:_[a-z0-9]+)+\b"
    r"|\b[\w/]+(?:\s\|\s[\w/]+)+"
)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _names() -> list[str]:
    """Names that read the same in both languages: the priorities and ticket states (the
    contract's French), the French code's name, and every text of the contract files (parties,
    references, price labels, conditions in the contract's words)."""
    names = [p.label for p in lt.Priority] + [s.label for s in lt.TicketState]
    names += ["code de la commande publique", "décision", "conditions particulières"]
    for contract in _portfolio():
        names += [s for s in _strings(tomllib.loads(contract.to_toml())) if len(s) > 3]
    return sorted(set(names), key=len, reverse=True)


NAMES = _names()
#: Record keys whose values are data quoted as they are: sources of the reference tables,
#: the problems of an import (their details are error messages: English, for programmers).
_DATA_KEYS = ("source", "path", "value", "expected", "fix")


def _data(value: object) -> list[str]:
    found: list[str] = []
    for each in value if isinstance(value, tuple) else (value,):
        records = getattr(each, "to_records", None)
        found += [str(p) for p in getattr(each, "problems", ())]
        if callable(records):
            found += [str(r[k]) for r in records() for k in _DATA_KEYS if r.get(k)]
    return sorted(set(found), key=len, reverse=True)


_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def _readable(text: str, value: object = None) -> str:
    text = text.translate(_SPACES)  # typography apart, a quoted value reads as its record
    for data in _data(value):
        text = text.replace(data.translate(_SPACES), " ")
    for name in NAMES:
        text = text.replace(name, " ")
    return _QUOTED.sub(" ", text)


def _texts(value: object, lang: str) -> Iterator[tuple[str, str]]:
    """Every text ``value`` gives a person in ``lang``: text, HTML, explanations, notes."""
    for method in ("to_text", "to_html", "explain", "notes"):
        render = getattr(value, method, None)
        if callable(render):
            try:
                result = render(lang=lang)
            except TypeError:  # an explain() that needs arguments is checked through its owner
                continue
            parts = result if isinstance(result, tuple) else (result,)
            for part in parts:
                yield method, html.unescape(re.sub(r"<[^>]+>", " ", str(part)))
    if isinstance(value, lt.Portfolio):
        yield from _texts(value.obligations(dt.date(2025, 6, 1), dt.date(2025, 12, 31)), lang)


def _hits(pattern: re.Pattern[str], text: str, value: object = None) -> list[str]:
    readable = _readable(text, value)
    return sorted({m.group(0) for m in pattern.finditer(readable)})


_TYPOGRAPHY = re.compile(r" [:;?!%»]|« ")


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_french_texts_have_no_english_word(name: str) -> None:
    value = REPORTS[name]()
    found = {m: _hits(_ENGLISH, text, value) for m, text in _texts(value, "fr")}
    assert {m: words for m, words in found.items() if words} == {}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_english_texts_have_no_french_word(name: str) -> None:
    value = REPORTS[name]()
    found = {m: _hits(_FRENCH, text, value) for m, text in _texts(value, "en")}
    assert {m: words for m, words in found.items() if words} == {}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_french_typography(name: str) -> None:
    value = REPORTS[name]()
    bad = {
        m: sorted({text[max(0, x.start() - 15) : x.end() + 5] for x in _TYPOGRAPHY.finditer(text)})
        for m, text in _texts(value, "fr")
        if m != "to_html"
    }
    assert {m: places for m, places in bad.items() if places} == {}


# --- the command line ---------------------------------------------------------------------------

COMMANDS = {
    "sheet": ["sheet", "--as-of", "2025-10-15"],
    "calendar": [
        "calendar",
        str(EXAMPLE / "iparapheur-exempleville-2025.toml"),
        "--from",
        "2025-06-01",
        "--to",
        "2025-12-31",
    ],
    "check": ["check", str(EXAMPLE / "iparapheur-exempleville-2025.toml")],
    "data": ["data"],
    "revision": ["revision", "--anniversary", "2023-09-01"],
    "interest": [
        "interest",
        "--amount",
        "405.00",
        "--received",
        "2025-03-03",
        "--paid",
        "2025-05-12",
    ],
}


def _run(argv: list[str]) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        cli.main(argv)
    return out.getvalue() + err.getvalue()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_line_speaks_one_language(command: str) -> None:
    french = _run(COMMANDS[command])
    english = _run([*COMMANDS[command], "--lang", "en"])
    assert french.strip()
    assert english.strip()
    tables = (lt.SYNTEC, lt.ECB_MRO, lt.LEGAL_RATE_OTHER_CASES)  # their sources are quoted
    assert _hits(_ENGLISH, french, tables) == []
    assert _hits(_FRENCH, english, tables) == []


def test_a_report_gets_french_typography_and_keeps_super() -> None:
    """Any report's French texts are typeset, also when written with plain spaces, and a
    method calling super() still works in an attrs slotted class (which attrs builds anew)."""

    @attrs.frozen
    class Tiny(Report):
        n: int = 1

        def to_records(self) -> list[dict[str, object]]:
            return [{"n": self.n}]

        def headline(self, *, lang: Literal["fr", "en"] = "fr") -> str:
            return "Total : " + super().headline(lang=lang)

        def notes(self, *, lang: Literal["fr", "en"] = "fr") -> tuple[str, ...]:
            return ("un taux de 10 % ; « payé »",) if lang == "fr" else ("a 10% rate; paid",)

    tiny = Tiny()
    assert tiny.headline() == "Total\u00a0: Tiny"
    assert tiny.headline(lang="en") == "Total : Tiny"
    assert tiny.notes() == ("un taux de 10\u202f%\u202f; «\u00a0payé\u00a0»",)
    assert tiny.to_text().splitlines()[0] == "Total\u00a0: Tiny"
    assert "\u00a0" not in tiny.to_text(lang="en")
