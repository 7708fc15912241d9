"""A contract as data: every figure of one contract in one value object, read from a TOML file.

Libriciel SCOP serves many collectivités on one convention de service with different conditions
particulières; a collectivité holds several such contracts. A :class:`Contract` holds every
figure of one of them exactly once — parties and references, term, prices and VAT, billing,
payment terms, the revision clause, named business-hour schedules, named SLA policies (one
default, at most one hosting GTR), the availability commitment, the retention and
data-protection délais, the backup plan, the quotas, the unit prices, the figures its texts print
otherwise, and the reading chosen for each ambiguity of the text — and the rules compute from it.
The sections a file leaves out come from the convention de service (``contracts/template.toml``).

>>> from libriciel_terms import COMELUS_2024
>>> COMELUS_2024.term.periods[-1].end, COMELUS_2024.prices.annual.ht
(datetime.date(2028, 8, 31), Decimal('1350.00'))
>>> COMELUS_2024.sla.name, sorted(COMELUS_2024.schedules)
('table 4.3', ['espace_client', 'interventions', 'portail_client'])
>>> COMELUS_2024.billing.frequency, COMELUS_2024.revision.fixed_part
('quarterly', Decimal('0.15'))

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
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from libriciel_terms import _contract_file as cf
from libriciel_terms import _schedules, _validate
from libriciel_terms._reference import OnConflict
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang, pick, plain
from libriciel_terms.backups import BackupJob, BackupSchedule
from libriciel_terms.billing import Amounts, BillingTerms, PriceLine, PriceList
from libriciel_terms.claims import PaymentTerms
from libriciel_terms.consistency import PrintedFigures
from libriciel_terms.delays import Delay
from libriciel_terms.downtime import AvailabilityCommitment
from libriciel_terms.errors import ContractFileError, TermsError, UnknownKeyError
from libriciel_terms.holidays import HolidayCalendar
from libriciel_terms.hours import BusinessHours
from libriciel_terms.quotas import Quotas
from libriciel_terms.rates import ECB_MRO, RateTable
from libriciel_terms.retention import RetentionRule, RetentionTable
from libriciel_terms.revision import RevisionClause
from libriciel_terms.sla import (
    GtrScope,
    HolidaysInPsg,
    Priority,
    ResolutionFrom,
    SlaPolicy,
    SlaTarget,
    Target,
    Units27,
)
from libriciel_terms.syntec import SYNTEC, SyntecSeries
from libriciel_terms.term import ContractTerm
from libriciel_terms.unit_prices import UnitPrice, UnitPriceList

if TYPE_CHECKING:
    from libriciel_terms.obligations import ObligationsCalendar
    from libriciel_terms.termsheet import TermSheet

__all__ = ["Contract", "NamedTable", "Reading", "Readings", "Reference", "SlaReadings"]

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
class Reading:
    """The reading a contract chose where its text is ambiguous, and the template's default."""

    key: str
    value: str
    default: str
    clause: str
    meaning: str

    @property
    def is_default(self) -> bool:
        """Whether the contract keeps the template's default."""
        return self.value == self.default


#: What each reading decides, in French (the file format documents it in English).
_MEANINGS_FR = {
    "notice_reading": "anniversary | end_of_year | end_of_calendar_year : la date dont le préavis "
    "se compte à rebours",
    "notice_event": "received | decided : ce qui doit avoir eu lieu à la date limite du préavis",
    "late_notice": "next_renewal | this_renewal : ce que termine une lettre reçue à "
    "l'anniversaire ou après",
    "notice_effect": "end_of_day | start_of_day : le dernier jour d'exécution après un préavis "
    "tardif",
    "balance_basis": "days | months | started_months : comment se mesure le solde d'un préavis "
    "tardif",
    "prorata_first_of_month": "next_month | same_month : une installation le 1er est facturée à "
    "partir du mois suivant",
    "revision_basis": "chained | fixed_base : chaque révision part du prix révisé précédent ou "
    "du prix initial",
    "revision_publication": "observed | rule : quand une valeur d'indice compte comme publiée",
    "interest_day_count": "ACT/365F | ACT/ACT : le décompte des jours des intérêts moratoires",
    "availability_measured": "psg | all_hours : le temps sur lequel se mesure la disponibilité",
    "availability_planned": "removed_from_both | removed_from_downtime : ce dont les "
    "interventions planifiées sont retirées",
    "availability_holidays": "excluded | included : si la PSG exclut les jours fériés",
    "availability_planned_in_psg": "excluded | counted : les interventions planifiées pendant "
    "la PSG",
    "destruction": "after_return | contract_end : le point de départ de la destruction des "
    "données hébergées",
    "support_data_from": "contract_end | record : le point de départ des 2 ans des données du "
    "support",
    "backups_on_holidays": "run | skip : si les sauvegardes ont lieu les jours fériés",
    "simultaneous_backups": "merge | separate : des sauvegardes prises au même instant",
    "quota_multiples": "si | binary : ce que valent un Mo et un To",
    "sla_units": "business | calendar : les « 8 heures », « 24 heures », « 3 jours » du §2.7, "
    "qui ne disent ni « ouvrées » ni « ouvrés », dans les politiques qui citent le §2.7",
    "resolution_from": "report | workaround | confirmation : d'où compte une résolution "
    "conditionnelle",
    "gtr_scope": "blocking_or_major | any_unavailability : les priorités que couvre la GTR de "
    "l'hébergement",
    "sla_holidays": "excluded | included : si les délais de la GTR et du §2.7 sautent les jours "
    "fériés (le tableau 4.3 garde ceux du §4.1)",
}


@attrs.frozen(kw_only=True)
class Readings(Report, Mapping[str, str]):
    """Every reading of a contract, by key (``readings["notice_reading"]``)."""

    COLUMNS = (
        Column("key", "lecture", "reading"),
        Column("value", "retenue", "chosen"),
        Column("default", "par défaut", "default"),
        Column("clause", "clause", "clause"),
        Column("meaning", "sens", "meaning"),
    )

    rows: tuple[Reading, ...]

    def __attrs_post_init__(self) -> None:
        _validate.fields(self, {"rows": tuple})
        _validate.items("rows", self.rows, Reading)

    def __getitem__(self, key: str) -> str:
        for row in self.rows:
            if row.key == key:
                return row.value
        known = ", ".join(row.key for row in self.rows)
        raise UnknownKeyError(f"key={key!r} is not a reading; use one of {known}")

    def __iter__(self) -> Iterator[str]:
        return (row.key for row in self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_records(self) -> list[dict[str, Any]]:
        """One record per reading: key, value, default, clause, meaning."""
        return [attrs.asdict(row) for row in self.rows]

    def display_records(self, *, lang: Lang = "fr") -> list[dict[str, Any]]:
        """The readings as people read them: the meaning in French, or the file's English."""
        return [
            {**attrs.asdict(row), "meaning": _MEANINGS_FR.get(row.key, row.meaning)}
            if lang == "fr"
            else attrs.asdict(row)
            for row in self.rows
        ]

    def headline(self, *, lang: Lang = "fr") -> str:
        """« 18 lectures, dont 2 autres que le modèle »."""
        changed = sum(not row.is_default for row in self.rows)
        n = len(self.rows)
        return pick(
            f"{n} lectures, dont {changed} autre{'s' if changed > 1 else ''} que celle par défaut",
            f"{n} readings, {changed} other than the default",
            lang,
        )


@attrs.frozen(kw_only=True)
class Reference:
    """A reference of the contract: a decision, the CP, a SIRET."""

    label: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    text: str = attrs.field(validator=_validate.check(_validate.text))


def _is(kind: type) -> _validate.Validator:
    return _validate.instance_of(kind)


@attrs.frozen(kw_only=True)
class SlaReadings:
    """The readings of the SLA clauses a contract applies to its policies (C16–C18, C21).

    The policies of a contract hold the délais as its file writes them; :meth:`Contract.policy`
    gives them read this way (:meth:`SlaPolicy.with_readings`), each reading on the policies its
    clause governs:

    - ``resolution_from`` (table 4.3, C17): every policy; it changes only a conditional
      resolution counted from the report;
    - ``units`` (§2.7, C16): the policies citing §2.7 (a target whose clause names it);
    - ``scope`` (§2.5.2 vs §2.8, C18): the hosting GTR policy;
    - ``holidays_in_psg`` (§1.6, §2.7, §2.8 vs §4.1, C21): the hosting GTR policy and the
      policies citing §2.7 (table 4.3 counts in §4.1's heures ouvrées, holidays excluded).
    """

    resolution_from: ResolutionFrom = attrs.field(
        default="report", validator=_validate.choice(ResolutionFrom)
    )
    units: Units27 = attrs.field(default="business", validator=_validate.choice(Units27))
    scope: GtrScope = attrs.field(default="blocking_or_major", validator=_validate.choice(GtrScope))
    holidays_in_psg: HolidaysInPsg = attrs.field(
        default="excluded", validator=_validate.choice(HolidaysInPsg)
    )

    def apply(self, policy: SlaPolicy, *, gtr: bool) -> SlaPolicy:
        """``policy`` read this way (``gtr``: it is the contract's hosting GTR policy)."""
        section_2_7 = any("§2.7" in row.clause for row in policy.targets)
        return policy.with_readings(
            resolution_from=self.resolution_from,
            units=self.units if section_2_7 else "business",
            scope=self.scope if gtr else "blocking_or_major",
            holidays_in_psg=self.holidays_in_psg if gtr or section_2_7 else "excluded",
        )


@attrs.frozen(kw_only=True)
class Contract:
    """Every figure of one contract (see the module docstring)."""

    name: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    product: str = attrs.field(default="", validator=_validate.check(_validate.text))
    buyer: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    titulaire: str = attrs.field(validator=_validate.check(_validate.text, empty=False))
    signed_on: dt.date = attrs.field(validator=_validate.check(_validate.day))
    example: bool = attrs.field(default=False, validator=_is(bool))
    references: tuple[Reference, ...] = attrs.field(
        default=(), converter=_validate.as_tuple, validator=_validate.each(Reference)
    )
    term: ContractTerm = attrs.field(validator=_is(ContractTerm))
    prices: PriceList = attrs.field(validator=_is(PriceList))
    billing: BillingTerms = attrs.field(validator=_is(BillingTerms))
    payment: PaymentTerms = attrs.field(validator=_is(PaymentTerms))
    revision: RevisionClause = attrs.field(validator=_is(RevisionClause))
    schedules: NamedTable[BusinessHours] = attrs.field(validator=_is(NamedTable))
    policies: NamedTable[SlaPolicy] = attrs.field(validator=_is(NamedTable))
    default_policy: str = attrs.field(validator=_is(str))
    gtr_policy: str | None = attrs.field(default=None)
    availability: AvailabilityCommitment = attrs.field(validator=_is(AvailabilityCommitment))
    retention: RetentionTable = attrs.field(validator=_is(RetentionTable))
    backups: BackupSchedule = attrs.field(validator=_is(BackupSchedule))
    quotas: Quotas = attrs.field(validator=_is(Quotas))
    unit_prices: UnitPriceList = attrs.field(validator=_is(UnitPriceList))
    printed: PrintedFigures | None = attrs.field(default=None)
    sla_readings: SlaReadings = attrs.field(factory=SlaReadings, validator=_is(SlaReadings))

    @property
    def sla(self) -> SlaPolicy:
        """The default SLA policy, read with the contract's SLA readings."""
        return self.policy(self.default_policy)

    @property
    def hosting_gtr(self) -> SlaPolicy | None:
        """The hosting GTR policy (§2.5.2), if the contract has one, read with its readings."""
        return None if self.gtr_policy is None else self.policy(self.gtr_policy)

    def policy(self, name: str) -> SlaPolicy:
        """The SLA policy ``name`` read with the contract's SLA readings (:class:`SlaReadings`);
        ``policies[name]`` is the policy as the file writes it.

        >>> import attrs
        >>> wide = attrs.evolve(COMELUS_2024, sla_readings=SlaReadings(scope="any_unavailability"))
        >>> len(COMELUS_2024.policies["gtr_hebergement"]), len(wide.policy("gtr_hebergement"))
        (4, 8)
        """
        return self.sla_readings.apply(self.policies[name], gtr=name == self.gtr_policy)

    @classmethod
    def from_toml(
        cls, text: str, *, source: str = "<contract>", files: Mapping[str, str] | None = None
    ) -> Contract:
        """Read a contract from the text of a TOML file (schema 1); reads no file.

        ``files`` gives the text of the reference files the contract names (``[reference]
        syntec = "values.csv"``), by the name it uses; :func:`~libriciel_terms.files.load_contract`
        reads them next to the contract file. Every problem is reported at once in one
        :class:`~libriciel_terms.errors.ContractFileError`.
        """
        model, problems = cf.parse_toml(text, source=source)
        contract = None if model is None else _build(model, problems, dict(files or {}))
        if problems or contract is None:
            raise ContractFileError(source, problems.items)
        return contract

    def to_toml(self) -> str:
        """The contract as TOML text: ``Contract.from_toml(c.to_toml()) == c``."""
        return cf.dump_toml(_model(self))

    def with_reference_values(
        self,
        *,
        syntec: SyntecSeries | None = None,
        ecb: RateTable | None = None,
        on_conflict: OnConflict = "raise",
    ) -> Contract:
        """The same contract with index values or rates added to the ones it uses.

        A value that contradicts one already held is refused unless ``on_conflict`` is
        ``"keep"`` (the held value wins) or ``"replace"``.
        """
        revision, payment = self.revision, self.payment
        if syntec is not None:
            index = revision.index.merged(syntec, on_conflict=on_conflict)
            revision = attrs.evolve(revision, index=index)
        if ecb is not None:
            rates = payment.ecb_rates.merged(ecb, on_conflict=on_conflict)
            payment = attrs.evolve(payment, ecb_rates=rates)
        return attrs.evolve(self, revision=revision, payment=payment)

    def billing_dates(self) -> tuple[dt.date, ...]:
        """Every billing date of the term, as the billing terms set them (CP, §1.8)."""
        return self.billing.billing_dates(self.term)

    def obligations(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> ObligationsCalendar:
        """The obligations calendar of this contract, from ``start`` to ``end`` (both included;
        by default its whole term and the data-protection deadlines after it).

        >>> from datetime import date
        >>> [o.kind for o in COMELUS_2024.obligations(date(2025, 7, 1), date(2025, 9, 1))]
        ['notice', 'invoice', 'revision']
        """
        from libriciel_terms.obligations import obligations_calendar

        calendar = obligations_calendar(self)
        if start is None and end is None:
            return calendar
        first = self.term.start if start is None else start
        last = calendar[-1].due_on if end is None else end
        return calendar.between(first, last)

    def term_sheet(self, *, as_of: dt.date | None = None) -> TermSheet:
        """The term sheet of this contract (see :func:`~libriciel_terms.termsheet.term_sheet`)."""
        from libriciel_terms.termsheet import term_sheet

        return term_sheet(self, as_of=as_of)

    def readings(self) -> Readings:
        """The reading chosen for each ambiguity of the text, beside the template's default.

        >>> COMELUS_2024.readings()["notice_reading"]
        'anniversary'
        """
        chosen = _readings_section(self)
        return Readings(
            rows=tuple(
                Reading(
                    key=field.name,
                    value=getattr(chosen, field.name),
                    default=str(field.default),
                    clause=field.metadata["clause"],
                    meaning=field.metadata["doc"],
                )
                for field in attrs.fields(cf.ReadingsSection)
            )
        )


# -- the words of the file -----------------------------------------------------------------------


_words = _schedules.words
_DAYS = _schedules.DAYS
_HOLIDAYS = _schedules.HOLIDAYS
_PRIORITIES = _words(
    ("bloquant", Priority.BLOQUANT),
    ("majeur", Priority.MAJEUR),
    ("serieux", Priority.SERIEUX),
    ("mineur", Priority.MINEUR),
    ("blocking", Priority.BLOQUANT),
    ("major", Priority.MAJEUR),
    ("serious", Priority.SERIEUX),
    ("minor", Priority.MINEUR),
)
_TARGETS = _words(
    ("prise_en_charge", Target.TAKE_CHARGE),
    ("contournement", Target.WORKAROUND),
    ("resolution", Target.RESOLUTION),
    ("retablissement", Target.RESTORE),
    ("take_charge", Target.TAKE_CHARGE),
    ("workaround", Target.WORKAROUND),
    ("restore", Target.RESTORE),
)
_COUNTED_FROM = _words(
    ("signalement", "report"),
    ("contournement", "workaround"),
    ("prise_en_charge", "take_charge"),
    ("confirmation", "confirmation"),
    ("report", "report"),
    ("workaround", "workaround"),
    ("take_charge", "take_charge"),
)
_FREQUENCIES = _words(
    ("mensuelle", "monthly"),
    ("trimestrielle", "quarterly"),
    ("semestrielle", "half_yearly"),
    ("annuelle", "yearly"),
    ("monthly", "monthly"),
    ("quarterly", "quarterly"),
    ("half_yearly", "half_yearly"),
    ("yearly", "yearly"),
)
_TIMINGS = _words(
    ("terme_echu", "in_arrears"),
    ("terme_a_echoir", "in_advance"),
    ("in_arrears", "in_arrears"),
    ("in_advance", "in_advance"),
)
_REGIMES = _words(
    ("bce_plus_8", "public_procurement"),
    ("trois_fois_taux_legal", "three_times_legal"),
    ("code_de_commerce", "commercial_code"),
    ("public_procurement", "public_procurement"),
    ("three_times_legal", "three_times_legal"),
    ("commercial_code", "commercial_code"),
)
_ROUNDINGS = _words(
    ("millieme_superieur", "ceiling"),
    ("millieme_le_plus_proche", "half_up"),
    ("millieme_inferieur", "down"),
    ("ceiling", "ceiling"),
    ("half_up", "half_up"),
    ("down", "down"),
)
_INDEXES = _words(("syntec", "syntec"))
_NATURES = _words(
    ("conservation", "retention"),
    ("delai", "deadline"),
    ("retention", "retention"),
    ("deadline", "deadline"),
)
_BACKUP_KINDS = _words(
    ("incrementale", "incremental"),
    ("differentielle", "differential"),
    ("complete_hebdomadaire", "full_weekly"),
    ("complete_mensuelle", "full_monthly"),
    ("incremental", "incremental"),
    ("differential", "differential"),
    ("full_weekly", "full_weekly"),
    ("full_monthly", "full_monthly"),
)
_PRICE_UNITS = _words(
    ("jour", "day"),
    ("heure", "hour"),
    ("montee_de_version", "upgrade"),
    ("forfait", "flat_fee"),
    ("go_mois", "GB-month"),
    ("unite", "unit"),
    ("day", "day"),
    ("hour", "hour"),
    ("upgrade", "upgrade"),
    ("flat_fee", "flat_fee"),
    ("gb_month", "GB-month"),
    ("unit", "unit"),
)
_CONFLICTS = _words(("raise", "raise"), ("keep", "keep"), ("replace", "replace"))
_SIZES = _words(("mo", 2), ("mb", 2), ("to", 4), ("tb", 4))


def _word_of(words: Mapping[str, Any], value: object) -> str:
    """How ``value`` is written in a file: the first word that means it."""
    return next(word for word, meant in words.items() if meant == value)


# -- reading the meaning of a checked file ------------------------------------------------------


class _Reader:
    """Reads values of a file model into the rule modules' objects, collecting problems."""

    def __init__(self, problems: cf.Problems) -> None:
        self.problems = problems

    def word(self, path: str, value: str, words: Mapping[str, V]) -> V | None:
        found = words.get(plain(value))
        if found is None:
            accepted = " | ".join(words)
            self.problems.add(path, value, f"one of {accepted}", "case and accents are ignored")
        return found

    def choice(self, path: str, value: str, allowed: object) -> Any:
        options = _validate.literal_values(allowed)
        if value not in options:
            self.problems.add(path, value, f"one of {' | '.join(options)}")
            return None
        return value

    def delay(self, path: str, value: str) -> Delay | None:
        try:
            return Delay.parse(value, name=path)
        except TermsError as exc:
            self.problems.add(path, value, 'a délai such as "4 heures ouvrées"', _fix(exc))
            return None

    def decimal(self, path: str, value: str | None, *, what: str) -> Decimal | None:
        if value is None:
            return None
        try:
            return _validate.decimal(path, value, what=what, accept=(str,))
        except TermsError as exc:
            self.problems.add(path, value, f"{what} written as a decimal in a string", _fix(exc))
            return None

    def build(self, path: str, factory: Callable[..., V], **fields: Any) -> V | None:
        if self.problems and any(v is None for v in fields.values()):
            return None  # a field already has its problem: the file is refused anyway
        try:
            return factory(**fields)
        except TermsError as exc:
            shown = tuple(fields.values()) if len(fields) > 1 else next(iter(fields.values()))
            self.problems.add(path, shown, "values that fit together", str(exc))
            return None


def _fix(exc: TermsError) -> str:
    text = str(exc)
    return text.split("; ", 1)[1] if "; " in text else text


def _term(
    read: _Reader, section: cf.TermSection, readings: cf.ReadingsSection
) -> ContractTerm | None:
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
    from libriciel_terms.term import (
        AfterRenewal,
        BalanceBasis,
        NoticeEffect,
        NoticeEvent,
        NoticeReading,
    )

    return read.build(
        "term",
        ContractTerm,
        start=section.start,
        period_months=months["period"],
        renewals=section.renewals,
        notice_months=months["notice"],
        reading=read.choice("readings.notice_reading", readings.notice_reading, NoticeReading),
        notice_event=read.choice("readings.notice_event", readings.notice_event, NoticeEvent),
        after_renewal=read.choice("readings.late_notice", readings.late_notice, AfterRenewal),
        basis=read.choice("readings.balance_basis", readings.balance_basis, BalanceBasis),
        effect=read.choice("readings.notice_effect", readings.notice_effect, NoticeEffect),
    )


def _vat(read: _Reader, path: str, value: str) -> Decimal | None:
    vat = read.decimal(path, value, what="a VAT rate")
    if vat is not None and not Decimal(0) <= vat <= Decimal(100):
        read.problems.add(path, value, "a rate between 0 and 100")
        return None
    return vat


def _prices(read: _Reader, section: cf.PricesSection) -> PriceList | None:
    vat = _vat(read, "prices.vat_percent", section.vat_percent)
    lines = []
    for i, line in enumerate(section.lines):
        amount = read.decimal(f"prices.lines[{i}].annual_ht", line.annual_ht, what="an amount")
        lines.append(
            read.build(f"prices.lines[{i}]", PriceLine, label=line.label, annual_ht=amount)
        )
    if not section.lines:
        read.problems.add("prices.lines", [], "at least one price line")
    if vat is None or any(line is None for line in lines) or not lines:
        return None
    return read.build("prices", PriceList, lines=tuple(lines), vat_rate_percent=vat)


def _billing(
    read: _Reader, section: cf.BillingSection, readings: cf.ReadingsSection
) -> BillingTerms | None:
    from libriciel_terms.billing import FirstOfMonth

    return read.build(
        "billing",
        BillingTerms,
        frequency=read.word("billing.frequency", section.frequency, _FREQUENCIES),
        timing=read.word("billing.timing", section.timing, _TIMINGS),
        first_of_month=read.choice(
            "readings.prorata_first_of_month", readings.prorata_first_of_month, FirstOfMonth
        ),
    )


def _payment(
    read: _Reader, section: cf.PaymentSection, readings: cf.ReadingsSection, ecb: RateTable
) -> PaymentTerms | None:
    from libriciel_terms.interest import DayCount

    delay = read.delay("payment.delay", section.delay)
    if delay is not None and delay.unit != "days":
        read.problems.add(
            "payment.delay",
            section.delay,
            'calendar days ("30 jours")',
            "the délai global de paiement is in days (R2192-10)",
        )
        delay = None
    return read.build(
        "payment",
        PaymentTerms,
        delay=delay,
        regime=read.word("payment.regime", section.regime, _REGIMES),
        indemnity=read.decimal("payment.indemnity", section.indemnity, what="an amount"),
        day_count=read.choice("readings.interest_day_count", readings.interest_day_count, DayCount),
        ecb_rates=ecb,
    )


def _revision(
    read: _Reader, section: cf.RevisionSection, readings: cf.ReadingsSection, index: SyntecSeries
) -> RevisionClause | None:
    from libriciel_terms.revision import Basis
    from libriciel_terms.syntec import Publication

    read.word("revision.index", section.index, _INDEXES)
    fixed = read.decimal("revision.fixed_part", section.fixed_part, what="a fixed part")
    if fixed is not None and not Decimal(0) <= fixed < Decimal(1):
        read.problems.add(
            "revision.fixed_part", section.fixed_part, "a fixed part from 0 to below 1"
        )
        fixed = None
    return read.build(
        "revision",
        RevisionClause,
        index=index,
        fixed_part=fixed,
        rounding=read.word("revision.rounding", section.rounding, _ROUNDINGS),
        imposed_by_buyer=section.imposed_by_buyer,
        basis=read.choice("readings.revision_basis", readings.revision_basis, Basis),
        junction=None,
        publication=read.choice(
            "readings.revision_publication", readings.revision_publication, Publication
        ),
    )


def _schedule(
    read: _Reader, path: str, name: str, section: cf.ScheduleSection
) -> BusinessHours | None:
    return _schedules.schedule(
        read.problems,
        path,
        name,
        name=section.name,
        zone=section.zone,
        holidays=section.holidays,
        days=section.days,
        hours=section.hours,
    )


def _policy(
    read: _Reader,
    path: str,
    name: str,
    section: cf.PolicySection,
    schedules: Mapping[str, BusinessHours | None],
) -> SlaPolicy | None:
    hours = _schedule_named(read, f"{path}.schedule", section.schedule, schedules)
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
            clause=entry.clause or section.name or name,
            condition=entry.condition,
        )
        targets.append(row)
    if not section.targets:
        read.problems.add(f"{path}.targets", [], "at least one target")
    if hours is None or any(t is None for t in targets) or None in freezes or not targets:
        return None
    return read.build(
        path, SlaPolicy, name=section.name or name, targets=tuple(targets), hours=hours
    )


def _schedule_named(
    read: _Reader, path: str, name: str, schedules: Mapping[str, BusinessHours | None]
) -> BusinessHours | None:
    if name not in schedules:
        read.problems.add(
            path, name, "the name of a schedule of [schedules]", f"known: {', '.join(schedules)}"
        )
        return None
    return schedules[name]


def _availability(
    read: _Reader,
    section: cf.AvailabilitySection,
    readings: cf.ReadingsSection,
    schedules: Mapping[str, BusinessHours | None],
    default_schedule: str | None,
) -> AvailabilityCommitment | None:
    from libriciel_terms.downtime import MeasuredTime, PlannedInPsg, PlannedWork
    from libriciel_terms.sla import HolidaysInPsg

    name = section.schedule if section.schedule is not None else default_schedule
    hours = (
        None if name is None else _schedule_named(read, "availability.schedule", name, schedules)
    )
    percent = read.decimal(
        "availability.target_percent", section.target_percent, what="a percentage"
    )
    if percent is not None and not Decimal(0) < percent <= Decimal(100):
        read.problems.add(
            "availability.target_percent",
            section.target_percent,
            "a percentage above 0, at most 100",
        )
        percent = None
    return read.build(
        "availability",
        AvailabilityCommitment,
        hours=hours,
        target=None if percent is None else percent / 100,
        measured_time=read.choice(
            "readings.availability_measured", readings.availability_measured, MeasuredTime
        ),
        planned_work=read.choice(
            "readings.availability_planned", readings.availability_planned, PlannedWork
        ),
        holidays_in_psg=read.choice(
            "readings.availability_holidays", readings.availability_holidays, HolidaysInPsg
        ),
        planned_in_psg=read.choice(
            "readings.availability_planned_in_psg",
            readings.availability_planned_in_psg,
            PlannedInPsg,
        ),
    )


def _sla_readings(read: _Reader, readings: cf.ReadingsSection) -> SlaReadings:
    return SlaReadings(
        resolution_from=read.choice(
            "readings.resolution_from", readings.resolution_from, ResolutionFrom
        )
        or "report",
        units=read.choice("readings.sla_units", readings.sla_units, Units27) or "business",
        scope=read.choice("readings.gtr_scope", readings.gtr_scope, GtrScope)
        or "blocking_or_major",
        holidays_in_psg=read.choice("readings.sla_holidays", readings.sla_holidays, HolidaysInPsg)
        or "excluded",
    )


def _retention(
    read: _Reader, rows: Mapping[str, cf.RetentionEntry], readings: cf.ReadingsSection
) -> RetentionTable | None:
    from libriciel_terms.retention import DestructionReading, SupportDataStart

    rules = []
    for key, entry in rows.items():
        at = f"retention.{key}"
        rules.append(
            read.build(
                at,
                RetentionRule,
                key=key,
                label=entry.label,
                label_en=entry.label_en,
                delay=read.delay(f"{at}.period", entry.period),
                from_event=entry.from_,
                from_event_en=entry.from_en,
                clause=entry.clause.removeprefix("§"),
                nature=read.word(f"{at}.nature", entry.nature, _NATURES),
            )
        )
    if any(rule is None for rule in rules):
        return None
    return read.build(
        "retention",
        RetentionTable,
        rules=tuple(rules),
        destruction=read.choice("readings.destruction", readings.destruction, DestructionReading),
        support_data_from=read.choice(
            "readings.support_data_from", readings.support_data_from, SupportDataStart
        ),
    )


def _backups(
    read: _Reader,
    section: cf.BackupsSection,
    readings: cf.ReadingsSection,
    retention: RetentionTable | None,
    holidays: HolidayCalendar | None,
) -> BackupSchedule | None:
    from libriciel_terms.backups import Simultaneous

    jobs = []
    for i, entry in enumerate(section.jobs):
        at = f"backups.jobs[{i}]"
        kept = None
        if retention is not None:
            if entry.retention in retention:
                kept = retention[entry.retention].delay
            else:
                read.problems.add(
                    f"{at}.retention",
                    entry.retention,
                    "the key of a row of [retention]",
                    f"known: {', '.join(retention)}",
                )
        weekdays = (
            ()
            if entry.days is None
            else _schedules.day_list(read.problems, f"{at}.days", entry.days)
        )
        jobs.append(
            read.build(
                at,
                BackupJob,
                kind=read.word(f"{at}.kind", entry.kind, _BACKUP_KINDS),
                time=_clock(read, f"{at}.at", entry.at),
                weekdays=None if weekdays is None else frozenset(weekdays),
                month_day=entry.month_day,
                retention=kept,
            )
        )
    skip = read.word(
        "readings.backups_on_holidays",
        readings.backups_on_holidays,
        _words(("run", "run"), ("skip", "skip")),
    )
    if any(job is None for job in jobs) or skip is None:
        return None
    try:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(section.zone)
    except (ValueError, KeyError, OSError):
        read.problems.add("backups.zone", section.zone, 'an IANA time zone such as "Europe/Paris"')
        return None
    return read.build(
        "backups",
        BackupSchedule,
        jobs=tuple(jobs),
        zone=zone,
        skip_holidays=holidays if skip == "skip" else None,
        simultaneous=read.choice(
            "readings.simultaneous_backups", readings.simultaneous_backups, Simultaneous
        ),
    )


def _clock(read: _Reader, path: str, text: str) -> dt.time | None:
    parts = text.split(":")
    if len(parts) == 2 and all(len(part) == 2 and part.isdigit() for part in parts):
        hour, minute = int(parts[0]), int(parts[1])
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    read.problems.add(path, text, 'a time of day "HH:MM"', 'e.g. "23:00"')
    return None


def _quotas(
    read: _Reader, section: cf.QuotasSection, readings: cf.ReadingsSection
) -> Quotas | None:
    from libriciel_terms.quotas import Multiples

    figures = {}
    for name, text, unit in (
        ("document", section.document, 2),
        ("storage", section.storage, 4),
        ("traffic_per_year", section.traffic_per_year, 4),
    ):
        amount, _, size = text.strip().partition(" ")
        power = _SIZES.get(plain(size))
        if not amount.isdigit() or power != unit:
            read.problems.add(
                f"quotas.{name}",
                text,
                f"a whole number of {'Mo' if unit == 2 else 'To'}",
                f'e.g. "{"150 Mo" if unit == 2 else "1 To"}"',
            )
            continue
        figures[name] = int(amount)
    if len(figures) < 3:
        return None
    return read.build(
        "quotas",
        Quotas,
        document_mb=figures["document"],
        storage_tb=figures["storage"],
        traffic_tb_per_year=figures["traffic_per_year"],
        multiples=read.choice("readings.quota_multiples", readings.quota_multiples, Multiples),
    )


def _unit_prices(
    read: _Reader, rows: Mapping[str, cf.UnitPriceEntry], vat: Decimal | None
) -> UnitPriceList | None:
    prices = []
    for code, entry in rows.items():
        at = f"unit_prices.{code}"
        prices.append(
            read.build(
                at,
                UnitPrice,
                code=code,
                label=entry.label,
                unit=read.word(f"{at}.unit", entry.unit, _PRICE_UNITS),
                ht=read.decimal(f"{at}.ht", entry.ht, what="an amount"),
                ttc=read.decimal(f"{at}.ttc", entry.ttc, what="an amount"),
            )
        )
    if any(price is None for price in prices) or vat is None:
        return None
    return read.build("unit_prices", UnitPriceList, prices=tuple(prices), vat_rate_percent=vat)


def _printed(read: _Reader, section: cf.PrintedSection | None) -> PrintedFigures | None:
    if section is None:
        return None
    totals = section.cp_annual
    cp_annual = None
    if totals is not None:
        cp_annual = read.build(
            "printed.cp_annual",
            Amounts,
            ht=read.decimal("printed.cp_annual.ht", totals.ht, what="an amount"),
            vat=read.decimal("printed.cp_annual.vat", totals.vat, what="an amount"),
            ttc=read.decimal("printed.cp_annual.ttc", totals.ttc, what="an amount"),
        )
        if cp_annual is None:
            return None
    return read.build(
        "printed",
        PrintedFigures,
        latest_end=section.latest_end,
        term_months=section.term_months,
        notice_end_of_year=section.notice_end_of_year,
        annual_ht=read.decimal("printed.annual_ht", section.annual_ht, what="an amount"),
        annual_components=section.annual_components,
        cp_annual=cp_annual,
    )


def _reference_values(
    read: _Reader, section: cf.ReferenceSection | None, files: Mapping[str, str]
) -> tuple[SyntecSeries, RateTable]:
    if section is None:
        return SYNTEC, ECB_MRO
    conflict: OnConflict = (
        read.word("reference.on_conflict", section.on_conflict, _CONFLICTS) or "raise"
    )
    syntec, ecb = SYNTEC, ECB_MRO
    mine = _values(
        read,
        "reference.syntec",
        section.syntec,
        files,
        SyntecSeries.from_csv_text,
        SyntecSeries.from_records,
    )
    if mine is not None:
        syntec = _merge(
            read,
            "reference.syntec",
            lambda: SYNTEC.merged(mine, on_conflict=conflict, name="reference.syntec"),
        )
    theirs = _values(
        read, "reference.ecb", section.ecb, files, RateTable.from_csv_text, RateTable.from_records
    )
    if theirs is not None:
        ecb = _merge(
            read,
            "reference.ecb",
            lambda: ECB_MRO.merged(theirs, on_conflict=conflict, name="reference.ecb"),
        )
    return syntec, ecb


def _values(
    read: _Reader,
    path: str,
    value: Any,
    files: Mapping[str, str],
    from_text: Callable[..., V],
    from_records: Callable[..., V],
) -> V | None:
    if value is None:
        return None
    try:
        if isinstance(value, str):
            if value not in files:
                read.problems.add(
                    path,
                    value,
                    "a reference file next to the contract file",
                    "read the contract with load_contract(path), which reads it, or pass its text in files=",
                )
                return None
            return from_text(files[value], name=value)
        if isinstance(value, list) and all(isinstance(row, dict) for row in value):
            return from_records(value, name=path, path=path)
    except TermsError as exc:
        _problems_of(read, path, exc)
        return None
    read.problems.add(path, value, "a file name or an array of tables")
    return None


def _merge(read: _Reader, path: str, merge: Callable[[], V]) -> Any:
    try:
        return merge()
    except TermsError as exc:
        _problems_of(read, path, exc)
        return None


def _problems_of(read: _Reader, path: str, exc: TermsError) -> None:
    found = getattr(exc, "problems", ())
    if not found:
        read.problems.add(path, None, "valid values", str(exc))
    for problem in found:
        read.problems.add(f"{path} ({problem.path})", problem.value, problem.expected, problem.fix)


def _one(
    read: _Reader, flag: str, policies: Mapping[str, cf.PolicySection], *, required: bool
) -> str:
    chosen = [name for name, section in policies.items() if getattr(section, flag)]
    if len(chosen) > 1 or (required and not chosen):
        paths = ", ".join(f"sla.{name}.{flag}" for name in chosen) or f"sla.<name>.{flag}"
        what = "default policy" if flag == "default" else "hosting GTR policy"
        how = "exactly" if required else "at most"
        read.problems.add(
            paths,
            len(chosen),
            f"{how} one {what}",
            f"set {flag} = true on {how} one [sla.<name>] table",
        )
        return ""
    return chosen[0] if chosen else ""


def _build(
    model: cf.ContractFile, problems: cf.Problems, files: Mapping[str, str]
) -> Contract | None:
    read = _Reader(problems)
    readings = model.readings or cf.ReadingsSection()
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
    default_schedule = model.sla[default].schedule if default else None
    parts = _clauses(read, model, readings, schedules, default_schedule, files)
    if problems:
        return None
    info = model.contract
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
        schedules=NamedTable("schedule", tuple(schedules.items())),
        policies=NamedTable("policy", tuple(policies.items())),
        default_policy=default,
        gtr_policy=gtr if gtr else None,
        **parts,
    )


def _clauses(
    read: _Reader,
    model: cf.ContractFile,
    readings: cf.ReadingsSection,
    schedules: Mapping[str, BusinessHours | None],
    default_schedule: str | None,
    files: Mapping[str, str],
) -> dict[str, Any]:
    """Every clause object of the file, or ``None`` where a problem was found."""
    template = _template()
    syntec, ecb = _reference_values(read, model.reference, files)
    prices = _prices(read, model.prices)
    retention = _retention(
        read, model.retention if model.retention is not None else template.retention, readings
    )
    holidays = schedules.get(default_schedule or "")
    return {
        "term": _term(read, model.term, readings),
        "prices": prices,
        "billing": _billing(read, model.billing, readings),
        "payment": _payment(read, model.payment, readings, ecb),
        "revision": _revision(read, model.revision, readings, syntec),
        "availability": _availability(
            read, model.availability or template.availability, readings, schedules, default_schedule
        ),
        "retention": retention,
        "backups": _backups(
            read,
            model.backups or template.backups,
            readings,
            retention,
            None if holidays is None else holidays.holidays,
        ),
        "quotas": _quotas(read, model.quotas or template.quotas, readings),
        "unit_prices": _unit_prices(
            read,
            model.unit_prices if model.unit_prices is not None else template.unit_prices,
            None if prices is None else prices.vat_rate_percent,
        ),
        "printed": _printed(read, model.printed),
        "sla_readings": _sla_readings(read, readings),
    }


@functools.cache
def _template() -> cf.TemplateFile:
    from libriciel_terms.files import bundled_text

    model, problems = cf.parse_template(bundled_text("template"))
    if problems or model is None:  # pragma: no cover - the bundled template is checked by tests
        raise ContractFileError("template.toml", problems.items)
    return model


# -- a contract back to its file -----------------------------------------------------------------


def _model(contract: Contract) -> cf.ContractFile:
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
            start=contract.term.start,
            period=cf.DelayText(_months_text(contract.term.period_months)),
            renewals=contract.term.renewals,
            notice=cf.DelayText(_months_text(contract.term.notice_months)),
        ),
        **_money_sections(contract),
        schedules={name: _schedule_section(hours) for name, hours in contract.schedules.items()},
        sla={
            name: _policy_section(contract, name, policy)
            for name, policy in contract.policies.items()
        },
        availability=_availability_section(contract),
        retention={rule.key: _retention_entry(rule) for rule in contract.retention.rules},
        backups=_backups_section(contract),
        quotas=cf.QuotasSection(
            document=f"{contract.quotas.document_mb} Mo",
            storage=f"{contract.quotas.storage_tb} To",
            traffic_per_year=f"{contract.quotas.traffic_tb_per_year} To",
        ),
        unit_prices={price.code: _unit_price_entry(price) for price in contract.unit_prices.prices},
        printed=_printed_section(contract.printed),
        reference=_reference_section(contract),
        readings=_readings_section(contract),
    )


def _money_sections(contract: Contract) -> dict[str, Any]:
    """The file's [prices], [billing], [payment] and [revision]."""
    return {
        "prices": cf.PricesSection(
            vat_percent=_dec(contract.prices.vat_rate_percent),
            lines=tuple(
                cf.PriceLineEntry(label=line.label, annual_ht=_dec(line.annual_ht))
                for line in contract.prices.lines
            ),
        ),
        "billing": cf.BillingSection(
            frequency=_word_of(_FREQUENCIES, contract.billing.frequency),
            timing=_word_of(_TIMINGS, contract.billing.timing),
        ),
        "payment": cf.PaymentSection(
            delay=cf.DelayText(
                str(contract.payment.delay or Delay.days(contract.payment.delay_days))
            ),
            regime=_word_of(_REGIMES, contract.payment.regime),
            indemnity=_dec(contract.payment.indemnity),
        ),
        "revision": cf.RevisionSection(
            index="syntec",
            fixed_part=_dec(contract.revision.fixed_part),
            rounding=_word_of(_ROUNDINGS, contract.revision.rounding),
            imposed_by_buyer=contract.revision.imposed_by_buyer,
        ),
    }


def _dec(value: Decimal) -> cf.DecimalText:
    return cf.DecimalText(f"{value:f}")


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
    return cf.ScheduleSection(
        name=hours.name,
        zone=hours.zone.key,
        holidays=_word_of(_HOLIDAYS, hours.holidays),
        days=_days_text(open_days),
        hours=tuple(str(w).replace("–", "-") for w in day_windows),
    )


def _days_text(days: list[int]) -> Any:
    names = [_word_of(_DAYS, day) for day in days]
    if len(days) > 1 and days == list(range(days[0], days[-1] + 1)):
        return f"{names[0]}-{names[-1]}"
    return names


def _policy_section(contract: Contract, key: str, policy: SlaPolicy) -> cf.PolicySection:
    schedule = next(name for name, hours in contract.schedules.items() if hours == policy.hours)
    return cf.PolicySection(
        name=policy.name,
        default=key == contract.default_policy,
        gtr=key == contract.gtr_policy,
        schedule=schedule,
        targets=tuple(
            cf.TargetEntry(
                priority=_word_of(_PRIORITIES, row.priority),
                target=_word_of(_TARGETS, row.target),
                delay=cf.DelayText(row.delay.to_text()),
                counted_from=_word_of(_COUNTED_FROM, row.counted_from),
                freezes=row.freezes,
                clause=row.clause,
                condition=row.condition,
            )
            for row in policy.targets
        ),
    )


def _availability_section(contract: Contract) -> cf.AvailabilitySection:
    commitment = contract.availability
    schedule = next(name for name, hours in contract.schedules.items() if hours == commitment.hours)
    return cf.AvailabilitySection(
        target_percent=_dec((commitment.target * 100).normalize()),
        schedule=schedule,
    )


def _retention_entry(rule: RetentionRule) -> cf.RetentionEntry:
    return cf.RetentionEntry(
        label=rule.label,
        label_en=rule.label_en,
        period=cf.DelayText(rule.delay.to_text()),
        from_=rule.from_event,
        from_en=rule.from_event_en,
        clause=f"§{rule.clause}",
        nature=_word_of(_NATURES, rule.nature),
    )


def _backups_section(contract: Contract) -> cf.BackupsSection:
    retention = contract.retention
    jobs = []
    for job in contract.backups.jobs:
        row = next(rule.key for rule in retention.rules if rule.delay == job.retention)
        jobs.append(
            cf.BackupJobEntry(
                kind=_word_of(_BACKUP_KINDS, job.kind),
                at=job.time.strftime("%H:%M"),
                days=_days_text(sorted(job.weekdays)) if job.month_day is None else None,
                month_day=job.month_day,
                retention=row,
            )
        )
    return cf.BackupsSection(zone=contract.backups.zone.key, jobs=tuple(jobs))


def _unit_price_entry(price: UnitPrice) -> cf.UnitPriceEntry:
    return cf.UnitPriceEntry(
        label=price.label,
        unit=_word_of(_PRICE_UNITS, price.unit),
        ht=_dec(price.ht),
        ttc=None if price.ttc is None else _dec(price.ttc),
    )


def _printed_section(printed: PrintedFigures | None) -> cf.PrintedSection | None:
    if printed is None:
        return None
    totals = printed.cp_annual
    return cf.PrintedSection(
        latest_end=printed.latest_end,
        term_months=printed.term_months,
        notice_end_of_year=printed.notice_end_of_year,
        annual_ht=None if printed.annual_ht is None else _dec(printed.annual_ht),
        annual_components=printed.annual_components,
        cp_annual=None
        if totals is None
        else cf.AnnualTotalsEntry(ht=_dec(totals.ht), vat=_dec(totals.vat), ttc=_dec(totals.ttc)),
    )


def _reference_section(contract: Contract) -> cf.ReferenceSection | None:
    syntec = [
        {"month": str(entry.month), "value": f"{entry.value:f}", "source": entry.source}
        | ({} if entry.published_on is None else {"published_on": entry.published_on.isoformat()})
        for entry in contract.revision.index.entries
        if entry.origin == "user"
    ]
    ecb = [
        {
            "effective_from": row.starts_on.isoformat(),
            "rate_percent": f"{row.rate_percent:f}",
            "source": row.source,
        }
        for row in contract.payment.ecb_rates.rows
        if row.origin == "user"
    ]
    if not syntec and not ecb:
        return None
    return cf.ReferenceSection(syntec=syntec or None, ecb=ecb or None, on_conflict="replace")


def _readings_section(contract: Contract) -> cf.ReadingsSection:
    term, backups = contract.term, contract.backups
    return cf.ReadingsSection(
        notice_reading=term.reading,
        notice_event=term.notice_event,
        late_notice=term.after_renewal,
        notice_effect=term.effect,
        balance_basis=term.basis,
        prorata_first_of_month=contract.billing.first_of_month,
        revision_basis=contract.revision.basis,
        revision_publication=contract.revision.publication,
        interest_day_count=contract.payment.day_count,
        availability_measured=contract.availability.measured_time,
        availability_planned=contract.availability.planned_work,
        availability_holidays=contract.availability.holidays_in_psg,
        availability_planned_in_psg=contract.availability.planned_in_psg,
        destruction=contract.retention.destruction,
        support_data_from=contract.retention.support_data_from,
        backups_on_holidays="run" if backups.skip_holidays is None else "skip",
        simultaneous_backups=backups.simultaneous,
        quota_multiples=contract.quotas.multiples,
        sla_units=contract.sla_readings.units,
        resolution_from=contract.sla_readings.resolution_from,
        gtr_scope=contract.sla_readings.scope,
        sla_holidays=contract.sla_readings.holidays_in_psg,
    )
