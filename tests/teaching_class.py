"""A small graded class of `kernels` for the TA tools' tests (LMS export, similarity,
class report, browser): a few students, graded once per test run by whichever
pytest-xdist worker needs it first, in the run's shared folder (conftest's
MLCOURSE_GRADED_CLASSES), with feedback and a roster.

Students: the solution, the blank release, one mutant, the copied pair and an honest
answer of tests/copies/kernels/, a late submission, a corrupted file, and a hostile
one whose id, failure message and code carry HTML that must never run in our pages."""
import os
import time
from pathlib import Path

from grading import course, mutants, notebooks, pipeline

NAME = "kernels"
# A student id, an exception message and code that would run script if a page pasted
# them into its HTML unescaped.
HOSTILE = "x<img src=x onerror=alert(1)>"
HOSTILE_MESSAGE = "<script>document.title='XSS-RAN'</script>"
HOSTILE_CODE = '<img src=x onerror="document.title=\'XSS-RAN\'">'
DUE = "2026-01-15 13:00:00 UTC"  # submissions are stamped 12:00, the late one 14:00
CONFIG = """
# tests/teaching_class.py: late submissions score 0, as nbgrader's own policy says
c.LateSubmissionPlugin.penalty_method = "zero"
"""


def students(root):
    solution = notebooks.read(notebooks.notebook_path(root, "source", NAME))
    out = {"solution": solution,
           "blank": notebooks.read(notebooks.notebook_path(root, "release", NAME))}
    mutant = next(m for m in mutants.load(NAME) if m.name == "forgets_lam")
    out["mutant-forgets-lam"] = mutants.apply(solution, mutant)
    for student, nb in pipeline.copied_answers(NAME, solution).items():
        out[student.removeprefix("demo-")] = nb
    out["late"] = solution
    out["corrupted"] = '{"cells": ['
    out[HOSTILE] = hostile(out["copier-a"])
    return out


def hostile(copier):
    """copier-a's notebook (so the similarity page shows this code), with the hostile
    HTML in a comment of the copied answer and in the message kmer_kernel raises."""
    cells = notebooks.cells_by_id(copier)
    features = cells["spectrum_features"].source.replace(
        "    features = np.zeros", f"    # {HOSTILE_CODE}\n    features = np.zeros")
    nb = mutants.apply(copier, mutants.Mutant("hostile", "", "spectrum_features", [], features))
    return mutants.apply(nb, mutants.Mutant(
        "hostile", "", "kmer_kernel", [],
        f"def kmer_kernel(s, t, ell):\n    raise ValueError({HOSTILE_MESSAGE!r})\n"))


def _grade(root):
    course.make_course(root, [NAME])
    with open(root / "nbgrader_config.py", "a") as f:
        f.write(CONFIG)
    course.generate_release(root, NAME)
    (root / "exchange").mkdir(exist_ok=True)  # the course's exchange (nbgrader_config.py)
    class_ = students(root)
    for student, nb in class_.items():
        course.submit(root, student, NAME, nb)
    (root / "submitted" / "late" / NAME / "timestamp.txt").write_text("2026-01-15 14:00:00.000000 UTC\n")
    out = course.nbgrader("db", "assignment", "add", NAME, f"--duedate={DUE}", cwd=root)
    assert out.returncode == 0, out.stderr
    course.autograde(root, NAME, list(class_), log=lambda line: None)
    course.nbgrader("generate_feedback", NAME, "--force", cwd=root)
    pipeline.demo_roster([s for s in class_ if s != "mutant-forgets-lam"], root / "roster.csv")
    (root / "done").touch()


def small_class():
    """The course folder of the graded small class (graded on the first call of the run)."""
    shared = Path(os.environ["MLCOURSE_GRADED_CLASSES"])
    shared.mkdir(parents=True, exist_ok=True)
    root = shared / "teaching-kernels"
    try:
        os.close(os.open(shared / "teaching-kernels.claimed", os.O_CREAT | os.O_EXCL))
        try:
            _grade(root)
        except BaseException:
            (shared / "teaching-kernels.failed").touch()
            raise
    except FileExistsError:
        deadline = time.time() + 1800
        while not (root / "done").exists():
            assert not (shared / "teaching-kernels.failed").exists(), "grading the class failed"
            assert time.time() < deadline, "the small class was not graded in time"
            time.sleep(1)
    return root
