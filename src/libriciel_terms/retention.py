"""The retention table: how long things are kept, and the délais counted from an event
(contract §2.2, §2.6.2, §3.3, §6.5.6, §6.5.9, §6.6).

Every row of the contract's retention and data-protection table is a :class:`RetentionRule`:
what it covers (in French and in English), its period as a :class:`~libriciel_terms.delays.Delay`,
the event it runs from and the clause that sets it. A :class:`RetentionTable` holds the rows in
the contract's order, looked up by key, and the readings of the text that the end-of-contract
chain needs (see :mod:`libriciel_terms.data_protection`). :meth:`RetentionTable.comelus` is the
ComElus 2024 table, written once.

Every deadline is computed by a schedule (:class:`~libriciel_terms.hours.BusinessHours`), passed
explicitly: it gives the zone of calendar arithmetic and the working days. Units keep their
meaning (the docs' "Conventions" page):

- ``hours`` are **elapsed** time, counted in UTC: 48 h across the spring DST change are 49
  wall-clock hours (Contract §6.5.6);
- ``days``, ``months`` and ``years`` are **calendar** arithmetic on the local date in the
  schedule's zone, keeping the wall-clock time, months clipped to the month's last day;
- ``working_days`` are jours ouvrés with **civil** counting: the day of the event does not count
  and the délai ends on a working day of the schedule (from an instant: when that day's business
  hours close).

>>> from datetime import date, datetime
>>> from zoneinfo import ZoneInfo
>>> from libriciel_terms.hours import BusinessHours
>>> paris, hours = ZoneInfo("Europe/Paris"), BusinessHours.comelus()
>>> table = RetentionTable.comelus()
>>> table.deadline("breach_notification", datetime(2025, 3, 28, 16, 0, tzinfo=paris), hours=hours)
datetime.datetime(2025, 3, 30, 17, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
>>> table.deadline("hosting_data_destruction", date(2028, 8, 31), hours=hours)
datetime.date(2028, 10, 12)
>>> exchange_purge_date(date(2025, 8, 31), table=table, hours=hours)  # clipped to 28 February
datetime.date(2026, 2, 28)
>>> print(table["breach_notification"].to_text())
notification d'une violation de données personnelles : 48 heures à compter de la connaissance de la violation (§6.5.6)

The failing case: an elapsed-hour délai needs an instant, not a day.

>>> table.deadline("breach_notification", date(2025, 3, 28), hours=hours)
Traceback (most recent call last):
...
libriciel_terms.errors.WrongTypeError: start=datetime.date(2025, 3, 28) is a date, but 'breach_notification' runs 48 hours of elapsed time; pass an aware datetime, e.g. datetime(2025, 3, 28, 16, 0, tzinfo=ZoneInfo("Europe/Paris"))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Literal, overload

import attrs

from libriciel_terms import _validate
from libriciel_terms._report import Column, Report
from libriciel_terms._text import NBSP, Lang, check_lang, pick
from libriciel_terms.delays import Delay
from libriciel_terms.errors import InvalidArgumentError, UnknownKeyError, WrongTypeError
from libriciel_terms.hours import BusinessHours

__all__ = [
    "DestructionReading",
    "Nature",
    "RetentionRule",
    "RetentionTable",
    "SupportDataStart",
    "exchange_purge_date",
    "retention_deadline",
]

#: ``retention``: how long something is kept (the deadline is when it goes);
#: ``deadline``: an action due within the period.
Nature = Literal["retention", "deadline"]

#: How the hosting data's destruction combines with the return of the data (Contract §6.5.9,
#: contradiction C11): ``"after_return"`` (default) due on the later of 30 jours ouvrés after the
#: contract's end (§6.5.9.4) and the moment the return procedure lets the titulaire destroy (the
#: controller's confirmation, or the first working day after its 30-jour-ouvré délai ran out);
#: ``"contract_end"``: 30 jours ouvrés after the contract's end, whatever the return procedure.
DestructionReading = Literal["after_return", "contract_end"]

#: What the 2 years of §6.5.9.2 run from ("après une durée de conservation de 2 ans" names no
#: event): ``"contract_end"`` (default) the contract's end, under whose heading the clause sits
#: ("Au terme de la prestation"); ``"record"`` each support record's own date (a ticket's
#: closure), a rolling retention.
SupportDataStart = Literal["contract_end", "record"]

#: The units a retention period may have (a machine or a person counts it; none is business time).
_UNITS = ("hours", "days", "months", "years", "working_days")


def _check_delay(_instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Delay):
        raise WrongTypeError(
            f"{attribute.name}={value!r} is a {type(value).__name__}, not a Delay; pass e.g. "
            f'Delay.working_days(30) or Delay.parse("30 jours ouvrés")'
        )
    if value.unit not in _UNITS:
        raise InvalidArgumentError(
            f"{attribute.name}={value} is counted in {value.unit}, which no retention period "
            f"uses; pass hours, days, months, years or working days"
        )


_TEXT = _validate.check(_validate.text, empty=False)


@attrs.frozen(kw_only=True)
class RetentionRule:
    """One row of the retention and data-protection table.

    ``label``/``from_event`` are French, ``label_en``/``from_event_en`` English; ``delay`` is the
    period; ``nature`` says whether the row keeps something (``"retention"``) or sets an action
    due (``"deadline"``).

    >>> rule = RetentionTable.comelus()["hosting_data_destruction"]
    >>> str(rule.delay), rule.from_event, rule.clause
    ('30 jours ouvrés', 'la fin du contrat, sans reconduction', '6.5.9.4')
    >>> print(rule.to_text(lang="en"))
    every copy of the hosting data destroyed: 30 working days from the end of the contract, without renewal (§6.5.9.4)
    """

    key: str = attrs.field(validator=_TEXT)
    label: str = attrs.field(validator=_TEXT)
    label_en: str = attrs.field(validator=_TEXT)
    delay: Delay = attrs.field(validator=_check_delay)
    from_event: str = attrs.field(validator=_TEXT)
    from_event_en: str = attrs.field(validator=_TEXT)
    clause: str = attrs.field(validator=_TEXT)
    nature: Nature = attrs.field(validator=_validate.choice(Nature))

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The row in words: what, how long, from what (which clause)."""
        lang = check_lang(lang)
        label, event = (
            pick(self.label, self.label_en, lang),
            pick(self.from_event, self.from_event_en, lang),
        )
        since = pick(f"à compter de {event}", f"from {event}", lang)
        colon = pick(f"{NBSP}:", ":", lang)
        return f"{label}{colon} {self.delay.to_text(lang=lang)} {since} (§{self.clause})"

    @overload
    def deadline(self, start: dt.datetime, *, hours: BusinessHours) -> dt.datetime: ...

    @overload
    def deadline(self, start: dt.date, *, hours: BusinessHours) -> dt.date: ...

    def deadline(
        self, start: dt.date | dt.datetime, *, hours: BusinessHours
    ) -> dt.date | dt.datetime:
        """The deadline of this row from its starting event, on the schedule ``hours``.

        A ``date`` gives a date (:meth:`BusinessHours.deadline_on`); an aware ``datetime`` gives
        an instant in the schedule's zone (:meth:`BusinessHours.deadline`).
        """
        schedule = _schedule(hours)
        if isinstance(start, dt.datetime):
            return schedule.deadline(_validate.aware("start", start), self.delay)
        day = _validate.day("start", start)
        if self.delay.unit == "hours":
            raise WrongTypeError(
                f"start={day!r} is a date, but {self.key!r} runs {self.delay.to_text(lang='en')} "
                f"of elapsed time; pass an aware datetime, e.g. datetime({day.year}, "
                f'{day.month}, {day.day}, 16, 0, tzinfo=ZoneInfo("Europe/Paris"))'
            )
        return schedule.deadline_on(day, self.delay)

    def to_records(self) -> list[dict[str, Any]]:
        """The row as one record: its fields, the period as ``amount`` and ``unit``."""
        return [
            {
                "key": self.key,
                "label": self.label,
                "label_en": self.label_en,
                "amount": self.delay.amount,
                "unit": self.delay.unit,
                "from_event": self.from_event,
                "from_event_en": self.from_event_en,
                "clause": self.clause,
                "nature": self.nature,
            }
        ]


def _schedule(hours: object) -> BusinessHours:
    if not isinstance(hours, BusinessHours):
        raise WrongTypeError(
            f"hours={hours!r} is a {type(hours).__name__}, not a BusinessHours; pass the "
            f"contract's schedule, e.g. BusinessHours.comelus()"
        )
    return hours


def _unique_keys(_instance: object, _attribute: object, rules: tuple[RetentionRule, ...]) -> None:
    seen: set[str] = set()
    for rule in rules:
        if rule.key in seen:
            raise InvalidArgumentError(
                f"rules holds two rows with key={rule.key!r}; give each row its own key"
            )
        seen.add(rule.key)


@attrs.frozen(kw_only=True)
class RetentionTable(Report, Mapping[str, RetentionRule]):
    """The retention rows in the contract's order, a mapping from each row's key to the row,
    and the readings the end-of-contract chain uses (``destruction``, ``support_data_from``).

    >>> table = RetentionTable.comelus()
    >>> len(table), list(table)[:2]
    (14, ['exchanges', 'incremental_backup'])
    >>> print(table.headline(lang="en"))
    Retention periods and time limits (14 rows)
    >>> table["nope"]
    Traceback (most recent call last):
    ...
    libriciel_terms.errors.UnknownKeyError: key='nope' is not a row of the retention table; pass one of 'exchanges', 'incremental_backup', ...
    """

    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("label", "objet", "what"),
        Column("delay", "durée", "period"),
        Column("from_event", "à compter de", "from"),
        Column("clause", "clause", "clause"),
    )

    rules: tuple[RetentionRule, ...] = attrs.field(
        converter=_validate.tuple_of(RetentionRule),  # type: ignore[misc]
        validator=_unique_keys,
    )
    destruction: DestructionReading = attrs.field(
        default="after_return", validator=_validate.choice(DestructionReading)
    )
    support_data_from: SupportDataStart = attrs.field(
        default="contract_end", validator=_validate.choice(SupportDataStart)
    )
    _by_key: Mapping[str, RetentionRule] = attrs.field(
        init=False, repr=False, eq=False, hash=False, alias="_by_key"
    )

    def __attrs_post_init__(self) -> None:
        index = MappingProxyType({rule.key: rule for rule in self.rules})
        object.__setattr__(self, "_by_key", index)

    def __getstate__(self) -> dict[str, Any]:
        return {"rules": self.rules, "destruction": self.destruction,
                "support_data_from": self.support_data_from}  # fmt: skip

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.__attrs_post_init__()

    @classmethod
    def comelus(cls) -> RetentionTable:
        """The ComElus 2024 table (Contract §2.2, §2.6.2, §3.3, §6.5.6, §6.5.9, §6.6), row by row:
        the retention table of the bundled ComElus 2024 contract file."""
        from libriciel_terms.comelus import COMELUS_2024

        return COMELUS_2024.retention

    # -- the mapping

    def __getitem__(self, key: str) -> RetentionRule:
        try:
            return self._by_key[key]
        except (KeyError, TypeError):
            known = ", ".join(repr(k) for k in self._by_key)
            raise UnknownKeyError(
                f"key={key!r} is not a row of the retention table; pass one of {known}"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_key)

    def __len__(self) -> int:
        return len(self.rules)

    # -- computing

    @overload
    def deadline(
        self, rule: str | RetentionRule, start: dt.datetime, *, hours: BusinessHours
    ) -> dt.datetime: ...

    @overload
    def deadline(
        self, rule: str | RetentionRule, start: dt.date, *, hours: BusinessHours
    ) -> dt.date: ...

    def deadline(
        self, rule: str | RetentionRule, start: dt.date | dt.datetime, *, hours: BusinessHours
    ) -> dt.date | dt.datetime:
        """The deadline of row ``rule`` (a key or a row) from ``start`` on the schedule ``hours``
        (see :meth:`RetentionRule.deadline`)."""
        row = rule if isinstance(rule, RetentionRule) else self[rule]
        return row.deadline(start, hours=hours)

    # -- the report

    def to_records(self) -> list[dict[str, Any]]:
        """One record per row, in order (the fields of :meth:`RetentionRule.to_records`)."""
        return [record for rule in self.rules for record in rule.to_records()]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Durées de conservation et délais (14 lignes) »."""
        n = len(self.rules)
        return pick(
            f"Durées de conservation et délais ({n} ligne{'s' if n > 1 else ''})",
            f"Retention periods and time limits ({n} row{'s' if n != 1 else ''})",
            lang,
        )

    def display_records(self, *, lang: Lang = "fr") -> list[dict[str, Any]]:
        """The rows as people read them, in ``lang``."""
        return [
            {
                "label": pick(rule.label, rule.label_en, lang),
                "delay": rule.delay.to_text(lang=lang),
                "from_event": pick(rule.from_event, rule.from_event_en, lang),
                "clause": f"§{rule.clause}",
            }
            for rule in self.rules
        ]


def __getattr__(name: str) -> Any:
    # RETENTION_RULES is the bundled contract's table, read when first asked for: building it at
    # import would import the contract layer from a rule module.
    if name == "RETENTION_RULES":
        return RetentionTable.comelus()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@overload
def retention_deadline(
    rule: RetentionRule, start: dt.datetime, *, hours: BusinessHours
) -> dt.datetime: ...


@overload
def retention_deadline(rule: RetentionRule, start: dt.date, *, hours: BusinessHours) -> dt.date: ...


def retention_deadline(
    rule: RetentionRule, start: dt.date | dt.datetime, *, hours: BusinessHours
) -> dt.date | dt.datetime:
    """The deadline of a row from its starting event (the function form of
    :meth:`RetentionRule.deadline`): a date from a date, an instant in the schedule's zone from an
    aware instant.

    >>> from datetime import date, datetime
    >>> from zoneinfo import ZoneInfo
    >>> from libriciel_terms.hours import BusinessHours
    >>> paris, hours, table = ZoneInfo("Europe/Paris"), BusinessHours.comelus(), RetentionTable.comelus()
    >>> retention_deadline(table["weekly_full_backup"], datetime(2025, 3, 22, 23, 0, tzinfo=paris),
    ...                    hours=hours)
    datetime.datetime(2025, 4, 6, 23, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
    >>> retention_deadline(table["subprocessor_objection"], date(2025, 4, 30), hours=hours)
    datetime.date(2025, 6, 17)
    """
    if not isinstance(rule, RetentionRule):
        raise WrongTypeError(
            f"rule={rule!r} is a {type(rule).__name__}, not a RetentionRule; pass a row, e.g. "
            f'table["breach_notification"], or call table.deadline(key, start, hours=...)'
        )
    return rule.deadline(start, hours=hours)


@overload
def exchange_purge_date(
    exchanged_at: dt.datetime, *, table: RetentionTable, hours: BusinessHours
) -> dt.datetime: ...


@overload
def exchange_purge_date(
    exchanged_at: dt.date, *, table: RetentionTable, hours: BusinessHours
) -> dt.date: ...


def exchange_purge_date(
    exchanged_at: dt.date | dt.datetime, *, table: RetentionTable, hours: BusinessHours
) -> dt.date | dt.datetime:
    """When an exchange leaves the platform: the ``exchanges`` row of ``table`` (ComElus: kept
    6 months, Contract §2.2), same day number six months later, clipped to the month's end,
    wall-clock time kept in the schedule's zone.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from libriciel_terms.hours import BusinessHours
    >>> exchange_purge_date(datetime(2025, 3, 31, 10, 0, tzinfo=ZoneInfo("Europe/Paris")),
    ...                     table=RetentionTable.comelus(), hours=BusinessHours.comelus())
    datetime.datetime(2025, 9, 30, 10, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
    """
    return _table(table).deadline("exchanges", exchanged_at, hours=hours)


def _table(table: object) -> RetentionTable:
    return _validate.instance(
        "table", table, RetentionTable, "the contract's table, e.g. RetentionTable.comelus()"
    )
