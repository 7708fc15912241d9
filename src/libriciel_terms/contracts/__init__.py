"""Contract presets: a real contract composed from the rule modules.

>>> from libriciel_terms.contracts import COMELUS_2024
>>> COMELUS_2024.term.latest_end
datetime.date(2028, 8, 31)
"""

from libriciel_terms.contracts.comelus_2024 import COMELUS_2024, ContractPreset, comelus_2024

__all__ = ["COMELUS_2024", "ContractPreset", "comelus_2024"]
