"""Compliance summaries: how many délais were met, per priority, target and period (Contract §1.9, §4.3).

A contract manager signs off a period of tickets: per month (or quarter, or contract period),
priority and target, how many délais were met, breached, still running, or could not be judged
because an event was not recorded; the rate of met among decided (met + breached); the worst
overdue, in business time; the availability of each month against the commitment (§2.5.1, §2.8).

Where délais were missed, the summary says so and cites what the contract attaches to it, and
nothing more: "Dans l'hypothèse où les prestations prévues dans le cadre du présent contrat ne
seraient pas exécutées dans les délais prévus, la collectivité peut décider d'arrêter le service
de maintenance et de support […] ; l'utilisation par la personne publique du libriciel" (§1.9).
The contract has no penalty clause; the summary computes none.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from libriciel_terms.sla import Priority, SlaPolicy, Target
>>> from libriciel_terms.tickets import Ticket
>>> paris = ZoneInfo("Europe/Paris")
>>> at = lambda month, day, hour: datetime(2024, month, day, hour, tzinfo=paris)
>>> tickets = [
...     Ticket(reference="A", reported_at=at(10, 15, 10), priority=Priority.MINEUR,
...            taken_charge_at=at(10, 15, 11), resolved_at=at(10, 18, 9)),
...     Ticket(reference="B", reported_at=at(10, 16, 10), priority=Priority.MINEUR,
...            taken_charge_at=at(10, 28, 9), resolved_at=at(10, 30, 9)),
...     Ticket(reference="C", reported_at=at(11, 4, 10), priority=Priority.MINEUR, resolved_at=at(11, 5, 9)),
... ]
>>> reports = SlaPolicy.comelus().evaluate_many(tickets, at=at(12, 1, 0))
>>> summary = compliance_summary(reports)
>>> [(r.period, r.target.name, r.met, r.breached, r.unrecorded, r.rate_percent) for r in summary.rows]
[('2024-10', 'TAKE_CHARGE', 1, 1, 0, Decimal('50.0')), ('2024-10', 'RESOLUTION', 2, 0, 0, Decimal('100.0')), ('2024-11', 'TAKE_CHARGE', 0, 0, 1, None), ('2024-11', 'RESOLUTION', 1, 0, 0, Decimal('100.0'))]
>>> str(summary.rows[0].worst_overdue), summary.missed
('19 h ouvrées', True)

The failing case: a grouping that is not one of the three is refused.

>>> compliance_summary(reports, by="week")
Traceback (most recent call last):
...
libriciel_terms.errors.InvalidArgumentError: by='week' is not one of 'month', 'quarter', 'period'; pass one of them
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Literal

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._dates import YearMonth, localize
from libriciel_terms._exact import round_fraction
from libriciel_terms._intervals import Interval
from libriciel_terms._labels import say
from libriciel_terms._report import Column, Report, table_html, table_text
from libriciel_terms._text import Lang
from libriciel_terms.delays import BusinessDuration
from libriciel_terms.downtime import AvailabilityCommitment, AvailabilityReport
from libriciel_terms.errors import InvalidArgumentError, OutsideTermError, WrongTypeError
from libriciel_terms.sla import Priority, Target
from libriciel_terms.tickets import Status, TargetReport, TicketReport, TicketReports

__all__ = [
    "ComplianceRow",
    "ComplianceSummary",
    "DatedBy",
    "Grouping",
    "compliance_summary",
]

#: The periods of a summary: calendar months, quarters, or periods given (contract periods).
Grouping = Literal["month", "quarter", "period"]
#: Which date places a target in a period: its ticket's report, or its due instant.
DatedBy = Literal["report", "due"]

_RATE_STEP = Decimal("0.1")
_COUNTED = {
    Status.MET: "met",
    Status.BREACHED: "breached",
    Status.RUNNING: "running",
    Status.FROZEN: "running",
    Status.NOT_STARTED: "not_started",
    Status.UNRECORDED: "unrecorded",
    Status.NOT_APPLICABLE: "not_applicable",
}


@attrs.frozen(kw_only=True)
class ComplianceRow:
    """One priority and target over one period: the counts per status and the worst overdue.

    ``running`` counts running and frozen targets; ``rate_percent`` is met / (met + breached),
    rounded down to 0.1 %, ``None`` when nothing was decided; unrecorded targets are counted
    apart and never in the rate.
    """

    period: str
    period_start: dt.date
    period_end: dt.date
    priority: Priority
    target: Target
    met: int = 0
    breached: int = 0
    running: int = 0
    not_started: int = 0
    unrecorded: int = 0
    not_applicable: int = 0
    worst_overdue: BusinessDuration | None = None

    @property
    def decided(self) -> int:
        """Targets met or breached."""
        return self.met + self.breached

    @property
    def rate_percent(self) -> Decimal | None:
        """Met among decided, in percent, rounded down to 0.1 (never overstated)."""
        if not self.decided:
            return None
        return round_fraction(Fraction(100 * self.met, self.decided), _RATE_STEP, rounding="floor")

    @property
    def missed(self) -> bool:
        """Whether a délai was missed (§1.9)."""
        return self.breached > 0

    def _record(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "priority": self.priority.label,
            "target": self.target,
            "met": self.met,
            "breached": self.breached,
            "running": self.running,
            "not_started": self.not_started,
            "unrecorded": self.unrecorded,
            "not_applicable": self.not_applicable,
            "rate_percent": self.rate_percent,
            "worst_overdue_hours": None if self.worst_overdue is None else self.worst_overdue.hours,
            "missed": self.missed,
        }


_ROW_COLUMNS = (
    Column("period", "période", "period"),
    Column("priority", "priorité", "priority"),
    Column("target", "objectif", "target"),
    Column("met", "respectés", "met", "number"),
    Column("breached", "dépassés", "breached", "number"),
    Column("running", "en cours", "running", "number"),
    Column("not_started", "non démarrés", "not started", "number"),
    Column("unrecorded", "non enregistrés", "unrecorded", "number"),
    Column("not_applicable", "sans objet", "not applicable", "number"),
    Column("rate_percent", "taux", "rate", "percent"),
    Column("worst_overdue_hours", "pire retard", "worst overdue", "business_hours"),
    Column("missed", "délais manqués", "time limits missed"),
    Column("period_start", "début", "start", "date"),
    Column("period_end", "fin", "end", "date"),
)
_AVAILABILITY_COLUMNS = (
    Column("month", "mois", "month"),
    Column("psg_hours", "PSG", "PSG", "business_hours"),
    Column("downtime_hours", "indisponibilité", "downtime", "business_hours"),
    Column("percent", "disponibilité", "availability", "percent"),
    Column("target_percent", "engagement", "commitment", "percent"),
    Column("met", "respecté", "met"),
    Column("planned_in_psg", "travaux dans la PSG", "planned work in the PSG", "number"),
)


@attrs.frozen(kw_only=True)
class ComplianceSummary(Report):
    """The compliance of a set of ticket reports, per period, priority and target (§4.3), with
    each month's availability against the commitment (§2.5.1, §2.8) and the flag of §1.9.

    ``rows`` holds the :class:`ComplianceRow`\\ s in order (period, priority, target);
    ``availability`` one ``(month, report)`` pair per month of the summary, when a commitment
    was given. :meth:`to_records` gives the rows; :meth:`availability_records` the months.
    """

    policy: str
    at: dt.datetime | None
    by: Grouping
    rows: tuple[ComplianceRow, ...]
    availability: tuple[tuple[str, AvailabilityReport], ...] = ()

    COLUMNS: ClassVar[tuple[Column, ...]] = _ROW_COLUMNS

    def __attrs_post_init__(self) -> None:
        _validate.fields(
            self,
            {"policy": str, "at": (dt.datetime, type(None)), "by": str, "availability": tuple},
        )
        _validate.items("rows", self.rows, ComplianceRow)

    @property
    def missed(self) -> bool:
        """Whether any délai was missed (the case §1.9 addresses)."""
        return any(row.missed for row in self.rows)

    @property
    def unrecorded(self) -> int:
        """How many targets could not be judged because an event was not recorded."""
        return sum(row.unrecorded for row in self.rows)

    def to_records(self) -> list[dict[str, Any]]:
        """One record per period, priority and target."""
        return [row._record() for row in self.rows]

    def availability_records(self) -> list[dict[str, Any]]:
        """One record per month: the availability report's figures and the month."""
        return [{"month": month} | report.to_records()[0] for month, report in self.availability]

    def _months(self) -> list[dict[str, Any]]:
        keys = [column.key for column in _AVAILABILITY_COLUMNS]
        return [{k: r[k] for k in keys} for r in self.availability_records()]

    def headline(self, *, lang: Lang = "fr") -> str:
        """The policy, the instant of evaluation and the verdict."""
        lang = _text.check_lang(lang)
        when = "" if self.at is None else _text.instant(self.at, lang)
        verdict = (
            say("délais manqués", "time limits missed", lang)
            if self.missed
            else say("aucun délai manqué", "no time limit missed", lang)
        )
        return say(
            f"Respect des délais, « {self.policy} », au {when} : {verdict}",
            f"Compliance, « {self.policy} », at {when}: {verdict}",
            lang,
        )

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """What the contract attaches to missed délais (§1.9), unrecorded events, availability."""
        lang = _text.check_lang(lang)
        notes = []
        if self.missed:
            notes.append(
                say(
                    "§1.9 : lorsque les prestations ne sont pas exécutées dans les délais prévus, "
                    "la collectivité peut décider d'arrêter le service de maintenance et de "
                    "support, ou l'utilisation du libriciel ; cela emporte résiliation du contrat "
                    "à compter de la notification de son courrier recommandé avec accusé de "
                    "réception. Le contrat ne prévoit pas de pénalité.",
                    "§1.9: when the services are not performed within the time limits, the buyer "
                    "may decide to stop the maintenance and support service, or the use of the "
                    "software; this terminates the contract from the notification of its "
                    "registered letter with acknowledgement of receipt. The contract sets no "
                    "penalty.",
                    lang,
                )
            )
        if self.unrecorded:
            notes.append(
                say(
                    f"{self.unrecorded} objectif(s) non enregistré(s) : un événement manque "
                    f"(la prise en charge) alors qu'un événement ultérieur montre qu'il a eu "
                    f"lieu ; ils ne sont comptés ni respectés ni dépassés.",
                    f"{self.unrecorded} target(s) unrecorded: an event (the take-charge) is "
                    f"missing although a later event shows it happened; counted neither met "
                    f"nor breached.",
                    lang,
                )
            )
        notes.extend(
            f"{month}{say(' :', ':', lang)} {note}"
            for month, report in self.availability
            if not report.met or report.planned_in_psg
            for note in report.notes(lang=lang)
        )
        return tuple(notes)

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The rows' table, the months' availability table, then the notes."""
        lang = _text.check_lang(lang)
        parts = [self.headline(lang=lang), table_text(self.to_records(), self.COLUMNS, lang)]
        if self.availability:
            parts.append(say("Disponibilité par mois", "Availability per month", lang))
            parts.append(table_text(self._months(), _AVAILABILITY_COLUMNS, lang))
        parts.extend(f"• {note}" for note in self.notes(lang=lang))
        return "\n".join(parts)

    def to_html(self, *, lang: Lang = "fr") -> str:
        """The two tables as HTML, then the notes."""
        lang = _text.check_lang(lang)
        parts = [
            table_html(self.to_records(), self.COLUMNS, lang, caption=self.headline(lang=lang))
        ]
        if self.availability:
            caption = say("Disponibilité par mois", "Availability per month", lang)
            parts.append(
                table_html(
                    self.availability_records(), _AVAILABILITY_COLUMNS, lang, caption=caption
                )
            )
        parts.extend(f"<p>{html.escape(n)}</p>" for n in self.notes(lang=lang))
        return "".join(parts)


# -- building it ---------------------------------------------------------------------------------


def _period_of(
    day: dt.date, by: Grouping, periods: Sequence[tuple[dt.date, dt.date]]
) -> tuple[str, dt.date, dt.date]:
    if by == "month":
        month = YearMonth.of(day)
        return str(month), month.first_day, month.last_day
    if by == "quarter":
        first = YearMonth(day.year, (day.month - 1) // 3 * 3 + 1)
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}", first.first_day, first.shift(2).last_day
    for start, end in periods:
        if start <= day <= end:
            return f"{start.isoformat()}/{end.isoformat()}", start, end
    raise OutsideTermError(
        f"{day.isoformat()} is in none of the periods given "
        f"({', '.join(f'{s}…{e}' for s, e in periods)}); pass periods that cover every ticket"
    )


def _periods(value: object, by: Grouping) -> tuple[tuple[dt.date, dt.date], ...]:
    if by != "period":
        if value is not None:
            raise InvalidArgumentError(f"periods= is for by='period', not by={by!r}")
        return ()
    if value is None:
        raise InvalidArgumentError(
            "by='period' needs periods=[(first day, last day), …], e.g. the contract's periods"
        )
    pairs = _validate.items("periods", value, tuple)
    checked = []
    for i, pair in enumerate(pairs):
        if len(pair) != 2:
            raise WrongTypeError(f"periods[{i}]={pair!r} is not a (first day, last day) pair")
        start, end = (
            _validate.day(f"periods[{i}][0]", pair[0]),
            _validate.day(f"periods[{i}][1]", pair[1]),
        )
        _validate.ordered(f"periods[{i}][0]", start, f"periods[{i}][1]", end)
        checked.append((start, end))
    return tuple(checked)


def _tally(
    rows: dict[tuple[str, Priority, Target], dict[str, Any]],
    key: Any,
    bounds: Any,
    target: TargetReport,
) -> None:
    row = rows.setdefault(key, {"period_start": bounds[0], "period_end": bounds[1]})
    field = _COUNTED[target.status]
    row[field] = row.get(field, 0) + 1
    if target.status is Status.BREACHED:
        overdue = target.overdue
        worst = row.get("worst_overdue")
        if overdue is not None and (worst is None or overdue > worst):
            row["worst_overdue"] = overdue


def _tally_table(
    targets: tuple[Target, ...],
    zone: dt.tzinfo,
    table: Any,
    grouping: Grouping,
    dating: DatedBy,
    spans: Sequence[tuple[dt.date, dt.date]],
) -> dict[tuple[str, Priority, Target], dict[str, Any]]:
    """:func:`_tally` of every ticket × target of an evaluation over arrays, at once: the same
    rows, met in the same order (the first day outside every period is the one refused)."""
    from libriciel_terms import _bulk

    np = _bulk.numpy()
    w = len(targets)
    cells = np.flatnonzero(table.ruled.reshape(-1))
    when = np.repeat(table.reported, w)[cells]
    if dating == "due":
        due = table.due.reshape(-1)[cells]
        when = np.where(due != table.none, due, when)
    days, firsts, where = np.unique(
        _bulk.local_days(when, zone), return_index=True, return_inverse=True
    )
    labels: dict[str, int] = {}
    found: list[tuple[str, dt.date, dt.date]] = []
    label_of = np.zeros(days.size, dtype=np.int64)
    for u in np.argsort(firsts, kind="stable").tolist():
        period = _period_of(dt.date.fromordinal(int(days[u])), grouping, spans)
        label_of[u] = labels.setdefault(period[0], len(found))
        if label_of[u] == len(found):
            found.append(period)
    status = table.status.reshape(-1)[cells].astype(np.int64)
    priority = table.priority.reshape(-1)[cells].astype(np.int64)
    group = (label_of[where.reshape(-1)] * len(Priority) + priority) * w + cells % w
    overdue = table.overdue.reshape(-1)[cells]
    breached = status == table.statuses.index(Status.BREACHED)
    rows: dict[tuple[str, Priority, Target], dict[str, Any]] = {}
    groups, first_seen = np.unique(group, return_index=True)
    for g in groups[np.argsort(first_seen, kind="stable")].tolist():
        _, start, end = found[g // (len(Priority) * w)]
        rows[_key_of(g, found, targets)] = {"period_start": start, "period_end": end}
    combos, counts = np.unique(group * len(table.statuses) + status, return_counts=True)
    for combo, count in zip(combos.tolist(), counts.tolist(), strict=True):
        g, code = divmod(combo, len(table.statuses))
        row = rows[_key_of(g, found, targets)]
        field = _COUNTED[table.statuses[code]]
        row[field] = row.get(field, 0) + count
    late = breached & (overdue >= 0)
    if late.any():
        worst = np.full(groups.size, -1, dtype=np.int64)
        np.maximum.at(worst, np.searchsorted(groups, group[late]), overdue[late])
        for g, micros in zip(groups.tolist(), worst.tolist(), strict=True):
            if micros >= 0:
                rows[_key_of(g, found, targets)]["worst_overdue"] = BusinessDuration(micros)
    return rows


def _key_of(
    group: int, found: Sequence[tuple[str, dt.date, dt.date]], targets: tuple[Target, ...]
) -> tuple[str, Priority, Target]:
    w = len(targets)
    label_index, rest = divmod(group, len(Priority) * w)
    return found[label_index][0], Priority(rest // w), targets[rest % w]


def compliance_summary(
    reports: Iterable[TicketReport],
    *,
    by: Grouping = "month",
    periods: Iterable[tuple[dt.date, dt.date]] | None = None,
    dated_by: DatedBy = "report",
    commitment: AvailabilityCommitment | None = None,
    outages: Iterable[Interval] = (),
    planned: Iterable[Interval] = (),
) -> ComplianceSummary:
    """Count each target of ``reports`` per period, priority and target (Contract §4.3, §1.9).

    ``by="month"`` (default), ``"quarter"`` or ``"period"`` with ``periods`` (first and last
    day of each, e.g. ``[(p.start, p.end) for p in term.periods]``). A target falls in the
    period of its ticket's report (``dated_by="report"``, default) or of its due instant
    (``"due"``), dated in the policy schedule's zone. Targets with no délai in the policy (not
    applicable for want of a row) are not counted. With a ``commitment``, each month of the
    summary gets its availability report over ``outages`` and ``planned`` windows.
    """
    grouping: Grouping = _validate.one_of("by", by, _validate.literal_values(Grouping))
    dating: DatedBy = _validate.one_of("dated_by", dated_by, _validate.literal_values(DatedBy))
    spans = _periods(periods, grouping)
    table = reports._table() if isinstance(reports, TicketReports) else None
    items: tuple[TicketReport, ...] = ()
    if table is None:
        items = _validate.items("reports", reports, TicketReport)
    if commitment is not None and not isinstance(commitment, AvailabilityCommitment):
        raise WrongTypeError(f"commitment={commitment!r} is not an AvailabilityCommitment")
    rows: dict[tuple[str, Priority, Target], dict[str, Any]] = {}
    if table is not None:  # evaluated over arrays: counted over the same arrays
        rows = _tally_table(*table, grouping, dating, spans)
    for report in items:
        for target in report.targets:
            if target.rule is None:
                continue
            when = target.due if dating == "due" and target.due is not None else report.reported_at
            label, start, end = _period_of(when.date(), grouping, spans)
            _tally(rows, (label, target.priority, target.target), (start, end), target)
    order = {t: i for i, t in enumerate(Target)}
    built = tuple(
        ComplianceRow(period=label, priority=priority, target=target, **fields)
        for (label, priority, target), fields in sorted(
            rows.items(), key=lambda kv: (kv[1]["period_start"], kv[0][1], order[kv[0][2]])
        )
    )
    months = _availability(built, spans, commitment, outages, planned)
    first: TicketReport | TicketReports | None = None
    if items:
        first = items[0]
    elif table is not None and isinstance(reports, TicketReports):
        first = reports
    return ComplianceSummary(
        policy="" if first is None else first.policy,
        at=None if first is None else first.at,
        by=grouping,
        rows=built,
        availability=months,
    )


def _availability(
    rows: Sequence[ComplianceRow],
    spans: Sequence[tuple[dt.date, dt.date]],
    commitment: AvailabilityCommitment | None,
    outages: Iterable[Interval],
    planned: Iterable[Interval],
) -> tuple[tuple[str, AvailabilityReport], ...]:
    """Each month from the first period's start to the last period's end, against ``commitment``."""
    if commitment is None or not (rows or spans):
        return ()
    starts = [r.period_start for r in rows] + [s for s, _ in spans]
    ends = [r.period_end for r in rows] + [e for _, e in spans]
    down, windows = tuple(outages), tuple(planned)
    zone = commitment.hours.zone
    month, last = YearMonth.of(min(starts)), YearMonth.of(max(ends))
    result = []
    while month <= last:
        start = localize(dt.datetime.combine(month.first_day, dt.time()), zone)
        end = localize(dt.datetime.combine(month.shift(1).first_day, dt.time()), zone)
        result.append((str(month), commitment.report(start, end, down, planned=windows)))
        month = month.shift(1)
    return tuple(result)
