"""Sphinx configuration: MyST Markdown pages plus the API reference from docstrings.

The API reference has one page per public module, generated here at build time from the
package's ``_EXPORTS`` (each public name is documented once, on the page of the module that
defines it) into ``docs/api/`` (git-ignored). In the guides, every inline code span naming a
public object (``BusinessHours``, ``ContractTerm.notice_deadline``, ``revise_price(...)``,
``libriciel_terms.hours``) becomes a link to its reference entry (:class:`_LinkNames`); a span
that names a public object but points nowhere fails the build. Python's standard library is
linked through a small local inventory (``docs/_static/python.inv``, built by
``scripts/build_inventory.py``): the build reads nothing from the network. The charts shown in
the guides are drawn here too, into ``docs/_static/charts/`` (git-ignored), by
``docs/_charts.py``.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import libriciel_terms  # noqa: E402
from libriciel_terms import _EXPORTS, _MODULE_OF  # noqa: E402

project = "libriciel-terms"
author = "libriciel-terms developers"
copyright = "2026, libriciel-terms developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.intersphinx",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "api/_*"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
autosummary_generate = False  # the pages are written by _write_api_pages below
nitpicky = False
html_theme = "furo"
html_title = "libriciel-terms"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_theme_options = {"navigation_with_keys": True}
# Offline: the inventories are local files (no request is made at build time).
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", "_static/python.inv"),
    "matplotlib": ("https://matplotlib.org/stable", "_static/matplotlib.inv"),
    "pandas": ("https://pandas.pydata.org/docs", "_static/pandas.inv"),
}
intersphinx_timeout = 1

# --- API pages --------------------------------------------------------------------------------

#: Each public module's page title, in the reference's order (the contract's sections).
TITLES = {
    "errors": "Errors",
    "holidays": "Holidays",
    "delays": "Délais and business durations",
    "hours": "Business hours",
    "states": "Ticket states",
    "sla": "SLAs",
    "tickets": "Tickets and their evaluation",
    "ticket_records": "Tickets from exports",
    "compliance": "Compliance summaries",
    "downtime": "Availability",
    "term": "Contract term",
    "termination": "Late termination",
    "billing": "Billing and pro-rata",
    "unit_prices": "Unit prices and quotes",
    "liability": "Liability cap",
    "consistency": "The contract's own figures",
    "syntec": "The Syntec index",
    "revision": "Syntec price revision",
    "rates": "Rate tables",
    "payment": "Payment delay",
    "interest": "Late-payment interest",
    "claims": "Payment requests and claims",
    "retention": "Retention",
    "data_protection": "Data protection",
    "quotas": "Quotas",
    "backups": "Backups and restore points",
    "contract": "Contracts",
    "comelus": "The ComElus 2024 contract",
    "portfolio": "Portfolios",
    "obligations": "Obligations calendar",
    "termsheet": "Term sheets",
    "files": "Reading files",
    "charts": "Charts",
}
_SIMPLE_VALUES = (int, str, bytes)


def _directive(obj: object) -> tuple[str, list[str]]:
    """The autodoc directive documenting ``obj`` and its options."""
    if inspect.isclass(obj):
        return ("autoexception" if issubclass(obj, BaseException) else "autoclass"), []
    if inspect.isfunction(obj):
        return "autofunction", []
    simple = isinstance(obj, _SIMPLE_VALUES) and len(repr(obj)) < 60
    return "autodata", [] if simple else [":no-value:"]


def _module_page(module_name: str, names: tuple[str, ...]) -> str:
    full = f"libriciel_terms.{module_name}"
    module = importlib.import_module(full)
    title = f"{TITLES[module_name]} (``{module_name}``)"
    lines = [title, "=" * len(title), "", f".. automodule:: {full}", "   :no-members:", ""]
    lines += [f".. currentmodule:: {full}", "", ".. autosummary::", "   :nosignatures:", ""]
    lines += [f"   {name}" for name in names]
    others = [n for n in getattr(module, "__all__", ()) if n not in names and n in _MODULE_OF]
    if others:
        links = ", ".join(f":py:obj:`~libriciel_terms.{_MODULE_OF[n]}.{n}`" for n in others)
        lines += ["", f"Also importable from this module (documented with their own): {links}."]
    for name in names:
        directive, options = _directive(getattr(module, name))
        lines += ["", f".. {directive}:: {name}", *(f"   {o}" for o in options)]
    return "\n".join(lines) + "\n"


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _write_api_pages() -> None:
    """Write docs/api/<module>.rst for every public module and the index's module table."""
    folder = HERE / "api"
    folder.mkdir(exist_ok=True)
    assert set(TITLES) == set(_EXPORTS), set(TITLES) ^ set(_EXPORTS)
    for module_name, names in _EXPORTS.items():
        _write_if_changed(folder / f"{module_name}.rst", _module_page(module_name, names))
    summary = [".. autosummary::", "   :nosignatures:", ""]
    summary += [f"   libriciel_terms.{m}" for m in _EXPORTS]
    summary += ["", ".. toctree::", "   :hidden:", ""]
    summary += [f"   api/{m}" for m in _EXPORTS]
    _write_if_changed(folder / "_modules.rst", "\n".join(summary) + "\n")
    for stale in folder.glob("*.rst"):
        if not stale.name.startswith("_") and stale.stem not in _EXPORTS:
            stale.unlink()


# --- Links from the guides to the reference ---------------------------------------------------

_PUBLIC = set(libriciel_terms.__all__)
#: Names of other projects the guides write bare, and their full names in the inventories.
_OTHERS = {
    "Decimal": "decimal.Decimal",
    "Fraction": "fractions.Fraction",
    "ZoneInfo": "zoneinfo.ZoneInfo",
    "datetime": "datetime.datetime",
    "timedelta": "datetime.timedelta",
    "decimal": "decimal",
    "zoneinfo": "zoneinfo",
    **{name: name for name in ("None", "bool", "float", "int", "str")},
    **{name: name for name in ("KeyError", "TypeError", "ValueError")},
    "pandas.DataFrame": "pandas.DataFrame",
    "matplotlib.figure.Figure": "matplotlib.figure.Figure",
    "Timestamp": "pandas.Timestamp",
    "CustomBusinessHour": "pandas.tseries.offsets.CustomBusinessHour",
}
_NAME = re.compile(r"(?:libriciel_terms\.)?([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(?:\(.*\))?", re.S)


def reference_target(text: str) -> str | None:
    """The full dotted name an inline code span refers to, if it names a public object.

    ``BusinessHours.comelus()`` → ``libriciel_terms.hours.BusinessHours.comelus``;
    ``libriciel_terms.hours`` → that module; ``lang="en"`` → ``None``.
    """
    match = _NAME.fullmatch(text.strip())
    if match is None:
        return None
    if text.strip() == "libriciel_terms":
        return "libriciel_terms"
    if match.group(1) in _OTHERS:
        return _OTHERS[match.group(1)]
    first, *rest = match.group(1).split(".")
    if first in _EXPORTS and (text.startswith("libriciel_terms.") or not rest):
        return ".".join(["libriciel_terms", first, *rest])
    if first not in _PUBLIC:
        return None
    return ".".join(["libriciel_terms", _MODULE_OF[first], first, *rest])


class _LinkNames(SphinxTransform):
    """Turn inline code naming a public object into a cross-reference (outside the API pages)."""

    default_priority = 900

    def apply(self, **kwargs: Any) -> None:
        if self.env.docname.startswith("api/"):
            return
        for node in list(self.document.findall(nodes.literal)):
            if _inside(node, (nodes.reference, addnodes.pending_xref, nodes.title)):
                continue
            target = _checked(reference_target(node.astext()))
            if target is None or (self.env.docname in _HISTORY and not _resolvable(target)):
                continue
            xref = addnodes.pending_xref(
                "",
                refdomain="py",
                reftype="obj",
                reftarget=target,
                refexplicit=True,
                refwarn=True,
                refdoc=self.env.docname,
                libriciel_link=True,
            )
            node.replace_self(xref)
            xref += node


_MEMBER = re.compile(r"([a-z_][a-z0-9_]*)(\(.*\))?", re.S)
_MEMBER_TYPES = {"method", "classmethod", "staticmethod", "property", "attribute"}


class _LinkMembers(SphinxPostTransform):
    """Link a code span naming a method or attribute alone (``notice_deadline(...)``,
    ``support_data_from``) when exactly one documented member of the library has that name.

    Only calls and names with an underscore qualify: a bare short word (``due``, ``add``) is
    often prose, and a name several classes share (``to_records()``) stays plain.
    """

    default_priority = 5  # before the references are resolved (10)

    def run(self, **kwargs: Any) -> None:
        if self.env.docname.startswith("api/"):
            return
        members = _members(self.env)
        for node in list(self.document.findall(nodes.literal)):
            if _inside(node, (nodes.reference, addnodes.pending_xref, nodes.title)):
                continue
            text = node.astext().strip()
            match = _MEMBER.fullmatch(text)
            if match is None or not (match.group(2) or "_" in match.group(1)):
                continue
            found = members.get(match.group(1), ())
            if len(found) != 1:
                continue
            docname, node_id = found[0]
            node.replace_self(
                make_refnode(self.app.builder, self.env.docname, docname, node_id, node.deepcopy())
            )


def _members(env: BuildEnvironment) -> dict[str, list[tuple[str, str]]]:
    """Each member name of the library's documented classes and where it is documented."""
    found: dict[str, list[tuple[str, str]]] = {}
    for name, entry in env.get_domain("py").objects.items():  # type: ignore[attr-defined]
        ours = name.startswith("libriciel_terms.") and not entry.aliased
        if ours and entry.objtype in _MEMBER_TYPES:
            found.setdefault(name.rsplit(".", 1)[1], []).append((entry.docname, entry.node_id))
    return found


#: Pages that name what existed once (the changelog): a name there links if it still exists.
_HISTORY = {"changelog"}


def _resolvable(target: str) -> bool:
    return (
        not target.startswith("libriciel_terms.")
        or target == "libriciel_terms"
        or (_exists(target) or (target.count(".") == 1 and target.split(".")[1] in _EXPORTS))
    )


def _checked(target: str | None) -> str | None:
    """The longest prefix of ``target`` that exists; ``None`` for a dotted path through a
    function or a constant that does not exist (a TOML key such as ``availability.schedule``).
    A public class's missing member is kept, so that its link fails the build (a typo)."""
    if target is None or not target.startswith("libriciel_terms.") or _exists(target):
        return target
    parts = target.split(".")
    if len(parts) <= 3:
        return target
    owner = getattr(importlib.import_module(".".join(parts[:2])), parts[2], None)
    if not inspect.isclass(owner):
        return None
    if not _exists(".".join(parts[:4])):
        return target
    while not _exists(".".join(parts)):
        parts.pop()
    return ".".join(parts)


def _inside(node: nodes.Node, kinds: tuple[type[nodes.Node], ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


def _nearest_documented(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Element
) -> nodes.reference | None:
    """A code span naming an undocumented attribute links to its documented owner."""
    if not node.get("libriciel_link") or not _exists(node["reftarget"]):
        return None
    domain = env.get_domain("py")
    parts = node["reftarget"].split(".")
    while len(parts) > 2:
        parts.pop()
        result = domain.resolve_xref(
            env, node["refdoc"], app.builder, "obj", ".".join(parts), node, contnode
        )
        if result is not None:
            return result
    return None


def _exists(dotted: str) -> bool:
    """Whether ``libriciel_terms.module.Name.attr…`` names a real attribute (or attrs field)."""
    package, *parts = dotted.split(".")
    if package != "libriciel_terms" or len(parts) < 2 or parts[0] not in _EXPORTS:
        return False
    value: Any = importlib.import_module(f"libriciel_terms.{parts[0]}")
    path = parts[1:]
    for part in path:
        fields = getattr(value, "__attrs_attrs__", None)
        if inspect.isclass(value) and fields is not None and hasattr(fields, part):
            value = getattr(fields, part).type
            continue
        if not hasattr(value, part):
            return False
        value = getattr(value, part)
    return True


def _draw_charts(app: Sphinx) -> None:
    import _charts

    _charts.draw(HERE / "_static" / "charts")


def setup(app: Sphinx) -> dict[str, Any]:
    _write_api_pages()
    app.add_transform(_LinkNames)
    app.add_post_transform(_LinkMembers)
    app.connect("missing-reference", _nearest_documented)
    app.connect("builder-inited", _draw_charts)
    return {"parallel_read_safe": True}
