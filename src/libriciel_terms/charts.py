"""Charts for people who would rather look than read (optional: ``pip install 'libriciel-terms[charts]'``).

matplotlib is an optional dependency: the rules never need it, and this module imports it only
when a chart is drawn. Each function returns a :class:`matplotlib.figure.Figure` built without
pyplot (no global state), which Jupyter displays and ``figure.savefig(...)`` writes. Titles and
labels are French by default (``lang="en"`` for English).

- :func:`compliance_chart`: SLA compliance per period and priority (§4.3);
- :func:`obligations_chart`: the obligations of a contract or a portfolio on a timeline;
- :func:`revision_chart`: the revised prices across anniversaries against the Syntec index
  (§1.11);
- :func:`moratory_rate_chart`: the rates of late-payment interest over time (§1.8).

>>> from libriciel_terms.compliance import ComplianceSummary
>>> figure = compliance_chart(ComplianceSummary(policy="table 4.3", at=None, by="month", rows=()))
>>> figure.axes[0].get_title()
'prise en charge (qualification)'

The failing case: anything but a compliance summary is refused.

>>> compliance_chart([])
Traceback (most recent call last):
...
libriciel_terms.errors.WrongTypeError: summary=[] is not a ComplianceSummary; pass compliance_summary(...)'s result
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from libriciel_terms import _dates, _text, _validate
from libriciel_terms._labels import say
from libriciel_terms._text import Lang
from libriciel_terms.compliance import ComplianceSummary
from libriciel_terms.errors import EndBeforeStartError, OptionalDependencyError, WrongTypeError
from libriciel_terms.interest import regime_name
from libriciel_terms.obligations import ObligationsCalendar
from libriciel_terms.rates import ECB_MRO, RateTable, Regime, applied_rate
from libriciel_terms.revision import RevisionSchedule
from libriciel_terms.sla import Priority, Target

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["compliance_chart", "moratory_rate_chart", "obligations_chart", "revision_chart"]

_COLOURS = ("#b2182b", "#ef8a62", "#67a9cf", "#2166ac")  # Bloquant … Mineur


def _figure_class() -> Any:
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise OptionalDependencyError(
            "charts need matplotlib; install it with pip install 'libriciel-terms[charts]'"
        ) from None
    return Figure


def compliance_chart(summary: ComplianceSummary, *, lang: Lang = "fr") -> Figure:
    """SLA compliance per period and priority: one panel per target (Contract §4.3).

    Each bar is the rate of délais met among those decided (met or breached), in percent, for
    one priority in one period; the number of breaches is written above a bar that has any.
    Periods with nothing decided for a priority have no bar. Titles and labels are in ``lang``.
    """
    if not isinstance(summary, ComplianceSummary):
        raise WrongTypeError(
            f"summary={summary!r} is not a ComplianceSummary; pass compliance_summary(...)'s result"
        )
    lang = _text.check_lang(lang)
    periods = list(dict.fromkeys(row.period for row in summary.rows))
    targets = [t for t in Target if any(row.target is t for row in summary.rows)] or [
        Target.TAKE_CHARGE
    ]
    figure: Figure = _figure_class()(figsize=(4 + 2.2 * len(targets), 4), layout="constrained")
    axes = figure.subplots(1, len(targets), sharey=True, squeeze=False)[0]
    width = 0.8 / len(Priority)
    for ax, target in zip(axes, targets, strict=True):
        for p in Priority:
            rows = {r.period: r for r in summary.rows if r.target is target and r.priority is p}
            xs = [
                i + (p - 1.5) * width
                for i, period in enumerate(periods)
                if rows.get(period) and rows[period].decided
            ]
            shown = [
                rows[period] for period in periods if rows.get(period) and rows[period].decided
            ]
            bars = ax.bar(
                xs,
                [float(r.rate_percent or 0) for r in shown],
                width,
                color=_COLOURS[p],
                label=p.label,
            )
            for bar, row in zip(bars, shown, strict=True):
                if row.breached:
                    ax.annotate(
                        str(row.breached),
                        (bar.get_x() + width / 2, bar.get_height()),
                        ha="center",
                        va="bottom",
                        fontsize=8,
                    )
        ax.set_title(target.to_text(lang=lang))
        ax.set_xticks(range(len(periods)), periods, rotation=45 if len(periods) > 4 else 0)
        ax.set_ylim(0, 110)
    axes[0].set_ylabel(say("délais respectés (%)", "time limits met (%)", lang))
    handles, labels = axes[0].get_legend_handles_labels()
    for ax in axes[1:]:  # a priority with no bar in the first panel still has its entry
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            if label not in labels:
                handles.append(handle)
                labels.append(label)
    order = [p.label for p in Priority if p.label in labels]
    figure.legend(
        [handles[labels.index(label)] for label in order],
        order,
        loc="outside lower center",
        ncols=len(Priority),
        fontsize=8,
    )
    figure.suptitle(summary.headline(lang=lang), fontsize=10)
    return figure


_PARTY_COLOURS = {"acheteur": "#2166ac", "titulaire": "#b2182b"}
_KIND_ORDER = ("invoice", "payment", "notice", "revision", "end_of_term", "data_protection")
_KIND_MARKERS = {"invoice": "s", "payment": "o", "notice": "v", "revision": "^"}


def obligations_chart(
    calendar: ObligationsCalendar, *, as_of: dt.date | None = None, lang: Lang = "fr"
) -> Figure:
    """The obligations of a calendar on a timeline: one row per kind (per contract and kind for
    a portfolio), one marker per obligation, coloured by the party who owes it.

    ``calendar`` is :meth:`Contract.obligations <libriciel_terms.contract.Contract.obligations>`'s
    or :meth:`Portfolio.obligations <libriciel_terms.portfolio.Portfolio.obligations>`'s result
    (CP, §1.7, §1.8, §1.9, §1.11, §6.5.9); ``as_of`` draws a vertical line on that day.

    >>> from datetime import date
    >>> from libriciel_terms import COMELUS_2024
    >>> figure = obligations_chart(COMELUS_2024.obligations(date(2025, 6, 1), date(2025, 9, 1)))
    >>> [t.get_text() for t in figure.axes[0].get_yticklabels()]
    ['facture', 'paiement', 'préavis', 'révision']
    """
    if not isinstance(calendar, ObligationsCalendar):
        raise WrongTypeError(
            f"calendar={calendar!r} is not an ObligationsCalendar; pass "
            f"contract.obligations(...) or portfolio.obligations(...)"
        )
    lang = _text.check_lang(lang)
    as_of = None if as_of is None else _validate.day("as_of", as_of)
    shown = calendar.display_records(lang=lang)
    label_of = {(o.contract, o.kind): row["kind"] for o, row in zip(calendar, shown, strict=True)}
    contracts = sorted({o.contract for o in calendar})
    lines: list[tuple[str, str | None]] = []  # top to bottom; (contract, None) heads a group
    for contract in contracts:
        kinds = [k for k in _KIND_ORDER if (contract, k) in label_of]
        lines += [(contract, None)] * (len(contracts) > 1) + [(contract, k) for k in kinds]
    rows = {line: len(lines) - 1 - i for i, line in enumerate(lines)}
    figure: Figure = _figure_class()(figsize=(9, 1.6 + 0.4 * len(lines)), layout="constrained")
    ax: Any = figure.subplots()  # dates on the x axis: matplotlib's stubs take floats
    for party in ("acheteur", "titulaire"):
        owed = [o for o in calendar if o.party == party]
        if owed:
            ax.plot(
                [o.due_on for o in owed],
                [rows[o.contract, o.kind] for o in owed],
                linestyle="none",
                marker="o",
                color=_PARTY_COLOURS[party],
                label=say(*_PARTY_TEXT[party], lang),
            )
    kinds_shown = [line for line in lines if line[1] is not None]
    ax.set_yticks([rows[line] for line in kinds_shown], [label_of[line] for line in kinds_shown])  # type: ignore[index]
    for contract, kind in lines:
        if kind is None:
            ax.axhline(rows[contract, None] + 0.5, color="0.8", linewidth=0.8)
            ax.text(0.005, rows[contract, None], contract, transform=ax.get_yaxis_transform(),
                    fontsize=8, fontweight="bold", va="center")  # fmt: skip
    ax.set_ylim(-0.7, len(lines) - 0.3)
    _date_axis(ax)
    if as_of is not None:
        ax.axvline(as_of, color="0.4", linestyle="--", linewidth=1)
        ax.annotate(
            say(f"au {as_of.isoformat()}", f"as of {as_of.isoformat()}", lang),
            (as_of, -0.6),
            xytext=(3, 0),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=8,
            color="0.3",
        )
    ax.grid(axis="x", color="0.9")
    if lines:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8,
                  title=say("qui doit", "owed by", lang))  # fmt: skip
    figure.suptitle(calendar.headline(lang=lang), fontsize=10)
    return figure


def _date_axis(ax: Any) -> None:
    """Dates as ISO months (« 2025-07 ») in either language, a handful of ticks."""
    import matplotlib.dates

    dates: Any = matplotlib.dates  # its constructors are untyped
    ax.xaxis.set_major_locator(dates.AutoDateLocator(minticks=3, maxticks=9))
    ax.xaxis.set_major_formatter(dates.DateFormatter("%Y-%m"))


_PARTY_TEXT = {"acheteur": ("acheteur", "buyer"), "titulaire": ("titulaire", "contractor")}


def revision_chart(schedule: RevisionSchedule, *, lang: Lang = "fr") -> Figure:
    """The revised prices across anniversaries against the Syntec index (§1.11), base 100.

    Both lines start at 100 a year before the first anniversary. The price line is the total
    of the price lines (each point labelled in euros HT); the index line is the Syntec index's
    growth as the formula used it: Syn(n) / Syn(o) of each revision (after the 0.97975 link
    where it applies), multiplied from one anniversary to the next on a chained basis. The gap
    between the two is what the fixed part (15 %) keeps off the price, and the rounding of the
    coefficient (« au millième supérieur ») adds back. A schedule without revision (prices
    « fermes et définitifs », C8) draws a flat price and no index.

    >>> from datetime import date
    >>> from libriciel_terms import revision_schedule
    >>> schedule = revision_schedule(
    ...     [date(2025, 9, 1)], {"usage": Decimal("650.00")}, imposed_by_buyer=True,
    ...     revision_dates={date(2025, 9, 1): date(2025, 12, 1)},
    ... )
    >>> price, index = revision_chart(schedule).axes[0].lines
    >>> [round(float(y), 2) for y in price.get_ydata()], [round(float(y), 2) for y in index.get_ydata()]
    ([100.0, 102.2], [100.0, 102.58])
    """
    if not isinstance(schedule, RevisionSchedule):
        raise WrongTypeError(
            f"schedule={schedule!r} is not a RevisionSchedule; pass revision_schedule(...)'s or "
            f"RevisionClause.schedule(...)'s result"
        )
    lang = _text.check_lang(lang)
    figure: Figure = _figure_class()(figsize=(8, 4), layout="constrained")
    figure.suptitle(schedule.headline(lang=lang), fontsize=10)
    ax: Any = figure.subplots()  # dates on the x axis: matplotlib's stubs take floats
    initial = sum((amount for _, amount in schedule.initial_prices), Decimal(0))
    if not schedule.rows or not initial:
        return figure
    days = [_dates.add_months(schedule.rows[0].anniversary, -12)]
    days += [row.anniversary for row in schedule.rows]
    totals = [initial, *(row.total for row in schedule.rows)]
    ax.plot(days, [float(t / initial * 100) for t in totals], drawstyle="steps-post",
            marker="o", color="#2166ac", label=say("prix révisé", "revised price", lang))  # fmt: skip
    for day, total in zip(days, totals, strict=True):
        ax.annotate(_text.money(total, lang), (day, float(total / initial * 100)), fontsize=7,
                    xytext=(0, 6), textcoords="offset points", ha="left")  # fmt: skip
    revised = [row for row in schedule.rows if row.revision is not None]
    if revised:
        growth, level = [100.0], Fraction(1)
        for row in revised:
            assert row.revision is not None
            ratio = Fraction(row.revision.current_index) / Fraction(row.revision.base_index)
            level = level * ratio if schedule.basis == "chained" else ratio
            growth.append(float(level * 100))
        ax.plot([days[0], *(row.anniversary for row in revised)], growth, marker="D",
                linestyle="--", color="#b2182b",
                label=say("indice Syntec, Syn(n) / Syn(o)", "Syntec index, Syn(n) / Syn(o)", lang))  # fmt: skip
    ax.set_ylabel(say("base 100", "base 100", lang))
    ax.set_xticks(days, [d.isoformat() for d in days], rotation=30 if len(days) > 4 else 0)
    ax.margins(x=0.08, y=0.15)
    ax.grid(axis="y", color="0.9")
    ax.legend(loc="upper left", fontsize=8)
    return figure


_REGIME_COLOURS: dict[Regime, str] = {
    "public_procurement": "#b2182b",
    "three_times_legal": "#2166ac",
    "commercial_code": "#ef8a62",
}


def moratory_rate_chart(
    start: dt.date,
    end: dt.date,
    *,
    regimes: Sequence[Regime] = ("public_procurement", "three_times_legal"),
    ecb_rates: RateTable | None = None,
    legal_rates: RateTable | None = None,
    lang: Lang = "fr",
) -> Figure:
    """The annual rate of late-payment interest from ``start`` to ``end``, per regime (§1.8).

    Each regime's rate is the one :func:`~libriciel_terms.rates.applied_rate` gives for
    interest starting in each half-year (R2192-31: the ECB rate in force on the half-year's
    first day + 8 points; or 3 × the half-year's legal rate, C6); the ECB main refinancing rate
    itself is drawn under them, a step at each change. A day outside the tables is a
    :class:`~libriciel_terms.errors.RateNotInTableError`, never a guess.

    >>> from datetime import date
    >>> figure = moratory_rate_chart(date(2024, 1, 1), date(2025, 12, 31))
    >>> moratory = figure.axes[0].lines[0]
    >>> moratory.get_label(), [float(y) for y in moratory.get_ydata()]
    ('intérêts moratoires du code de la commande publique', [12.5, 12.25, 11.15, 10.15, 10.15])
    """
    first = _validate.day("start", start)
    last = _validate.day("end", end)
    if last < first:
        raise EndBeforeStartError(
            f"end={last!r} is before start={first!r}; pass an end on or after start"
        )
    lang = _text.check_lang(lang)
    chosen = [_validate.one_of("regimes", r, _validate.literal_values(Regime)) for r in regimes]
    ecb = ECB_MRO if ecb_rates is None else ecb_rates
    halves = [_dates.half_year_start(first)]
    while _dates.add_months(halves[-1], 6) <= last:
        halves.append(_dates.add_months(halves[-1], 6))
    figure: Figure = _figure_class()(figsize=(8, 4), layout="constrained")
    ax: Any = figure.subplots()  # dates on the x axis: matplotlib's stubs take floats
    for regime in chosen:
        rates = [
            float(applied_rate(regime, h, ecb_rates=ecb, legal_rates=legal_rates).percent)
            for h in halves
        ]
        ax.plot([*halves, last], [*rates, rates[-1]], drawstyle="steps-post",
                color=_REGIME_COLOURS[regime], label=regime_name(regime, lang))  # fmt: skip
    changes = [first, *(day for day in ecb if first < day <= last), last]
    ax.plot(changes, [float(ecb.row_in_force(day).rate_percent) for day in changes],
            drawstyle="steps-post", color="0.5", linestyle=":",
            label=say("taux principal de refinancement de la BCE",
                      "ECB main refinancing rate", lang))  # fmt: skip
    ax.set_ylabel(say("taux annuel (%)", "annual rate (%)", lang))
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", color="0.9")
    ax.legend(loc="best", fontsize=8)
    figure.suptitle(
        say("Taux des intérêts de retard (§1.8)", "Late-payment interest rates (§1.8)", lang),
        fontsize=10,
    )
    return figure
