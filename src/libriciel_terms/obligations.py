"""The contract's dated obligations in one calendar (CP, §1.7, §1.8, §1.9, §1.11, §6.5.9, §6.6).

Every dated obligation of a contract — quarterly invoices and their payment, non-renewal notice
deadlines, Syntec revision anniversaries, the end of the term and the data-protection deadlines
that follow it — as frozen :class:`Obligation` records, filterable by date range and by party,
exportable as plain records (for pandas) or as iCalendar text (for a contract manager's agenda).

>>> from datetime import date
>>> calendar = obligations_calendar()
>>> for o in calendar.between(date(2025, 6, 1), date(2025, 9, 1)):
...     print(o.due_on, o.party, o.kind, o.amount_ttc or "")
2025-06-30 acheteur payment 405.00
2025-07-01 acheteur notice
2025-08-31 titulaire invoice 405.00
2025-09-01 acheteur revision
>>> calendar.next_after(date(2026, 11, 26)).what
'Facture T1 2026-2027 (2026-09-01 → 2026-11-30)'

Payment obligations assume the invoice is received on its billing date (the délai global runs
from receipt, R2192-12); pass ``payment_received_after_days=`` to model a later receipt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, Literal

import attrs

from libriciel_terms import _validate
from libriciel_terms._records import html_table, table_repr
from libriciel_terms.billing import BillingTerms, PriceList, billing_schedule
from libriciel_terms.data_protection import end_of_contract_chain
from libriciel_terms.errors import OptionalDependencyError, WrongTypeError
from libriciel_terms.hours import BusinessHours
from libriciel_terms.payment import payment_due_date
from libriciel_terms.retention import RETENTION_RULES
from libriciel_terms.revision import base_month
from libriciel_terms.syntec import publication_rule_date
from libriciel_terms.term import ContractTerm

__all__ = [
    "Obligation",
    "ObligationKind",
    "ObligationsCalendar",
    "Party",
    "obligations_calendar",
]

#: Who owes the obligation: the buyer (Annemasse Agglo, the *pouvoir adjudicateur*) or the
#: titulaire (Libriciel SCOP).
Party = Literal["acheteur", "titulaire"]
_PARTIES: tuple[Party, ...] = ("acheteur", "titulaire")

#: What kind of obligation: an invoice to issue, a payment to make, a notice deadline, a revision
#: anniversary, the end of the term, a data-protection deadline.
ObligationKind = Literal[
    "invoice", "payment", "notice", "revision", "end_of_term", "data_protection"
]
_KINDS: tuple[ObligationKind, ...] = (
    "invoice",
    "payment",
    "notice",
    "revision",
    "end_of_term",
    "data_protection",
)

#: The decision D_2024_0110 was signed on 2024-04-19: the default iCalendar DTSTAMP, so that the
#: export is reproducible rather than stamped with the clock.
_SIGNED = dt.datetime(2024, 4, 19, tzinfo=dt.UTC)


@attrs.frozen(kw_only=True, order=False)
class Obligation:
    """One dated obligation: who owes what to whom, by when, and under which clause."""

    due_on: dt.date = attrs.field(validator=_validate.attrs_check(_validate.day))
    party: Party = attrs.field(validator=_validate.attrs_one_of(*_PARTIES))
    kind: ObligationKind = attrs.field(validator=_validate.attrs_one_of(*_KINDS))
    what: str = attrs.field(validator=_validate.guard(attrs.validators.instance_of(str)))
    clause: str = attrs.field(validator=_validate.guard(attrs.validators.instance_of(str)))
    amount_ttc: Decimal | None = attrs.field(default=None)
    note: str = attrs.field(default="")

    @property
    def beneficiary(self) -> Party:
        """The other party, to whom the obligation is owed."""
        return "titulaire" if self.party == "acheteur" else "acheteur"

    def to_record(self) -> dict[str, Any]:
        """A plain dict (one row of :meth:`ObligationsCalendar.to_records`)."""
        return {
            "due_on": self.due_on,
            "party": self.party,
            "beneficiary": self.beneficiary,
            "kind": self.kind,
            "what": self.what,
            "amount_ttc": self.amount_ttc,
            "clause": self.clause,
            "note": self.note,
        }

    def _uid(self) -> str:
        digest = hashlib.sha256(f"{self.due_on}|{self.kind}|{self.what}".encode()).hexdigest()
        return f"{digest[:24]}@libriciel-terms"


def _sorted(value: Iterable[Obligation]) -> tuple[Obligation, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, Obligation):
            raise WrongTypeError(f"obligations holds {item!r}, not an Obligation")
    return tuple(sorted(items, key=lambda o: (o.due_on, _KINDS.index(o.kind), o.what)))


@attrs.frozen(kw_only=True)
class ObligationsCalendar:
    """A contract's obligations, sorted by date; filters return new calendars."""

    obligations: tuple[Obligation, ...] = attrs.field(converter=_sorted)

    def __iter__(self) -> Iterator[Obligation]:
        return iter(self.obligations)

    def __len__(self) -> int:
        return len(self.obligations)

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
        _validate.one_of("party", party, _PARTIES)
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

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per obligation, for ``pandas.DataFrame(calendar.to_records())``."""
        return [o.to_record() for o in self.obligations]

    def __repr__(self) -> str:
        return table_repr(
            f"<ObligationsCalendar: {len(self.obligations)} obligations>", self.to_records()
        )

    def _repr_html_(self) -> str:
        return html_table(self.to_records())

    def to_ical(self, *, stamp: dt.datetime | None = None, name: str = "ComElus 2024") -> str:
        """The calendar as iCalendar (RFC 5545) text: one all-day event per obligation.

        Needs the optional ``icalendar`` package (``pip install 'libriciel-terms[ical]'``).
        ``stamp`` is the DTSTAMP of every event; by default the signature date of decision
        D_2024_0110, so that the same calendar always gives the same text.

        >>> ics = obligations_calendar().between(date(2025, 7, 1), date(2025, 7, 1)).to_ical()
        >>> lines = ics.splitlines()
        >>> lines[:4]
        ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//libriciel-terms//obligations//FR', 'X-WR-CALNAME:ComElus 2024']
        >>> [line for line in lines if line.startswith(("DTSTART", "DTEND", "DTSTAMP"))]
        ['DTSTART;VALUE=DATE:20250701', 'DTEND;VALUE=DATE:20250702', 'DTSTAMP:20240419T000000Z']
        """
        when = _validate.aware("stamp", stamp) if stamp is not None else _SIGNED
        if not isinstance(name, str):
            raise WrongTypeError(f"name={name!r} is not a str")
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
        calendar.add("x-wr-calname", name)
        for obligation in self.obligations:
            event = icalendar.Event()
            event.add("summary", f"[{obligation.party}] {obligation.what}")
            event.add("dtstart", obligation.due_on)
            event.add("dtend", obligation.due_on + dt.timedelta(days=1))
            event.add("dtstamp", when.astimezone(dt.UTC))
            event.add("uid", obligation._uid())
            details = [f"Clause: {obligation.clause}"]
            if obligation.amount_ttc is not None:
                details.append(f"Montant TTC: {obligation.amount_ttc} €")
            if obligation.note:
                details.append(obligation.note)
            event.add("description", "\n".join(details))
            calendar.add_component(event)
        text: bytes = calendar.to_ical()
        return text.decode("utf-8")


def _quarter_label(number: int, period_start: dt.date) -> str:
    return f"T{number} {period_start.year}-{period_start.year + 1}"


def obligations_calendar(
    term: ContractTerm | None = None,
    prices: PriceList | None = None,
    *,
    payment_received_after_days: int = 0,
    include_data_protection: bool = True,
) -> ObligationsCalendar:
    """Every dated obligation of the contract (the ComElus 2024 contract by default).

    - **invoice** (titulaire, CP, §1.8): each quarterly invoice, at the end of its quarter, TTC;
    - **payment** (acheteur, §1.8, R2192-10): 30 days after receipt of each invoice, receipt
      assumed ``payment_received_after_days`` after the billing date (0 by default);
    - **notice** (acheteur, §1.7, §1.9, CP): the last day to notify non-renewal before each
      anniversary (two months before it; the decision's reading, one day earlier, in the note);
    - **revision** (acheteur, §1.11, C8): each anniversary on which the buyer may impose the
      Syntec revision, with its M0 and the month Syn(n) is expected to be;
    - **end_of_term** (both, C3): the latest end;
    - **data_protection** (titulaire or acheteur, §6.5.9, §6.6): the end-of-contract chain
      after the latest end, with no return requested.

    >>> from datetime import date
    >>> calendar = obligations_calendar()
    >>> len(calendar.of_kind("invoice")), len(calendar.of_kind("notice"))
    (16, 3)
    >>> [o.due_on.isoformat() for o in calendar.of_kind("data_protection")]
    ['2028-10-12', '2028-10-23', '2030-08-31', '2031-08-31']
    """
    term = ContractTerm.comelus() if term is None else term
    prices = PriceList.comelus_2024() if prices is None else prices
    if not isinstance(term, ContractTerm):
        raise WrongTypeError(f"term={term!r} is not a ContractTerm")
    if not isinstance(prices, PriceList):
        raise WrongTypeError(f"prices={prices!r} is not a PriceList")
    delay = _validate.integer("payment_received_after_days", payment_received_after_days, minimum=0)
    items: list[Obligation] = []
    for invoice in billing_schedule(term, prices, billing=BillingTerms.comelus()).invoices:
        period = term.periods[invoice.period - 1]
        label = _quarter_label(invoice.quarter, period.start)
        covers = f"{invoice.covers_start} → {invoice.covers_end}"
        items.append(
            Obligation(
                due_on=invoice.billed_on,
                party="titulaire",
                kind="invoice",
                what=f"Facture {label} ({covers})",
                clause="CP, §1.8",
                amount_ttc=invoice.ttc,
                note=f"HT {invoice.ht} €, TVA {invoice.vat} € (terme échu)",
            )
        )
        received = invoice.billed_on + dt.timedelta(days=delay)
        items.append(
            Obligation(
                due_on=payment_due_date(received),
                party="acheteur",
                kind="payment",
                what=f"Paiement de la facture {label}",
                clause="§1.8; CCP R2192-10",
                amount_ttc=invoice.ttc,
                note=(
                    f"délai global de 30 jours à compter de la réception, supposée le {received}; "
                    f"au-delà, intérêts moratoires (BCE + 8 points) et indemnité de 40 €"
                ),
            )
        )
    for anniversary in term.anniversaries:
        decision = term.notice_deadline(anniversary, reading="end_of_year")
        items.append(
            Obligation(
                due_on=term.notice_deadline(anniversary),
                party="acheteur",
                kind="notice",
                what=(
                    f"Dernier jour pour notifier la non-reconduction (reconduction du {anniversary})"
                ),
                clause="§1.7, §1.9, CP",
                note=(
                    f"lettre recommandée avec AR reçue au plus tard ce jour; lecture de la "
                    f"décision (C4): {decision}; une notification tardive prend effet 2 mois "
                    f"après réception, le solde étant dû (§1.9)"
                ),
            )
        )
        m0_year, m0_month = base_month(anniversary)
        expected = _expected_index_month(anniversary)
        items.append(
            Obligation(
                due_on=anniversary,
                party="acheteur",
                kind="revision",
                what=f"Révision Syntec possible si l'acheteur l'impose (anniversaire {anniversary})",
                clause="§1.11",
                note=(
                    f"M0 = {m0_year}-{m0_month:02d}; Syn(n) = dernier indice publié à la date de "
                    f"révision ({expected[0]}-{expected[1]:02d} selon la règle de publication); "
                    f"prix fermes sauf volonté différente de l'acheteur (C8)"
                ),
            )
        )
    items.append(
        Obligation(
            due_on=term.latest_end,
            party="titulaire",
            kind="end_of_term",
            what=f"Fin du contrat au plus tard ({term.months} mois)",
            clause="CP, §1.11",
            note="la décision indique le 31 août 2027 (C3)",
        )
    )
    if include_data_protection:
        chain = end_of_contract_chain(
            term.latest_end, table=RETENTION_RULES, hours=BusinessHours.comelus()
        )
        for row in chain.deadlines:
            items.append(
                Obligation(
                    due_on=row.due,
                    party="titulaire" if row.party == "titulaire" else "acheteur",
                    kind="data_protection",
                    what=row.to_text(),
                    clause=f"§{row.clause}",
                    note="; ".join(row.notes()),
                )
            )
    return ObligationsCalendar(obligations=items)


def _expected_index_month(anniversary: dt.date) -> tuple[int, int]:
    """The latest month whose index the publication rule says is out by ``anniversary``."""
    year, month = anniversary.year, anniversary.month
    for _ in range(4):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        if publication_rule_date(year, month) <= anniversary:
            return year, month
    raise AssertionError("no Syntec month published within four months")  # pragma: no cover
