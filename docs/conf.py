"""Sphinx configuration: MyST Markdown pages plus the API reference from docstrings."""

from __future__ import annotations

project = "libriciel-terms"
author = "libriciel-terms developers"
copyright = "2026, libriciel-terms developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
nitpicky = False
html_theme = "alabaster"
html_title = "libriciel-terms"
