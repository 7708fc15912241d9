"""Tests for libriciel_terms.charts (matplotlib, the `charts` extra)."""

from __future__ import annotations

import builtins
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from matplotlib.figure import Figure

from libriciel_terms.charts import compliance_chart
from libriciel_terms.compliance import compliance_summary
from libriciel_terms.errors import OptionalDependencyError, WrongTypeError
from libriciel_terms.sla import Priority, SlaPolicy
from libriciel_terms.tickets import Ticket

PARIS = ZoneInfo("Europe/Paris")


def p(month: int, day: int, hour: int) -> dt.datetime:
    return dt.datetime(2024, month, day, hour, tzinfo=PARIS)


SUMMARY = compliance_summary(
    SlaPolicy.comelus().evaluate_many(
        [
            Ticket(
                reported_at=p(10, 15, 10),
                priority=Priority.BLOQUANT,
                taken_charge_at=p(10, 15, 11),
                resolved_at=p(10, 16, 9),
            ),
            Ticket(
                reported_at=p(10, 16, 10),
                priority=Priority.MINEUR,
                taken_charge_at=p(10, 28, 9),
                resolved_at=p(10, 29, 9),
            ),
            Ticket(
                reported_at=p(11, 5, 10), priority=Priority.MINEUR, taken_charge_at=p(11, 5, 11)
            ),
        ],
        at=p(12, 1, 0),
    )
)


def test_one_panel_per_target_one_bar_per_priority_and_period() -> None:
    figure = compliance_chart(SUMMARY)
    assert isinstance(figure, Figure)
    titles = [ax.get_title() for ax in figure.axes]
    assert titles == ["prise en charge (qualification)", "solution de contournement", "résolution"]
    take = figure.axes[0]
    assert [t.get_text() for t in take.get_xticklabels()] == ["2024-10", "2024-11"]
    heights = sorted(round(bar.get_height(), 1) for bar in take.patches)
    assert heights == [0.0, 100.0, 100.0]  # Mineur Oct breached, Bloquant Oct met, Mineur Nov met
    assert [t.get_text() for t in take.texts] == ["1"]  # one breach, written above its bar
    assert take.get_ylabel() == "délais respectés (%)"
    assert figure.texts[0].get_text().startswith("Respect des délais")
    legend = figure.axes[-1].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [p.label for p in Priority]


def test_english_labels() -> None:
    figure = compliance_chart(SUMMARY, lang="en")
    assert [ax.get_title() for ax in figure.axes] == [
        "take charge (qualification)",
        "workaround",
        "resolution",
    ]
    assert figure.axes[0].get_ylabel() == "time limits met (%)"


def test_refusals(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(WrongTypeError, match="summary=1 is not a ComplianceSummary"):
        compliance_chart(1)  # type: ignore[arg-type]
    real_import = builtins.__import__

    def no_matplotlib(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    with pytest.raises(OptionalDependencyError, match=r"pip install 'libriciel-terms\[charts\]'"):
        compliance_chart(SUMMARY)
