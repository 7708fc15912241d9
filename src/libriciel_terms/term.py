"""The contract's term: periods, tacit renewals, notice and late termination (contract §1.7, §1.9, CP).

The conditions particulières (CP) and clause 1.7 say: the contract "prend effet à partir du
01/09/24 pour une période initiale de 1 an renouvelable 3 fois par reconduction tacite", and "la
reconduction est considérée comme acceptée si aucune décision écrite contraire n'est prise par le
pouvoir adjudicateur 2 mois avant la date anniversaire". Four periods of one year, end inclusive:

>>> from datetime import date
>>> term = ContractTerm.comelus()
>>> [(p.start.isoformat(), p.end.isoformat()) for p in term.periods]
[('2024-09-01', '2025-08-31'), ('2025-09-01', '2026-08-31'), ('2026-09-01', '2027-08-31'), ('2027-09-01', '2028-08-31')]
>>> term.latest_end, term.months
(datetime.date(2028, 8, 31), 48)

The decision's "soit jusqu'au 31 Août 2027 au plus tard" contradicts this (RULES.md C3); the
library follows the CP table and clause 1.11's "48 mois", and ``billing.check_consistency`` reports
the contradiction with its numbers.

Non-renewal notice (§1.7, §1.9, CP): received at least two months before the anniversary date. The
decision's "deux mois avant la fin de l'année en cours" gives one day earlier (RULES.md C4); it is
the ``reading="end_of_year"`` option:

>>> term.notice_deadline(date(2025, 9, 1))
datetime.date(2025, 7, 1)
>>> term.notice_deadline(date(2025, 9, 1), reading="end_of_year")
datetime.date(2025, 6, 30)

A late notice (§1.9) takes effect two months after its receipt, and the titulaire invoices the
balance from the renewal date to that effective date (RULES.md §3):

>>> from decimal import Decimal
>>> late = late_termination(term, date(2025, 8, 10), Decimal("1350.00"))
>>> late.outcome, late.effective_on, late.days_owed, late.year_days, late.balance
('late', datetime.date(2025, 10, 10), 40, 365, Decimal('147.95'))

A notice outside the term is refused:

>>> late_termination(term, date(2030, 1, 1), Decimal("1350.00"))
Traceback (most recent call last):
...
libriciel_terms.errors.OutsideTermError: received_on=datetime.date(2030, 1, 1) is outside the term 2024-09-01…2028-08-31; pass a date within the term
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs
from dateutil.relativedelta import relativedelta

from libriciel_terms import _validate
from libriciel_terms._exact import cents
from libriciel_terms._records import html_table
from libriciel_terms.errors import (
    InvalidArgumentError,
    OutOfRangeError,
    OutsideTermError,
    WrongTypeError,
)

__all__ = [
    "BalanceBasis",
    "ContractTerm",
    "LateTermination",
    "NoticeEffect",
    "NoticeReading",
    "Period",
    "Quarter",
    "TerminationOutcome",
    "late_termination",
]

#: Which text fixes the notice deadline (RULES.md C4): ``"anniversary"`` — two months before the
#: anniversary date (§1.7, §1.9, CP; the default) — or ``"end_of_year"`` — two months before the
#: end of the current contract year, the last day of the period (the decision).
NoticeReading = Literal["anniversary", "end_of_year"]

#: How a late notice's balance is measured (§1.9): ``"days"`` — days owed over the days of that
#: contract year (the default, RULES.md §3); ``"months"`` — whole months plus the days of a
#: partial month over that month's length, over 12; ``"started_months"`` — every month begun is
#: owed in full, over 12.
BalanceBasis = Literal["days", "months", "started_months"]

#: What "prendra effet deux mois après la réception" means for the last day (§1.9):
#: ``"end_of_day"`` — the two months expire at the end of the day bearing the receipt's day
#: number (Code de procédure civile art. 641–642), which is the last day the contract runs (the
#: default: received 2025-08-10, runs through 2025-10-10); ``"start_of_day"`` — the contract
#: stops as that day begins, so its last day is the day before.
NoticeEffect = Literal["end_of_day", "start_of_day"]

#: What a notice received on a given day does: ``"timely"`` (the contract ends at the period's
#: end, nothing more is owed), ``"late"`` (it renews, then ends two months after receipt with a
#: balance), ``"term_expires"`` (received in the last period: the term ends anyway).
TerminationOutcome = Literal["timely", "late", "term_expires"]

_READINGS = ("anniversary", "end_of_year")
_BASES = ("days", "months", "started_months")
_EFFECTS = ("end_of_day", "start_of_day")
_ONE_DAY = dt.timedelta(days=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clipped to the month's last day (RULES.md §0)."""
    try:
        result: dt.date = day + relativedelta(months=months)
    except (ValueError, OverflowError):
        raise OutOfRangeError(
            f"{day.isoformat()} + {months} months is outside the years 1–9999 a date can hold; "
            f"pass dates and lengths that stay within them"
        ) from None
    return result


def _check_period(instance: Any, _attribute: Any, _value: Any) -> None:
    _validate.ordered("start", instance.start, "end", instance.end)


@attrs.frozen(kw_only=True)
class Period:
    """One contract period, ``start`` and ``end`` both inclusive (CP "Périodicités").

    ``number`` is 1 for the initial period, 2… for the tacit renewals.

    >>> p = ContractTerm.comelus().periods[3]
    >>> p.number, p.start, p.end, p.days, p.is_initial
    (4, datetime.date(2027, 9, 1), datetime.date(2028, 8, 31), 366, False)
    """

    number: int = attrs.field(validator=_validate.attrs_check(_validate.integer, minimum=1))
    start: dt.date = attrs.field(validator=_validate.attrs_check(_validate.day))
    end: dt.date = attrs.field(validator=[_validate.attrs_check(_validate.day), _check_period])

    @property
    def days(self) -> int:
        """Calendar days in the period, both ends included (365 or 366 for a year)."""
        return (self.end - self.start).days + 1

    @property
    def is_initial(self) -> bool:
        """Whether this is the initial period (the one §1.11's pro-rata applies to)."""
        return self.number == 1

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls in the period (both ends included)."""
        _validate.day("day", day)
        return self.start <= day <= self.end


@attrs.frozen(kw_only=True)
class Quarter:
    """A billing quarter of a period; it is invoiced on its last day, ``end`` (terme échu, CP).

    >>> q = ContractTerm.comelus().quarters()[5]
    >>> q.period, q.number, q.start, q.end
    (2, 2, datetime.date(2025, 12, 1), datetime.date(2026, 2, 28))
    """

    period: int
    number: int
    start: dt.date
    end: dt.date

    @property
    def billed_on(self) -> dt.date:
        """The billing date: the quarter's last day (CP "Dates de facturation")."""
        return self.end


def _check_term(instance: Any, _attribute: Any, _value: Any) -> None:
    try:
        _add_months(instance.start, instance.period_months * (instance.renewals + 1))
    except OutOfRangeError:
        raise OutOfRangeError(
            f"start={instance.start!r} with renewals={instance.renewals!r} of "
            f"period_months={instance.period_months!r} ends after 9999-12-31; pass a shorter term"
        ) from None
    if instance.notice_months >= instance.period_months:
        raise InvalidArgumentError(
            f"notice_months={instance.notice_months!r} is not shorter than "
            f"period_months={instance.period_months!r}; pass a notice shorter than a period"
        )


@attrs.frozen(kw_only=True)
class ContractTerm:
    """A contract's term: a start date, a period length and a number of tacit renewals (§1.7, CP).

    Periods are computed from ``start`` (``start`` + k × ``period_months`` months, clipped to the
    month's end), so they tile the term without gap, overlap or drift. ``notice_months`` is both
    the non-renewal notice (§1.7) and the delay after which a late notice takes effect (§1.9).

    >>> ContractTerm(start=date(2024, 1, 31), period_months=12, renewals=1).anniversaries
    (datetime.date(2025, 1, 31),)
    """

    start: dt.date = attrs.field(validator=_validate.attrs_check(_validate.day))
    period_months: int = attrs.field(
        default=12, validator=_validate.attrs_check(_validate.integer, minimum=1)
    )
    renewals: int = attrs.field(
        default=3, validator=_validate.attrs_check(_validate.integer, minimum=0)
    )
    notice_months: int = attrs.field(
        default=2,
        validator=[
            _validate.attrs_check(_validate.integer, minimum=0),
            _check_term,
        ],
    )

    @classmethod
    def comelus(cls) -> ContractTerm:
        """The 2024 ComElus contract: from 2024-09-01, 1 year, renewable 3 times (CP, §1.7).

        >>> ContractTerm.comelus().latest_end
        datetime.date(2028, 8, 31)
        """
        return cls(start=dt.date(2024, 9, 1), period_months=12, renewals=3, notice_months=2)

    def _boundary(self, k: int) -> dt.date:
        """The start of period k + 1 (k = 0 is the term's start)."""
        return _add_months(self.start, k * self.period_months)

    @property
    def periods(self) -> tuple[Period, ...]:
        """The initial period and every renewal, in order (end inclusive)."""
        return tuple(
            Period(number=k + 1, start=self._boundary(k), end=self._boundary(k + 1) - _ONE_DAY)
            for k in range(self.renewals + 1)
        )

    @property
    def anniversaries(self) -> tuple[dt.date, ...]:
        """The renewal dates: the first day of every renewal period (§1.7 "date anniversaire").

        >>> [d.isoformat() for d in ContractTerm.comelus().anniversaries]
        ['2025-09-01', '2026-09-01', '2027-09-01']
        """
        return tuple(p.start for p in self.periods[1:])

    @property
    def latest_end(self) -> dt.date:
        """The last day of the term if every renewal happens (CP: 2028-08-31; see RULES.md C3)."""
        return self._boundary(self.renewals + 1) - _ONE_DAY

    @property
    def months(self) -> int:
        """The term's length in months, all renewals included (§1.11: "48 mois")."""
        return self.period_months * (self.renewals + 1)

    def period_of(self, day: dt.date, *, name: str = "day") -> Period:
        """The period containing ``day``; a day outside the term raises ``OutsideTermError``.

        >>> ContractTerm.comelus().period_of(date(2026, 1, 15)).number
        2
        """
        _validate.day(name, day)
        if not self.start <= day <= self.latest_end:
            raise OutsideTermError(
                f"{name}={day!r} is outside the term {self.start.isoformat()}…"
                f"{self.latest_end.isoformat()}; pass a date within the term"
            )
        k = next(k for k in range(self.renewals, -1, -1) if self._boundary(k) <= day)
        return self.periods[k]

    def notice_deadline(
        self, anniversary: dt.date, *, reading: NoticeReading = "anniversary"
    ) -> dt.date:
        """The last day a written non-renewal decision may be received (§1.7, §1.9, CP).

        Default (``reading="anniversary"``): ``notice_months`` before the anniversary date,
        clipped to the month's end — for 2025-09-01, on or before 2025-07-01.
        ``reading="end_of_year"``: ``notice_months`` before the end of the current contract
        year, as the decision words it — 2025-06-30 (RULES.md C4).

        ``anniversary`` must be one of :attr:`anniversaries`:

        >>> ContractTerm.comelus().notice_deadline(date(2028, 9, 1))
        Traceback (most recent call last):
        ...
        libriciel_terms.errors.OutsideTermError: anniversary=datetime.date(2028, 9, 1) is not a renewal date of this term; pass one of 2025-09-01, 2026-09-01, 2027-09-01
        """
        _validate.day("anniversary", anniversary)
        _validate.one_of("reading", reading, _READINGS)
        if anniversary not in self.anniversaries:
            options = ", ".join(d.isoformat() for d in self.anniversaries) or "(none)"
            raise OutsideTermError(
                f"anniversary={anniversary!r} is not a renewal date of this term; "
                f"pass one of {options}"
            )
        if reading == "end_of_year":
            return _add_months(anniversary - _ONE_DAY, -self.notice_months)
        return _add_months(anniversary, -self.notice_months)

    def quarters(self) -> tuple[Quarter, ...]:
        """Every billing quarter of every period, in order (CP: "La facturation se fera au
        trimestre"); requires periods of a whole number of quarters.

        >>> [q.end.isoformat() for q in ContractTerm.comelus().quarters()[:4]]
        ['2024-11-30', '2025-02-28', '2025-05-31', '2025-08-31']
        """
        if self.period_months % 3:
            raise InvalidArgumentError(
                f"period_months={self.period_months!r} is not a whole number of quarters; "
                f"quarterly billing needs a multiple of 3"
            )
        per_period = self.period_months // 3
        return tuple(
            Quarter(
                period=k + 1,
                number=j + 1,
                start=_add_months(self.start, k * self.period_months + 3 * j),
                end=_add_months(self.start, k * self.period_months + 3 * (j + 1)) - _ONE_DAY,
            )
            for k in range(self.renewals + 1)
            for j in range(per_period)
        )

    def billing_dates(self) -> tuple[dt.date, ...]:
        """Every quarterly billing date of every period, at the end of each quarter (CP).

        >>> dates = ContractTerm.comelus().billing_dates()
        >>> len(dates), dates[-3]
        (16, datetime.date(2028, 2, 29))
        """
        return tuple(q.billed_on for q in self.quarters())

    def to_records(self) -> list[dict[str, Any]]:
        """One record per period: its dates, its length, the renewal that follows it and the last
        day to refuse that renewal under both readings (§1.7, C4).

        >>> ContractTerm.comelus().to_records()[0]
        {'period': 1, 'start': datetime.date(2024, 9, 1), 'end': datetime.date(2025, 8, 31), 'days': 365, 'renews_on': datetime.date(2025, 9, 1), 'notice_deadline': datetime.date(2025, 7, 1), 'notice_deadline_decision': datetime.date(2025, 6, 30)}
        """
        records: list[dict[str, Any]] = []
        for period in self.periods:
            renews_on = period.end + _ONE_DAY if period.end < self.latest_end else None
            records.append(
                {
                    "period": period.number,
                    "start": period.start,
                    "end": period.end,
                    "days": period.days,
                    "renews_on": renews_on,
                    "notice_deadline": (
                        None if renews_on is None else self.notice_deadline(renews_on)
                    ),
                    "notice_deadline_decision": (
                        None
                        if renews_on is None
                        else self.notice_deadline(renews_on, reading="end_of_year")
                    ),
                }
            )
        return records

    def _repr_html_(self) -> str:
        return html_table(self.to_records())


@attrs.frozen(kw_only=True)
class LateTermination:
    """What a termination letter received on ``received_on`` does (§1.9).

    ``effective_on`` is the last day the contract runs (inclusive). ``balance`` is the HT amount
    owed for ``days_owed`` days, from the renewal date to ``effective_on`` inclusive, over the
    ``year_days`` of that contract year (or by months, see ``BalanceBasis``); a timely notice
    gives the period's end and 0.00.
    """

    received_on: dt.date
    outcome: TerminationOutcome
    period: Period
    anniversary: dt.date | None
    deadline: dt.date | None
    effective_on: dt.date
    days_owed: int
    year_days: int
    balance: Decimal
    basis: BalanceBasis

    @property
    def timely(self) -> bool:
        """Whether no balance is owed because the notice met its deadline (or the term expires)."""
        return self.outcome != "late"

    def to_records(self) -> list[dict[str, Any]]:
        """The outcome as a one-row table."""
        return [
            {
                "received_on": self.received_on,
                "outcome": self.outcome,
                "anniversary": self.anniversary,
                "deadline": self.deadline,
                "effective_on": self.effective_on,
                "days_owed": self.days_owed,
                "year_days": self.year_days,
                "balance_ht": self.balance,
            }
        ]

    def _repr_html_(self) -> str:
        return html_table(self.to_records())


def _whole_months(start: dt.date, end_exclusive: dt.date) -> int:
    """How many whole months fit from ``start`` to ``end_exclusive`` (months from ``start``)."""
    months = (end_exclusive.year - start.year) * 12 + end_exclusive.month - start.month
    while months > 0 and _add_months(start, months) > end_exclusive:
        months -= 1
    return max(months, 0)


def _balance_fraction(
    basis: BalanceBasis, renewal: dt.date, effective_on: dt.date, year_days: int
) -> Fraction:
    """The fraction of the annual price owed from ``renewal`` to ``effective_on`` inclusive."""
    stop = effective_on + _ONE_DAY
    if basis == "days":
        return Fraction((stop - renewal).days, year_days)
    months = _whole_months(renewal, stop)
    month_start = _add_months(renewal, months)
    leftover = (stop - month_start).days
    if leftover == 0:
        return Fraction(months, 12)
    if basis == "started_months":
        return Fraction(months + 1, 12)
    month_days = (_add_months(renewal, months + 1) - month_start).days
    return (months + Fraction(leftover, month_days)) / 12


def late_termination(
    term: ContractTerm,
    received_on: dt.date,
    annual: Decimal,
    *,
    reading: NoticeReading = "anniversary",
    basis: BalanceBasis = "days",
    effect: NoticeEffect = "end_of_day",
) -> LateTermination:
    """What a termination letter received on ``received_on`` does, and what it costs (§1.9).

    The letter concerns the next renewal date after ``received_on``. Received on or before
    that renewal's :meth:`ContractTerm.notice_deadline` (``reading``), it is timely: the contract
    ends at the period's end and nothing more is owed. Received later, the contract renews, then
    ends ``notice_months`` after receipt (``effect``: by default it runs through the day bearing
    the receipt's day number), and the balance from the renewal date to that last day is owed,
    ``annual`` × days / days in that contract year (``basis="days"``, the default) or by months.
    In the last period the term simply expires at its end.

    >>> term = ContractTerm.comelus()
    >>> timely = late_termination(term, date(2025, 7, 1), Decimal("1350.00"))
    >>> timely.outcome, timely.effective_on, timely.balance
    ('timely', datetime.date(2025, 8, 31), Decimal('0.00'))
    >>> late_termination(term, date(2025, 8, 10), Decimal("1350.00"), basis="months").balance
    Decimal('148.79')
    >>> late_termination(term, date(2025, 8, 10), Decimal("1350.00"), effect="start_of_day").balance
    Decimal('144.25')
    """
    if not isinstance(term, ContractTerm):
        raise WrongTypeError(
            f"term={term!r} is a {type(term).__name__}, not a ContractTerm; pass e.g. "
            f"ContractTerm.comelus()"
        )
    amount = _validate.money("annual", annual)
    _validate.one_of("reading", reading, _READINGS)
    _validate.one_of("basis", basis, _BASES)
    _validate.one_of("effect", effect, _EFFECTS)
    period = term.period_of(received_on, name="received_on")
    if period.end == term.latest_end:
        return LateTermination(
            received_on=received_on,
            outcome="term_expires",
            period=period,
            anniversary=None,
            deadline=None,
            effective_on=period.end,
            days_owed=0,
            year_days=period.days,
            balance=cents(0),
            basis=basis,
        )
    anniversary = period.end + _ONE_DAY
    deadline = term.notice_deadline(anniversary, reading=reading)
    effective_on = _add_months(received_on, term.notice_months)
    if effect == "start_of_day":
        effective_on -= _ONE_DAY
    if received_on <= deadline or effective_on < anniversary:
        # Timely; or (month-end clipping, start_of_day) the two months end before the renewal.
        return LateTermination(
            received_on=received_on,
            outcome="timely",
            period=period,
            anniversary=anniversary,
            deadline=deadline,
            effective_on=period.end,
            days_owed=0,
            year_days=period.days,
            balance=cents(0),
            basis=basis,
        )
    renewed = term.period_of(anniversary)
    owed = _balance_fraction(basis, anniversary, effective_on, renewed.days)
    return LateTermination(
        received_on=received_on,
        outcome="late",
        period=period,
        anniversary=anniversary,
        deadline=deadline,
        effective_on=effective_on,
        days_owed=(effective_on - anniversary).days + 1,
        year_days=renewed.days,
        balance=cents(Fraction(amount) * owed),
        basis=basis,
    )
