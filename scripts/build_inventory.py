"""Write the small intersphinx inventories the docs link through (``docs/_static/*.inv``).

The documentation builds offline (no network here or in CI), so instead of downloading
Python's and matplotlib's ``objects.inv`` the build reads these two files, which list only the
names the reference and the guides use, with their addresses on docs.python.org and
matplotlib.org. Run ``python scripts/build_inventory.py`` after adding a name below; the output
is deterministic (tests/test_docs_inventory.py checks the committed files match).
"""

from __future__ import annotations

import zlib
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "docs" / "_static"

#: (name, role, page#anchor) of the standard-library names the docs refer to.
PYTHON: tuple[tuple[str, str, str], ...] = (
    *(
        (name, "class", f"library/functions.html#{name}")
        for name in ("bool", "bytes", "dict", "float", "int", "list", "object", "str", "tuple")
    ),
    ("None", "data", "library/constants.html#None"),
    ("datetime", "module", "library/datetime.html#module-datetime"),
    ("decimal", "module", "library/decimal.html#module-decimal"),
    ("zoneinfo", "module", "library/zoneinfo.html#module-zoneinfo"),
    *(
        (name, "exception", f"library/exceptions.html#{name}")
        for name in (
            "Exception",
            "ImportError",
            "KeyError",
            "LookupError",
            "TypeError",
            "ValueError",
        )
    ),
    ("datetime.date", "class", "library/datetime.html#datetime.date"),
    ("datetime.datetime", "class", "library/datetime.html#datetime.datetime"),
    ("datetime.time", "class", "library/datetime.html#datetime.time"),
    ("datetime.timedelta", "class", "library/datetime.html#datetime.timedelta"),
    ("datetime.tzinfo", "class", "library/datetime.html#datetime.tzinfo"),
    ("decimal.Decimal", "class", "library/decimal.html#decimal.Decimal"),
    ("fractions.Fraction", "class", "library/fractions.html#fractions.Fraction"),
    ("zoneinfo.ZoneInfo", "class", "library/zoneinfo.html#zoneinfo.ZoneInfo"),
    ("pathlib.Path", "class", "library/pathlib.html#pathlib.Path"),
    ("os.PathLike", "class", "library/os.html#os.PathLike"),
    ("enum.Enum", "class", "library/enum.html#enum.Enum"),
    ("enum.IntEnum", "class", "library/enum.html#enum.IntEnum"),
    ("enum.StrEnum", "class", "library/enum.html#enum.StrEnum"),
    ("typing.Any", "data", "library/typing.html#typing.Any"),
    ("typing.Literal", "data", "library/typing.html#typing.Literal"),
    ("typing.Protocol", "class", "library/typing.html#typing.Protocol"),
    *(
        (f"collections.abc.{name}", "class", f"library/collections.abc.html#collections.abc.{name}")
        for name in ("Callable", "Iterable", "Iterator", "Mapping", "Sequence", "Set")
    ),
)

#: The matplotlib names the charts return.
MATPLOTLIB: tuple[tuple[str, str, str], ...] = (
    ("matplotlib.figure.Figure", "class", "api/_as_gen/matplotlib.figure.Figure.html#matplotlib.figure.Figure"),
    ("matplotlib.figure.Figure.savefig", "method", "api/_as_gen/matplotlib.figure.Figure.html#matplotlib.figure.Figure.savefig"),
)  # fmt: skip


#: The pandas names the guides compare with.
PANDAS: tuple[tuple[str, str, str], ...] = (
    ("pandas.DataFrame", "class", "reference/api/pandas.DataFrame.html#pandas.DataFrame"),
    ("pandas.Timestamp", "class", "reference/api/pandas.Timestamp.html#pandas.Timestamp"),
    ("pandas.tseries.offsets.CustomBusinessHour", "class", "reference/api/pandas.tseries.offsets.CustomBusinessHour.html#pandas.tseries.offsets.CustomBusinessHour"),
)  # fmt: skip


def inventory(project: str, version: str, entries: tuple[tuple[str, str, str], ...]) -> bytes:
    """An intersphinx inventory (format 2) listing ``entries``."""
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        f"# Version: {version}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    body = "".join(f"{name} py:{role} 1 {uri} -\n" for name, role, uri in sorted(entries))
    return header.encode() + zlib.compress(body.encode(), 9)


def main() -> None:
    (STATIC / "python.inv").write_bytes(inventory("Python", "3", PYTHON))
    (STATIC / "pandas.inv").write_bytes(inventory("pandas", "2", PANDAS))
    (STATIC / "matplotlib.inv").write_bytes(inventory("Matplotlib", "3", MATPLOTLIB))


if __name__ == "__main__":
    main()
