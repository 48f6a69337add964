"""The instructor pipeline on top of nbgrader's own commands and gradebook:
generate releases, put submissions in place, autograde them (each submission on its
own, so one broken submission cannot stop the class; grading/cluster.py), and read the
results back."""
import json
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from . import cluster, notebooks, sandbox, workers

ROOT = Path(__file__).resolve().parent.parent


def assignments(root=ROOT):
    """Every assignment under ``source/``: a folder holding notebooks."""
    return sorted({p.parent.name for p in Path(root, "source").glob("*/*.ipynb")})


def unknown_assignment(root, names):
    """The one line to print for the first of ``names`` that is not an assignment of the
    course in ``root`` (no folder source/<name>/), or "" when all are."""
    for name in names:
        if not Path(root, "source", name).is_dir():
            return (f"no assignment {name!r} in {root}/source/ "
                    f"(found: {', '.join(assignments(root)) or 'none'})")
    return ""


def curriculum(root=ROOT):
    return yaml.safe_load(Path(root, "curriculum.yml").read_text())


def nbgrader(*args, cwd, timeout=None):
    """Run an nbgrader command in the course directory ``cwd``.

    The interpreter's ``bin/`` goes first on PATH: nbgrader runs ``alembic`` from
    there when it creates a gradebook. After ``timeout`` seconds the command and
    everything it started are killed, and the result's ``returncode`` is None."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    # One math thread per grading kernel: graders run side by side (the tests run two),
    # and kernels competing for cores with several threads each slow down many times.
    env.setdefault("OMP_NUM_THREADS", "1")
    # A session of its own, so that a timeout can kill the whole process group
    # (the sandboxed kernel dies with it: bwrap --die-with-parent).
    proc = subprocess.Popen([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
        return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        stdout, stderr = proc.communicate()
        return subprocess.CompletedProcess(proc.args, None, stdout, stderr)
    finally:
        if proc.poll() is None:  # interrupted (Ctrl-C): do not leave nbgrader running
            os.killpg(proc.pid, signal.SIGKILL)
        sandbox.remove_leftovers(proc.pid)  # a kernel killed or dead at start leaves them


def make_course(dest, names, root=ROOT):
    """A fresh course directory at ``dest`` with our config and the given sources."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(root, "nbgrader_config.py"), dest)
    for name in names:
        shutil.copytree(Path(root, "source", name), dest / "source" / name)
    return dest


def generate_release(course, assignment):
    out = nbgrader("generate_assignment", assignment, "--force", cwd=course)
    if out.returncode != 0 or "ERROR" in out.stderr:
        raise RuntimeError(f"generate_assignment {assignment} failed:\n{out.stderr[-3000:]}")
    return Path(course, "release", assignment)


def submit(course, student, assignment, notebook):
    """Place a submission: a NotebookNode, or raw text for broken files."""
    folder = Path(course, "submitted", student, assignment)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    path = folder / f"{assignment}.ipynb"
    if isinstance(notebook, str):
        path.write_text(notebook)
    else:
        nbformat.write(notebook, str(path))
    (folder / "timestamp.txt").write_text("2026-01-15 12:00:00.000000 UTC\n")
    return path


@dataclass
class GradeRun:
    ok: bool
    seconds: float
    reason: str = ""
    flags: list = field(default_factory=list)  # reasons to review the code by hand
    fingerprint: str = ""  # of the submitted files (workers.fingerprint)


def submitted_students(course, assignment):
    """The students with a folder submitted/<student>/<assignment>/."""
    return sorted(p.parent.name for p in Path(course, "submitted").glob(f"*/{assignment}"))


def grade_class(course, assignment, students, log=print):
    """Place each student's notebook (or raw text) in submitted/ and autograde them."""
    for student, nb in students.items():
        submit(course, student, assignment, nb)
    return autograde(course, assignment, list(students), log=log)


def grading_config(course):
    """The course's nbgrader configuration, as nbgrader itself would load it."""
    return workers.load_config(course)


def db_url(course):
    """The course's gradebook URL: ``c.CourseDirectory.db_url``, else SQLite in the course."""
    from nbgrader.coursedir import CourseDirectory
    config = grading_config(course)
    config.CourseDirectory.root = str(Path(course).resolve())
    return CourseDirectory(config=config).db_url


def autograde(course, assignment, students, log=print, workers=0, scheduler=None, force=True,
              progress=False):
    """Autograde each student's submission: nbgrader's Autograde converter run by a
    long-lived worker (grading/workers.py) in this process (``workers=0``), on N local
    worker processes, or on a Dask cluster (grading/cluster.py); a progress line each.

    Each run's outcome and nbgrader's log are kept in logs/autograde/<assignment>/, so
    reports can later tell why a submission was not graded. When the course grades in
    the sandbox (nbgrader_config.py), this refuses to start without one
    (sandbox.require), and each student's run gets ``c.Sandbox.notebook_seconds`` of
    wall-clock time. Without ``force``, submissions already graded are skipped."""
    job = cluster.Job(course, assignment, list(students))
    cluster.grade(job, workers=workers, scheduler=scheduler, force=force, log=log,
                  progress=progress)
    return job.runs


def source_notebooks(course, assignment):
    """The assignment's notebooks in source/<assignment>/, by name (nbgrader's notebook id)."""
    return {p.stem: notebooks.read(p)
            for p in sorted(Path(course, "source", assignment).glob("*.ipynb"))}


def autograded_cells(course, assignment):
    """(notebook, grade_id) -> points of the test cells of the assignment's notebooks."""
    return {(name, notebooks.meta(c)["grade_id"]): float(notebooks.meta(c)["points"])
            for name, nb in source_notebooks(course, assignment).items()
            for c in nb.cells if notebooks.is_autograded(c)}


def cell_keys(cells):
    """How results name each test cell: its grade_id, or "notebook/grade_id" where two
    notebooks of the assignment use the same grade_id."""
    count = {}
    for _, gid in cells:
        count[gid] = count.get(gid, 0) + 1
    return {(nb, gid): gid if count[gid] == 1 else f"{nb}/{gid}" for nb, gid in cells}


@dataclass
class Result:
    student: str
    status: str  # "graded", "not graded", "flagged"
    score: float = 0.0  # autograded points
    max_score: float = 0.0
    cells: dict = field(default_factory=dict)  # test grade_id -> score or None
    cell_max: dict = field(default_factory=dict)  # test grade_id -> points
    manual_pending: int = 0  # open answers not graded yet
    manual_score: float = 0.0  # points given so far by graders on open answers
    reason: str = ""

    @property
    def percent(self):
        return 100.0 * self.score / self.max_score if self.max_score else 0.0


def results(course, assignment, students, runs=None):
    """Read each student's autograded points from nbgrader's gradebook.

    Only the test cells of the source notebooks count. A cell without a score (a
    deleted test cell) flags the submission; a failed run or a missing submission is
    "not graded", never a zero."""
    from nbgrader.api import Gradebook, MissingEntry

    cells = autograded_cells(course, assignment)
    keys = cell_keys(cells)
    cell_max = {keys[k]: v for k, v in cells.items()}
    names = sorted({nb for nb, _ in cells} | set(source_notebooks(course, assignment)))
    out = {}
    with Gradebook(db_url(course)) as gb:
        for student in students:
            run = (runs or {}).get(student)
            record = workers.run_record(course, assignment, student)
            if run is None and record.exists():
                run = GradeRun(**json.loads(record.read_text()))
            if run is not None and not run.ok:
                why = run.reason + (f" ({'; '.join(run.flags)})" if run.flags else "")
                out[student] = Result(student, "not graded", max_score=sum(cells.values()),
                                      reason=why)
                continue
            try:
                graded = {name: gb.find_submission_notebook(name, assignment, student)
                          for name in names}
            except MissingEntry:
                out[student] = Result(student, "not graded", max_score=sum(cells.values()),
                                      reason="no graded submission in the gradebook")
                continue
            scores, open_answers = {}, []
            for name, nb in graded.items():
                grades = {g.name: g for g in nb.grades}
                for (nb_name, gid), key in keys.items():
                    if nb_name == name:
                        g = grades.get(gid)
                        scores[key] = None if g is None or g.auto_score is None else float(g.score)
                open_answers += [g for g in nb.grades if (name, g.name) not in cells]
            pending = sum(1 for g in open_answers if g.manual_score is None)
            missing = [gid for gid, s in scores.items() if s is None]
            result = Result(student, "graded", sum(s or 0.0 for s in scores.values()),
                            sum(cells.values()), scores, cell_max, pending,
                            sum(float(g.manual_score) for g in open_answers
                                if g.manual_score is not None))
            reasons = list(run.flags) if run else []
            if missing:
                reasons.append("no score for " + ", ".join(missing) + " (test cell deleted?)")
            if reasons:
                result.status = "flagged"
                result.reason = "; ".join(reasons)
            out[student] = result
    return out


def release_files(folder):
    """Every file of a release folder with its bytes, for comparisons."""
    folder = Path(folder)
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def cell_outputs_text(notebook_path, grade_id):
    """All text a cell printed or raised, as the student (and the feedback) sees it."""
    nb = notebooks.read(notebook_path)
    cell = notebooks.cells_by_id(nb).get(grade_id)
    if cell is None:
        return ""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            parts.append(f"{output.get('ename')}: {output.get('evalue')}")
            parts.extend(output.get("traceback", []))
        elif "text" in output:
            parts.append(output["text"])
        else:
            parts.append(json.dumps(output.get("data", {})))
    return "\n".join(parts)
