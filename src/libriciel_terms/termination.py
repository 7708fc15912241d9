"""What a termination letter does, and the balance a late one costs (Contract §1.9).

§1.9: "La résiliation ne pourra se faire qu'en respectant un délais de préavis de deux mois avant
l'échéance annuelle par lettre recommandée avec accusé de réception. Dans le cas exceptionnel où
ce délai n'est pas respecté, la résiliation prendra effet deux mois après la réception de la
lettre de résiliation […], avec émission d'une facture du solde dû pour la période entre le
renouvellement et la fin des deux mois de prise d'effet du recommandé."

A letter received by the deadline is timely: the contract ends with the period. One received
later lets the contract renew, then ends it two months after receipt; the balance from the renewal
to that last day is owed, the annual price × days owed / days of that contract year:

>>> from datetime import date
>>> from decimal import Decimal
>>> from libriciel_terms.term import ContractTerm
>>> term = ContractTerm.comelus()
>>> late = late_termination(term, date(2025, 8, 10), Decimal("1350.00"))
>>> late.outcome, late.effective_on, late.days_owed, late.year_days, late.balance
('late', datetime.date(2025, 10, 10), 40, 365, Decimal('147.95'))
>>> print(late.explain())
Lettre reçue le 10 août 2025, après la date limite du 1er juillet 2025 pour la reconduction du 1er septembre 2025 (Contrat §1.7, §1.9). Le contrat est reconduit, puis la résiliation prend effet deux mois après la réception : le contrat court jusqu'au 10 octobre 2025 inclus (Contrat §1.9). Solde dû pour la période du 1er septembre 2025 au 10 octobre 2025 : 1 350,00 € × 40 / 365 = 147,95 € HT.

A letter received on or after an anniversary is notice for the next renewal by default; read as a
late notice for the renewal that has just happened (``after_renewal="this_renewal"``), it ends
the contract two months after receipt (C12 in ``docs/contradictions.md``):

>>> late_termination(term, date(2025, 9, 1), Decimal("1350.00")).effective_on
datetime.date(2026, 8, 31)
>>> other = late_termination(term, date(2025, 9, 1), Decimal("1350.00"), after_renewal="this_renewal")
>>> other.outcome, other.effective_on, other.balance
('late', datetime.date(2025, 11, 1), Decimal('229.32'))

A notice outside the term is refused:

>>> late_termination(term, date(2030, 1, 1), Decimal("1350.00"))
Traceback (most recent call last):
...
libriciel_terms.errors.OutsideTermError: received_on=datetime.date(2030, 1, 1) is outside the term 2024-09-01…2028-08-31; pass a date within the term
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._dates import ONE_DAY, add_months, whole_months
from libriciel_terms._exact import cents
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang, pick
from libriciel_terms.errors import InvalidArgumentError, MissingEventError, WrongTypeError
from libriciel_terms.term import (
    AfterRenewal,
    BalanceBasis,
    ContractTerm,
    NoticeEffect,
    NoticeEvent,
    NoticeReading,
    Period,
)

__all__ = [
    "AfterRenewal",
    "BalanceBasis",
    "LateTermination",
    "NoticeEffect",
    "NoticeEvent",
    "TerminationOutcome",
    "late_termination",
]

#: What a notice received on a given day does: ``"timely"`` (the contract ends at the period's
#: end, nothing more is owed), ``"late"`` (it renews, then ends two months after receipt with a
#: balance), ``"term_expires"`` (received in the last period: the term ends anyway).
TerminationOutcome = Literal["timely", "late", "term_expires"]

#: Each outcome as a person reads it: French, English.
_OUTCOME_WORDS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "timely": ("dans les délais", "in time"),
        "late": ("tardive", "late"),
        "term_expires": ("fin du terme", "end of the term"),
    }
)


class _Outcome(str):
    """An outcome as records hold it (``"late"``), shown in the reader's language by reports."""

    def to_text(self, *, lang: Lang = "fr") -> str:
        """« tardive » / "late"."""
        return pick(*_OUTCOME_WORDS[self], _text.check_lang(lang))


_date = _validate.check(_validate.day)
_optional_date = _validate.optional(_validate.day)
_count = _validate.check(_validate.integer, minimum=0)


@attrs.frozen(kw_only=True)
class LateTermination(Report):
    """What a termination letter received on ``received_on`` does (§1.9).

    ``effective_on`` is the last day the contract runs (inclusive). ``balance`` is the HT amount
    owed for ``days_owed`` days, from ``anniversary`` (the renewal) to ``effective_on``
    inclusive, out of ``annual`` over the ``year_days`` of the contract year starting on the
    renewal (or by months, see ``BalanceBasis``); a timely notice gives the period's end and 0.00.
    ``notice_on`` is the date compared with ``deadline``: the receipt, or the decision's date
    under ``notice_event="decided"``. The remaining fields are the readings used.
    """

    COLUMNS = (
        Column("received_on", "reçue le", "received on", "date"),
        Column("outcome", "issue", "outcome", "text"),
        Column("anniversary", "reconduction", "renewal", "date"),
        Column("deadline", "date limite", "deadline", "date"),
        Column("effective_on", "dernier jour", "last day", "date"),
        Column("days_owed", "jours dus", "days owed", "number"),
        Column("year_days", "jours de l'année", "days in the year", "number"),
        Column("balance_ht", "solde HT", "balance excl. VAT", "money"),
    )

    received_on: dt.date = attrs.field(validator=_date)
    outcome: TerminationOutcome = attrs.field(validator=_validate.choice(TerminationOutcome))
    period: Period = attrs.field(validator=_validate.instance_of(Period))
    anniversary: dt.date | None = attrs.field(validator=_optional_date)
    deadline: dt.date | None = attrs.field(validator=_optional_date)
    effective_on: dt.date = attrs.field(validator=_date)
    days_owed: int = attrs.field(validator=_count)
    year_days: int = attrs.field(validator=_count)
    balance: Decimal = attrs.field(validator=_validate.check(_validate.money))
    basis: BalanceBasis = attrs.field(validator=_validate.choice(BalanceBasis))
    annual: Decimal = attrs.field(validator=_validate.check(_validate.money))
    notice_on: dt.date = attrs.field(validator=_date)
    reading: NoticeReading = attrs.field(validator=_validate.choice(NoticeReading))
    notice_event: NoticeEvent = attrs.field(validator=_validate.choice(NoticeEvent))
    after_renewal: AfterRenewal = attrs.field(validator=_validate.choice(AfterRenewal))
    effect: NoticeEffect = attrs.field(validator=_validate.choice(NoticeEffect))

    @property
    def timely(self) -> bool:
        """Whether no balance is owed because the notice met its deadline (or the term expires)."""
        return self.outcome != "late"

    def to_records(self) -> list[dict[str, Any]]:
        """The outcome as a one-row table; ``outcome`` is the identifier (``"late"``), which a
        table shows in the reader's language (« tardive »)."""
        return [
            {
                "received_on": self.received_on,
                "outcome": _Outcome(self.outcome),
                "anniversary": self.anniversary,
                "deadline": self.deadline,
                "effective_on": self.effective_on,
                "days_owed": self.days_owed,
                "year_days": self.year_days,
                "balance_ht": self.balance,
            }
        ]

    def headline(self, *, lang: Lang = "fr") -> str:
        """One line: the letter's date, the last day of the contract and the balance."""
        lang = _text.check_lang(lang)
        received = _text.date_long(self.received_on, lang)
        last = _text.date_long(self.effective_on, lang)
        balance = _text.money(self.balance, lang)
        return pick(
            f"Lettre de résiliation reçue le {received}{_text.NBSP}: dernier jour le {last}, "
            f"solde de {balance} HT",
            f"Termination letter received on {received}: last day {last}, balance {balance} "
            f"excl. VAT",
            lang,
        )

    def explain(self, *, lang: Lang = "fr") -> str:
        """How the result was computed, in sentences citing the contract (built when asked)."""
        lang = _text.check_lang(lang)
        return " ".join(_explanation(self, lang))

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """The explanation, printed under the table."""
        lang = _text.check_lang(lang)
        return (self.explain(lang=lang),)


def _long(day: dt.date | None, lang: Lang) -> str:
    return "" if day is None else _text.date_long(day, lang)


def _explanation(result: LateTermination, lang: Lang) -> list[str]:
    letter = pick(
        f"Lettre reçue le {_long(result.received_on, lang)}",
        f"Letter received on {_long(result.received_on, lang)}",
        lang,
    )
    if result.notice_event == "decided":
        decided = _long(result.notice_on, lang)
        letter += pick(f" (décision prise le {decided})", f" (decision taken on {decided})", lang)
    if result.outcome == "term_expires":
        return [_expired(result, letter, lang)]
    if result.outcome == "timely":
        return [_timely(result, letter, lang)]
    return _late(result, letter, lang)


def _colon(lang: Lang) -> str:
    return f"{_text.NBSP}:" if lang == "fr" else ":"


def _expired(result: LateTermination, letter: str, lang: Lang) -> str:
    last, colon = _long(result.effective_on, lang), _colon(lang)
    return pick(
        f"{letter}, dans la dernière période{colon} le contrat prend fin à son terme, le "
        f"{last}{_text.NBSP}; aucun solde n'est dû (Contrat §1.7).",
        f"{letter}, in the last period{colon} the contract ends at its term, on {last}; "
        f"no balance is owed (Contract §1.7).",
        lang,
    )


def _timely(result: LateTermination, letter: str, lang: Lang) -> str:
    last, colon = _long(result.effective_on, lang), _colon(lang)
    renewal, deadline = _long(result.anniversary, lang), _long(result.deadline, lang)
    return pick(
        f"{letter}, au plus tard le {deadline} pour la reconduction du {renewal} (Contrat "
        f"§1.7, §1.9){colon} le préavis est respecté. Le contrat prend fin le {last}"
        f"{_text.NBSP}; aucun solde n'est dû.",
        f"{letter}, on or before the deadline of {deadline} for the renewal on {renewal} "
        f"(Contract §1.7, §1.9){colon} the notice is in time. The contract ends on "
        f"{last}; no balance is owed.",
        lang,
    )


def _late(result: LateTermination, letter: str, lang: Lang) -> list[str]:
    last, colon = _long(result.effective_on, lang), _colon(lang)
    renewal, deadline = _long(result.anniversary, lang), _long(result.deadline, lang)
    if result.anniversary == result.period.start:  # after_renewal="this_renewal"
        when = pick(
            f"après la reconduction du {renewal}, lue comme un préavis tardif pour cette "
            f"reconduction",
            f"after the renewal on {renewal}, read as a late notice for that renewal",
            lang,
        )
    else:
        when = pick(
            f"après la date limite du {deadline} pour la reconduction du {renewal}",
            f"after the deadline of {deadline} for the renewal on {renewal}",
            lang,
        )
    return [
        f"{letter}, {when} ({pick('Contrat', 'Contract', lang)} §1.7, §1.9).",
        pick(
            f"Le contrat est reconduit, puis la résiliation prend effet deux mois après la "
            f"réception{colon} le contrat court jusqu'au {last} inclus (Contrat §1.9).",
            f"The contract renews, then the termination takes effect two months after receipt"
            f"{colon} the contract runs through {last} (Contract §1.9).",
            lang,
        ),
        pick(
            f"Solde dû pour la période du {renewal} au {last}{colon} {_formula(result, lang)}.",
            f"Balance owed for {renewal} to {last}{colon} {_formula(result, lang)}.",
            lang,
        ),
    ]


def _formula(result: LateTermination, lang: Lang) -> str:
    """« 1 350,00 € × 40 / 365 = 147,95 € HT » for the basis used."""
    assert result.anniversary is not None
    annual, balance = _text.money(result.annual, lang), _text.money(result.balance, lang)
    months, leftover, month_days = _month_parts(result.anniversary, result.effective_on)
    if result.basis == "days":
        share = f"{result.days_owed} / {result.year_days}"
    elif not leftover:
        share = f"{months} / 12"
    elif result.basis == "started_months":
        share = f"{months + 1} / 12"
    else:
        share = f"({months} + {leftover}/{month_days}) / 12"
    return f"{annual} × {share} = {balance} {pick('HT', 'excl. VAT', lang)}"


def _month_parts(renewal: dt.date, effective_on: dt.date) -> tuple[int, int, int]:
    """Whole months from ``renewal`` through ``effective_on``, the days left, that month's days."""
    stop = effective_on + ONE_DAY
    months = whole_months(renewal, stop)
    month_start = add_months(renewal, months)
    month_days = (add_months(renewal, months + 1) - month_start).days
    return months, (stop - month_start).days, month_days


def _balance_fraction(basis: BalanceBasis, renewal: dt.date, effective_on: dt.date) -> Fraction:
    """The fraction of the annual price owed from ``renewal`` to ``effective_on`` inclusive."""
    if basis == "days":
        return Fraction((effective_on - renewal).days + 1, _year_days(renewal))
    months, leftover, month_days = _month_parts(renewal, effective_on)
    if leftover == 0:
        return Fraction(months, 12)
    if basis == "started_months":
        return Fraction(months + 1, 12)
    return (months + Fraction(leftover, month_days)) / 12


def _year_days(first: dt.date) -> int:
    """Days in the contract year (twelve months) that starts on ``first``: 365 or 366."""
    return (add_months(first, 12) - first).days


def _effective_on(received_on: dt.date, months: int, effect: NoticeEffect) -> dt.date:
    """The last day the contract runs: ``months`` after receipt (§1.9), per ``effect``."""
    end = add_months(received_on, months)
    return end - ONE_DAY if effect == "start_of_day" else end


@attrs.frozen(kw_only=True)
class _Call:
    """One call's inputs, readings resolved against the term's fields."""

    term: ContractTerm
    received_on: dt.date
    notice_on: dt.date
    annual: Decimal
    reading: NoticeReading
    notice_event: NoticeEvent
    after_renewal: AfterRenewal
    basis: BalanceBasis
    effect: NoticeEffect

    def result(
        self,
        outcome: TerminationOutcome,
        period: Period,
        *,
        anniversary: dt.date | None = None,
        deadline: dt.date | None = None,
        effective_on: dt.date | None = None,
    ) -> LateTermination:
        owed = outcome == "late" and anniversary is not None and effective_on is not None
        first = anniversary if owed and anniversary is not None else period.start
        last = effective_on if owed and effective_on is not None else period.end
        fraction = _balance_fraction(self.basis, first, last) if owed else Fraction(0)
        return LateTermination(
            received_on=self.received_on,
            outcome=outcome,
            period=period,
            anniversary=anniversary,
            deadline=deadline,
            effective_on=last,
            days_owed=(last - first).days + 1 if owed else 0,
            year_days=_year_days(first),
            balance=cents(Fraction(self.annual) * fraction),
            basis=self.basis,
            annual=self.annual,
            notice_on=self.notice_on,
            reading=self.reading,
            notice_event=self.notice_event,
            after_renewal=self.after_renewal,
            effect=self.effect,
        )


def _resolve(
    term: object, received_on: object, annual: object, decided_on: object, options: dict[str, Any]
) -> _Call:
    if not isinstance(term, ContractTerm):
        raise WrongTypeError(
            f"term={term!r} is a {type(term).__name__}, not a ContractTerm; pass e.g. "
            f"ContractTerm.comelus()"
        )
    chosen = {
        name: getattr(term, name) if value is None else value for name, value in options.items()
    }
    for name, literal in _READINGS.items():
        _validate.one_of(name, chosen[name], _validate.literal_values(literal))
    received = _validate.day("received_on", received_on)
    term.period_of(received, name="received_on")
    if chosen["reading"] == "end_of_calendar_year":
        raise InvalidArgumentError(
            "reading='end_of_calendar_year' has no late-notice rule: §1.9 counts the balance from "
            "an anniversary, while that reading ends the contract on a 31 December; pass "
            "reading='anniversary' or 'end_of_year', and see ContractTerm.ends_on for that reading"
        )
    notice_on = received
    if decided_on is not None:
        decided = _validate.day("decided_on", decided_on)
        _validate.ordered("decided_on", decided, "received_on", received)
        if chosen["notice_event"] == "decided":
            notice_on = decided
    elif chosen["notice_event"] == "decided":
        raise MissingEventError(
            "notice_event='decided' compares the date the written decision was taken with the "
            "deadline (CP, §1.7 « décision écrite … prise »); pass decided_on="
        )
    return _Call(
        term=term,
        received_on=received,
        notice_on=notice_on,
        annual=_validate.money("annual", annual),
        **chosen,
    )


_READINGS: Mapping[str, object] = MappingProxyType(
    {
        "reading": NoticeReading,
        "notice_event": NoticeEvent,
        "after_renewal": AfterRenewal,
        "basis": BalanceBasis,
        "effect": NoticeEffect,
    }
)


def late_termination(
    term: ContractTerm,
    received_on: dt.date,
    annual: Decimal,
    *,
    decided_on: dt.date | None = None,
    reading: NoticeReading | None = None,
    notice_event: NoticeEvent | None = None,
    after_renewal: AfterRenewal | None = None,
    basis: BalanceBasis | None = None,
    effect: NoticeEffect | None = None,
) -> LateTermination:
    """What a termination letter received on ``received_on`` does, and what it costs (§1.9).

    The letter concerns the next renewal date after ``received_on``. Given on or before that
    renewal's :meth:`ContractTerm.notice_deadline` (``reading``; the date compared is the receipt,
    or ``decided_on`` under ``notice_event="decided"``), it is timely: the contract ends at the
    period's end and nothing more is owed. Given later, the contract renews, then ends
    ``notice_months`` after receipt (``effect``: by default it runs through the day bearing the
    receipt's day number), and the balance from the renewal date to that last day is owed,
    ``annual`` × days / days of the contract year from the renewal (``basis="days"``, the
    default) or by months. In the last period the term simply expires at its end. Under
    ``after_renewal="this_renewal"``, a letter received in a renewed period is a late notice for
    that period's renewal. Every keyword left ``None`` takes the term's field of the same name.

    >>> from libriciel_terms.term import ContractTerm
    >>> term = ContractTerm.comelus()
    >>> timely = late_termination(term, date(2025, 7, 1), Decimal("1350.00"))
    >>> timely.outcome, timely.effective_on, timely.balance
    ('timely', datetime.date(2025, 8, 31), Decimal('0.00'))
    >>> late_termination(term, date(2025, 8, 10), Decimal("1350.00"), basis="months").balance
    Decimal('148.79')
    >>> late_termination(term, date(2025, 8, 10), Decimal("1350.00"), effect="start_of_day").balance
    Decimal('144.25')
    >>> late_termination(term, date(2025, 7, 3), Decimal("1350.00"), decided_on=date(2025, 6, 30),
    ...                  notice_event="decided").outcome
    'timely'
    """
    options = {
        "reading": reading,
        "notice_event": notice_event,
        "after_renewal": after_renewal,
        "basis": basis,
        "effect": effect,
    }
    call = _resolve(term, received_on, annual, decided_on, options)
    period = call.term.period_of(call.received_on, name="received_on")
    effective_on = _effective_on(call.received_on, call.term.notice_months, call.effect)
    if (
        call.after_renewal == "this_renewal"
        and not period.is_initial
        and period.start <= effective_on <= period.end
    ):
        deadline = call.term.notice_deadline(period.start, reading=call.reading)
        return call.result(
            "late", period, anniversary=period.start, deadline=deadline, effective_on=effective_on
        )
    if period.end == call.term.latest_end:
        return call.result("term_expires", period)
    anniversary = period.end + ONE_DAY
    deadline = call.term.notice_deadline(anniversary, reading=call.reading)
    if call.notice_on <= deadline or effective_on < anniversary:
        # Timely; or (month-end clipping, start_of_day) the two months end before the renewal.
        return call.result("timely", period, anniversary=anniversary, deadline=deadline)
    return call.result(
        "late", period, anniversary=anniversary, deadline=deadline, effective_on=effective_on
    )
