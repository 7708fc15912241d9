"""A contract's dated obligations in one calendar (CP, §1.7, §1.8, §1.9, §1.11, §6.5.9).

Every dated obligation of a contract — its invoices and their payment, the non-renewal notice
deadlines, the revision anniversaries, the end of the term and the data-protection deadlines
that follow it — as frozen :class:`Obligation` records, filterable by date range, party and
kind, exportable as records (for pandas), as text or HTML for people (French by default) and as
iCalendar text for an agenda. Everything comes from the :class:`~libriciel_terms.contract.Contract`:
its billing terms, its payment delay, its notice and its revision clause.

>>> from datetime import date
>>> from libriciel_terms import COMELUS_2024
>>> calendar = obligations_calendar(COMELUS_2024)
>>> for o in calendar.between(date(2025, 6, 1), date(2025, 9, 1)):
...     print(o.due_on, o.party, o.kind, o.amount_ttc or "")
2025-06-30 acheteur payment 405.00
2025-07-01 acheteur notice
2025-08-31 titulaire invoice 405.00
2025-09-01 acheteur revision
>>> calendar.next_after(date(2026, 11, 26)).to_text()
'Facture T1 2026-2027 (2026-09-01 → 2026-11-30)'

Payments assume each invoice is received on its billing date (the délai global runs from
receipt, R2192-12); pass ``payment_received_after_days=`` to model a later receipt.

The failing case: a calendar's range is refused when it ends before it starts.

>>> calendar.between(date(2025, 9, 1), date(2025, 6, 1))
Traceback (most recent call last):
...
libriciel_terms.errors.EndBeforeStartError: end=datetime.date(2025, 6, 1) is before start=datetime.date(2025, 9, 1); pass an end on or after start (the two are never swapped silently)
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang, pick
from libriciel_terms.billing import billing_schedule
from libriciel_terms.data_protection import end_of_contract_chain
from libriciel_terms.errors import OptionalDependencyError, OutOfRangeError
from libriciel_terms.revision import base_month

if TYPE_CHECKING:
    from libriciel_terms.contract import Contract

__all__ = ["Obligation", "ObligationKind", "ObligationsCalendar", "Party", "obligations_calendar"]

#: Who owes the obligation: the buyer (the *pouvoir adjudicateur*) or the titulaire.
Party = Literal["acheteur", "titulaire"]

#: What kind of obligation: an invoice to issue, a payment to make, a notice deadline, a revision
#: anniversary, the end of the term, a data-protection deadline.
ObligationKind = Literal[
    "invoice", "payment", "notice", "revision", "end_of_term", "data_protection"
]
_KINDS = _validate.literal_values(ObligationKind)
_KIND_TEXT = {
    "invoice": ("facture", "invoice"),
    "payment": ("paiement", "payment"),
    "notice": ("préavis", "notice"),
    "revision": ("révision", "revision"),
    "end_of_term": ("fin du contrat", "end of the contract"),
    "data_protection": ("protection des données", "data protection"),
}
_PARTY_TEXT = {"acheteur": ("acheteur", "buyer"), "titulaire": ("titulaire", "contractor")}

#: The most obligations a calendar holds (a century of monthly invoices and their payments).
MAX_OBLIGATIONS = 10_000


@attrs.frozen(kw_only=True)
class Obligation:
    """One dated obligation: who owes what, by when, under which clause, in which contract."""

    due_on: dt.date = attrs.field(validator=_validate.check(_validate.day))
    party: Party = attrs.field(validator=_validate.choice(Party))
    kind: ObligationKind = attrs.field(validator=_validate.choice(ObligationKind))
    what: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    what_en: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    clause: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    amount_ttc: Decimal | None = attrs.field(
        default=None, validator=_validate.optional(_validate.money)
    )
    note: str = attrs.field(default="", validator=_validate.check(_validate.text))
    note_en: str = attrs.field(default="", validator=_validate.check(_validate.text))
    contract: str = attrs.field(default="", validator=_validate.check(_validate.text))

    @property
    def beneficiary(self) -> Party:
        """The other party, to whom the obligation is owed."""
        return "titulaire" if self.party == "acheteur" else "acheteur"

    def to_text(self, *, lang: Lang = "fr") -> str:
        """What is owed, in words."""
        return pick(self.what, self.what_en, _text.check_lang(lang))

    def uid(self) -> str:
        """A stable identifier (an iCalendar UID): the same obligation always has the same one,
        and two contracts' obligations never share one."""
        key = f"{self.contract}|{self.due_on}|{self.kind}|{self.what}"
        return f"{hashlib.sha256(key.encode()).hexdigest()[:24]}@libriciel-terms"


def _sorted(value: Iterable[Obligation]) -> tuple[Obligation, ...]:
    items = _validate.items("obligations", value, Obligation)
    if len(items) > MAX_OBLIGATIONS:
        raise OutOfRangeError(
            f"obligations holds {len(items)} obligations; a calendar holds at most "
            f"{MAX_OBLIGATIONS}: ask for a shorter range"
        )
    return tuple(sorted(items, key=lambda o: (o.due_on, _KINDS.index(o.kind), o.contract, o.what)))


@attrs.frozen(kw_only=True)
class ObligationsCalendar(Report, Sequence[Obligation]):
    """Obligations sorted by date (then kind, contract); filters return new calendars."""

    COLUMNS = (
        Column("due_on", "échéance", "due", "date"),
        Column("contract", "contrat", "contract", "text"),
        Column("kind", "nature", "kind", "text"),
        Column("party", "qui", "who", "text"),
        Column("what", "objet", "what", "text"),
        Column("amount_ttc", "TTC", "incl. VAT", "money"),
        Column("clause", "clause", "clause", "text"),
    )

    obligations: tuple[Obligation, ...] = attrs.field(converter=_sorted)

    def __iter__(self) -> Iterator[Obligation]:
        return iter(self.obligations)

    def __len__(self) -> int:
        return len(self.obligations)

    def __getitem__(self, index: Any) -> Any:
        return self.obligations[index]

    def between(self, start: dt.date, end: dt.date) -> ObligationsCalendar:
        """The obligations due from ``start`` to ``end``, both included."""
        first = _validate.day("start", start)
        last = _validate.day("end", end)
        _validate.ordered("start", first, "end", last)
        return ObligationsCalendar(
            obligations=(o for o in self.obligations if first <= o.due_on <= last)
        )

    def for_party(self, party: Party) -> ObligationsCalendar:
        """The obligations owed by ``party`` (``"acheteur"`` or ``"titulaire"``)."""
        _validate.one_of("party", party, _validate.literal_values(Party))
        return ObligationsCalendar(obligations=(o for o in self.obligations if o.party == party))

    def of_kind(self, *kinds: ObligationKind) -> ObligationsCalendar:
        """The obligations of the given kinds."""
        for kind in kinds:
            _validate.one_of("kind", kind, _KINDS)
        return ObligationsCalendar(obligations=(o for o in self.obligations if o.kind in kinds))

    def next_after(self, day: dt.date) -> Obligation | None:
        """The first obligation due on or after ``day``, or ``None`` when none is left."""
        start = _validate.day("day", day)
        return next((o for o in self.obligations if o.due_on >= start), None)

    def first_of_each_kind(self, day: dt.date) -> ObligationsCalendar:
        """From ``day`` on, the first obligation of each kind (what falls due next)."""
        start = _validate.day("day", day)
        first: dict[str, Obligation] = {}
        for obligation in self.obligations:
            if obligation.due_on >= start:
                first.setdefault(obligation.kind, obligation)
        return ObligationsCalendar(obligations=first.values())

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per obligation (French texts; ``what_en``/``note_en`` in English)."""
        return [
            {
                "due_on": o.due_on,
                "contract": o.contract,
                "kind": o.kind,
                "party": o.party,
                "beneficiary": o.beneficiary,
                "what": o.what,
                "what_en": o.what_en,
                "amount_ttc": o.amount_ttc,
                "clause": o.clause,
                "note": o.note,
                "note_en": o.note_en,
            }
            for o in self.obligations
        ]

    def display_records(self, *, lang: Lang = "fr") -> list[dict[str, Any]]:
        """The obligations as people read them; the contract column only for several contracts."""
        several = len({o.contract for o in self.obligations}) > 1
        return [
            {
                "due_on": o.due_on,
                **({"contract": o.contract} if several else {}),
                "kind": pick(*_KIND_TEXT[o.kind], lang),
                "party": pick(*_PARTY_TEXT[o.party], lang),
                "what": o.to_text(lang=lang),
                "amount_ttc": o.amount_ttc,
                "clause": o.clause,
            }
            for o in self.obligations
        ]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« 43 obligations », from the first to the last date."""
        n = len(self.obligations)
        if not n:
            return pick("Aucune obligation", "No obligation", lang)
        first, last = self.obligations[0].due_on, self.obligations[-1].due_on
        return pick(
            f"{n} obligation{'s' if n > 1 else ''}, du {first} au {last}",
            f"{n} obligation{'s' if n > 1 else ''}, from {first} to {last}",
            lang,
        )

    def to_ical(
        self, *, stamp: dt.datetime, name: str = "libriciel-terms", lang: Lang = "fr"
    ) -> str:
        """The calendar as iCalendar (RFC 5545) text: one all-day event per obligation.

        ``stamp`` is the DTSTAMP of every event (an argument, never the clock, so that the same
        calendar always gives the same text); each event's UID is :meth:`Obligation.uid`.
        Needs the optional ``icalendar`` package (``pip install 'libriciel-terms[ical]'``).

        >>> from datetime import datetime, UTC
        >>> ics = obligations_calendar(COMELUS_2024).between(date(2025, 7, 1), date(2025, 7, 1))
        >>> lines = ics.to_ical(stamp=datetime(2024, 4, 19, tzinfo=UTC), name="ComElus").splitlines()
        >>> lines[:4]
        ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//libriciel-terms//obligations//FR', 'X-WR-CALNAME:ComElus']
        >>> [line for line in lines if line.startswith(("DTSTART", "DTEND", "DTSTAMP"))]
        ['DTSTART;VALUE=DATE:20250701', 'DTEND;VALUE=DATE:20250702', 'DTSTAMP:20240419T000000Z']
        """
        when = _validate.utc(_validate.aware("stamp", stamp))
        title = _validate.text("name", name, empty=False)
        lang = _text.check_lang(lang)
        try:
            import icalendar
        except ImportError:  # pragma: no cover - the test extra installs it
            raise OptionalDependencyError(
                "to_ical() needs the optional icalendar package; install it with "
                "pip install 'libriciel-terms[ical]'"
            ) from None
        calendar = icalendar.Calendar()
        calendar.add("version", "2.0")
        calendar.add("prodid", "-//libriciel-terms//obligations//FR")
        calendar.add("x-wr-calname", title)
        for obligation in self.obligations:
            calendar.add_component(_event(icalendar, obligation, when, lang))
        text: bytes = calendar.to_ical()
        return text.decode("utf-8")


def _event(icalendar: Any, obligation: Obligation, stamp: dt.datetime, lang: Lang) -> Any:
    event = icalendar.Event()
    who = pick(*_PARTY_TEXT[obligation.party], lang)
    prefix = f"{obligation.contract} — " if obligation.contract else ""
    event.add("summary", f"{prefix}[{who}] {obligation.to_text(lang=lang)}")
    event.add("dtstart", obligation.due_on)
    event.add("dtend", obligation.due_on + dt.timedelta(days=1))
    event.add("dtstamp", stamp)
    event.add("uid", obligation.uid())
    details = [f"Clause{_text.NBSP if lang == 'fr' else ''}: {obligation.clause}"]
    if obligation.amount_ttc is not None:
        details.append(
            pick(
                f"Montant TTC{_text.NBSP}: {_text.money(obligation.amount_ttc, lang)}",
                f"Amount incl. VAT: {_text.money(obligation.amount_ttc, lang)}",
                lang,
            )
        )
    note = pick(obligation.note, obligation.note_en, lang)
    if note:
        details.append(note)
    event.add("description", "\n".join(details))
    return event


# -- a contract's obligations --------------------------------------------------------------------


def obligations_calendar(
    contract: Contract,
    *,
    payment_received_after_days: int = 0,
    include_data_protection: bool = True,
) -> ObligationsCalendar:
    """Every dated obligation of ``contract``:

    - **invoice** (titulaire, CP, §1.8): each invoice on its billing date, TTC, as the billing
      terms set them (frequency, in arrears or in advance);
    - **payment** (acheteur, §1.8, R2192-10): the end of the payment delay of each invoice,
      received ``payment_received_after_days`` after its billing date (0 by default);
    - **notice** (acheteur, §1.7, §1.9, CP): the last day to notify non-renewal before each
      anniversary, under the contract's reading;
    - **revision** (acheteur, §1.11): each anniversary, with its M0 and the month whose index the
      publication rule says is known;
    - **end_of_term** (titulaire, CP, §1.11): the latest end;
    - **data_protection** (§6.5.9, §6.6): the end-of-contract chain after the latest end, with
      no return requested.

    >>> calendar = obligations_calendar(COMELUS_2024)
    >>> len(calendar.of_kind("invoice")), len(calendar.of_kind("notice"))
    (16, 3)
    >>> [o.due_on.isoformat() for o in calendar.of_kind("data_protection")]
    ['2028-10-12', '2028-10-23', '2030-08-31', '2031-08-31']
    """
    from libriciel_terms.contract import Contract

    _validate.instance("contract", contract, Contract, "a Contract, e.g. COMELUS_2024")
    delay = _validate.integer(
        "payment_received_after_days", payment_received_after_days, minimum=0, maximum=366
    )
    items = [
        *_invoices_and_payments(contract, delay),
        *_notices_and_revisions(contract),
        _end_of_term(contract),
    ]
    if include_data_protection:
        items.extend(_data_protection(contract))
    return ObligationsCalendar(obligations=items)


def _invoices_and_payments(contract: Contract, delay: int) -> Iterator[Obligation]:
    term, payment = contract.term, contract.payment
    schedule = billing_schedule(term, contract.prices, billing=contract.billing)
    timing = contract.billing.to_text(lang="fr"), contract.billing.to_text(lang="en")
    for invoice in schedule.invoices:
        start = term.periods[invoice.period - 1].start
        label = f"{invoice.label} {start.year}-{start.year + 1}"
        covers = f"{invoice.covers_start} → {invoice.covers_end}"
        yield Obligation(
            due_on=invoice.billed_on,
            party="titulaire",
            kind="invoice",
            what=f"Facture {label} ({covers})",
            what_en=f"Invoice {label} ({covers})",
            clause="CP, §1.8",
            amount_ttc=invoice.ttc,
            note=f"HT {_text.money(invoice.ht, 'fr')}, TVA {_text.money(invoice.vat, 'fr')} ({timing[0]})",
            note_en=f"excl. VAT {_text.money(invoice.ht, 'en')}, VAT {_text.money(invoice.vat, 'en')} ({timing[1]})",
            contract=contract.name,
        )
        received = invoice.billed_on + dt.timedelta(days=delay)
        days = payment.delay_days
        yield Obligation(
            due_on=payment.due_date(received),
            party="acheteur",
            kind="payment",
            what=f"Paiement de la facture {label}",
            what_en=f"Payment of invoice {label}",
            clause="§1.8; CCP R2192-10",
            amount_ttc=invoice.ttc,
            note=(
                f"délai global de {days} jours à compter de la réception, supposée le {received} ; "
                f"au-delà, intérêts moratoires et indemnité forfaitaire de "
                f"{_text.money(payment.indemnity, 'fr')}"
            ),
            note_en=(
                f"{days}-day payment delay from receipt, assumed on {received}; after it, "
                f"late-payment interest and a flat indemnity of {_text.money(payment.indemnity, 'en')}"
            ),
            contract=contract.name,
        )


def _notices_and_revisions(contract: Contract) -> Iterator[Obligation]:
    term, revision = contract.term, contract.revision
    effect = term.notice_months
    for anniversary in term.anniversaries:
        yield Obligation(
            due_on=term.notice_deadline(anniversary),
            party="acheteur",
            kind="notice",
            what=f"Dernier jour pour notifier la non-reconduction (reconduction du {anniversary})",
            what_en=f"Last day to give notice of non-renewal (renewal on {anniversary})",
            clause="§1.7, §1.9, CP",
            note=(
                f"lettre recommandée avec AR ; une notification tardive prend effet {effect} mois "
                f"après réception, le solde étant dû (§1.9)"
            ),
            note_en=(
                f"registered letter with acknowledgement of receipt; a late notice takes effect "
                f"{effect} months after receipt, the balance being owed (§1.9)"
            ),
            contract=contract.name,
        )
        m0 = base_month(anniversary)
        known = revision.index.known_on(anniversary, publication="rule")
        imposed = revision.imposed_by_buyer
        yield Obligation(
            due_on=anniversary,
            party="acheteur",
            kind="revision",
            what=(
                f"Révision Syntec (anniversaire {anniversary})"
                if imposed
                else f"Révision Syntec possible si l'acheteur l'impose (anniversaire {anniversary})"
            ),
            what_en=(
                f"Syntec revision (anniversary {anniversary})"
                if imposed
                else f"Syntec revision, if the buyer imposes it (anniversary {anniversary})"
            ),
            clause="§1.11",
            note=f"M0 = {m0} ; Syn(n) = dernier indice publié à la date de révision ({known} selon la règle de publication)",
            note_en=f"M0 = {m0}; Syn(n) = the latest index published by the revision date ({known} by the publication rule)",
            contract=contract.name,
        )


def _end_of_term(contract: Contract) -> Obligation:
    term = contract.term
    printed = contract.printed
    noted = printed is not None and printed.latest_end not in (None, term.latest_end)
    return Obligation(
        due_on=term.latest_end,
        party="titulaire",
        kind="end_of_term",
        what=f"Fin du contrat au plus tard ({term.months} mois)",
        what_en=f"Latest end of the contract ({term.months} months)",
        clause="CP, §1.11",
        note=f"un texte du contrat indique le {printed.latest_end} (C3)"
        if noted and printed
        else "",
        note_en=f"a text of the contract says {printed.latest_end} (C3)"
        if noted and printed
        else "",
        contract=contract.name,
    )


def _data_protection(contract: Contract) -> Iterator[Obligation]:
    chain = end_of_contract_chain(
        contract.term.latest_end, table=contract.retention, hours=contract.sla.hours
    )
    for row in chain.deadlines:
        yield Obligation(
            due_on=row.due,
            party="titulaire" if row.party == "titulaire" else "acheteur",
            kind="data_protection",
            what=row.to_text(lang="fr"),
            what_en=row.to_text(lang="en"),
            clause=f"§{row.clause}",
            note=" ".join(row.notes(lang="fr")),
            note_en=" ".join(row.notes(lang="en")),
            contract=contract.name,
        )
