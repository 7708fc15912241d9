"""What reference data the computations read: the bundled tables, their dates and their gaps.

The Syntec index (contract §1.11), the ECB rate and the legal interest rate (§1.8) are bundled
as snapshots; :func:`reference_data` says, for each, what it holds, the day it was last checked,
what is missing, and how many values came from the user (after ``SYNTEC.merged(...)`` and the
like). It is what ``libriciel-terms data`` prints.

>>> data = reference_data()
>>> [(r["series"], r["rows"], r["known_through"]) for r in data.to_records()]
[('syntec', 216, None), ('ecb_mro', 37, datetime.date(2026, 2, 5)), ('legal_rate_other_cases', 23, datetime.date(2026, 6, 30)), ('legal_rate_individuals', 23, datetime.date(2026, 6, 30))]
>>> data.to_records()[0]["gaps"].split(", ")[-1]
'2025-02…2025-08'

The failing case: only series and rate tables are described.

>>> reference_data(syntec={})
Traceback (most recent call last):
...
libriciel_terms.errors.WrongTypeError: syntec[0]={} is a dict, not SyntecSeries
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from libriciel_terms import _text, _validate
from libriciel_terms._display import Label
from libriciel_terms._report import Column, Report
from libriciel_terms._text import Lang, pick
from libriciel_terms.rates import (
    ECB_MRO,
    LEGAL_RATE_INDIVIDUALS,
    LEGAL_RATE_OTHER_CASES,
    RateTable,
)
from libriciel_terms.syntec import SYNTEC, SyntecSeries

__all__ = ["ReferenceData", "reference_data"]

_SERIES = {
    "syntec": ("indice Syntec", "Syntec index"),
    "ecb_mro": ("taux de la BCE (refinancement)", "ECB main refinancing rate"),
    "legal_rate_other_cases": ("taux légal (autres cas)", "legal rate (other cases)"),
    "legal_rate_individuals": ("taux légal (particuliers)", "legal rate (individuals)"),
}
_TABLE_KEYS = {
    ECB_MRO.name: "ecb_mro",
    LEGAL_RATE_OTHER_CASES.name: "legal_rate_other_cases",
    LEGAL_RATE_INDIVIDUALS.name: "legal_rate_individuals",
}


def _tuple_of_rate_table(value: object) -> tuple[RateTable, ...]:
    return _validate.items("tables", value, RateTable)


@attrs.frozen(kw_only=True)
class ReferenceData(Report):
    """The reference series a computation reads: coverage, dates, gaps, user values."""

    COLUMNS = (
        Column("series", "série", "series"),
        Column("first", "premier", "first"),
        Column("last", "dernier", "last"),
        Column("rows", "valeurs", "values", "number"),
        Column("user_rows", "dont utilisateur", "from the user", "number"),
        Column("as_of", "vérifié le", "checked on", "date"),
        Column("known_through", "connu jusqu'au", "known through", "date"),
        Column("gaps", "manquants", "missing"),
    )

    syntec: SyntecSeries = attrs.field(validator=_validate.instance_of(SyntecSeries))
    tables: tuple[RateTable, ...] = attrs.field(converter=_tuple_of_rate_table)

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per series: first and last value, counts, dates, gaps."""
        months = list(self.syntec)
        records = [
            {
                "series": _label("syntec"),
                "first": str(months[0]) if months else None,
                "last": str(months[-1]) if months else None,
                "rows": len(self.syntec),
                "user_rows": sum(entry.origin == "user" for entry in self.syntec.entries),
                "as_of": self.syntec.as_of,
                "known_through": None,
                "gaps": ", ".join(f"{a}…{b}" if a != b else str(a) for a, b in self.syntec.gaps()),
            }
        ]
        for table in self.tables:
            records.append(
                {
                    "series": _label(_TABLE_KEYS.get(table.name, table.name)),
                    "first": table.rows[0].starts_on.isoformat(),
                    "last": table.rows[-1].starts_on.isoformat(),
                    "rows": len(table),
                    "user_rows": sum(row.origin == "user" for row in table.rows),
                    "as_of": table.as_of,
                    "known_through": table.known_through,
                    "gaps": "",
                }
            )
        return records

    def headline(self, *, lang: Lang = "fr") -> str:
        """What the table lists."""
        lang = _text.check_lang(lang)
        return pick(
            "Données de référence : indice Syntec et taux d'intérêt",
            "Reference data: the Syntec index and interest rates",
            lang,
        )

    def notes(self, *, lang: Lang = "fr") -> tuple[str, ...]:
        """What a missing value means, and how to add one."""
        lang = _text.check_lang(lang)
        ecb = _text.date_long(self.tables[0].known_through, lang) if self.tables else "—"
        return (
            pick(
                "Un mois d'indice ou un taux absent n'est jamais deviné : le calcul qui en a "
                "besoin est refusé et dit quelle valeur ajouter.",
                "A missing index month or rate is never guessed: a computation that needs it is "
                "refused and says which value to add.",
                lang,
            ),
            pick(
                f"Taux de la BCE connus jusqu'au {ecb} ; ajoutez les valeurs publiées depuis "
                f"dans un fichier CSV (voir la page « Fichiers de référence »).",
                f"ECB rates known through {ecb}; add the values published since in a CSV file "
                f'(see the "Reference files" page).',
                lang,
            ),
        )


def _label(key: str) -> Label | str:
    return Label.of(key, *_SERIES[key]) if key in _SERIES else key


def reference_data(
    *,
    syntec: SyntecSeries = SYNTEC,
    ecb_rates: RateTable = ECB_MRO,
    legal_rates: Sequence[RateTable] = (LEGAL_RATE_OTHER_CASES, LEGAL_RATE_INDIVIDUALS),
) -> ReferenceData:
    """The reference series read by the computations (``libriciel-terms data``).

    Pass the series actually used — e.g. ``SYNTEC.merged(load_syntec(path))`` — to see what the
    user's files added.
    """
    series = _validate.items("syntec", (syntec,), SyntecSeries)[0]
    tables = _validate.items("legal_rates", legal_rates, RateTable)
    ecb = _validate.items("ecb_rates", (ecb_rates,), RateTable)[0]
    return ReferenceData(syntec=series, tables=(ecb, *tables))
