"""The charts shown in the guides, drawn when the documentation is built (docs/conf.py).

Each function below builds the figure its guide's example builds (docs/charts.md shows the code,
which the test suite runs and checks); :func:`draw` writes them as PNG files into
``docs/_static/charts/`` (git-ignored), so the pages always show what the current code draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from libriciel_terms import (
    COMELUS_2024,
    Portfolio,
    PriceList,
    SlaPolicy,
    compliance_summary,
    load_contract,
    revision_schedule,
)
from libriciel_terms.charts import (
    compliance_chart,
    moratory_rate_chart,
    obligations_chart,
    revision_chart,
)
from libriciel_terms.ticket_records import (
    parse_columns,
    records_from_csv_text,
    tickets_from_records,
)

ROOT = Path(__file__).resolve().parent.parent
EXPORT = (
    "Référence;Priorité;Date de création;Prise en charge;Résolution\n"
    "CE-1;Niveau 0 - Bloquant;15/10/2024 10:00;15/10/2024 11:00;17/10/2024 16:00\n"
    "CE-2;majeur;16/10/2024 09:30;17/10/2024 10:00;18/10/2024 11:00\n"
    "CE-3;Mineur;04/11/2024 10:00;;05/11/2024 09:00\n"
    "CE-4;sérieux;12/11/2024 14:00;13/11/2024 09:00;22/11/2024 17:00\n"
    "CE-5;Mineur;02/12/2024 09:00;05/12/2024 16:00;20/12/2024 10:00\n"
)


def compliance() -> Any:
    columns = parse_columns(
        "reference=Référence,priority=Priorité,reported_at=Date de création,"
        "taken_charge_at=Prise en charge,resolved_at=Résolution"
    )
    tickets = tickets_from_records(
        records_from_csv_text(EXPORT), columns=columns, zone="Europe/Paris"
    )
    at = dt.datetime(2025, 1, 1, tzinfo=ZoneInfo("Europe/Paris"))
    return compliance_chart(compliance_summary(SlaPolicy.comelus().evaluate_many(tickets, at=at)))


def obligations() -> Any:
    example = load_contract(ROOT / "examples" / "contracts" / "iparapheur-exempleville-2025.toml")
    calendar = Portfolio([COMELUS_2024, example]).obligations(
        dt.date(2025, 1, 1), dt.date(2026, 12, 31)
    )
    return obligations_chart(calendar, as_of=dt.date(2025, 10, 15))


def revision() -> Any:
    prices = {line.label: line.annual_ht for line in PriceList.comelus_2024().lines}
    years = [dt.date(2020, 9, 1), dt.date(2021, 9, 1), dt.date(2022, 9, 1), dt.date(2023, 9, 1)]
    schedule = revision_schedule(
        years,
        prices,
        imposed_by_buyer=True,
        revision_dates={dt.date(2022, 9, 1): dt.date(2022, 10, 1)},
        junction="continue_old",
    )
    return revision_chart(schedule)


def moratory_rate() -> Any:
    return moratory_rate_chart(dt.date(2015, 1, 1), dt.date(2025, 12, 31))


CHARTS: dict[str, Callable[[], Any]] = {
    "compliance": compliance,
    "obligations": obligations,
    "revision": revision,
    "moratory-rate": moratory_rate,
}


def draw(folder: Path) -> None:
    """Write every chart as ``folder/<name>.png``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in CHARTS.items():
        build().savefig(folder / f"{name}.png", dpi=110, metadata={"Software": None})
