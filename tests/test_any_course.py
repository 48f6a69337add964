"""Any nbgrader course, not only ours: nbgrader's own documentation course (``ps1``: two
notebooks and an image, students bitdiddle and hacker, shipped inside the nbgrader
package), graded with our configuration and sandbox by `python -m mlcourse grade`,
with the same scores as plain `nbgrader autograde`; flags, the class report and the
feedback cover both notebooks, and a misnamed or missing notebook gets a one-line
message."""
import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbgrader
import pytest

from grading import course, report

pytestmark = pytest.mark.xdist_group("any_course")

DOCS = Path(nbgrader.__file__).parent / "docs" / "source" / "user_guide"


def docs_course(root):
    """nbgrader's documentation course in ``root``, with our config, and two more
    students: one misnamed problem1.ipynb and left out problem2.ipynb, one handed in
    problem1.ipynb only."""
    shutil.copy(course.ROOT / "nbgrader_config.py", root)
    shutil.copytree(DOCS / "source" / "ps1", root / "source" / "ps1")
    for student in ("bitdiddle", "hacker"):
        shutil.copytree(DOCS / "submitted" / student / "ps1", root / "submitted" / student / "ps1")
    misnamer = root / "submitted" / "misnamer" / "ps1"
    misnamer.mkdir(parents=True)
    shutil.copy(DOCS / "submitted" / "bitdiddle" / "ps1" / "problem1.ipynb", misnamer / "Problem1.ipynb")
    shutil.copy(DOCS / "submitted" / "bitdiddle" / "ps1" / "timestamp.txt", misnamer)
    halfway = root / "submitted" / "halfway" / "ps1"  # problem1 only
    halfway.mkdir(parents=True)
    for name in ("problem1.ipynb", "timestamp.txt"):
        shutil.copy(DOCS / "submitted" / "hacker" / "ps1" / name, halfway)
    course.generate_release(root, "ps1")
    return ["bitdiddle", "hacker", "misnamer", "halfway"]


def mlcourse(root, *args):
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    return subprocess.run([sys.executable, "-m", "mlcourse", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=1800)


@pytest.fixture(scope="module")
def ps1(tmp_path_factory):
    root = tmp_path_factory.mktemp("ps1")
    students = docs_course(root)
    graded = mlcourse(root, "grade", "ps1", "--workers", "1")
    plain = tmp_path_factory.mktemp("ps1-plain")
    docs_course(plain)
    course.nbgrader("autograde", "ps1", "--force", cwd=plain)
    return root, plain, students, graded


def test_grade_command_grades_both_notebooks(ps1):
    root, _, students, graded = ps1
    assert graded.returncode == 0, graded.stdout[-2000:] + graded.stderr[-2000:]
    results = course.results(root, "ps1", students)
    for student in ("bitdiddle", "hacker"):
        assert results[student].status == "graded", results[student].reason
        assert {"correct_squares", "sum_of_squares_uses_squares"} <= set(results[student].cells)
    assert results["bitdiddle"].max_score == 3  # problem1's four test cells
    # the scores nbgrader's own documentation lists for its example class
    with open(DOCS / "grades.csv") as f:
        expected = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(f)}
    assert {s: results[s].score for s in expected} == expected
    for student in students:
        assert f"ps1 / {student}:" in graded.stdout


def test_scores_are_those_of_plain_nbgrader(ps1):
    """nbgrader's example tests include one that deletes a student's function and restores
    it (``sum_of_squares_uses_squares``): it runs as written in our grading kernel too."""
    root, plain, students, _ = ps1
    ours = course.results(root, "ps1", ["bitdiddle", "hacker"])
    theirs = course.results(plain, "ps1", ["bitdiddle", "hacker"])
    for student in ("bitdiddle", "hacker"):
        assert ours[student].cells == theirs[student].cells
        assert ours[student].manual_pending == theirs[student].manual_pending


def test_misnamed_and_missing_notebooks_get_one_line_each(ps1):
    root, _, _, graded = ps1
    r = course.results(root, "ps1", ["misnamer"])["misnamer"]
    assert r.status == "not graded"
    assert "none of the assignment's notebooks is in the submission" in r.reason
    assert "Problem1.ipynb is not a notebook of ps1 (expected problem1.ipynb, problem2.ipynb)" in r.reason
    assert "no problem1.ipynb in the submission" in r.reason
    assert "no problem2.ipynb in the submission" in r.reason
    assert "Traceback" not in graded.stdout
    table_line = next(line for line in graded.stdout.splitlines() if line.startswith("  misnamer / ps1"))
    assert "Problem1.ipynb is not a notebook of ps1" in table_line  # one line each
    half = course.results(root, "ps1", ["halfway"])["halfway"]
    assert half.status == "flagged" and half.score == 3  # hacker's problem1
    assert "no problem2.ipynb in the submission (its questions score 0)" in half.reason


def test_report_and_feedback_cover_both_notebooks(ps1):
    root, _, _, _ = ps1
    out = mlcourse(root, "report", "ps1")
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    page = report.build(root, "ps1").read_text()
    assert "correct_squares" in page and "part-a" in page  # problem1 and problem2
    feedback = course.nbgrader("generate_feedback", "ps1", "--force", cwd=root)
    assert feedback.returncode == 0, feedback.stderr[-2000:]
    for student in ("bitdiddle", "hacker"):
        for name in ("problem1", "problem2"):
            assert (root / "feedback" / student / "ps1" / f"{name}.html").exists()


def test_unknown_assignment_gets_one_line(ps1):
    root, _, _, _ = ps1
    out = mlcourse(root, "grade", "ps2")
    assert out.returncode == 1 and "Traceback" not in out.stdout + out.stderr
    assert "no assignment 'ps2'" in out.stdout
