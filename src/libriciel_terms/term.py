"""The contract's term: periods, tacit renewals and the notice deadline (Contract CP, §1.7, §1.9).

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

The decision's "soit jusqu'au 31 Août 2027 au plus tard" contradicts this (C3 in
``docs/contradictions.md``); the library follows the CP table and clause 1.11's "48 mois", and
``consistency.check_consistency`` reports the contradiction with its numbers.

Non-renewal notice (§1.7, §1.9, CP): received at least two months before the anniversary date.
The decision's "deux mois avant la fin de l'année en cours" gives one day earlier when "l'année"
is the contract year (C4, ``reading="end_of_year"``), or 31 October when it is the calendar year
(``reading="end_of_calendar_year"``: the contract then ends on a 31 December):

>>> term.notice_deadline(date(2025, 9, 1))
datetime.date(2025, 7, 1)
>>> term.notice_deadline(date(2025, 9, 1), reading="end_of_year")
datetime.date(2025, 6, 30)
>>> term.notice_deadline(date(2026, 9, 1), reading="end_of_calendar_year")
datetime.date(2025, 10, 31)
>>> term.ends_on(date(2026, 9, 1), reading="end_of_calendar_year")
datetime.date(2025, 12, 31)

Any period length in months is accepted; a notice that is not shorter than a period is refused:

>>> ContractTerm(start=date(2025, 1, 1), period_months=6, renewals=1, notice_months=6)
Traceback (most recent call last):
...
libriciel_terms.errors.InvalidArgumentError: notice_months=6 is not shorter than period_months=6; pass a notice shorter than a period

What a late notice does is in :mod:`libriciel_terms.termination`.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any, Literal, TypeVar

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._dates import ONE_DAY, add_months, whole_months
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang
from libriciel_terms.errors import InvalidArgumentError, OutOfRangeError, OutsideTermError

__all__ = [
    "MAX_TERM_MONTHS",
    "AfterRenewal",
    "BalanceBasis",
    "ContractTerm",
    "NoticeEffect",
    "NoticeEvent",
    "NoticeReading",
    "Period",
    "Quarter",
    "Slice",
]

#: The longest term accepted, renewals included: a hundred years. It bounds every computation
#: over the periods, billing dates and invoices of a term.
MAX_TERM_MONTHS = 1200

#: Which text fixes the notice deadline before an anniversary (C4, C14):
#: ``"anniversary"`` — two months before the anniversary date (§1.7, §1.9, CP; the default);
#: ``"end_of_year"`` — two months before the end of the current contract year, the period's last
#: day (the decision's "fin de l'année en cours" read as the contract year);
#: ``"end_of_calendar_year"`` — the decision's words read as the calendar year: the contract ends
#: on a 31 December, the last one before the anniversary, and the notice is due two months before
#: it (31 October).
NoticeReading = Literal["anniversary", "end_of_year", "end_of_calendar_year"]

#: Which event must happen by the notice deadline (C13): ``"received"`` — the registered letter's
#: receipt (§1.9 "par lettre recommandée avec accusé de réception"; the default) or
#: ``"decided"`` — the written decision being taken ("si aucune décision écrite contraire n'est
#: prise", CP and §1.7).
NoticeEvent = Literal["received", "decided"]

#: What a letter received in a renewed period, on or after its anniversary, is (C12):
#: ``"next_renewal"`` — notice for the next renewal (the default; §1.9 allows termination only
#: "avant l'échéance annuelle"); ``"this_renewal"`` — a late notice for the renewal that has just
#: happened: the contract ends two months after receipt and the balance since that renewal is due
#: (§1.9 "la période entre le renouvellement et la fin des deux mois").
AfterRenewal = Literal["next_renewal", "this_renewal"]

#: How a late notice's balance is measured (§1.9): ``"days"`` — days owed over the days of the
#: contract year (the 12 months) that starts on the renewal (the default); ``"months"`` — whole
#: months plus the days of a partial month over that month's length, over 12;
#: ``"started_months"`` — every month begun is owed in full, over 12.
BalanceBasis = Literal["days", "months", "started_months"]

#: What "prendra effet deux mois après la réception" means for the last day (§1.9):
#: ``"end_of_day"`` — the two months expire at the end of the day bearing the receipt's day
#: number (Code de procédure civile art. 641–642), which is the last day the contract runs (the
#: default: received 2025-08-10, runs through 2025-10-10); ``"start_of_day"`` — the contract
#: stops as that day begins, so its last day is the day before.
NoticeEffect = Literal["end_of_day", "start_of_day"]

_S = TypeVar("_S", bound="Slice")


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

    number: int = attrs.field(validator=_validate.check(_validate.integer, minimum=1))
    start: dt.date = attrs.field(validator=_validate.check(_validate.day))
    end: dt.date = attrs.field(validator=[_validate.check(_validate.day), _check_period])

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
class Slice:
    """A part of a period covered by one invoice: ``number`` within ``period``, end inclusive.

    Slices are cut from the period's start: ``start`` + k × the slice's months, clipped to the
    month's end (see :meth:`ContractTerm.slices`).
    """

    period: int = attrs.field(validator=_validate.check(_validate.integer, minimum=1))
    number: int = attrs.field(validator=_validate.check(_validate.integer, minimum=1))
    start: dt.date = attrs.field(validator=_validate.check(_validate.day))
    end: dt.date = attrs.field(validator=[_validate.check(_validate.day), _check_period])


@attrs.frozen(kw_only=True)
class Quarter(Slice):
    """A billing quarter of a period; the CP invoices it on its last day, ``end`` (terme échu).

    >>> q = ContractTerm.comelus().quarters()[5]
    >>> q.period, q.number, q.start, q.end
    (2, 2, datetime.date(2025, 12, 1), datetime.date(2026, 2, 28))
    """

    @property
    def billed_on(self) -> dt.date:
        """The billing date: the quarter's last day (CP "Dates de facturation")."""
        return self.end


def _check_term(instance: Any, _attribute: Any, _value: Any) -> None:
    if instance.notice_months >= instance.period_months:
        raise InvalidArgumentError(
            f"notice_months={instance.notice_months!r} is not shorter than "
            f"period_months={instance.period_months!r}; pass a notice shorter than a period"
        )
    months = instance.period_months * (instance.renewals + 1)
    if months > MAX_TERM_MONTHS:
        raise OutOfRangeError(
            f"renewals={instance.renewals!r} of period_months={instance.period_months!r} make "
            f"a term of {months} months; pass a term of at most {MAX_TERM_MONTHS} months "
            f"(a hundred years)"
        )
    try:
        # the last period, a late notice's effect and the contract year after it are dates
        add_months(instance.start, months + instance.notice_months + 12)
    except OutOfRangeError:
        raise OutOfRangeError(
            f"start={instance.start!r} with a term of {months} months ends too close to "
            f"9999-12-31 for the dates computed from it (a late notice's effect, the contract "
            f"year after a renewal); pass an earlier start or a shorter term"
        ) from None


@attrs.frozen(kw_only=True)
class ContractTerm(Report):
    """A contract's term: a start date, a period length and a number of tacit renewals (§1.7, CP).

    Periods are computed from ``start`` (``start`` + k × ``period_months`` months, clipped to the
    month's end), so they tile the term without gap, overlap or drift. ``notice_months`` is both
    the non-renewal notice (§1.7) and the delay after which a late notice takes effect (§1.9).
    The other fields hold the readings of the text (see the ``Literal`` types of this module);
    the methods and :func:`~libriciel_terms.termination.late_termination` take a keyword of the
    same name that overrides the field for one call.

    >>> ContractTerm(start=date(2024, 1, 31), period_months=12, renewals=1, notice_months=2).anniversaries
    (datetime.date(2025, 1, 31),)
    """

    COLUMNS = (
        Column("period", "période", "period", "number"),
        Column("start", "début", "start", "date"),
        Column("end", "fin", "end", "date"),
        Column("days", "jours", "days", "number"),
        Column("renews_on", "reconduction", "renewal", "date"),
        Column("notice_deadline", "préavis au plus tard", "notice deadline", "date"),
        Column(
            "notice_deadline_decision",
            "préavis (décision, année du contrat)",
            "notice (decision, contract year)",
            "date",
        ),
        Column(
            "notice_deadline_calendar_year",
            "préavis (décision, année civile)",
            "notice (decision, calendar year)",
            "date",
        ),
    )

    start: dt.date = attrs.field(validator=_validate.check(_validate.day))
    period_months: int = attrs.field(
        validator=_validate.check(_validate.integer, minimum=1, maximum=MAX_TERM_MONTHS)
    )
    renewals: int = attrs.field(
        validator=_validate.check(_validate.integer, minimum=0, maximum=MAX_TERM_MONTHS - 1)
    )
    notice_months: int = attrs.field(
        validator=[_validate.check(_validate.integer, minimum=0), _check_term]
    )
    reading: NoticeReading = attrs.field(
        default="anniversary", validator=_validate.choice(NoticeReading)
    )
    notice_event: NoticeEvent = attrs.field(
        default="received", validator=_validate.choice(NoticeEvent)
    )
    after_renewal: AfterRenewal = attrs.field(
        default="next_renewal", validator=_validate.choice(AfterRenewal)
    )
    basis: BalanceBasis = attrs.field(default="days", validator=_validate.choice(BalanceBasis))
    effect: NoticeEffect = attrs.field(
        default="end_of_day", validator=_validate.choice(NoticeEffect)
    )

    @classmethod
    def comelus(cls) -> ContractTerm:
        """The 2024 ComElus contract: from 2024-09-01, 1 year, renewable 3 times (CP, §1.7).

        The ``[term]`` of the bundled ComElus 2024 contract file.

        >>> ContractTerm.comelus().latest_end
        datetime.date(2028, 8, 31)
        """
        from libriciel_terms.comelus import COMELUS_2024

        return COMELUS_2024.term

    def _boundary(self, k: int) -> dt.date:
        """The start of period k + 1 (k = 0 is the term's start)."""
        return add_months(self.start, k * self.period_months)

    @cached_property
    def periods(self) -> tuple[Period, ...]:
        """The initial period and every renewal, in order (end inclusive)."""
        bounds = [self._boundary(k) for k in range(self.renewals + 2)]
        return tuple(
            Period(number=k + 1, start=bounds[k], end=bounds[k + 1] - ONE_DAY)
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
        """The last day of the term if every renewal happens (CP: 2028-08-31; see C3)."""
        return self.periods[-1].end

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
        # the largest k with start + k × period_months <= day, in constant time
        return self.periods[whole_months(self.start, day) // self.period_months]

    def _renewal(self, anniversary: dt.date) -> Period:
        """The renewal period starting on ``anniversary``, or ``OutsideTermError``."""
        _validate.day("anniversary", anniversary)
        if self.start < anniversary <= self.latest_end:
            period = self.period_of(anniversary, name="anniversary")
            if period.start == anniversary:
                return period
        shown = self.anniversaries[:6]
        options = ", ".join(d.isoformat() for d in shown) or "(none: the term has no renewal)"
        more = "…" if len(self.anniversaries) > len(shown) else ""
        raise OutsideTermError(
            f"anniversary={anniversary!r} is not a renewal date of this term; "
            f"pass one of {options}{more}"
        )

    def _calendar_year_end(self, anniversary: dt.date) -> dt.date:
        """The last 31 December of the term before ``anniversary`` (the calendar reading)."""
        end = dt.date(anniversary.year - 1, 12, 31)
        if end < self.start:
            raise OutsideTermError(
                f"anniversary={anniversary!r}: no 31 December falls between the term's start "
                f"{self.start.isoformat()} and it, so under reading='end_of_calendar_year' the "
                f"contract cannot end before this renewal; pass a later anniversary or another "
                f"reading"
            )
        return end

    def ends_on(self, anniversary: dt.date, *, reading: NoticeReading | None = None) -> dt.date:
        """The last day the contract runs when notice is given in time before ``anniversary``.

        The period's last day under the ``"anniversary"`` and ``"end_of_year"`` readings; the last
        31 December before the anniversary under ``"end_of_calendar_year"``.

        >>> ContractTerm.comelus().ends_on(date(2025, 9, 1))
        datetime.date(2025, 8, 31)
        """
        chosen = self.reading if reading is None else reading
        _validate.one_of("reading", chosen, _validate.literal_values(NoticeReading))
        self._renewal(anniversary)
        if chosen == "end_of_calendar_year":
            return self._calendar_year_end(anniversary)
        return anniversary - ONE_DAY

    def notice_deadline(
        self, anniversary: dt.date, *, reading: NoticeReading | None = None
    ) -> dt.date:
        """The last day the notice not to renew at ``anniversary`` may be given (§1.7, §1.9, CP).

        ``reading="anniversary"`` (the default field): ``notice_months`` before the anniversary
        date, clipped to the month's end — for 2025-09-01, on or before 2025-07-01.
        ``reading="end_of_year"``: ``notice_months`` before the end of the current contract year,
        as the decision words it — 2025-06-30 (C4). ``reading="end_of_calendar_year"``:
        ``notice_months`` before the last 31 December before the anniversary — 2024-10-31.

        ``anniversary`` must be one of :attr:`anniversaries`:

        >>> ContractTerm.comelus().notice_deadline(date(2028, 9, 1))
        Traceback (most recent call last):
        ...
        libriciel_terms.errors.OutsideTermError: anniversary=datetime.date(2028, 9, 1) is not a renewal date of this term; pass one of 2025-09-01, 2026-09-01, 2027-09-01
        """
        chosen = self.reading if reading is None else reading
        ends_on = self.ends_on(anniversary, reading=chosen)
        if chosen == "anniversary":
            return add_months(anniversary, -self.notice_months)
        return add_months(ends_on, -self.notice_months)

    def slices(self, months: int) -> tuple[Slice, ...]:
        """Every period cut into slices of ``months`` months, in order (one invoice each).

        The period's length must be a whole number of slices.

        >>> [(s.number, s.start.isoformat()) for s in ContractTerm.comelus().slices(6)[:3]]
        [(1, '2024-09-01'), (2, '2025-03-01'), (1, '2025-09-01')]
        """
        return self._slices(months, Slice)

    def quarters(self) -> tuple[Quarter, ...]:
        """Every billing quarter of every period, in order (CP: "La facturation se fera au
        trimestre"); requires periods of a whole number of quarters.

        >>> [q.end.isoformat() for q in ContractTerm.comelus().quarters()[:4]]
        ['2024-11-30', '2025-02-28', '2025-05-31', '2025-08-31']
        """
        return self._slices(3, Quarter)

    def _slices(self, months: int, kind: type[_S]) -> tuple[_S, ...]:
        _validate.integer("months", months, minimum=1, maximum=MAX_TERM_MONTHS)
        if self.period_months % months:
            raise InvalidArgumentError(
                f"period_months={self.period_months!r} is not a whole number of slices of "
                f"{months} months; billing every {months} months needs a multiple of {months}"
            )
        count = self.period_months // months
        bounds = [add_months(self.start, months * k) for k in range(count * len(self.periods) + 1)]
        return tuple(
            kind(
                period=k // count + 1,
                number=k % count + 1,
                start=bounds[k],
                end=bounds[k + 1] - ONE_DAY,
            )
            for k in range(len(bounds) - 1)
        )

    def billing_dates(self) -> tuple[dt.date, ...]:
        """Every quarterly billing date of every period, at the end of each quarter (CP).

        This is the CP's calendar (quarterly, terme échu); any other frequency and timing is
        :meth:`libriciel_terms.billing.BillingTerms.billing_dates`.

        >>> dates = ContractTerm.comelus().billing_dates()
        >>> len(dates), dates[-3]
        (16, datetime.date(2028, 2, 29))
        """
        return tuple(q.billed_on for q in self.quarters())

    def _deadline_or_none(self, anniversary: dt.date, reading: NoticeReading) -> dt.date | None:
        try:
            return self.notice_deadline(anniversary, reading=reading)
        except OutsideTermError:
            return None

    def to_records(self) -> list[dict[str, Any]]:
        """One record per period: its dates, its length, the renewal that follows it and the last
        day to refuse that renewal under the term's reading and the decision's two (§1.7, C4).

        >>> ContractTerm.comelus().to_records()[0]
        {'period': 1, 'start': datetime.date(2024, 9, 1), 'end': datetime.date(2025, 8, 31), 'days': 365, 'renews_on': datetime.date(2025, 9, 1), 'notice_deadline': datetime.date(2025, 7, 1), 'notice_deadline_decision': datetime.date(2025, 6, 30), 'notice_deadline_calendar_year': datetime.date(2024, 10, 31)}
        """
        records: list[dict[str, Any]] = []
        for period in self.periods:
            renews_on = period.end + ONE_DAY if period.end < self.latest_end else None
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
                    "notice_deadline_calendar_year": (
                        None
                        if renews_on is None
                        else self._deadline_or_none(renews_on, "end_of_calendar_year")
                    ),
                }
            )
        return records

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Durée : 4 périodes de 12 mois du 1er septembre 2024 au 31 août 2028 (48 mois) »."""
        lang = _text.check_lang(lang)
        count = len(self.periods)
        start, end = _text.date_long(self.start, lang), _text.date_long(self.latest_end, lang)
        if lang == "en":
            return (
                f"Term: {count} period{'s' if count > 1 else ''} of {_months_en(self.period_months)}"
                f" from {start} to {end} ({_months_en(self.months)})"
            )
        return (
            f"Durée{_text.NBSP}: {count} période{'s' if count > 1 else ''} de "
            f"{self.period_months} mois du {start} au {end} ({self.months} mois)"
        )


def _months_en(count: int) -> str:
    return f"{count} month{'s' if count != 1 else ''}"
