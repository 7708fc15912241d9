"""The liability cap (Contract §1.4.1).

"L'indemnité totale due par le titulaire à la collectivité en réparation de son préjudice ne
pourra dépasser le prix du service annuel (maintenance et/ou support) à l'origine du dommage."
The cap is the annual price of the service that caused the damage (HT, as the CP states prices).
"Les limites ci-dessus ne s'appliquent pas aux dommages corporels, ni aux dommages aux biens
matériels (mobiliers ou immobiliers)": those have no contractual cap (droit commun). Indirect
damage, and lost or damaged records and data, are excluded: nothing is owed under the contract.

>>> from decimal import Decimal
>>> liability_cap(Decimal("1350.00"))
Decimal('1350.00')
>>> liability_cap(Decimal("250.00"), damage="indirect")
Decimal('0.00')
>>> liability_cap(Decimal("1350.00"), damage="bodily") is None
True

Which service caused the damage is a fact the caller gives: the annual price of the whole service
(1 350,00 € for ComElus) or of one line (the 250,00 € of support). The failing case, a float:

>>> liability_cap(1350.0)
Traceback (most recent call last):
...
libriciel_terms.errors.FloatMoneyError: annual_price=1350.0 is a float; pass the amount as a Decimal or an int, e.g. Decimal("1350.0") — a float cannot hold most decimal values exactly
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Literal

from libriciel_terms import _validate
from libriciel_terms._exact import cents

__all__ = ["DamageKind", "liability_cap"]

#: The damage a liability claim is about (§1.4.1): ``"direct"`` — capped at the annual price;
#: ``"indirect"`` — excluded (data loss, image, third-party actions): 0.00; ``"bodily"`` and
#: ``"property"`` (mobiliers ou immobiliers) — no contractual cap (droit commun): ``None``.
DamageKind = Literal["direct", "indirect", "bodily", "property"]


def liability_cap(annual_price: Decimal, *, damage: DamageKind = "direct") -> Decimal | None:
    """The most the titulaire owes for one damage of kind ``damage`` (§1.4.1), to the cent.

    ``None`` means no contractual cap (bodily injury, damage to physical property).
    """
    amount = _validate.money("annual_price", annual_price)
    _validate.one_of("damage", damage, _validate.literal_values(DamageKind))
    if damage in ("bodily", "property"):
        return None
    if damage == "indirect":
        return cents(0)
    return cents(Fraction(amount))
