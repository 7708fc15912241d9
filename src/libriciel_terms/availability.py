"""Transitional: the availability rules live in :mod:`libriciel_terms.downtime`.

``libriciel_terms/__init__.py`` still imports them from here; once it imports them from
``downtime``, this module goes (its function ``availability`` hid the module of the same name).
"""

from libriciel_terms.downtime import AvailabilityReport, availability, availability_report

__all__ = ["AvailabilityReport", "availability", "availability_report"]
