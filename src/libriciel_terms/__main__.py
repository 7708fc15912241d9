"""``python -m libriciel_terms``: the command line (see :mod:`libriciel_terms.cli`)."""

from __future__ import annotations

import sys

from libriciel_terms.cli import main

if __name__ == "__main__":
    sys.exit(main())
