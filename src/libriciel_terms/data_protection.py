"""Data-protection délais: a breach, a new sub-processor, regulatory maintenance, and the chain
of deadlines at the contract's end (contract §3.3, §6.5.6, §6.5.9, §6.6).

Each délai is a row of the contract's :class:`~libriciel_terms.retention.RetentionTable`,
counted on a :class:`~libriciel_terms.hours.BusinessHours` schedule; both are passed explicitly
(the contract holds them). At the end of the contract, without renewal, clause 6.5.9 sets off a
chain — return of the data on a written request, the controller's confirmation, destruction of
every copy, its written confirmation, support and referents' data — which
:func:`end_of_contract_chain` lays out by due date.

>>> from datetime import date
>>> from libriciel_terms.hours import BusinessHours
>>> from libriciel_terms.retention import RetentionTable
>>> table, hours = RetentionTable.comelus(), BusinessHours.comelus()
>>> chain = end_of_contract_chain(date(2028, 8, 31), table=table, hours=hours)
>>> [(d.key, d.due.isoformat()) for d in chain.deadlines]
[('hosting_data_destruction', '2028-10-12'), ('destruction_confirmation', '2028-10-23'), ('support_data', '2030-08-31'), ('referent_data', '2031-08-31')]
>>> print(chain["hosting_data_destruction"].to_text())
détruire toutes les copies des données d'hébergement
>>> subprocessor_objection_deadline(date(2025, 1, 6), table=table, hours=hours)
datetime.date(2025, 2, 17)

The pinned accessors ``breach_notification_deadline(known_at)`` and
``hosting_data_destruction_deadline(contract_end)`` answer with the ComElus figures.

The failing case: the written request for the return must come before the contract ends.

>>> end_of_contract_chain(date(2028, 8, 31), table=table, hours=hours,
...                       return_requested_on=date(2028, 9, 1))
Traceback (most recent call last):
...
libriciel_terms.errors.OutsideTermError: return_requested_on=datetime.date(2028, 9, 1) is after contract_end=datetime.date(2028, 8, 31); the written request must come before the contract ends (Contract §6.5.9)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Literal

import attrs

from libriciel_terms import _validate
from libriciel_terms._report import Column, Report
from libriciel_terms._text import NBSP, Lang, check_lang, date_long, pick
from libriciel_terms.delays import Delay
from libriciel_terms.errors import (
    InvalidArgumentError,
    OutsideTermError,
    UnknownKeyError,
    WrongTypeError,
)
from libriciel_terms.hours import BusinessHours
from libriciel_terms.retention import (
    DestructionReading,
    RetentionRule,
    RetentionTable,
    SupportDataStart,
)

__all__ = [
    "ChainDeadline",
    "ChainEvent",
    "ChainNote",
    "EndOfContractChain",
    "Party",
    "breach_notification_deadline",
    "end_of_contract_chain",
    "hosting_data_destruction_deadline",
    "regulatory_maintenance_deadline",
    "subprocessor_objection_deadline",
]

#: Who owes an obligation: the titulaire (the sub-processor) or the controller (the buyer).
Party = Literal["titulaire", "controller"]
#: The event a deadline of the chain runs from.
ChainEvent = Literal[
    "contract_end",
    "written_request",
    "return",
    "confirmation",
    "confirmation_delay_expiry",
    "destruction",
    "support_record",
    "commercial_relation_end",
]
#: A remark on how a deadline was set: ``after_return`` (C11, default reading: destruction
#: once the return procedure allows it), ``conflict`` (C11, other reading: the return procedure
#: allows destruction only after the deadline), ``relation_assumed`` (the commercial relation
#: taken to end with the contract), ``support_from_record`` (C23, other reading).
ChainNote = Literal["", "after_return", "conflict", "relation_assumed", "support_from_record"]

_MET = {True: ("oui", "yes"), False: ("non", "no")}
_PARTIES: dict[str, tuple[str, str]] = {
    "titulaire": ("titulaire", "contractor"),
    "controller": ("responsable de traitement", "controller"),
}
_EVENTS: dict[str, tuple[str, str]] = {
    "contract_end": ("la fin du contrat", "the end of the contract"),
    "written_request": ("la demande écrite", "the written request"),
    "return": ("le renvoi des données", "the return of the data"),
    "confirmation": ("la confirmation de la bonne réception", "the confirmation of receipt"),
    "confirmation_delay_expiry": (
        "l'expiration du délai de confirmation",
        "the end of the confirmation period",
    ),
    "destruction": ("la destruction", "the destruction"),
    "support_record": ("l'enregistrement des données du support", "the support record"),
    "commercial_relation_end": (
        "la fin de la relation commerciale",
        "the end of the commercial relation",
    ),
}
_OBLIGATIONS: dict[str, tuple[str, str]] = {
    "data_return": (
        "renvoyer les données personnelles (sur demande écrite)",
        "return the personal data (on written request)",
    ),
    "return_confirmation": (
        "confirmer par écrit la bonne réception des données",
        "confirm receipt of the returned data in writing",
    ),
    "hosting_data_destruction": (
        "détruire toutes les copies des données d'hébergement",
        "destroy every copy of the hosting data",
    ),
    "destruction_confirmation": (
        "informer par écrit de la destruction",
        "confirm the destruction in writing",
    ),
    "support_data": (
        "détruire ou anonymiser les données du support",
        "destroy or anonymise the support data",
    ),
    "referent_data": (
        "cesser de conserver les données personnelles des référents",
        "stop keeping the referents' personal data",
    ),
}


# --------------------------------------------------------------------------- named délais


def _comelus() -> tuple[RetentionTable, BusinessHours]:
    """The ComElus figures behind the pinned accessors: the bundled contract's table and its
    interventions schedule."""
    from libriciel_terms.comelus import COMELUS_2024

    return COMELUS_2024.retention, COMELUS_2024.schedules["interventions"]


def breach_notification_deadline(known_at: dt.datetime) -> dt.datetime:
    """When a personal-data breach must be notified under the ComElus contract: 48 elapsed hours
    after the titulaire learnt of it (Contract §6.5.6), by registered letter; in Europe/Paris.

    An accessor of the ComElus figures; for another contract use
    ``table.deadline("breach_notification", known_at, hours=...)``. The hours are real, elapsed
    hours (UTC), so across a DST change the wall clock moves by 47 or 49 hours:

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> paris = ZoneInfo("Europe/Paris")
    >>> breach_notification_deadline(datetime(2025, 10, 24, 16, 0, tzinfo=paris))
    datetime.datetime(2025, 10, 26, 15, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
    """
    table, hours = _comelus()
    return table.deadline("breach_notification", _validate.aware("known_at", known_at), hours=hours)


def hosting_data_destruction_deadline(contract_end: dt.date) -> dt.date:
    """The last day to destroy every copy of the hosting data under the ComElus contract: 30 jours
    ouvrés after the contract's last day, without renewal (Contract §6.5.9.4), civil counting.

    ``contract_end`` is the contract's last day (inclusive); it does not count. An accessor of the
    ComElus figures; for another contract use
    ``table.deadline("hosting_data_destruction", contract_end, hours=...)``.

    >>> from datetime import date
    >>> hosting_data_destruction_deadline(date(2028, 8, 31))
    datetime.date(2028, 10, 12)
    >>> hosting_data_destruction_deadline(date(2025, 10, 31))  # 11 November skipped
    datetime.date(2025, 12, 15)
    """
    table, hours = _comelus()
    day = _validate.day("contract_end", contract_end)
    return table.deadline("hosting_data_destruction", day, hours=hours)


def subprocessor_objection_deadline(
    received_on: dt.date, *, table: RetentionTable, hours: BusinessHours
) -> dt.date:
    """The last day the controller may object to a new sub-processor: the
    ``subprocessor_objection`` row of ``table`` (ComElus: 30 jours ouvrés) after receiving the
    information (Contract §6.6).

    >>> from datetime import date
    >>> from libriciel_terms.retention import RETENTION_RULES
    >>> subprocessor_objection_deadline(date(2025, 4, 30), table=RETENTION_RULES,
    ...                                 hours=BusinessHours.comelus())  # 1, 8, 29 May, 9 June
    datetime.date(2025, 6, 17)
    """
    day = _validate.day("received_on", received_on)
    return _table(table).deadline("subprocessor_objection", day, hours=hours)


def regulatory_maintenance_deadline(
    published_on: dt.date, *, table: RetentionTable, hours: BusinessHours
) -> dt.date:
    """The last day to deliver a version complying with a new regulation: the
    ``regulatory_maintenance`` row of ``table`` (ComElus: three months) after its (or its
    decree's) publication (Contract §3.3), clipped to the month's end.

    >>> from datetime import date
    >>> from libriciel_terms.retention import RETENTION_RULES
    >>> regulatory_maintenance_deadline(date(2025, 11, 30), table=RETENTION_RULES,
    ...                                 hours=BusinessHours.comelus())
    datetime.date(2026, 2, 28)
    """
    day = _validate.day("published_on", published_on)
    return _table(table).deadline("regulatory_maintenance", day, hours=hours)


def _table(table: object) -> RetentionTable:
    return _validate.instance(
        "table", table, RetentionTable, "the contract's table, e.g. RetentionTable.comelus()"
    )


# --------------------------------------------------------------------------- the chain's rows

_DAY = _validate.check(_validate.day)
_OPTIONAL_DAY = _validate.optional(_validate.day)


@attrs.frozen(kw_only=True)
class ChainDeadline:
    """One deadline of the end-of-contract chain (Contract §6.5.9).

    ``key`` names the row of the retention table it applies; ``from_event`` and ``from_date`` the
    event it runs from; ``assumed_start`` is ``True`` when that event's real date was not given
    and the latest date it may happen on is used instead (so ``due`` is the latest the deadline
    can be). ``done_on`` is the date the obligation was met, when known, and :attr:`met` compares
    it with ``due``. ``note`` names a remark on how ``due`` was set (:data:`ChainNote`), with
    ``trigger_on`` the date the return procedure allows destruction from, for a ``conflict``.
    """

    key: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    party: Party = attrs.field(validator=_validate.choice(Party))
    from_event: ChainEvent = attrs.field(validator=_validate.choice(ChainEvent))
    from_date: dt.date = attrs.field(validator=_DAY)
    assumed_start: bool = attrs.field(validator=_validate.instance_of(bool))
    due: dt.date = attrs.field(validator=_DAY)
    clause: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    delay: Delay = attrs.field(validator=_validate.instance_of(Delay))
    done_on: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DAY)
    note: ChainNote = attrs.field(default="", validator=_validate.choice(ChainNote))
    trigger_on: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DAY)

    def __attrs_post_init__(self) -> None:
        if (self.note == "conflict") != (self.trigger_on is not None):
            raise InvalidArgumentError(
                f"note={self.note!r} and trigger_on={self.trigger_on!r}: a 'conflict' note needs "
                f"the date the return procedure allows destruction from, and only it has one"
            )

    @property
    def met(self) -> bool | None:
        """Whether the obligation was met in time (``None`` when ``done_on`` is unknown)."""
        return None if self.done_on is None else self.done_on <= self.due

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The obligation in words: « détruire toutes les copies des données d'hébergement »."""
        fr, en = _OBLIGATIONS.get(self.key, (self.key, self.key))
        return pick(fr, en, check_lang(lang))

    def party_text(self, *, lang: Lang = "fr") -> str:
        """Who owes it: « titulaire », « responsable de traitement »; "contractor", "controller"."""
        return pick(*_PARTIES[self.party], check_lang(lang))

    def from_event_text(self, *, lang: Lang = "fr") -> str:
        """The starting event in words: « la fin du contrat »."""
        return pick(*_EVENTS[self.from_event], check_lang(lang))

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """The remark on how ``due`` was set, if any (built when asked for)."""
        lang = check_lang(lang)
        delay, trigger = self.delay.to_text(lang=lang), str(self.trigger_on)
        texts: dict[str, tuple[str, str]] = {
            "after_return": (
                f"§6.5.9{NBSP}: destruction dès la confirmation (ou l'expiration de son délai), "
                f"plus tard que {delay} après la fin (§6.5.9.4)",
                f"§6.5.9: destruction upon the confirmation (or once its period ran out), later "
                f"than {delay} after the end (§6.5.9.4)",
            ),
            "conflict": (
                f"conflit{NBSP}: la procédure de renvoi ne permet de détruire qu'à partir du "
                f"{trigger} (§6.5.9), après cette échéance (§6.5.9.4)",
                f"conflict: the return procedure lets the contractor destroy only from {trigger} "
                f"(§6.5.9), after this deadline (§6.5.9.4)",
            ),
            "relation_assumed": (
                "relation commerciale supposée finir avec le contrat",
                "commercial relation taken to end with the contract",
            ),
            "support_from_record": (
                f"{delay} à compter de chaque enregistrement du support (lecture C23)",
                f"{delay} from each support record (reading C23)",
            ),
        }
        return (pick(*texts[self.note], lang),) if self.note else ()

    def explain(self, *, lang: Lang = "fr") -> str:
        """How ``due`` was set, in one sentence citing the clause."""
        lang = check_lang(lang)
        fr_event, en_event = _EVENTS[self.from_event]
        day = date_long(self.from_date, lang)
        assumed = pick(", date au plus tard", ", at the latest", lang) if self.assumed_start else ""
        basis = pick(
            f"{self.delay.to_text(lang='fr')} à compter de {fr_event} ({day}{assumed})",
            f"{self.delay.to_text(lang='en')} from {en_event} ({day}{assumed})",
            lang,
        )
        if self.note == "after_return":
            basis = pick(
                f"dès {fr_event} ({day}{assumed})", f"upon {en_event} ({day}{assumed})", lang
            )
        head = pick(
            f"{self.to_text(lang=lang)}{NBSP}: au plus tard le {date_long(self.due, lang)}",
            f"{self.to_text(lang=lang)}: by {date_long(self.due, lang)}",
            lang,
        )
        return "; ".join((f"{head}, {basis} (§{self.clause})", *self.notes(lang=lang)))

    def to_records(self) -> list[dict[str, Any]]:
        """The deadline as one record: identifiers and dates."""
        return [
            {
                "key": self.key,
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
        ]


def _unique_keys(_instance: object, _attribute: object, rows: tuple[ChainDeadline, ...]) -> None:
    keys = [row.key for row in rows]
    if len(set(keys)) != len(keys):
        raise InvalidArgumentError(f"deadlines={keys!r} repeat a key; give each deadline its own")


@attrs.frozen(kw_only=True)
class EndOfContractChain(Report, Mapping[str, ChainDeadline]):
    """Every data-protection deadline that follows the contract's end, by due date: a mapping
    from each deadline's key to the deadline, with the readings it was computed under."""

    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("due", "échéance", "due", "date"),
        Column("party", "qui", "who"),
        Column("obligation", "obligation", "obligation"),
        Column("from_event", "à compter de", "from"),
        Column("from_date", "depuis le", "since", "date"),
        Column("clause", "clause", "clause"),
        Column("done_on", "fait le", "done on", "date"),
        Column("met", "respecté", "met"),
    )

    contract_end: dt.date = attrs.field(validator=_DAY)
    deadlines: tuple[ChainDeadline, ...] = attrs.field(
        converter=_validate.tuple_of(ChainDeadline),  # type: ignore[misc]
        validator=_unique_keys,
    )
    destruction: DestructionReading = attrs.field(validator=_validate.choice(DestructionReading))
    support_data_from: SupportDataStart = attrs.field(validator=_validate.choice(SupportDataStart))

    def __getitem__(self, key: str) -> ChainDeadline:
        for item in self.deadlines:
            if item.key == key:
                return item
        known = ", ".join(repr(d.key) for d in self.deadlines)
        raise UnknownKeyError(f"key={key!r} is not a deadline of this chain; pass one of {known}")

    def __iter__(self) -> Iterator[str]:
        return (d.key for d in self.deadlines)

    def __len__(self) -> int:
        return len(self.deadlines)

    def to_records(self) -> list[dict[str, Any]]:
        """One record per deadline, by due date (see :meth:`ChainDeadline.to_records`)."""
        return [record for row in self.deadlines for record in row.to_records()]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« Fin du contrat au 31 août 2028 : 4 échéances de protection des données »."""
        lang = check_lang(lang)
        n, end = len(self.deadlines), date_long(self.contract_end, lang)
        return pick(
            f"Fin du contrat au {end}{NBSP}: {n} échéance{'s' if n > 1 else ''} de protection "
            f"des données",
            f"End of the contract on {end}: {n} data-protection deadline{'s' if n != 1 else ''}",
            lang,
        )

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """The remarks of the rows, each after its obligation."""
        lang = check_lang(lang)
        return tuple(
            f"{row.to_text(lang=lang)}{pick(NBSP, '', lang)}: {note}"
            for row in self.deadlines
            for note in row.notes(lang=lang)
        )

    def display_records(self, *, lang: Lang = "fr") -> list[dict[str, Any]]:
        """The rows as people read them, in ``lang``."""
        return [
            {
                "due": row.due,
                "party": row.party_text(lang=lang),
                "obligation": row.to_text(lang=lang),
                "from_event": row.from_event_text(lang=lang),
                "from_date": row.from_date,
                "clause": f"§{row.clause}",
                "done_on": row.done_on,
                "met": None if row.met is None else pick(*_MET[row.met], lang),
            }
            for row in self.deadlines
        ]


# --------------------------------------------------------------------------- the chain


@attrs.frozen(kw_only=True)
class _Events:
    """The dates given to :func:`end_of_contract_chain`, checked against each other."""

    contract_end: dt.date = attrs.field(validator=_DAY)
    return_requested_on: dt.date | None = attrs.field(validator=_OPTIONAL_DAY)
    returned_on: dt.date | None = attrs.field(validator=_OPTIONAL_DAY)
    confirmed_on: dt.date | None = attrs.field(validator=_OPTIONAL_DAY)
    destroyed_on: dt.date | None = attrs.field(validator=_OPTIONAL_DAY)
    commercial_relation_end: dt.date | None = attrs.field(validator=_OPTIONAL_DAY)
    support_recorded_on: dt.date | None = attrs.field(validator=_OPTIONAL_DAY)

    def __attrs_post_init__(self) -> None:
        end = self.contract_end
        if self.return_requested_on is not None and self.return_requested_on > end:
            raise OutsideTermError(
                f"return_requested_on={self.return_requested_on!r} is after contract_end={end!r}; the "
                f"written request must come before the contract ends (Contract §6.5.9)"
            )
        if self.returned_on is not None and self.return_requested_on is None:
            raise InvalidArgumentError(
                f"returned_on={self.returned_on!r} is given without return_requested_on; pass the "
                f"date of the written request too"
            )
        if self.confirmed_on is not None and self.returned_on is None:
            raise InvalidArgumentError(
                f"confirmed_on={self.confirmed_on!r} is given without returned_on; pass the "
                f"return's date too"
            )
        if self.support_recorded_on is not None and self.support_recorded_on > end:
            raise OutsideTermError(
                f"support_recorded_on={self.support_recorded_on!r} is after contract_end={end!r}; "
                f"support data is recorded while the contract runs"
            )
        for first, a, second, b in (
            ("return_requested_on", self.return_requested_on, "returned_on", self.returned_on),
            ("returned_on", self.returned_on, "confirmed_on", self.confirmed_on),
            ("contract_end", end, "destroyed_on", self.destroyed_on),
        ):
            if a is not None and b is not None:
                _validate.ordered(first, a, second, b)


@attrs.frozen
class _Trigger:
    """When the return procedure lets the titulaire destroy, and from what event."""

    on: dt.date
    event: ChainEvent
    assumed: bool


def _row(rule: RetentionRule, party: Party, **fields: Any) -> ChainDeadline:
    return ChainDeadline(key=rule.key, party=party, clause=rule.clause, delay=rule.delay, **fields)


def _return_rows(
    events: _Events, table: RetentionTable, hours: BusinessHours
) -> tuple[list[ChainDeadline], _Trigger | None]:
    """The return on written request and its confirmation (§6.5.9), and when destruction may
    follow (the confirmation, or the first working day after its délai)."""
    if events.return_requested_on is None:
        return [], None
    returning = table["data_return"]
    return_due = returning.deadline(events.return_requested_on, hours=hours)
    confirming = table["return_confirmation"]
    start = events.returned_on if events.returned_on is not None else return_due
    confirmation_due = confirming.deadline(start, hours=hours)
    rows = [
        _row(returning, "titulaire", from_event="written_request", from_date=events.return_requested_on,
             assumed_start=False, due=return_due, done_on=events.returned_on),
        _row(confirming, "controller", from_event="return", from_date=start,
             assumed_start=events.returned_on is None, due=confirmation_due,
             done_on=events.confirmed_on),
    ]  # fmt: skip
    if events.confirmed_on is not None:
        return rows, _Trigger(events.confirmed_on, "confirmation", False)
    expiry = hours.add_working_days(confirmation_due, 1)
    return rows, _Trigger(expiry, "confirmation_delay_expiry", True)


def _destruction_row(
    events: _Events,
    table: RetentionTable,
    hours: BusinessHours,
    trigger: _Trigger | None,
    reading: DestructionReading,
) -> ChainDeadline:
    """Every copy of the hosting data destroyed (§6.5.9.4), read with the return (C11)."""
    rule = table["hosting_data_destruction"]
    due = rule.deadline(events.contract_end, hours=hours)
    fields: dict[str, Any] = {
        "from_event": "contract_end", "from_date": events.contract_end, "assumed_start": False,
        "due": due, "done_on": events.destroyed_on,
    }  # fmt: skip
    if trigger is not None and trigger.on > due:
        if reading == "after_return":
            fields.update(
                from_event=trigger.event, from_date=trigger.on, assumed_start=trigger.assumed,
                due=trigger.on, note="after_return",
            )  # fmt: skip
        else:
            fields.update(note="conflict", trigger_on=trigger.on)
    return _row(rule, "titulaire", **fields)


def _after_destruction(
    events: _Events, table: RetentionTable, hours: BusinessHours, destruction_due: dt.date
) -> ChainDeadline:
    """The titulaire's written notice of the destruction (§6.5.9)."""
    rule = table["destruction_confirmation"]
    start = events.destroyed_on if events.destroyed_on is not None else destruction_due
    return _row(rule, "titulaire", from_event="destruction", from_date=start,
                assumed_start=events.destroyed_on is None, due=rule.deadline(start, hours=hours))  # fmt: skip


def _support_row(
    events: _Events, table: RetentionTable, hours: BusinessHours, reading: SupportDataStart
) -> ChainDeadline:
    """Support data destroyed or anonymised after its retention (§6.5.9.2, C23)."""
    rule = table["support_data"]
    if reading == "contract_end":
        if events.support_recorded_on is not None:
            raise InvalidArgumentError(
                f"support_recorded_on={events.support_recorded_on!r} is used only when the 2 years "
                f"run from each record; pass support_data_from='record' too, or drop it"
            )
        return _row(rule, "titulaire", from_event="contract_end", from_date=events.contract_end,
                    assumed_start=False, due=rule.deadline(events.contract_end, hours=hours))  # fmt: skip
    recorded = events.support_recorded_on
    start = recorded if recorded is not None else events.contract_end
    return _row(rule, "titulaire", from_event="support_record", from_date=start,
                assumed_start=recorded is None, due=rule.deadline(start, hours=hours),
                note="support_from_record")  # fmt: skip


def _referent_row(events: _Events, table: RetentionTable, hours: BusinessHours) -> ChainDeadline:
    """Referents' personal data kept at most 3 years after the commercial relation (§6.5.9.1)."""
    rule = table["referent_data"]
    start = (
        events.commercial_relation_end
        if events.commercial_relation_end is not None
        else events.contract_end
    )
    note = "" if events.commercial_relation_end is not None else "relation_assumed"
    return _row(rule, "titulaire", from_event="commercial_relation_end", from_date=start,
                assumed_start=False, due=rule.deadline(start, hours=hours), note=note)  # fmt: skip


def end_of_contract_chain(
    contract_end: dt.date,
    *,
    table: RetentionTable,
    hours: BusinessHours,
    return_requested_on: dt.date | None = None,
    returned_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
    destroyed_on: dt.date | None = None,
    commercial_relation_end: dt.date | None = None,
    support_recorded_on: dt.date | None = None,
    destruction: DestructionReading | None = None,
    support_data_from: SupportDataStart | None = None,
) -> EndOfContractChain:
    """Every data-protection deadline that follows the contract's end (Contract §6.5.9), from the
    délais of ``table`` counted on the schedule ``hours``, by due date:

    - the personal data returned within 30 jours ouvrés of a written request, made before the
      contract ends (only when ``return_requested_on`` is given), and the controller's written
      confirmation of receipt within 30 jours ouvrés of the return;
    - every copy of the hosting data destroyed within 30 jours ouvrés of the end (§6.5.9.4) —
      ``destruction`` says how this meets the return procedure (C11, default ``table.destruction``);
    - the titulaire's written notice of the destruction within 7 jours ouvrés;
    - support data destroyed or anonymised after 2 years (§6.5.9.2) — ``support_data_from`` says
      what the 2 years run from (C23, default ``table.support_data_from``), and
      ``support_recorded_on`` the date of a support record under ``"record"``;
    - referents' personal data kept at most 3 years after the end of the commercial relation
      (§6.5.9.1; ``commercial_relation_end`` taken as ``contract_end`` when not given).

    Maintenance data (identifiers, passwords, §6.5.9.3) must be destroyed too, but the clause
    sets no délai, so it has no row. When an event's date is unknown, the next deadline runs from
    the latest date the event may happen on (``assumed_start=True``).

    >>> from datetime import date
    >>> table, hours = RETENTION_RULES, BusinessHours.comelus()
    >>> chain = end_of_contract_chain(date(2028, 8, 31), table=table, hours=hours,
    ...                               support_data_from="record",
    ...                               support_recorded_on=date(2025, 3, 10))
    >>> chain["support_data"].due
    datetime.date(2027, 3, 10)
    """
    events = _Events(
        contract_end=contract_end, return_requested_on=return_requested_on,
        returned_on=returned_on, confirmed_on=confirmed_on, destroyed_on=destroyed_on,
        commercial_relation_end=commercial_relation_end, support_recorded_on=support_recorded_on,
    )  # fmt: skip
    table = _table(table)
    if not isinstance(hours, BusinessHours):
        raise WrongTypeError(
            f"hours={hours!r} is a {type(hours).__name__}, not a BusinessHours; pass the "
            f"contract's schedule, e.g. BusinessHours.comelus()"
        )
    reading = table.destruction if destruction is None else destruction
    reading = _validate.one_of("destruction", reading, _validate.literal_values(DestructionReading))
    support = table.support_data_from if support_data_from is None else support_data_from
    support = _validate.one_of(
        "support_data_from", support, _validate.literal_values(SupportDataStart)
    )
    rows, trigger = _return_rows(events, table, hours)
    destroy = _destruction_row(events, table, hours, trigger, reading)
    rows += [
        destroy,
        _after_destruction(events, table, hours, destroy.due),
        _support_row(events, table, hours, support),
        _referent_row(events, table, hours),
    ]
    rows.sort(key=lambda row: row.due)  # stable: equal dates keep the clause order
    return EndOfContractChain(
        contract_end=events.contract_end, deadlines=tuple(rows), destruction=reading,
        support_data_from=support,
    )  # fmt: skip
