"""The instructor's jobs: regenerate releases, grade the demo class, time solutions."""
import shutil
import tempfile
import time
from pathlib import Path

from . import course, mutants, notebooks, report
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


def grade(name, root=ROOT):
    """Autograde every submission in submitted/*/<name>/ and print the table."""
    students = course.submitted_students(root, name)
    if not students:
        print(f"no submissions in submitted/*/{name}/")
        return 1
    print(f"== {name}: autograding {len(students)} submissions")
    runs = course.autograde(root, name, students)
    print()
    print(gradebook_table({name: course.results(root, name, students, runs)}))
    return 0


def demo_class(name, root=ROOT):
    """The demo class of one assignment: student id -> notebook (or raw text).

    The instructor solution, the unchanged release, one student per mutant, and two
    broken submissions: a file that is not JSON and a notebook missing a test cell."""
    solution = notebooks.read(notebooks.notebook_path(root, "source", name))
    release_nb = notebooks.notebook_path(root, "release", name)
    students = {"demo-solution": solution, "demo-blank": notebooks.read(release_nb)}
    for m in mutants.load(name):
        students["demo-" + m.name.replace("_", "-")] = mutants.apply(solution, m)
    students["demo-corrupted-file"] = release_nb.read_text()[:500]  # cut off mid-JSON
    missing_test = notebooks.read(notebooks.notebook_path(root, "source", name))
    first_test = next(c for c in missing_test.cells if notebooks.is_test(c))
    missing_test.cells.remove(first_test)
    students["demo-deleted-test-cell"] = missing_test
    return students


def demo(root=ROOT):
    names = course.assignments(root)
    print(f"== Regenerating {len(names)} releases from source/ with nbgrader")
    releases(names, root)
    all_results = {}
    for name in names:
        students = demo_class(name, root)
        print(f"== {name}: autograding {len(students)} demo submissions")
        runs = course.grade_class(root, name, students)
        out = course.nbgrader("generate_feedback", name, "--force", cwd=root)
        print(f"   feedback written to feedback/*/{name}/"
              + ("" if out.returncode == 0 else " (skipped for submissions that were not graded)"))
        all_results[name] = course.results(root, name, list(students), runs)
        print(f"   class report: {report.build(root, name).relative_to(root)}")
    print()
    print(gradebook_table(all_results))
    return 0


def gradebook_table(all_results):
    """Students x assignments: autograded points and percent; "not graded" and
    "flagged" submissions are marked as such, never shown as 0."""
    names = list(all_results)
    students = sorted({s for results in all_results.values() for s in results})
    width = max(len(s) for s in students) + 2
    col = 22
    lines = ["Gradebook (autograded points; * = manually graded answers still to grade)",
             "student".ljust(width) + "".join(n[:col - 2].ljust(col) for n in names)]
    notes = []
    for student in students:
        row = student.ljust(width)
        for name in names:
            r = all_results[name].get(student)
            if r is None:
                text = "-"
            elif r.status == "not graded":
                text = "NOT GRADED"
                notes.append(f"{student} / {name}: not graded: {r.reason}")
            else:
                text = f"{r.score:g}/{r.max_score:g} {r.percent:.0f}%"
                if r.manual_pending:
                    text += "*"
                if r.status == "flagged":
                    text = "FLAGGED " + text
                    notes.append(f"{student} / {name}: flagged for review: {r.reason}")
            row += text.ljust(col)
        lines.append(row.rstrip())
    if notes:
        lines += ["", "Needs attention:"] + ["  " + n for n in notes]
    return "\n".join(lines)
