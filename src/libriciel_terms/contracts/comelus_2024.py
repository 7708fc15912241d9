"""The ComElus 2024 contract: Annemasse Agglo and Libriciel SCOP, from 2024-09-01.

Decision D_2024_0110 of the president of the Communauté d'agglomération Annemasse – Les Voirons
(signed 2024-04-19) renews the hosting and maintenance contract of the ComElus service with
Libriciel SCOP (Castelnau-le-Lez) on the conditions particulières dated 2024-04-12. This module
composes that contract from the rule modules; nothing here is a rule of its own.

>>> preset = comelus_2024()
>>> preset.buyer
'Communauté d’agglomération Annemasse – Les Voirons (Annemasse Agglo)'
>>> preset.prices.annual.ht, preset.term.periods[0].start
(Decimal('1350.00'), datetime.date(2024, 9, 1))
>>> [p.name for p in preset.sla_policies]
['table 4.3', 'section 2.7']
"""

from __future__ import annotations

import datetime as dt

import attrs

from libriciel_terms.backups import BackupSchedule
from libriciel_terms.billing import PriceList
from libriciel_terms.hours import BusinessHours
from libriciel_terms.retention import RETENTION_RULES, RetentionTable
from libriciel_terms.sla import SlaPolicy
from libriciel_terms.term import ContractTerm

__all__ = ["COMELUS_2024", "ContractPreset", "comelus_2024"]


@attrs.frozen(kw_only=True)
class ContractPreset:
    """A contract as the rule modules see it: parties, term, prices, schedules and policies."""

    name: str
    buyer: str
    titulaire: str
    references: tuple[tuple[str, str], ...]
    term: ContractTerm
    prices: PriceList
    hours: BusinessHours
    portal: BusinessHours
    customer_space: BusinessHours
    sla_policies: tuple[SlaPolicy, ...]
    hosting_gtr: SlaPolicy
    backups: BackupSchedule
    retention: RetentionTable
    signed_on: dt.date


def comelus_2024() -> ContractPreset:
    """The ComElus 2024 contract (decision D_2024_0110; CP of 2024-04-12)."""
    return ContractPreset(
        name="ComElus 2024 — maintenance et hébergement",
        buyer="Communauté d’agglomération Annemasse – Les Voirons (Annemasse Agglo)",
        titulaire="Libriciel SCOP, 140 rue Aglaonice de Thessalie, 34170 Castelnau-le-Lez",
        references=(
            ("décision", "D_2024_0110 du Président, signée le 2024-04-19"),
            ("conditions particulières", "réf. CAANNEM_CM_CE, Castelnau-le-Lez, 2024-04-12"),
            ("SIRET acheteur", "20001177300104"),
        ),
        term=ContractTerm.comelus(),
        prices=PriceList.comelus_2024(),
        hours=BusinessHours.comelus(),
        portal=BusinessHours.customer_portal(),
        customer_space=BusinessHours.production_customer_space(),
        sla_policies=(SlaPolicy.comelus(), SlaPolicy.section_2_7()),
        hosting_gtr=SlaPolicy.hosting_gtr(),
        backups=BackupSchedule.comelus(),
        retention=RETENTION_RULES,
        signed_on=dt.date(2024, 4, 19),
    )


#: The ComElus 2024 contract, built once.
COMELUS_2024 = comelus_2024()
