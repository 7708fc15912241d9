"""Several contracts at once: a collectivité's portfolio (or a vendor's book of contracts).

A collectivité holds several contracts of the Libriciel convention de service (ComElus,
i-Parapheur, Pastell, webdelib…), each with its own dates, prices and notice deadlines.
:class:`Portfolio` merges their obligations into one calendar, each row naming its contract,
exports one iCalendar file whose events keep stable, distinct identifiers, and lists the next
decisions to take — notice deadlines first, since missing one renews a contract for a whole
period (§1.7, §1.9).

>>> from datetime import date
>>> from libriciel_terms import COMELUS_2024, load_contract
>>> example = load_contract("examples/contracts/iparapheur-exempleville-2025.toml")
>>> portfolio = Portfolio([COMELUS_2024, example])
>>> for o in portfolio.obligations(date(2025, 6, 28), date(2025, 7, 2)):
...     print(o.due_on, o.kind, o.contract)
2025-06-30 payment ComElus 2024 — maintenance et hébergement
2025-07-01 invoice i-Parapheur 2025 — Exempleville (exemple)
2025-07-01 notice ComElus 2024 — maintenance et hébergement
>>> first = portfolio.decisions(date(2025, 6, 1)).rows[0]
>>> first.due_on, first.kind, first.contract
(datetime.date(2025, 7, 1), 'notice', 'ComElus 2024 — maintenance et hébergement')

The failing case: two contracts with the same name could not be told apart in the calendar.

>>> Portfolio([COMELUS_2024, COMELUS_2024])
Traceback (most recent call last):
...
libriciel_terms.errors.InvalidArgumentError: contracts holds 'ComElus 2024 — maintenance et hébergement' twice; give each contract of a portfolio its own name
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._exact import cents
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang, pick
from libriciel_terms.contract import Contract
from libriciel_terms.errors import InvalidArgumentError
from libriciel_terms.obligations import Obligation, ObligationsCalendar, obligations_calendar
from libriciel_terms.termsheet import TermSheet, term_sheet

__all__ = ["Decision", "DecisionKind", "Decisions", "Portfolio"]

#: A decision the buyer takes by a date: refuse a renewal (notice), impose a revision, or
#: prepare the end of a contract.
DecisionKind = Literal["notice", "revision", "end_of_term"]
_ORDER = {"notice": 0, "revision": 1, "end_of_term": 2}


def _contracts(value: Iterable[Contract]) -> tuple[Contract, ...]:
    contracts = _validate.items("contracts", value, Contract)
    seen: set[str] = set()
    for contract in contracts:
        if contract.name in seen:
            raise InvalidArgumentError(
                f"contracts holds {contract.name!r} twice; give each contract of a portfolio "
                f"its own name"
            )
        seen.add(contract.name)
    return contracts


@attrs.frozen
class Portfolio:
    """Several contracts, each with its own name (``Portfolio([c1, c2])``)."""

    contracts: tuple[Contract, ...] = attrs.field(converter=_contracts)

    def __iter__(self) -> Iterator[Contract]:
        return iter(self.contracts)

    def __len__(self) -> int:
        return len(self.contracts)

    def obligations(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> ObligationsCalendar:
        """Every contract's obligations in one calendar, each row naming its contract; from
        ``start`` to ``end`` (both included) when given."""
        merged = ObligationsCalendar(
            obligations=(o for c in self.contracts for o in obligations_calendar(c))
        )
        if start is None and end is None:
            return merged
        # an open side is unbounded: an end before every obligation gives an empty calendar
        first = _validate.day("start", start) if start is not None else dt.date.min
        last = _validate.day("end", end) if end is not None else dt.date.max
        return merged.between(first, last)

    def to_ical(
        self,
        *,
        stamp: dt.datetime,
        start: dt.date | None = None,
        end: dt.date | None = None,
        name: str = "libriciel-terms",
        lang: Lang = "fr",
    ) -> str:
        """One iCalendar file for the whole portfolio (see :meth:`ObligationsCalendar.to_ical`).

        Each event's UID is derived from its contract, date, kind and text: stable from one
        export to the next, distinct across contracts.
        """
        return self.obligations(start, end).to_ical(stamp=stamp, name=name, lang=lang)

    def decisions(self, as_of: dt.date) -> Decisions:
        """The decisions to take from ``as_of`` on, across contracts: the next notice deadline of
        each contract first (missing one renews the contract for a whole period), then the
        revision anniversaries and the ends of term, each by date."""
        day = _validate.day("as_of", as_of)
        rows: list[Decision] = []
        for contract in self.contracts:
            rows.extend(_decisions(contract, day))
        rows.sort(key=lambda d: (_ORDER[d.kind], d.due_on, d.contract))
        return Decisions(as_of=day, rows=tuple(rows))

    def term_sheets(self, *, as_of: dt.date | None = None) -> tuple[TermSheet, ...]:
        """The term sheet of every contract."""
        return tuple(term_sheet(contract, as_of=as_of) for contract in self.contracts)


def _decisions(contract: Contract, day: dt.date) -> Iterator[Decision]:
    calendar = obligations_calendar(contract, include_data_protection=False)
    for kind in ("notice", "revision", "end_of_term"):
        following = calendar.of_kind(kind).next_after(day)
        if following is not None:
            yield _decision(contract, following, day)


def _decision(contract: Contract, obligation: Obligation, day: dt.date) -> Decision:
    at_stake = None
    if obligation.kind == "notice":
        # Missing the deadline renews the contract for one more period, at its annual price.
        months = contract.term.period_months
        at_stake = cents(Fraction(contract.prices.annual.ttc) * months / 12)
    return Decision(
        due_on=obligation.due_on,
        contract=contract.name,
        kind=obligation.kind,  # type: ignore[arg-type]
        what=obligation.what,
        what_en=obligation.what_en,
        days_left=(obligation.due_on - day).days,
        at_stake_ttc=at_stake,
    )


@attrs.frozen(kw_only=True)
class Decision:
    """A decision to take by a date in one contract, and, for a notice, what missing it costs."""

    due_on: dt.date
    contract: str
    kind: DecisionKind
    what: str
    what_en: str
    days_left: int
    at_stake_ttc: Decimal | None = None


@attrs.frozen(kw_only=True)
class Decisions(Report):
    """The next decisions across a portfolio, notice deadlines first."""

    COLUMNS = (
        Column("due_on", "date limite", "deadline", "date"),
        Column("days_left", "jours restants", "days left", "number"),
        Column("contract", "contrat", "contract"),
        Column("what", "décision", "decision"),
        Column("at_stake_ttc", "en jeu (TTC)", "at stake (incl. VAT)", "money"),
    )

    as_of: dt.date = attrs.field(validator=_validate.check(_validate.day))
    rows: tuple[Decision, ...] = attrs.field(
        converter=_validate.as_tuple, validator=_validate.each(Decision)
    )

    def to_records(self) -> list[dict[str, Any]]:
        """One record per decision."""
        return [attrs.asdict(row) for row in self.rows]

    def display_records(self, *, lang: Lang = "fr") -> list[dict[str, Any]]:
        """The decisions as people read them."""
        # The decision's text says what kind it is; ``kind`` and ``what_en`` stay in the records.
        lang = _text.check_lang(lang)
        return [
            {
                "due_on": row.due_on,
                "days_left": row.days_left,
                "contract": row.contract,
                "what": pick(row.what, row.what_en, lang),
                "at_stake_ttc": row.at_stake_ttc,
            }
            for row in self.rows
        ]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Décisions à prendre à partir du 2025-06-01 »."""
        return pick(
            f"Décisions à prendre à partir du {self.as_of}",
            f"Decisions to take from {self.as_of}",
            _text.check_lang(lang),
        )

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """What is at stake in a notice deadline."""
        if not any(row.kind == "notice" for row in self.rows):
            return ()
        return (
            pick(
                "Un préavis manqué reconduit le contrat pour une période entière (§1.7, §1.9) : "
                "le montant en jeu est son prix TTC.",
                "A missed notice renews the contract for a whole period (§1.7, §1.9): the amount "
                "at stake is its price including VAT.",
                _text.check_lang(lang),
            ),
        )
