"""Bundled reference data: the published Syntec, ECB and legal-rate series, written by ``scripts/``.

The modules here hold Python literals only (values, sources, publication dates and an ``AS_OF``
date); no rule reads a file at import or call time. Regenerate them, never edit them by hand.
"""
