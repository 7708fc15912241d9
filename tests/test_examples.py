"""Every notebook in examples/ runs, top to bottom, in a real Jupyter kernel (issue 8).

The notebooks assert their key values (``assert claim.total == Decimal("176.16")``), so a wrong
value or a changed API fails here. Each is executed with nbclient in a fresh ``python3``
kernel, from the examples/ folder (the notebooks read ``data/...`` relative to it).
jupyter_client starts a kernelspec whose command is ``python`` with the interpreter running
this test, so the kernel imports the same libriciel_terms; :func:`test_kernel_runs_this_interpreter`
checks it.

Only ``nbclient``, ``nbformat`` and ``ipykernel`` are needed (the ``test`` extra); they are imported
unguarded, so a missing one fails the run rather than skipping the examples. pandas is not needed:
the notebooks use it only when it is importable. The kernel runs in its own process, so pytest's
``filterwarnings = ["error"]`` does not apply inside it, and starting it emits no warning here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbclient
import nbformat
import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))


def execute(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(EXAMPLES)}},
    )
    return client.execute()


def test_there_are_at_least_three_notebooks() -> None:
    assert len(NOTEBOOKS) >= 3, NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stored_clean(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {index} has stored outputs"
            assert cell.execution_count is None, f"{path.name} cell {index} has an execution count"
    sources = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert "assert " in sources, f"{path.name} asserts nothing"
    assert "import pandas" not in sources or "except ImportError" in sources, (
        f"{path.name} imports pandas without a guard; the test environment does not install it"
    )
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "§" in markdown, f"{path.name} cites no clause"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    try:
        execute(notebook)
    except nbclient.exceptions.CellExecutionError as error:
        pytest.fail(f"{path.name} failed:\n{error}", pytrace=False)
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert errors == []
    # Every code cell ran (an aborted run would leave execution counts missing).
    assert all(
        cell.execution_count is not None for cell in notebook.cells if cell.cell_type == "code"
    )


def test_kernel_runs_this_interpreter() -> None:
    """The python3 kernel is the interpreter running the tests (the project's .venv)."""
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import sys, libriciel_terms\nprint(sys.prefix)")]
    )
    execute(notebook)
    (output,) = notebook.cells[0].outputs
    assert Path(output.text.strip()).resolve() == Path(sys.prefix).resolve()


def test_a_failing_assert_fails_the_run() -> None:
    """The harness is not vacuous: a notebook whose assertion fails is reported as failing."""
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "from decimal import Decimal\nassert Decimal('405.00') == Decimal('404.99')"
            )
        ]
    )
    with pytest.raises(nbclient.exceptions.CellExecutionError, match="AssertionError"):
        execute(notebook)
