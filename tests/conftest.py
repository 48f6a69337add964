"""Shared fixtures: a tiny course graded once per test worker."""
import shutil

import pytest

from mlcourse import authoring, course, notebooks

TINY = '''# %% [markdown] nbgrader={"grade": false, "grade_id": "intro", "locked": true, "schema_version": 3, "solution": false, "task": false}
# # Tiny

# %% nbgrader={"grade": false, "grade_id": "double", "locked": false, "schema_version": 3, "solution": true, "task": false}
def double(x):
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_double", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
from mlcourse import checks
checks.assert_close(double(2), 4, "double(2)")

# %% nbgrader={"grade": true, "grade_id": "test_double_negative", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
checks.assert_close(double(-3), -6, "double(-3)")

# %% [markdown] nbgrader={"grade": true, "grade_id": "why", "locked": false, "points": 2, "schema_version": 3, "solution": true, "task": false}
# ### BEGIN SOLUTION
# Because.
# ### END SOLUTION
'''


@pytest.fixture(scope="session")
def tiny_class(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    shutil.copy(course.ROOT / "nbgrader_config.py", root)
    text = root / "tiny.py"
    text.write_text(TINY)
    authoring.percent_to_notebook(text, root / "source" / "tiny" / "tiny.ipynb")
    text.unlink()
    release = course.generate_release(root, "tiny")
    solution = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    wrong = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    wrong.cells[1].source = "def double(x):\n    return x + 2\n"  # right for 2 only
    deleted = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    del deleted.cells[3]
    tampered = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    tampered.cells[1].source = ("import numpy as np\nnp.allclose = lambda *a, **k: True\n"
                                "def double(x):\n    return x\n")
    students = {"good": solution, "wrong": wrong, "deleted-test": deleted, "tampered": tampered,
                "corrupted": '{"cells": [', "empty": "",
                "blank": notebooks.read(release / "tiny.ipynb")}
    for student, nb in students.items():
        course.submit(root, student, "tiny", nb)
    lines = []
    runs = course.autograde(root, "tiny", list(students), log=lines.append)
    return root, runs, course.results(root, "tiny", list(students), runs), lines
