"""Writing source notebooks as text: a jupytext "percent" file, where each cell's
nbgrader metadata follows its marker, e.g.

    # %% nbgrader={"grade": false, "grade_id": "softmax", "locked": false, "schema_version": 3, "solution": true, "task": false}

becomes the .ipynb that nbgrader reads, keeping only the metadata nbgrader needs."""
from pathlib import Path

import jupytext
import nbformat

KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


def percent_to_notebook(text_path, notebook_path):
    nb = jupytext.read(str(text_path), fmt="py:percent")
    for cell in nb.cells:
        keep = {"nbgrader": cell.metadata["nbgrader"]} if "nbgrader" in cell.metadata else {}
        cell.metadata = keep
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata = {"kernelspec": KERNELSPEC,
                   "language_info": {"name": "python", "version": "3.11"}}
    Path(notebook_path).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(notebook_path))


def notebook_to_percent(notebook_path, text_path):
    """The way back, to edit an existing notebook as text."""
    nb = nbformat.read(str(notebook_path), as_version=4)
    jupytext.write(nb, str(text_path), fmt="py:percent")
