"""Retention and data-protection periods (contract §2.2, §2.6, §3.3, §6.5.6, §6.5.9, §6.6).

Every row of the contract's retention and data-protection table (RULES.md §6) is a
:class:`RetentionRule`: what it covers, its period (an amount and a unit), how the period is
counted, the event it runs from and the clause that sets it. :func:`retention_deadline` gives the
deadline of any row from its starting event; named helpers cover the common ones.

Units keep their meaning (RULES.md §0):

- ``hours`` are **elapsed** time, counted in UTC: 48 h across the spring DST change are 49
  wall-clock hours (Contract §6.5.6);
- ``days``, ``months`` and ``years`` are **calendar** arithmetic on the Europe/Paris date, keeping
  the wall-clock time, months clipped to the month's last day (``dateutil.relativedelta``);
- ``working_days`` are jours ouvrés with **civil** counting: the day of the event does not count
  and the délai ends on a working day of the business calendar (``BusinessHours.comelus()``:
  Monday–Friday minus the eleven metropolitan public holidays).

>>> from datetime import date, datetime
>>> from zoneinfo import ZoneInfo
>>> paris = ZoneInfo("Europe/Paris")
>>> breach_notification_deadline(datetime(2025, 3, 28, 16, 0, tzinfo=paris))
datetime.datetime(2025, 3, 30, 17, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
>>> hosting_data_destruction_deadline(date(2028, 8, 31))
datetime.date(2028, 10, 12)
>>> exchange_purge_date(date(2025, 8, 31))      # 6 months, clipped to February's last day
datetime.date(2026, 2, 28)
>>> RETENTION_RULES["breach_notification"].clause
'6.5.6'

An elapsed-hour délai needs an instant, not a day:

>>> retention_deadline("breach_notification", date(2025, 3, 28))
Traceback (most recent call last):
...
libriciel_terms.errors.WrongTypeError: start=datetime.date(2025, 3, 28) is a date, but 'breach_notification' runs 48 hours of elapsed time; pass an aware datetime, e.g. datetime(2025, 3, 28, 16, 0, tzinfo=ZoneInfo("Europe/Paris"))

The end of the contract sets off a chain of deadlines (Contract §6.5.9), see
:func:`end_of_contract_chain`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any, Literal, overload
from zoneinfo import ZoneInfo

import attrs
from dateutil.relativedelta import relativedelta

from libriciel_terms import _validate
from libriciel_terms._records import html_table, table_repr
from libriciel_terms.delays import Delay
from libriciel_terms.errors import (
    InvalidArgumentError,
    OutOfRangeError,
    OutsideTermError,
    WrongTypeError,
)
from libriciel_terms.hours import BusinessHours

__all__ = [
    "RETENTION_RULES",
    "ChainDeadline",
    "EndOfContractChain",
    "QuotaLine",
    "QuotaReport",
    "RetentionRule",
    "RetentionTable",
    "breach_notification_deadline",
    "check_quotas",
    "end_of_contract_chain",
    "exchange_purge_date",
    "hosting_data_destruction_deadline",
    "regulatory_maintenance_deadline",
    "retention_deadline",
    "subprocessor_objection_deadline",
]

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC

#: The unit of a period: elapsed hours, calendar days/months/years, or jours ouvrés.
Unit = Literal["hours", "days", "months", "years", "working_days"]
#: How a period is counted; fixed by its unit (see the module docstring).
Counting = Literal["elapsed", "calendar", "civil"]
#: ``retention``: how long something is kept (the deadline is when it goes);
#: ``deadline``: an action due within the period.
Nature = Literal["retention", "deadline"]

_COUNTING_OF: dict[str, str] = {
    "hours": "elapsed",
    "days": "calendar",
    "months": "calendar",
    "years": "calendar",
    "working_days": "civil",
}


# --------------------------------------------------------------------------- period arithmetic


def _localize(naive: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A wall-clock time in ``zone``: the first occurrence when ambiguous (fold=0), moved
    forward by the gap when it does not exist (02:30 on the spring night reads 03:30)."""
    return naive.replace(tzinfo=zone, fold=0).astimezone(UTC).astimezone(zone)


def _calendar_delta(amount: int, unit: str) -> relativedelta:
    if unit == "days":
        return relativedelta(days=amount)
    if unit == "months":
        return relativedelta(months=amount)
    if unit == "years":
        return relativedelta(years=amount)
    raise AssertionError(unit)  # pragma: no cover - guarded by the callers


def _shift_instant(
    start: dt.datetime, amount: int, unit: str, zone: ZoneInfo = PARIS
) -> dt.datetime:
    """``start`` plus an elapsed-hour or calendar period, expressed in ``zone``."""
    try:
        if unit == "hours":
            return (start.astimezone(UTC) + dt.timedelta(hours=amount)).astimezone(zone)
        local = start.astimezone(zone).replace(tzinfo=None)
        return _localize(local + _calendar_delta(amount, unit), zone)
    except (OverflowError, ValueError):
        raise OutOfRangeError(
            f"start={start!r} plus {amount} {unit} is beyond the year 9999; pass an earlier start"
        ) from None


def _shift_day(start: dt.date, amount: int, unit: str) -> dt.date:
    try:
        result: dt.date = start + _calendar_delta(amount, unit)
    except (OverflowError, ValueError):
        raise OutOfRangeError(
            f"start={start!r} plus {amount} {unit} is beyond the year 9999; pass an earlier start"
        ) from None
    return result


def _business_hours(hours: object) -> BusinessHours:
    if hours is None:
        return BusinessHours.comelus()
    if not isinstance(hours, BusinessHours):
        raise WrongTypeError(
            f"hours={hours!r} is a {type(hours).__name__}, not a BusinessHours; pass e.g. "
            f"BusinessHours.comelus() (or None for it)"
        )
    return hours


# --------------------------------------------------------------------------- the table


_STR = _validate.guard(attrs.validators.instance_of(str))


def _check_counting(instance: RetentionRule, _attribute: object, value: str) -> None:
    expected = _COUNTING_OF[instance.unit]
    if value != expected:
        raise InvalidArgumentError(
            f"counting={value!r} does not fit unit={instance.unit!r}; {instance.unit} are "
            f"counted {expected!r} (pass counting={expected!r})"
        )


def _format_period(amount: int, unit: str) -> str:
    label = {"working_days": "jours ouvrés"}.get(unit, unit)
    if amount == 1 and label.endswith("s") and unit != "working_days":
        label = label[:-1]
    return f"{amount} {label}"


@attrs.frozen(kw_only=True)
class RetentionRule:
    """One row of the retention and data-protection table (RULES.md §6).

    ``counting`` is fixed by ``unit``: ``hours`` → ``"elapsed"``, ``days``/``months``/``years``
    → ``"calendar"``, ``working_days`` → ``"civil"``.

    >>> rule = RETENTION_RULES["hosting_data_destruction"]
    >>> rule.period, rule.from_event, rule.clause
    ('30 jours ouvrés', 'end of the contract, without renewal', '6.5.9.4')
    """

    key: str = attrs.field(validator=_STR)
    what: str = attrs.field(validator=_STR)
    amount: int = attrs.field(validator=_validate.attrs_check(_validate.integer, minimum=0))
    unit: Unit = attrs.field(validator=_validate.attrs_one_of(*_COUNTING_OF))
    counting: Counting = attrs.field(validator=_check_counting)
    from_event: str = attrs.field(validator=_STR)
    clause: str = attrs.field(validator=_STR)
    nature: Nature = attrs.field(validator=_validate.attrs_one_of("retention", "deadline"))

    @property
    def period(self) -> str:
        """The period in words, e.g. ``'48 hours'`` or ``'30 jours ouvrés'``."""
        return _format_period(self.amount, self.unit)

    @overload
    def deadline(
        self, start: dt.datetime, *, hours: BusinessHours | None = None
    ) -> dt.datetime: ...

    @overload
    def deadline(self, start: dt.date, *, hours: BusinessHours | None = None) -> dt.date: ...

    def deadline(
        self, start: dt.date | dt.datetime, *, hours: BusinessHours | None = None
    ) -> dt.date | dt.datetime:
        """The deadline of this row from its starting event; see :func:`retention_deadline`."""
        return retention_deadline(self, start, hours=hours)

    def to_record(self) -> dict[str, Any]:
        """The row as a flat ``dict``."""
        return {
            "key": self.key,
            "what": self.what,
            "amount": self.amount,
            "unit": self.unit,
            "counting": self.counting,
            "from_event": self.from_event,
            "clause": self.clause,
            "nature": self.nature,
        }


def _rule_tuple(value: Iterable[RetentionRule]) -> tuple[RetentionRule, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WrongTypeError(f"rules={value!r} is not an iterable of RetentionRule")
    return tuple(value)


@attrs.frozen(kw_only=True)
class RetentionTable:
    """The retention rows, in the contract's order, looked up by key.

    >>> len(RETENTION_RULES), RETENTION_RULES.keys()[:2]
    (14, ('exchanges', 'incremental_backup'))
    >>> RETENTION_RULES["nope"]
    Traceback (most recent call last):
    ...
    libriciel_terms.errors.InvalidArgumentError: rule='nope' is not a row of the retention table; pass one of 'exchanges', 'incremental_backup', ...
    """

    rules: tuple[RetentionRule, ...] = attrs.field(converter=_rule_tuple)

    @rules.validator
    def _unique(self, _attribute: object, value: tuple[RetentionRule, ...]) -> None:
        keys = [r.key for r in value]
        if len(set(keys)) != len(keys):
            raise InvalidArgumentError(f"rules have duplicate keys: {keys!r}; give each a key")

    def keys(self) -> tuple[str, ...]:
        """Every row's key, in order."""
        return tuple(r.key for r in self.rules)

    def __getitem__(self, key: str) -> RetentionRule:
        for rule in self.rules:
            if rule.key == key:
                return rule
        known = ", ".join(repr(k) for k in self.keys())
        raise InvalidArgumentError(
            f"rule={key!r} is not a row of the retention table; pass one of {known}"
        )

    def __iter__(self) -> Iterator[RetentionRule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def to_records(self) -> list[dict[str, Any]]:
        """One ``dict`` per row (for ``pandas.DataFrame``)."""
        return [r.to_record() for r in self.rules]

    def __repr__(self) -> str:
        return table_repr(f"<RetentionTable: {len(self.rules)} rules>", self.to_records())

    def _repr_html_(self) -> str:
        return html_table(self.to_records())


def _rule(
    key: str, what: str, amount: int, unit: Unit, from_event: str, clause: str, nature: Nature
) -> RetentionRule:
    counting: Any = _COUNTING_OF[unit]
    return RetentionRule(
        key=key,
        what=what,
        amount=amount,
        unit=unit,
        counting=counting,
        from_event=from_event,
        clause=clause,
        nature=nature,
    )


#: RULES.md §6, row by row (Contract §2.2, §2.6.2, §3.3, §6.5.6, §6.5.9, §6.6).
RETENTION_RULES = RetentionTable(
    rules=(
        _rule(
            "exchanges", "exchanges kept on the platform", 6, "months",
            "the exchange", "2.2", "retention",
        ),
        _rule(
            "incremental_backup", "incremental backups, Mon–Fri 12:30 and 18:30", 24, "hours",
            "the backup", "2.6.2", "retention",
        ),
        _rule(
            "differential_backup", "differential backups, Mon–Fri 23:00", 8, "days",
            "the backup", "2.6.2", "retention",
        ),
        _rule(
            "weekly_full_backup", "full backup, Saturday 23:00", 15, "days",
            "the backup", "2.6.2", "retention",
        ),
        _rule(
            "monthly_full_backup", "full backup, 1st day of each month", 93, "days",
            "the backup", "2.6.2", "retention",
        ),
        _rule(
            "referent_data", "referents' personal data (commercial relation), kept at most",
            3, "years", "end of the commercial relation", "6.5.9.1", "retention",
        ),
        _rule(
            "support_data", "support data destroyed or anonymised after", 2, "years",
            "end of the contract", "6.5.9.2", "retention",
        ),
        _rule(
            "hosting_data_destruction", "hosting data: all copies destroyed within", 30,
            "working_days", "end of the contract, without renewal", "6.5.9.4", "deadline",
        ),
        _rule(
            "data_return", "personal data returned on written request within", 30,
            "working_days", "the written request", "6.5.9", "deadline",
        ),
        _rule(
            "return_confirmation", "controller confirms receipt in writing within", 30,
            "working_days", "the return", "6.5.9", "deadline",
        ),
        _rule(
            "destruction_confirmation", "titulaire confirms destruction in writing within", 7,
            "working_days", "the destruction", "6.5.9", "deadline",
        ),
        _rule(
            "breach_notification", "personal-data breach notified within", 48, "hours",
            "knowledge of the breach", "6.5.6", "deadline",
        ),
        _rule(
            "subprocessor_objection", "objection to a new sub-processor within", 30,
            "working_days", "receipt of the information", "6.6", "deadline",
        ),
        _rule(
            "regulatory_maintenance", "regulatory maintenance version delivered within", 3,
            "months", "publication of the regulation or decree", "3.3", "deadline",
        ),
    )
)  # fmt: skip


def _lookup(rule: object) -> RetentionRule:
    if isinstance(rule, RetentionRule):
        return rule
    if isinstance(rule, str):
        return RETENTION_RULES[rule]
    raise WrongTypeError(
        f"rule={rule!r} is a {type(rule).__name__}; pass a RetentionRule or the key of a row, "
        f"e.g. 'breach_notification'"
    )


@overload
def retention_deadline(
    rule: RetentionRule | str, start: dt.datetime, *, hours: BusinessHours | None = None
) -> dt.datetime: ...


@overload
def retention_deadline(
    rule: RetentionRule | str, start: dt.date, *, hours: BusinessHours | None = None
) -> dt.date: ...


def retention_deadline(
    rule: RetentionRule | str,
    start: dt.date | dt.datetime,
    *,
    hours: BusinessHours | None = None,
) -> dt.date | dt.datetime:
    """The deadline of a retention row, from the date or instant of its starting event.

    ``rule`` is a :class:`RetentionRule` or its key. ``start`` is the event: an aware
    ``datetime`` gives an instant in Europe/Paris, a ``date`` gives a date (Contract §2.2,
    §2.6.2, §3.3, §6.5.6, §6.5.9, §6.6; RULES.md §0 and §6):

    - ``hours``: elapsed time, only from an instant;
    - ``days``/``months``/``years``: calendar arithmetic on the Paris date, the wall-clock time
      kept, months clipped to the month's end;
    - ``working_days``: civil counting on ``hours`` (default ``BusinessHours.comelus()``): from a
      date, the N-th working day after it; from an instant, that day's business closing time
      (``hours.deadline(start, Delay.working_days(n))``).

    >>> from datetime import date, datetime
    >>> from zoneinfo import ZoneInfo
    >>> paris = ZoneInfo("Europe/Paris")
    >>> retention_deadline("weekly_full_backup", datetime(2025, 3, 22, 23, 0, tzinfo=paris))
    datetime.datetime(2025, 4, 6, 23, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
    >>> retention_deadline("subprocessor_objection", date(2025, 4, 30))  # 1, 8, 29 May, 9 June
    datetime.date(2025, 6, 17)
    >>> retention_deadline("hosting_data_destruction",
    ...                    datetime(2028, 8, 31, 18, 0, tzinfo=paris))
    datetime.datetime(2028, 10, 12, 18, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
    """
    row = _lookup(rule)
    if isinstance(start, dt.datetime):
        _validate.aware("start", start)
        if row.unit == "working_days":
            result: dt.datetime = _business_hours(hours).deadline(
                start, Delay.working_days(row.amount)
            )
            return result.astimezone(PARIS)
        return _shift_instant(start, row.amount, row.unit)
    _validate.day("start", start)
    if row.unit == "hours":
        raise WrongTypeError(
            f"start={start!r} is a date, but {row.key!r} runs {row.period} of elapsed time; "
            f"pass an aware datetime, e.g. datetime({start.year}, {start.month}, {start.day}, "
            f'16, 0, tzinfo=ZoneInfo("Europe/Paris"))'
        )
    if row.unit == "working_days":
        return _business_hours(hours).add_working_days(start, row.amount)
    return _shift_day(start, row.amount, row.unit)


# --------------------------------------------------------------------------- named helpers


def breach_notification_deadline(known_at: dt.datetime) -> dt.datetime:
    """When a personal-data breach must be notified: 48 elapsed hours after the titulaire
    learnt of it (Contract §6.5.6), by registered letter.

    The hours are real, elapsed hours (UTC), so across a DST change the wall clock moves by 47
    or 49 hours:

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> paris = ZoneInfo("Europe/Paris")
    >>> breach_notification_deadline(datetime(2025, 10, 24, 16, 0, tzinfo=paris))
    datetime.datetime(2025, 10, 26, 15, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
    """
    _validate.aware("known_at", known_at)
    return retention_deadline("breach_notification", known_at)


def hosting_data_destruction_deadline(
    contract_end: dt.date, *, hours: BusinessHours | None = None
) -> dt.date:
    """The last day to destroy every copy of the hosting data: 30 jours ouvrés after the
    contract's last day, without renewal (Contract §6.5.9.4), civil counting.

    ``contract_end`` is the contract's last day (inclusive); it does not count.

    >>> from datetime import date
    >>> hosting_data_destruction_deadline(date(2028, 8, 31))
    datetime.date(2028, 10, 12)
    >>> hosting_data_destruction_deadline(date(2025, 10, 31))  # 11 November skipped
    datetime.date(2025, 12, 15)
    """
    _validate.day("contract_end", contract_end)
    return retention_deadline("hosting_data_destruction", contract_end, hours=hours)


@overload
def exchange_purge_date(exchanged_at: dt.datetime) -> dt.datetime: ...


@overload
def exchange_purge_date(exchanged_at: dt.date) -> dt.date: ...


def exchange_purge_date(exchanged_at: dt.date | dt.datetime) -> dt.date | dt.datetime:
    """When an exchange leaves the platform: kept 6 months (Contract §2.2), same day number six
    months later, clipped to the month's end, wall-clock time kept.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> exchange_purge_date(datetime(2025, 3, 31, 10, 0, tzinfo=ZoneInfo("Europe/Paris")))
    datetime.datetime(2025, 9, 30, 10, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
    """
    return retention_deadline("exchanges", exchanged_at)


def subprocessor_objection_deadline(
    received_on: dt.date, *, hours: BusinessHours | None = None
) -> dt.date:
    """The last day the controller may object to a new sub-processor: 30 jours ouvrés after
    receiving the information (Contract §6.6).

    >>> from datetime import date
    >>> subprocessor_objection_deadline(date(2025, 1, 6))
    datetime.date(2025, 2, 17)
    """
    _validate.day("received_on", received_on)
    return retention_deadline("subprocessor_objection", received_on, hours=hours)


def regulatory_maintenance_deadline(published_on: dt.date) -> dt.date:
    """The last day to deliver a version complying with a new regulation: three months after its
    (or its decree's) publication (Contract §3.3), clipped to the month's end.

    >>> from datetime import date
    >>> regulatory_maintenance_deadline(date(2025, 11, 30))
    datetime.date(2026, 2, 28)
    """
    _validate.day("published_on", published_on)
    return retention_deadline("regulatory_maintenance", published_on)


# --------------------------------------------------------------------------- end-of-contract chain

Party = Literal["titulaire", "controller"]
#: How the hosting data's destruction combines with the return of the data (Contract §6.5.9):
#: ``"after_return"`` (default): due on the later of 30 jours ouvrés after the contract's end
#: (§6.5.9.4) and the moment the return procedure lets the titulaire destroy (the controller's
#: confirmation, or the first working day after its 30-jour-ouvré délai ran out);
#: ``"contract_end"``: 30 jours ouvrés after the contract's end, whatever the return procedure.
DestructionReading = Literal["after_return", "contract_end"]


@attrs.frozen(kw_only=True)
class ChainDeadline:
    """One deadline of the end-of-contract chain (Contract §6.5.9).

    ``from_date`` is the starting event's date; ``assumed_start`` is ``True`` when that event's
    real date was not given and the latest date it may happen on is used instead (so ``due`` is
    the latest the deadline can be). ``done_on`` is the date the obligation was met, when
    known, and ``met`` compares it with ``due``.
    """

    key: str
    obligation: str
    party: Party
    from_event: str
    from_date: dt.date
    assumed_start: bool
    due: dt.date
    clause: str
    done_on: dt.date | None = None
    note: str = ""

    @property
    def met(self) -> bool | None:
        """Whether the obligation was met in time (``None`` when ``done_on`` is unknown)."""
        return None if self.done_on is None else self.done_on <= self.due

    def to_record(self) -> dict[str, Any]:
        """The deadline as a flat ``dict``."""
        return {
            "obligation": self.obligation,
            "party": self.party,
            "from_event": self.from_event,
            "from_date": self.from_date,
            "assumed_start": self.assumed_start,
            "due": self.due,
            "clause": self.clause,
            "done_on": self.done_on,
            "met": self.met,
            "note": self.note,
        }


@attrs.frozen(kw_only=True)
class EndOfContractChain:
    """Every data-protection deadline that follows the contract's end, by due date."""

    contract_end: dt.date
    deadlines: tuple[ChainDeadline, ...]

    def __getitem__(self, key: str) -> ChainDeadline:
        for item in self.deadlines:
            if item.key == key:
                return item
        known = ", ".join(repr(d.key) for d in self.deadlines)
        raise InvalidArgumentError(f"key={key!r} is not in this chain; pass one of {known}")

    def keys(self) -> tuple[str, ...]:
        """The keys of the deadlines, in order."""
        return tuple(d.key for d in self.deadlines)

    def to_records(self) -> list[dict[str, Any]]:
        """One ``dict`` per deadline (for ``pandas.DataFrame``)."""
        return [d.to_record() for d in self.deadlines]

    def __repr__(self) -> str:
        return table_repr(
            f"<EndOfContractChain after {self.contract_end}: {len(self.deadlines)} deadlines>",
            self.to_records(),
        )

    def _repr_html_(self) -> str:
        return html_table(self.to_records())


def _optional_day(name: str, value: object) -> dt.date | None:
    return None if value is None else _validate.day(name, value)


def end_of_contract_chain(
    contract_end: dt.date,
    *,
    return_requested_on: dt.date | None = None,
    returned_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
    destroyed_on: dt.date | None = None,
    commercial_relation_end: dt.date | None = None,
    destruction: DestructionReading = "after_return",
    hours: BusinessHours | None = None,
) -> EndOfContractChain:
    """Every data-protection deadline that follows the contract's end (Contract §6.5.9).

    - the personal data returned within 30 jours ouvrés of a written request, made before the
      contract ends (only when ``return_requested_on`` is given);
    - the controller confirms receipt in writing within 30 jours ouvrés of the return;
    - the hosting data destroyed, all copies, within 30 jours ouvrés of the end (§6.5.9.4) —
      see ``destruction`` for how this meets the return procedure;
    - the titulaire confirms the destruction in writing within 7 jours ouvrés;
    - support data destroyed or anonymised after 2 years (§6.5.9.2);
    - referents' personal data kept at most 3 years after the end of the commercial relation
      (§6.5.9.1; ``commercial_relation_end`` defaults to ``contract_end``).

    Maintenance data (identifiers, passwords, §6.5.9.3) must be destroyed too, but the clause
    sets no délai, so it has no row. When an event's date is unknown, the next deadline runs
    from the latest date the event may happen on (``assumed_start=True``).

    >>> from datetime import date
    >>> chain = end_of_contract_chain(date(2028, 8, 31))
    >>> [(d.key, d.due.isoformat()) for d in chain.deadlines]
    [('hosting_data_destruction', '2028-10-12'), ('destruction_confirmation', '2028-10-23'), ('support_data', '2030-08-31'), ('referent_data', '2031-08-31')]
    """
    _validate.day("contract_end", contract_end)
    requested = _optional_day("return_requested_on", return_requested_on)
    returned = _optional_day("returned_on", returned_on)
    confirmed = _optional_day("confirmed_on", confirmed_on)
    destroyed = _optional_day("destroyed_on", destroyed_on)
    relation_end = _optional_day("commercial_relation_end", commercial_relation_end)
    if destruction not in ("after_return", "contract_end"):
        raise InvalidArgumentError(
            f"destruction={destruction!r} is not a reading; pass 'after_return' or 'contract_end'"
        )
    bh = _business_hours(hours)
    if requested is not None and requested > contract_end:
        raise OutsideTermError(
            f"return_requested_on={requested!r} is after contract_end={contract_end!r}; the "
            f"written request must come before the contract ends (Contract §6.5.9)"
        )
    if returned is not None and requested is None:
        raise InvalidArgumentError(
            f"returned_on={returned!r} is given without return_requested_on; pass the date of "
            f"the written request too"
        )
    if confirmed is not None and returned is None:
        raise InvalidArgumentError(
            f"confirmed_on={confirmed!r} is given without returned_on; pass the return's date too"
        )
    if requested is not None and returned is not None:
        _validate.ordered("return_requested_on", requested, "returned_on", returned)
    if returned is not None and confirmed is not None:
        _validate.ordered("returned_on", returned, "confirmed_on", confirmed)
    if destroyed is not None:
        _validate.ordered("contract_end", contract_end, "destroyed_on", destroyed)

    def rule_due(key: str, start: dt.date) -> dt.date:
        return retention_deadline(key, start, hours=bh)

    items: list[ChainDeadline] = []
    trigger: dt.date | None = None  # when the return procedure lets the titulaire destroy
    trigger_event = ""
    if requested is not None:
        rule = RETENTION_RULES["data_return"]
        return_due = rule_due(rule.key, requested)
        items.append(
            ChainDeadline(
                key=rule.key, obligation="return the personal data (on written request)",
                party="titulaire", from_event=rule.from_event, from_date=requested,
                assumed_start=False, due=return_due, clause=rule.clause, done_on=returned,
            )
        )  # fmt: skip
        rule = RETENTION_RULES["return_confirmation"]
        start = returned if returned is not None else return_due
        confirmation_due = rule_due(rule.key, start)
        items.append(
            ChainDeadline(
                key=rule.key, obligation="confirm receipt of the returned data in writing",
                party="controller", from_event=rule.from_event, from_date=start,
                assumed_start=returned is None, due=confirmation_due, clause=rule.clause,
                done_on=confirmed,
            )
        )  # fmt: skip
        if confirmed is not None:
            trigger, trigger_event = confirmed, "the controller's confirmation of receipt"
        else:
            trigger = bh.add_working_days(confirmation_due, 1)
            trigger_event = "the confirmation délai running out"

    rule = RETENTION_RULES["hosting_data_destruction"]
    destruction_due = rule_due(rule.key, contract_end)
    from_event, from_date, assumed, note = rule.from_event, contract_end, False, ""
    if trigger is not None and trigger > destruction_due:
        if destruction == "after_return":
            destruction_due = trigger
            from_event, from_date = trigger_event, trigger
            assumed = confirmed is None
            note = (
                "§6.5.9: destruction upon the confirmation (or once its délai ran out), "
                "later than 30 jours ouvrés after the end (§6.5.9.4)"
            )
        else:
            note = (
                f"conflict: the return procedure lets the titulaire destroy only from "
                f"{trigger.isoformat()} (§6.5.9), after this deadline (§6.5.9.4)"
            )
    items.append(
        ChainDeadline(
            key=rule.key, obligation="destroy every copy of the hosting data",
            party="titulaire", from_event=from_event, from_date=from_date,
            assumed_start=assumed, due=destruction_due, clause=rule.clause,
            done_on=destroyed, note=note,
        )
    )  # fmt: skip

    rule = RETENTION_RULES["destruction_confirmation"]
    start = destroyed if destroyed is not None else destruction_due
    items.append(
        ChainDeadline(
            key=rule.key, obligation="confirm the destruction in writing",
            party="titulaire", from_event=rule.from_event, from_date=start,
            assumed_start=destroyed is None, due=rule_due(rule.key, start), clause=rule.clause,
        )
    )  # fmt: skip

    rule = RETENTION_RULES["support_data"]
    items.append(
        ChainDeadline(
            key=rule.key, obligation="destroy or anonymise the support data",
            party="titulaire", from_event=rule.from_event, from_date=contract_end,
            assumed_start=False, due=rule_due(rule.key, contract_end), clause=rule.clause,
            note="after 2 years of retention",
        )
    )  # fmt: skip

    rule = RETENTION_RULES["referent_data"]
    start = relation_end if relation_end is not None else contract_end
    items.append(
        ChainDeadline(
            key=rule.key, obligation="stop keeping the referents' personal data",
            party="titulaire", from_event=rule.from_event, from_date=start,
            assumed_start=False, due=rule_due(rule.key, start), clause=rule.clause,
            note="" if relation_end is not None else "commercial relation taken to end with "
            "the contract",
        )
    )  # fmt: skip

    items.sort(key=lambda d: d.due)  # stable: equal dates keep the clause order
    return EndOfContractChain(contract_end=contract_end, deadlines=tuple(items))


# --------------------------------------------------------------------------- quotas (2.2)

#: ``"si"``: Mo = 10**6 and To = 10**12 bytes (the SI prefixes French units use; default);
#: ``"binary"``: Mo = 2**20 and To = 2**40 bytes (what many tools display as MB/TB).
Multiples = Literal["si", "binary"]

_QUOTAS: tuple[tuple[str, str, int, int], ...] = (
    # name, what, amount, exponent (2 = Mo, 4 = To)
    ("document", "size of one document", 150, 2),
    ("storage", "storage used", 1, 4),
    ("traffic", "traffic over the year", 20, 4),
)


@attrs.frozen(kw_only=True)
class QuotaLine:
    """One quota of clause 2.2 compared with a usage, in bytes."""

    quota: str
    what: str
    limit: str
    limit_bytes: int
    usage_bytes: int

    @property
    def exceeded(self) -> bool:
        """Whether the usage is above the limit (the limit itself is allowed: "maxi")."""
        return self.usage_bytes > self.limit_bytes

    def to_record(self) -> dict[str, Any]:
        """The line as a flat ``dict``."""
        return {
            "quota": self.quota,
            "what": self.what,
            "limit": self.limit,
            "limit_bytes": self.limit_bytes,
            "usage_bytes": self.usage_bytes,
            "exceeded": self.exceeded,
        }


@attrs.frozen(kw_only=True)
class QuotaReport:
    """The quotas that were checked and which of them a usage exceeds (Contract §2.2)."""

    multiples: Multiples
    lines: tuple[QuotaLine, ...]

    @property
    def exceeded(self) -> tuple[str, ...]:
        """The names of the exceeded quotas (``'document'``, ``'storage'``, ``'traffic'``)."""
        return tuple(line.quota for line in self.lines if line.exceeded)

    @property
    def ok(self) -> bool:
        """Whether no quota is exceeded."""
        return not self.exceeded

    def to_records(self) -> list[dict[str, Any]]:
        """One ``dict`` per checked quota."""
        return [line.to_record() for line in self.lines]

    def __repr__(self) -> str:
        return table_repr(f"<QuotaReport: {len(self.to_records())} quotas>", self.to_records())

    def _repr_html_(self) -> str:
        return html_table(self.to_records())


def check_quotas(
    *,
    document_bytes: int | None = None,
    storage_bytes: int | None = None,
    traffic_bytes: int | None = None,
    multiples: Multiples = "si",
) -> QuotaReport:
    """Which quotas of the subscription a usage exceeds (Contract §2.2).

    The subscription covers documents of 150 Mo at most each, 1 To of storage and 20 To of
    traffic over the year. Pass the usages to check, in bytes: ``document_bytes`` the size of
    a document (or of the largest one), ``storage_bytes`` the storage used, ``traffic_bytes``
    the traffic over a year. A usage equal to its limit is within it.

    ``multiples`` says what Mo and To mean: ``"si"`` (default) 10**6 and 10**12 bytes, the SI
    prefixes that French "mégaoctet"/"téraoctet" denote; ``"binary"`` 2**20 and 2**40.

    >>> report = check_quotas(document_bytes=150_000_001, storage_bytes=10**12)
    >>> report.exceeded, report.lines[1].exceeded
    (('document',), False)
    >>> check_quotas(document_bytes=150_000_001, multiples="binary").ok   # 150 Mio = 157,286,400
    True
    """
    if multiples not in ("si", "binary"):
        raise InvalidArgumentError(f"multiples={multiples!r} is not known; pass 'si' or 'binary'")
    base = 1000 if multiples == "si" else 1024
    usages = {"document": document_bytes, "storage": storage_bytes, "traffic": traffic_bytes}
    names = {"document": "document_bytes", "storage": "storage_bytes", "traffic": "traffic_bytes"}
    lines = []
    for quota, what, amount, exponent in _QUOTAS:
        usage = usages[quota]
        if usage is None:
            continue
        _validate.integer(names[quota], usage, minimum=0)
        unit = ("Mo" if exponent == 2 else "To") + ("" if multiples == "si" else " (binary)")
        lines.append(
            QuotaLine(
                quota=quota,
                what=what,
                limit=f"{amount} {unit}",
                limit_bytes=amount * base**exponent,
                usage_bytes=usage,
            )
        )
    if not lines:
        raise InvalidArgumentError(
            "no usage given; pass at least one of document_bytes, storage_bytes, traffic_bytes"
        )
    return QuotaReport(multiples=multiples, lines=tuple(lines))
