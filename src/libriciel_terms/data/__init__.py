"""Bundled reference data: the CSV files here, and the Python modules ``scripts/`` generates from them.

The modules here hold Python literals only (values, sources, publication dates and an ``AS_OF``
date); no rule reads a file at import or call time. Regenerate them, never edit them by hand.
"""
