"""Tests for libriciel_terms.charts (matplotlib, the `charts` extra)."""

from __future__ import annotations

import builtins
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from matplotlib.figure import Figure

from libriciel_terms import (
    COMELUS_2024,
    Portfolio,
    PriceList,
    load_contract,
    moratory_rate,
    revision_schedule,
    three_times_legal_rate,
)
from libriciel_terms.charts import (
    compliance_chart,
    moratory_rate_chart,
    obligations_chart,
    revision_chart,
)
from libriciel_terms.compliance import compliance_summary
from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    OptionalDependencyError,
    RateNotInTableError,
    WrongTypeError,
)
from libriciel_terms.sla import Priority, SlaPolicy
from libriciel_terms.tickets import Ticket

PARIS = ZoneInfo("Europe/Paris")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


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
    (legend,) = figure.legends  # below the panels, not over the bars
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


# --- obligations timeline --------------------------------------------------------------------


def test_obligations_chart_one_row_per_kind_one_marker_per_obligation() -> None:
    calendar = COMELUS_2024.obligations(dt.date(2025, 6, 1), dt.date(2025, 9, 1))
    figure = obligations_chart(calendar, as_of=dt.date(2025, 7, 15))
    (ax,) = figure.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "facture",
        "paiement",
        "préavis",
        "révision",
    ]
    buyer, contractor, today = ax.lines
    assert buyer.get_label() == "acheteur"
    # payment 2025-06-30 (row 2), notice 2025-07-01 (row 1), revision 2025-09-01 (row 0)
    assert list(buyer.get_xdata()) == [
        dt.date(2025, 6, 30),
        dt.date(2025, 7, 1),
        dt.date(2025, 9, 1),
    ]
    assert list(buyer.get_ydata()) == [2, 1, 0]
    assert contractor.get_label() == "titulaire"
    assert list(contractor.get_xdata()) == [dt.date(2025, 8, 31)]
    assert list(contractor.get_ydata()) == [3]
    assert list(today.get_xdata()) == [dt.date(2025, 7, 15)] * 2
    assert [t.get_text() for t in ax.texts] == ["au 2025-07-15"]
    assert figure.texts[0].get_text() == "4 obligations, du 2025-06-30 au 2025-09-01"


def test_obligations_chart_of_a_portfolio_groups_rows_by_contract_in_english() -> None:
    example = load_contract(EXAMPLES / "contracts" / "iparapheur-exempleville-2025.toml")
    calendar = Portfolio([COMELUS_2024, example]).obligations(
        dt.date(2025, 6, 28), dt.date(2025, 7, 31)
    )
    assert sorted({(o.contract, o.kind) for o in calendar}) == [
        ("ComElus 2024 — maintenance et hébergement", "notice"),
        ("ComElus 2024 — maintenance et hébergement", "payment"),
        ("i-Parapheur 2025 — Exempleville (exemple)", "invoice"),
        ("i-Parapheur 2025 — Exempleville (exemple)", "payment"),
    ]
    figure = obligations_chart(calendar, lang="en")
    (ax,) = figure.axes
    # top to bottom: the ComElus head (5), payment (4), notice (3); the i-Parapheur head (2),
    # invoice (1), payment (0); the heads are texts, not ticks
    ticks = dict(zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()], strict=True))
    assert ticks == {4: "payment", 3: "notice", 1: "invoice", 0: "payment"}
    assert [(t.get_text(), t.get_position()[1]) for t in ax.texts] == [
        ("ComElus 2024 — maintenance et hébergement", 5),
        ("i-Parapheur 2025 — Exempleville (exemple)", 2),
    ]
    by_label = {line.get_label(): line for line in ax.lines if not line.get_label().startswith("_")}
    assert sum(len(line.get_xdata()) for line in by_label.values()) == len(calendar)
    assert set(by_label) <= {"buyer", "contractor"}
    assert ax.get_legend().get_title().get_text() == "owed by"


def test_obligations_chart_refuses_anything_else() -> None:
    with pytest.raises(WrongTypeError, match="calendar=1 is not an ObligationsCalendar"):
        obligations_chart(1)  # type: ignore[arg-type]


# --- revision against the Syntec index -------------------------------------------------------

PRICES = {line.label: line.annual_ht for line in PriceList.comelus_2024().lines}


def test_revision_chart_price_and_index_in_base_100() -> None:
    years = [dt.date(2020, 9, 1), dt.date(2021, 9, 1)]
    schedule = revision_schedule(years, PRICES, imposed_by_buyer=True)
    figure = revision_chart(schedule)
    price, index = figure.axes[0].lines
    assert price.get_label() == "prix révisé"
    assert list(price.get_xdata()) == [dt.date(2019, 9, 1), *years]
    # 1 350,00 → 1 354,05 (C = 1,003) → 1 360,81 (C = 1,005, chained)
    assert [round(y, 4) for y in price.get_ydata()] == [100.0, 100.3, 100.8007]
    assert [
        t.get_text().replace("\u202f", " ").replace("\u00a0", " ") for t in figure.axes[0].texts
    ] == [
        "1 350,00 €",
        "1 354,05 €",
        "1 360,81 €",
    ]
    # Syn(n) / Syn(o): 274.9 / 274.1, then × 275.8 / 274.4
    assert index.get_label() == "indice Syntec, Syn(n) / Syn(o)"
    expected = [100.0, 100 * 274.9 / 274.1, 100 * 274.9 / 274.1 * 275.8 / 274.4]
    assert list(index.get_ydata()) == pytest.approx(expected)
    assert figure.texts[0].get_text().startswith("Révision Syntec imposée par l")


def test_revision_chart_fixed_base_and_english() -> None:
    years = [dt.date(2020, 9, 1), dt.date(2021, 9, 1)]
    schedule = revision_schedule(years, PRICES, imposed_by_buyer=True, basis="fixed_base")
    figure = revision_chart(schedule, lang="en")
    price, index = figure.axes[0].lines
    assert (price.get_label(), index.get_label()) == (
        "revised price",
        "Syntec index, Syn(n) / Syn(o)",
    )
    base = schedule.rows[0].revision.base_index  # type: ignore[union-attr]
    assert schedule.rows[1].revision.base_index == base  # type: ignore[union-attr]
    assert list(index.get_ydata()) == pytest.approx(
        [100.0, 100 * 274.9 / 274.1, 100 * 275.8 / 274.1]
    )
    assert figure.axes[0].texts[1].get_text() == "€1,354.05"


def test_revision_chart_of_firm_prices_is_flat_without_index() -> None:
    schedule = revision_schedule([dt.date(2025, 9, 1)], PRICES, imposed_by_buyer=False)
    (price,) = revision_chart(schedule).axes[0].lines
    assert list(price.get_ydata()) == [100.0, 100.0]
    with pytest.raises(WrongTypeError, match="schedule=1 is not a RevisionSchedule"):
        revision_chart(1)  # type: ignore[arg-type]


# --- moratory rate ----------------------------------------------------------------------------


def test_moratory_rate_chart_one_step_per_half_year() -> None:
    figure = moratory_rate_chart(dt.date(2024, 3, 1), dt.date(2025, 12, 31))
    moratory, legal, ecb = figure.axes[0].lines
    halves = [dt.date(2024, 1, 1), dt.date(2024, 7, 1), dt.date(2025, 1, 1), dt.date(2025, 7, 1)]
    assert list(moratory.get_xdata()) == [*halves, dt.date(2025, 12, 31)]
    # ECB rate on each half-year's first day + 8 points (R2192-31)
    assert list(moratory.get_ydata()) == [12.5, 12.25, 11.15, 10.15, 10.15]
    assert [float(moratory_rate(h)) for h in halves] == [12.5, 12.25, 11.15, 10.15]
    assert list(legal.get_ydata())[:-1] == [float(three_times_legal_rate(h)) for h in halves]
    assert moratory.get_label() == "intérêts moratoires du code de la commande publique"
    assert legal.get_label() == "intérêts à 3 fois le taux légal"
    assert ecb.get_label() == "taux principal de refinancement de la BCE"
    assert ecb.get_xdata()[0] == dt.date(2024, 3, 1)
    assert ecb.get_ydata()[0] == 4.5
    assert figure.axes[0].get_ylabel() == "taux annuel (%)"


def test_moratory_rate_chart_in_english_with_chosen_regimes() -> None:
    figure = moratory_rate_chart(
        dt.date(2025, 1, 1), dt.date(2025, 6, 30), regimes=("commercial_code",), lang="en"
    )
    commercial, ecb = figure.axes[0].lines
    assert commercial.get_label() == "commercial-code late-payment interest"
    assert list(commercial.get_ydata()) == [13.15, 13.15]  # 3.15 + 10 points (L441-10)
    assert ecb.get_label() == "ECB main refinancing rate"
    assert figure.texts[0].get_text() == "Late-payment interest rates (§1.8)"


def test_moratory_rate_chart_refusals() -> None:
    with pytest.raises(EndBeforeStartError):
        moratory_rate_chart(dt.date(2025, 1, 1), dt.date(2024, 1, 1))
    with pytest.raises(InvalidArgumentError, match="regimes='ecb'"):
        moratory_rate_chart(dt.date(2024, 1, 1), dt.date(2025, 1, 1), regimes=("ecb",))  # type: ignore[arg-type]
    with pytest.raises(RateNotInTableError):
        moratory_rate_chart(dt.date(2024, 1, 1), dt.date(2026, 12, 31))
