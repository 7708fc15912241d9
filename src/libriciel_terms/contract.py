"""A contract as data: every figure of one contract in one value object, read from a TOML file.

Libriciel SCOP serves many collectivités on one convention de service with different conditions
particulières; a collectivité holds several such contracts. A :class:`Contract` holds every
figure of one of them exactly once — parties and references, term, prices and VAT, billing,
payment terms, the revision clause, named business-hour schedules, named SLA policies (one
default, at most one hosting GTR), the availability commitment, the retention and
data-protection délais, the backup plan, the quotas and unit prices — and the rules compute from
it. The sections a file leaves out come from the convention de service
(``contracts/template.toml``).

>>> from libriciel_terms.comelus import COMELUS_2024
>>> COMELUS_2024.term.periods[-1].end, COMELUS_2024.prices.annual.ht
(datetime.date(2028, 8, 31), Decimal('1350.00'))
>>> COMELUS_2024.sla.name, sorted(COMELUS_2024.schedules)
('table 4.3', ['espace_client', 'interventions', 'portail_client'])

A file is read by :meth:`Contract.from_toml` (pure: it takes the text) or
:func:`~libriciel_terms.files.load_contract` (the only loader that opens a file), and written
back by :meth:`Contract.to_toml`: ``Contract.from_toml(c.to_toml()) == c``.

The failing case: every problem of a file is reported at once, each with its key path, the
value, what was expected and how to fix it.

>>> text = COMELUS_2024.to_toml().replace("renewals = 3", "renewal = 3")
>>> Contract.from_toml(text.replace('vat_percent = "20"', "vat_percent = 20.0"), source="x.toml")
Traceback (most recent call last):
...
libriciel_terms.errors.ContractFileError: x.toml: 3 problems
- term.renewals: missing; expected a whole number; add renewals = …
- term.renewal = 3: expected no such key; did you mean "renewals"?
- prices.vat_percent = 20.0: expected a decimal in a string; a TOML float cannot hold a decimal exactly; write it in quotes, e.g. "20"
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Generic, TypeVar

import attrs

from libriciel_terms import _contract_file as cf
from libriciel_terms import _validate
from libriciel_terms._text import plain
from libriciel_terms.billing import PriceLine, PriceList
from libriciel_terms.delays import Delay
from libriciel_terms.errors import ContractFileError, TermsError, UnknownKeyError
from libriciel_terms.holidays import ALSACE_MOSELLE, FRANCE, ExplicitHolidays, HolidayCalendar
from libriciel_terms.hours import BusinessHours, Window
from libriciel_terms.sla import Priority, SlaPolicy, SlaTarget, Target
from libriciel_terms.term import ContractTerm

__all__ = ["Contract", "NamedTable", "Reference"]

V = TypeVar("V")


@attrs.frozen
class NamedTable(Mapping[str, V], Generic[V]):
    """An immutable, hashable table of named values, in the file's order.

    A missing name raises :class:`~libriciel_terms.errors.UnknownKeyError` listing the names.
    """

    what: str
    items_: tuple[tuple[str, V], ...]

    def __getitem__(self, name: str) -> V:
        for key, value in self.items_:
            if key == name:
                return value
        known = ", ".join(repr(k) for k, _ in self.items_)
        raise UnknownKeyError(f"{self.what}={name!r} is not in this contract; use one of {known}")

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.items_)

    def __len__(self) -> int:
        return len(self.items_)


@attrs.frozen(kw_only=True)
class Reference:
    """A reference of the contract: a decision, the CP, a SIRET."""

    label: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    text: str = attrs.field(validator=_validate.check(_validate.text))


@attrs.frozen(kw_only=True)
class Contract:
    """Every figure of one contract (see the module docstring)."""

    name: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    product: str = attrs.field(default="", validator=_validate.check(_validate.text))
    buyer: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    titulaire: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    signed_on: dt.date = attrs.field(validator=_validate.check(_validate.day))
    example: bool = attrs.field(default=False, validator=_validate.instance_of(bool))
    references: tuple[Reference, ...] = attrs.field(
        default=(), converter=_validate.as_tuple, validator=_validate.each(Reference)
    )
    term: ContractTerm = attrs.field(validator=_validate.instance_of(ContractTerm))
    prices: PriceList = attrs.field(validator=_validate.instance_of(PriceList))
    schedules: NamedTable[BusinessHours] = attrs.field(validator=_validate.instance_of(NamedTable))
    policies: NamedTable[SlaPolicy] = attrs.field(validator=_validate.instance_of(NamedTable))
    default_policy: str = attrs.field(validator=_validate.instance_of(str))
    gtr_policy: str | None = attrs.field(default=None)
    #: The sections whose clause objects the rule modules are gaining (kept as checked file
    #: sections meanwhile).
    sections: Mapping[str, Any] = attrs.field(factory=dict, eq=False, hash=False, repr=False)

    @property
    def sla(self) -> SlaPolicy:
        """The default SLA policy."""
        return self.policies[self.default_policy]

    @property
    def hosting_gtr(self) -> SlaPolicy | None:
        """The hosting GTR policy (§2.5.2), if the contract has one."""
        return None if self.gtr_policy is None else self.policies[self.gtr_policy]

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<contract>") -> Contract:
        """Read a contract from the text of a TOML file (schema 1); reads no file.

        Every problem is reported at once in one
        :class:`~libriciel_terms.errors.ContractFileError`.
        """
        model, problems = cf.parse_toml(text, source=source)
        contract = None if model is None else _build(model, problems)
        if problems or contract is None:
            raise ContractFileError(source, problems.items)
        return contract

    def to_toml(self) -> str:
        """The contract as TOML text: ``Contract.from_toml(c.to_toml()) == c``."""
        return cf.dump_toml(_model(self))

    def billing_dates(self) -> tuple[dt.date, ...]:
        """Every billing date of the term."""
        return self.term.billing_dates()


# -- words of the file ---------------------------------------------------------------------------

_DAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip
_DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_HOLIDAYS: dict[str, HolidayCalendar] = {
    "france": FRANCE,
    "alsace_moselle": ALSACE_MOSELLE,
    "none": ExplicitHolidays.of(()),
    "aucun": ExplicitHolidays.of(()),
}
_PRIORITIES = {
    "bloquant": Priority.BLOQUANT,
    "majeur": Priority.MAJEUR,
    "serieux": Priority.SERIEUX,
    "mineur": Priority.MINEUR,
}
_TARGETS = {
    "prise_en_charge": Target.TAKE_CHARGE,
    "take_charge": Target.TAKE_CHARGE,
    "contournement": Target.WORKAROUND,
    "workaround": Target.WORKAROUND,
    "resolution": Target.RESOLUTION,
    "retablissement": Target.RESTORE,
    "restore": Target.RESTORE,
}
_COUNTED_FROM = {
    "signalement": "report",
    "report": "report",
    "contournement": "workaround",
    "workaround": "workaround",
    "prise_en_charge": "take_charge",
    "take_charge": "take_charge",
}


class _Reader:
    """Reads values of a file model into the rule modules' objects, collecting problems."""

    def __init__(self, problems: cf.Problems) -> None:
        self.problems = problems

    def word(self, path: str, value: str, words: Mapping[str, V]) -> V | None:
        found = words.get(plain(value))
        if found is None:
            accepted = " | ".join(dict.fromkeys(words))
            self.problems.add(path, value, f"one of {accepted}", "case and accents are ignored")
        return found

    def delay(self, path: str, value: str) -> Delay | None:
        try:
            return Delay.parse(value, name=path)
        except TermsError as exc:
            self.problems.add(path, value, 'a délai such as "4 heures ouvrées"', _fix(exc))
            return None

    def decimal(self, path: str, value: str, *, what: str, example: str) -> Decimal | None:
        try:
            return _validate.decimal(path, value, what=what, accept=(str,))
        except TermsError as exc:
            self.problems.add(path, value, f"{what} written as a decimal in a string", _fix(exc))
            return None

    def build(self, path: str, factory: Callable[..., V], **fields: Any) -> V | None:
        if any(v is None for v in fields.values()):
            return None  # a field already has its problem
        try:
            return factory(**fields)
        except TermsError as exc:
            shown = tuple(fields.values()) if len(fields) > 1 else next(iter(fields.values()))
            self.problems.add(path, shown, "values that fit together", str(exc))
            return None


def _fix(exc: TermsError) -> str:
    text = str(exc)
    return text.split("; ", 1)[1] if "; " in text else text


# -- building a contract -------------------------------------------------------------------------


def _term(read: _Reader, section: cf.TermSection) -> ContractTerm | None:
    period = read.delay("term.period", section.period)
    notice = read.delay("term.notice", section.notice)
    months = {}
    for name, delay in (("period", period), ("notice", notice)):
        if delay is not None:
            try:
                months[name] = delay.in_months
            except TermsError:
                read.problems.add(f"term.{name}", str(delay), 'months or years ("1 an", "2 mois")')
    if len(months) < 2:
        return None
    if months["notice"] >= months["period"]:
        read.problems.add(
            "term.notice",
            section.notice,
            f"a notice shorter than a period ({section.period})",
            "a notice of a whole period or more leaves no time to renew",
        )
        return None
    return read.build(
        "term",
        ContractTerm,
        start=section.start,
        period_months=months["period"],
        renewals=section.renewals,
        notice_months=months["notice"],
    )


def _prices(read: _Reader, section: cf.PricesSection) -> PriceList | None:
    vat = read.decimal("prices.vat_percent", section.vat_percent, what="a VAT rate", example="20")
    if vat is not None and not Decimal(0) <= vat <= Decimal(100):
        read.problems.add("prices.vat_percent", section.vat_percent, "a rate between 0 and 100")
        vat = None
    lines = []
    for i, line in enumerate(section.lines):
        amount = read.decimal(
            f"prices.lines[{i}].annual_ht", line.annual_ht, what="an amount", example="650.00"
        )
        built = read.build(f"prices.lines[{i}]", PriceLine, label=line.label, annual_ht=amount)
        lines.append(built)
    if not section.lines:
        read.problems.add("prices.lines", [], "at least one price line")
    if vat is None or any(line is None for line in lines) or not lines:
        return None
    return read.build("prices", PriceList, lines=tuple(lines), vat_rate_percent=vat)


def _schedule(
    read: _Reader, path: str, name: str, section: cf.ScheduleSection
) -> BusinessHours | None:
    days = _days(read, f"{path}.days", section.days)
    holidays = read.word(f"{path}.holidays", section.holidays, _HOLIDAYS)
    windows = []
    for i, text in enumerate(section.hours):
        opens, sep, closes = text.partition("-")
        if not sep:
            read.problems.add(
                f"{path}.hours[{i}]", text, 'a window "HH:MM-HH:MM"', 'e.g. "09:00-12:00"'
            )
            continue
        pair = (opens.strip(), closes.strip())
        try:
            Window.of(*pair)
        except TermsError as exc:
            read.problems.add(
                f"{path}.hours[{i}]", text, "a window that opens before it closes", str(exc)
            )
            continue
        windows.append(pair)
    if days is None or holidays is None or len(windows) != len(section.hours):
        return None
    try:
        return BusinessHours.weekly(
            dict.fromkeys(days, windows),
            holidays=holidays,
            zone=section.zone,
            name=section.name if section.name is not None else name,
        )
    except TermsError as exc:
        read.problems.add(
            f"{path}.hours", section.hours, "windows in order, not overlapping", str(exc)
        )
        return None


def _days(read: _Reader, path: str, value: Any) -> list[int] | None:
    names: list[str]
    if isinstance(value, str) and "-" in value:
        first, last = (read.word(path, part, _DAYS) for part in value.split("-", 1))
        if first is None or last is None:
            return None
        if last < first:
            read.problems.add(
                path, value, "a range from the first to the last day", 'e.g. "lundi-vendredi"'
            )
            return None
        return list(range(first, last + 1))
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        names = value
    elif isinstance(value, str):
        names = [value]
    else:
        read.problems.add(path, value, 'a range ("lundi-vendredi") or a list (["samedi"])')
        return None
    found = [read.word(f"{path}[{i}]", name, _DAYS) for i, name in enumerate(names)]
    return None if any(d is None for d in found) else sorted({d for d in found if d is not None})


def _policy(
    read: _Reader,
    path: str,
    name: str,
    section: cf.PolicySection,
    schedules: Mapping[str, BusinessHours | None],
) -> SlaPolicy | None:
    if section.schedule not in schedules:
        read.problems.add(
            f"{path}.schedule",
            section.schedule,
            "the name of a schedule of [schedules]",
            f"known: {', '.join(schedules)}",
        )
        hours = None
    else:
        hours = schedules[section.schedule]
    freezes = [
        read.word(f"{path}.freezes[{i}]", t, _TARGETS) for i, t in enumerate(section.freezes)
    ]
    targets = []
    for i, entry in enumerate(section.targets):
        at = f"{path}.targets[{i}]"
        target = read.word(f"{at}.target", entry.target, _TARGETS)
        freeze = entry.freezes if entry.freezes is not None else target in freezes
        row = read.build(
            at,
            SlaTarget,
            priority=read.word(f"{at}.priority", entry.priority, _PRIORITIES),
            target=target,
            delay=read.delay(f"{at}.delay", entry.delay),
            counted_from=read.word(f"{at}.counted_from", entry.counted_from, _COUNTED_FROM),
            freezes=freeze,
            clause=entry.clause,
            condition=entry.condition,
        )
        targets.append(row)
    if hours is None or any(t is None for t in targets) or None in freezes:
        return None
    return read.build(
        path, SlaPolicy, name=section.name or name, targets=tuple(targets), hours=hours
    )


def _build(model: cf.ContractFile, problems: cf.Problems) -> Contract | None:
    read = _Reader(problems)
    info = model.contract
    schedules = {
        name: _schedule(read, f"schedules.{name}", name, section)
        for name, section in model.schedules.items()
    }
    if not schedules:
        problems.add("schedules", {}, "at least one schedule", "add a [schedules.<name>] table")
    policies = {
        name: _policy(read, f"sla.{name}", name, section, schedules)
        for name, section in model.sla.items()
    }
    default = _one(read, "default", model.sla, required=True)
    gtr = _one(read, "gtr", model.sla, required=False)
    term = _term(read, model.term)
    prices = _prices(read, model.prices)
    if problems:
        return None
    template = _template()
    sections = {
        name: getattr(model, name) or getattr(template, name) for name in cf.TEMPLATE_SECTIONS
    }
    sections.update(
        billing=model.billing, payment=model.payment, revision=model.revision, printed=model.printed
    )
    return read.build(
        "contract",
        Contract,
        name=info.name,
        product=info.product,
        buyer=info.buyer,
        titulaire=info.titulaire,
        signed_on=info.signed_on,
        example=info.example,
        references=tuple(Reference(label=r.label, text=r.text) for r in info.references),
        term=term,
        prices=prices,
        schedules=NamedTable("schedule", tuple(schedules.items())),
        policies=NamedTable("policy", tuple(policies.items())),
        default_policy=default,
        gtr_policy=gtr if gtr else None,
        sections=sections,
    )


def _one(
    read: _Reader, flag: str, policies: Mapping[str, cf.PolicySection], *, required: bool
) -> str:
    chosen = [name for name, section in policies.items() if getattr(section, flag)]
    if len(chosen) > 1 or (required and not chosen):
        paths = ", ".join(f"sla.{name}.{flag}" for name in chosen) or f"sla.<name>.{flag}"
        what = "default policy" if flag == "default" else "hosting GTR policy"
        read.problems.add(
            paths,
            len(chosen),
            f"{'exactly' if required else 'at most'} one {what}",
            f"set {flag} = true on {'exactly' if required else 'at most'} one [sla.<name>] table",
        )
        return ""
    return chosen[0] if chosen else ""


@functools.cache
def _template() -> cf.TemplateFile:
    from libriciel_terms.files import bundled_text

    model, problems = cf.parse_template(bundled_text("template"))
    if problems or model is None:  # pragma: no cover - the bundled template is checked by tests
        raise ContractFileError("template.toml", problems.items)
    return model


# -- a contract back to its file -----------------------------------------------------------------


def _model(contract: Contract) -> cf.ContractFile:
    term = contract.term
    return cf.ContractFile(
        schema=cf.SCHEMA,
        contract=cf.ContractSection(
            name=contract.name,
            product=contract.product,
            buyer=contract.buyer,
            titulaire=contract.titulaire,
            signed_on=contract.signed_on,
            example=contract.example,
            references=tuple(
                cf.ReferenceEntry(label=r.label, text=r.text) for r in contract.references
            ),
        ),
        term=cf.TermSection(
            start=term.start,
            period=cf.DelayText(_months_text(term.period_months)),
            renewals=term.renewals,
            notice=cf.DelayText(_months_text(term.notice_months)),
        ),
        prices=cf.PricesSection(
            vat_percent=cf.DecimalText(str(contract.prices.vat_rate_percent)),
            lines=tuple(
                cf.PriceLineEntry(label=line.label, annual_ht=cf.DecimalText(str(line.annual_ht)))
                for line in contract.prices.lines
            ),
        ),
        billing=contract.sections["billing"],
        payment=contract.sections["payment"],
        revision=contract.sections["revision"],
        schedules={name: _schedule_section(hours) for name, hours in contract.schedules.items()},
        sla={
            name: _policy_section(contract, name, policy)
            for name, policy in contract.policies.items()
        },
        **{name: contract.sections[name] for name in (*cf.TEMPLATE_SECTIONS, "printed")},
    )


def _months_text(months: int) -> str:
    if months % 12 == 0:
        return Delay.years(months // 12).to_text()
    return Delay.months(months).to_text()


def _schedule_section(hours: BusinessHours) -> cf.ScheduleSection:
    open_days = [day for day, windows in enumerate(hours.week) if windows]
    windows = {hours.week[day] for day in open_days}
    if len(windows) != 1:
        raise TermsError(
            f"schedule {hours.name!r} has different windows on different days; the file format needs one set of daily windows"
        )
    (day_windows,) = windows
    if open_days == list(range(open_days[0], open_days[-1] + 1)) and len(open_days) > 1:
        days: Any = f"{_DAY_NAMES[open_days[0]]}-{_DAY_NAMES[open_days[-1]]}"
    else:
        days = [_DAY_NAMES[day] for day in open_days]
    return cf.ScheduleSection(
        name=hours.name,
        zone=hours.zone.key,
        holidays=_holidays_word(hours.holidays),
        days=days,
        hours=tuple(str(w).replace("–", "-") for w in day_windows),
    )


def _holidays_word(calendar: HolidayCalendar) -> str:
    for word, known in _HOLIDAYS.items():
        if known == calendar:
            return word
    raise TermsError(
        f"holidays={calendar!r} has no name in the file format (france, alsace_moselle, none)"
    )


_WORD_OF_TARGET = {
    Target.TAKE_CHARGE: "prise_en_charge",
    Target.WORKAROUND: "contournement",
    Target.RESOLUTION: "resolution",
    Target.RESTORE: "retablissement",
}
_WORD_OF_ORIGIN = {
    "report": "signalement",
    "workaround": "contournement",
    "take_charge": "prise_en_charge",
}


def _policy_section(contract: Contract, key: str, policy: SlaPolicy) -> cf.PolicySection:
    schedule = next(name for name, hours in contract.schedules.items() if hours == policy.hours)
    return cf.PolicySection(
        name=policy.name,
        default=key == contract.default_policy,
        gtr=key == contract.gtr_policy,
        schedule=schedule,
        targets=tuple(
            cf.TargetEntry(
                priority=_PRIORITY_WORDS[row.priority],
                target=_WORD_OF_TARGET[row.target],
                delay=cf.DelayText(row.delay.to_text()),
                counted_from=_WORD_OF_ORIGIN[row.counted_from],
                freezes=row.freezes,
                clause=row.clause,
                condition=row.condition,
            )
            for row in policy.targets
        ),
    )


_PRIORITY_WORDS = {value: word for word, value in _PRIORITIES.items()}
