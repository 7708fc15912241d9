"""Charts for people who would rather look than read (optional: ``pip install 'libriciel-terms[charts]'``).

matplotlib is an optional dependency: the rules never need it, and this module imports it only
when a chart is drawn. Each function returns a :class:`matplotlib.figure.Figure` built without
pyplot (no global state), which Jupyter displays and ``figure.savefig(...)`` writes.

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

from typing import TYPE_CHECKING, Any

from libriciel_terms import _text
from libriciel_terms._labels import say
from libriciel_terms._text import Lang
from libriciel_terms.compliance import ComplianceSummary
from libriciel_terms.errors import OptionalDependencyError, WrongTypeError
from libriciel_terms.sla import Priority, Target

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["compliance_chart"]

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
    axes[-1].legend(loc="lower right", fontsize=8)
    figure.suptitle(summary.headline(lang=lang), fontsize=10)
    return figure
