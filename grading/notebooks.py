"""Reading nbgrader notebooks: which cells are answers, tests and hidden tests."""
import re
from pathlib import Path

import nbformat

HIDDEN_BLOCK = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
SOLUTION_BLOCK = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def read(path):
    return nbformat.read(str(path), as_version=4)


def meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def is_answer(cell):
    return bool(meta(cell).get("solution"))


def is_test(cell):
    """An autograded test cell: graded code that is not an answer."""
    m = meta(cell)
    return bool(m.get("grade")) and not m.get("solution") and cell.cell_type == "code"


def is_autograded(cell):
    """Cells whose points nbgrader assigns automatically."""
    m = meta(cell)
    return bool(m.get("grade")) and cell.cell_type == "code" and not m.get("solution")


def cells_by_id(nb):
    return {meta(c)["grade_id"]: c for c in nb.cells if meta(c).get("grade_id")}


def answer_ids(nb):
    return [meta(c)["grade_id"] for c in nb.cells if is_answer(c)]


def test_ids(nb):
    return [meta(c)["grade_id"] for c in nb.cells if is_test(c)]


def owner(test_id, graded_names):
    """The graded name a test cell belongs to: the longest name ``n`` with
    ``test_id == "test_" + n`` or ``test_id`` starting with ``"test_" + n + "_"``."""
    best = None
    for name in graded_names:
        prefix = "test_" + name
        if test_id == prefix or test_id.startswith(prefix + "_"):
            if best is None or len(name) > len(best):
                best = name
    return best


def secret_lines(nb, patterns=(HIDDEN_BLOCK, SOLUTION_BLOCK), min_chars=4):
    """Lines a student must never see: inside solution regions or hidden-test
    blocks (comments included), at least ``min_chars`` long, and not also part of
    something visible in the same notebook (a hidden `checks.assert_close(` line gives
    nothing away)."""
    secret, visible = set(), []
    for cell in nb.cells:
        src = cell.source
        blocks = [block for pattern in patterns for block in pattern.findall(src)]
        for block in blocks:
            secret.update(line.strip() for line in block.splitlines()
                          if len(line.strip()) >= min_chars)
            src = src.replace(block, "")
        visible.append(src)
    visible = "\n".join(visible)
    return {line for line in secret if line not in visible}


def notebook_path(root, folder, assignment):
    return Path(root) / folder / assignment / f"{assignment}.ipynb"
