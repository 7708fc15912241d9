"""The documentation's build helpers: offline inventories and the links from the guides."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load(path: Path, name: str) -> object:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def conf() -> object:
    pytest.importorskip("sphinx")
    return load(ROOT / "docs" / "conf.py", "docs_conf")


def test_committed_inventories_are_the_scripts_output() -> None:
    script = load(ROOT / "scripts" / "build_inventory.py", "build_inventory")
    static = ROOT / "docs" / "_static"
    for name, project, version, entries in [
        ("python.inv", "Python", "3", script.PYTHON),  # type: ignore[attr-defined]
        ("pandas.inv", "pandas", "2", script.PANDAS),  # type: ignore[attr-defined]
        ("matplotlib.inv", "Matplotlib", "3", script.MATPLOTLIB),  # type: ignore[attr-defined]
    ]:
        built = script.inventory(project, version, entries)  # type: ignore[attr-defined]
        assert (static / name).read_bytes() == built, f"run scripts/build_inventory.py ({name})"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("BusinessHours", "libriciel_terms.hours.BusinessHours"),
        ("BusinessHours.comelus()", "libriciel_terms.hours.BusinessHours.comelus"),
        ("revise_price(...)", "libriciel_terms.revision.revise_price"),
        ("libriciel_terms.hours", "libriciel_terms.hours"),
        ("libriciel_terms", "libriciel_terms"),
        ("retention", "libriciel_terms.retention"),
        ("Decimal", "decimal.Decimal"),
        ('lang="en"', None),
        ("to_records()", None),
        ("due", None),
    ],
)
def test_reference_targets(conf: object, text: str, target: str | None) -> None:
    assert conf.reference_target(text) == target  # type: ignore[attr-defined]


def test_a_dotted_path_through_a_function_is_not_a_name(conf: object) -> None:
    # availability.schedule is a key of the contract file, not an attribute of availability().
    assert conf._checked("libriciel_terms.downtime.availability.schedule") is None  # type: ignore[attr-defined]
    # A class's missing member stays, so that its link fails the build.
    missing = "libriciel_terms.hours.BusinessHours.no_such_method"
    assert conf._checked(missing) == missing  # type: ignore[attr-defined]
    # An attribute of a method's result links to the method.
    assert conf._checked("libriciel_terms.billing.PriceList.annual.ht") == (  # type: ignore[attr-defined]
        "libriciel_terms.billing.PriceList.annual"
    )
