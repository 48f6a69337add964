"""The instructor's jobs: regenerate releases, grade the demo class, time solutions."""
import shutil
import tempfile
import time
from pathlib import Path

from . import course, mutants, notebooks
from .course import ROOT


def releases(names=None, root=ROOT):
    """`nbgrader generate_assignment --force` for each assignment, in the course root."""
    for name in names or course.assignments(root):
        course.generate_release(root, name)
        print(f"release/{name} regenerated")
    return 0


def timing(names=None, root=ROOT):
    """Run each solution notebook top to bottom, as an instructor would, and print
    its time against the budget in curriculum.yml. A benchmark: it prints, it does
    not fail on a slow machine."""
    from nbclient import NotebookClient

    budgets = course.curriculum(root)["assignments"]
    print(f"{'assignment':<20} {'seconds':>8} {'budget':>7}")
    for name in names or course.assignments(root):
        nb = notebooks.read(notebooks.notebook_path(root, "source", name))
        with tempfile.TemporaryDirectory() as tmp:
            for f in Path(root, "source", name).iterdir():
                if f.suffix != ".ipynb":
                    (shutil.copytree if f.is_dir() else shutil.copy)(f, Path(tmp, f.name))
            start = time.perf_counter()
            NotebookClient(nb, timeout=600, kernel_name="python3",
                           resources={"metadata": {"path": tmp}}).execute()
            seconds = time.perf_counter() - start
        budget = budgets[name]["budget_s"]
        flag = "" if seconds <= budget else "  OVER BUDGET"
        print(f"{name:<20} {seconds:>8.1f} {budget:>7}{flag}")
    return 0
