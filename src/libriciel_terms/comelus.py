"""The bundled ComElus 2024 contract, and the accessors the public API pins to it.

Annemasse Agglo renews the hosting and maintenance of Libriciel SCOP's ComElus service from
2024-09-01 (decision D_2024_0110, signed 2024-04-19; conditions particulières of 2024-04-12).
Its figures live in one file shipped with the package, ``contracts/comelus-2024.toml``;
:data:`COMELUS_2024` is that file, loaded once.

>>> COMELUS_2024.term.latest_end, COMELUS_2024.prices.annual.ttc
(datetime.date(2028, 8, 31), Decimal('1620.00'))
"""

from __future__ import annotations

from libriciel_terms.contract import Contract
from libriciel_terms.files import bundled_text

__all__ = ["COMELUS_2024"]

#: The ComElus 2024 contract, read from the bundled file once.
COMELUS_2024: Contract = Contract.from_toml(
    bundled_text("comelus-2024"), source="comelus-2024.toml"
)
