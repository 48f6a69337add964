"""The instructor's jobs: regenerate releases, grade the demo class, time solutions."""
import shutil
import tempfile
import time
from pathlib import Path

from . import cluster, course, mutants, notebooks, report, similarity
from .course import ROOT

COPIES_DIR = Path(__file__).resolve().parent.parent / "tests" / "copies"


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


def grade(name, root=None, workers=None, scheduler=None, force=False):
    """Autograde every submission in submitted/*/<name>/ of the course in ``root`` (the
    current folder, as for nbgrader's own commands) and print the table. Submissions
    already graded from the same files are skipped unless ``force``."""
    root = Path(root or Path.cwd())
    unknown = course.unknown_assignment(root, [name])
    if unknown:
        print(unknown)
        return 1
    students = course.submitted_students(root, name)
    if not students:
        print(f"no submissions in submitted/*/{name}/")
        return 1
    workers, scheduler = cluster.settings(root, workers, scheduler)
    where = f"the Dask cluster at {scheduler}" if scheduler else f"{workers} local workers"
    print(f"== {name}: autograding {len(students)} submissions on {where}")
    try:
        course.autograde(root, name, students, workers=workers, scheduler=scheduler, force=force,
                         progress=True)
    except KeyboardInterrupt:
        print(f"\ninterrupted: what was graded is committed; run the command again to grade "
              f"the rest (--force to grade everything again)")
        return 130
    print()
    print(gradebook_table({name: course.results(root, name, students)}))
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
    students.update(copied_answers(name, solution))
    return students


def copied_answers(name, solution, copies_dir=COPIES_DIR):
    """Students of the similarity demo, ``tests/copies/<name>/<student>.py``: the
    solution with one answer cell (``# cell: <grade_id>`` in the header) replaced.
    For kernels: two who handed in one answer with renamed variables, and one who
    wrote an answer of their own."""
    students = {}
    for path in sorted(Path(copies_dir, name).glob("*.py")):
        fields, _, code = mutants.read_header(path, ("cell",))
        m = mutants.Mutant(path.stem, "", fields["cell"], [], code.strip() + "\n")
        students["demo-" + path.stem.replace("_", "-")] = mutants.apply(solution, m)
    return students


def demo_roster(students, path):
    """A roster for the demo class (the instructor provides the real one): made-up
    names and LMS ids for each student id."""
    import csv
    from . import lms
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(lms.ROSTER_COLUMNS)
        for i, student in enumerate(sorted(students), 1):
            first = student.removeprefix("demo-").replace("-", " ").title()
            writer.writerow([student, first, "Demo", 100 + i, f"S{2026000 + i}", student,
                             "ML exercises - section 1", f"{student}@example.edu", f"S{2026000 + i}"])
    return path


def grade_model_answers(root, name, students):
    """The demo's stand-in for a TA in formgrader: every open answer whose text is the
    model answer of the source notebook gets full points (and the formgrader's flag
    cleared), so the LMS files show scores; other open answers stay to grade."""
    from nbgrader.api import Gradebook, MissingEntry
    source = notebooks.cells_by_id(notebooks.read(notebooks.notebook_path(root, "source", name)))
    given = 0
    with Gradebook(course.db_url(root)) as gb:
        for student in students:
            path = notebooks.notebook_path(Path(root, "submitted"), student, name)
            try:
                cells = notebooks.cells_by_id(notebooks.read(path))
                nb = gb.find_submission_notebook(name, name, student)
            except Exception:  # not a notebook, or not in the gradebook
                continue
            for g in nb.grades:
                cell = cells.get(g.name)
                if g.needs_manual_grade and cell is not None and g.name in source \
                        and cell.source == source[g.name].source:
                    g.manual_score, g.needs_manual_grade = g.max_score, False
                    given += 1
        gb.db.commit()
    return given


def export_grades(root=ROOT, roster="roster.csv", out_dir="exports"):
    """`nbgrader export` with our Canvas and Moodle exporters (grading/lms.py):
    exports/canvas_grades.csv, exports/moodle_grades.csv, and next to each the list
    of empty cells and why (``*-attention.csv``)."""
    paths = []
    for lms_name in ("Canvas", "Moodle"):
        dest = Path(out_dir, f"{lms_name.lower()}_grades.csv")
        out = course.nbgrader("export", f"--exporter=grading.lms.{lms_name}Export",
                              f"--to={dest}", f"--{lms_name}Export.roster={roster}", cwd=root)
        if out.returncode != 0:
            raise RuntimeError(f"nbgrader export to {lms_name} failed:\n{out.stderr[-3000:]}")
        paths.append(Path(root, dest))
    return paths


def demo(root=ROOT, workers=None):
    """Regenerate the releases, grade every assignment's demo class on N workers (one
    stream of submissions, so the cores stay busy), then for each class as soon as it
    is committed: the demo TA's points, feedback, similarity and the class report;
    last the LMS files and the gradebook table."""
    names = course.assignments(root)
    print(f"== Regenerating {len(names)} releases from source/ with nbgrader")
    releases(names, root)
    all_results, jobs = {}, []
    for name in names:
        students = demo_class(name, root)
        for student, nb in students.items():
            course.submit(root, student, name, nb)
        jobs.append(cluster.Job(root, name, list(students), on_done=_demo_class_done))
    workers, scheduler = cluster.settings(root, workers)
    total = sum(len(job.students) for job in jobs)
    print(f"== Autograding {total} demo submissions of {len(names)} assignments on "
          f"{f'the Dask cluster at {scheduler}' if scheduler else f'{workers} local workers'}")
    cluster.grade(jobs, workers=workers, scheduler=scheduler, progress=True)
    for job in jobs:
        all_results[job.assignment] = course.results(root, job.assignment, job.students, job.runs)
    roster = demo_roster({s for r in all_results.values() for s in r},
                         Path(root, "exports", "demo-roster.csv"))
    for path in export_grades(root, roster.relative_to(root)):
        print(f"== LMS grades: {path.relative_to(root)} (empty cells and why: "
              f"{path.with_name(path.stem + '-attention.csv').relative_to(root)})")
    print()
    print(gradebook_table(all_results))
    return 0


def _demo_class_done(job):
    """One demo class is committed: the demo TA, feedback, similarity, the report."""
    root, name = job.root, job.assignment
    lines = [f"== {name}: graded"]
    given = grade_model_answers(root, name, job.students)
    lines.append(f"   demo TA: {given} open answers that are the model answer get full points")
    out = course.nbgrader("generate_feedback", name, "--force", cwd=root)
    lines.append(f"   feedback written to feedback/*/{name}/"
                 + ("" if out.returncode == 0 else " (skipped for submissions that were not graded)"))
    sim_page, pairs = similarity.build(root, name)
    lines.append(f"   class report: {report.build(root, name, similar=pairs).relative_to(root)}")
    lines.append(f"   similar answers: {sim_page.relative_to(root)}: "
                 + ("; ".join(f"{p.cell}: {p.students[0]} and {p.students[1]} "
                              f"({100 * p.score:.0f}%)" for p in pairs) or "no pair"))
    from tqdm import tqdm
    tqdm.write("\n".join(lines))


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
