"""Charts of the guides (drawn at build time)."""

from pathlib import Path


def draw(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
