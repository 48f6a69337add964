"""The instructor pipeline on top of nbgrader's own commands and gradebook:
generate releases, put submissions in place, autograde them one student at a time
(so one broken submission cannot stop the class), and read the results back."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from . import notebooks, sandbox, tamper

ROOT = Path(__file__).resolve().parent.parent


def assignments(root=ROOT):
    """Every assignment under ``source/``: a folder holding ``<name>/<name>.ipynb``."""
    return sorted(p.parent.name for p in Path(root, "source").glob("*/*.ipynb")
                  if p.stem == p.parent.name)


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


def submitted_students(course, assignment):
    """The students with a folder submitted/<student>/<assignment>/."""
    return sorted(p.parent.name for p in Path(course, "submitted").glob(f"*/{assignment}"))


def grade_class(course, assignment, students, log=print):
    """Place each student's notebook (or raw text) in submitted/ and autograde them."""
    for student, nb in students.items():
        submit(course, student, assignment, nb)
    return autograde(course, assignment, list(students), log=log)


def _run_record(course, assignment, student):
    return Path(course, "logs", "autograde", assignment, f"{student}.json")


def grading_config(course):
    """The course's nbgrader configuration, as nbgrader itself would load it."""
    from traitlets.config.loader import PyFileConfigLoader
    return PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()


def autograde(course, assignment, students, log=print):
    """``nbgrader autograde`` for each student in turn, with a progress line each.

    Each run's outcome and nbgrader's log are kept in logs/autograde/<assignment>/,
    so reports can later tell why a submission was not graded. When the course
    grades in the sandbox (nbgrader_config.py), this refuses to start without one
    (sandbox.require), and each student's run gets ``c.Sandbox.notebook_seconds``
    of wall-clock time."""
    config = grading_config(course)
    sandboxed = "mlcourse.sandbox.SandboxExecute" in config.Autograde.get(
        "autograde_preprocessors", [])
    if sandboxed:
        sandbox.require()
    limit = sandbox.Sandbox(config=config).notebook_seconds
    runs = {}
    source = notebooks.read(notebooks.notebook_path(course, "source", assignment))
    for i, student in enumerate(students, 1):
        submitted = notebooks.notebook_path(Path(course, "submitted"), student, assignment)
        flags = tamper.inspect_submission(submitted, source) + _extra_files(course, assignment,
                                                                            student)
        start = time.perf_counter()
        out = nbgrader("autograde", assignment, "--student", student, "--force", cwd=course,
                       timeout=limit)
        seconds = time.perf_counter() - start
        # nbclient logs a cell's timeout as an error; the cell is graded all the same.
        errors = [line for line in out.stderr.splitlines() if "| ERROR]" in line
                  and not line.endswith(CELL_TIMEOUT)]
        ok = out.returncode == 0 and not errors
        if out.returncode is None:
            reason = f"time limit: grading took over {limit} s (c.Sandbox.notebook_seconds)"
        else:
            reason = "" if ok else _reason(errors, out.stderr)
        runs[student] = GradeRun(ok, seconds, reason, flags)
        record = _run_record(course, assignment, student)
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(vars(runs[student])))
        record.with_suffix(".log").write_text(out.stderr)
        status = "ok" if ok else "FAILED: " + runs[student].reason
        if flags:
            status += f" (flagged for review: {'; '.join(flags)})"
        log(f"  [{i:>{len(str(len(students)))}}/{len(students)}] {assignment} / {student}: "
            f"{status} ({seconds:.1f} s)")
    return runs


CELL_TIMEOUT = ("Interrupting kernel", "s).")  # "Timeout waiting for execute reply (5s)."
IGNORED = {".ipynb_checkpoints", "__pycache__", "feedback", "timestamp.txt"}


def _extra_files(course, assignment, student):
    """Flag files a submission adds to the assignment's own: the grading kernel does
    not get them (sandbox.assignment_files), but a reviewer should know."""
    folder = Path(course, "submitted", student, assignment)
    source = Path(course, "source", assignment)
    extra = [str(p.relative_to(folder)) for p in sorted(folder.rglob("*"))
             if p.is_file() and not IGNORED & set(p.relative_to(folder).parts)
             and p.suffix not in (".ipynb", ".pyc")
             and not (source / p.relative_to(folder)).exists()]
    return [f"extra files in the submission (not given to the grading kernel): "
            f"{', '.join(extra)}"] if extra else []


def _reason(errors, stderr):
    """The most telling line of nbgrader's log for a failed autograde: the last
    exception message (bad JSON, a timeout, ...), else the last error line."""
    # The kernel's fate says more than nbgrader's exception about it.
    if "Timeout waiting for IOPub output" in stderr:
        return ("a cell timed out and the kernel stopped answering (it ignored the "
                "interrupt, broke itself, or a sandbox limit killed it)")
    if "Kernel died" in stderr:
        return ("Kernel died (the code killed it, or a sandbox limit did: memory, CPU time, "
                "processes)")
    strip = lambda line: re.sub(r"^\[\w+ \| \w+\]\s*", "", line.strip())  # "[AutogradeApp | ERROR]"
    lines = [strip(line) for line in stderr.splitlines()]
    for line in reversed(lines):
        found = re.search(r"(\w*(Error|Exception|Timeout)\w*): (.+)", line)
        if found:
            return f"{found.group(1)}: {found.group(3)}"[:200]
    generic = ("There was an error", "Please see", "Traceback", "nbgrader")
    for line in [strip(e) for e in reversed(errors)] + lines[::-1]:
        if line and not line.startswith(generic):
            return line[:200]
    return "autograde failed (see nbgrader's log in logs/autograde/)"


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

    Only the test cells of the source notebook count. A cell without a score
    (a deleted test cell) flags the submission; a failed run or a missing
    submission is "not graded", never a zero."""
    from nbgrader.api import Gradebook, MissingEntry

    source = notebooks.read(notebooks.notebook_path(course, "source", assignment))
    cells = {notebooks.meta(c)["grade_id"]: float(notebooks.meta(c)["points"])
             for c in source.cells if notebooks.is_autograded(c)}
    out = {}
    db_url = f"sqlite:///{Path(course, 'gradebook.db')}"
    with Gradebook(db_url) as gb:
        for student in students:
            run = (runs or {}).get(student)
            record = _run_record(course, assignment, student)
            if run is None and record.exists():
                run = GradeRun(**json.loads(record.read_text()))
            if run is not None and not run.ok:
                out[student] = Result(student, "not graded", max_score=sum(cells.values()),
                                      reason=run.reason)
                continue
            try:
                nb = gb.find_submission_notebook(assignment, assignment, student)
            except MissingEntry:
                out[student] = Result(student, "not graded", max_score=sum(cells.values()),
                                      reason="no graded submission in the gradebook")
                continue
            grades = {g.name: g for g in nb.grades}
            scores = {}
            for gid in cells:
                g = grades.get(gid)
                scores[gid] = None if g is None or g.auto_score is None else float(g.score)
            open_answers = [g for g in nb.grades if g.name not in cells]
            pending = sum(1 for g in open_answers if g.manual_score is None)
            missing = [gid for gid, s in scores.items() if s is None]
            result = Result(student, "graded", sum(s or 0.0 for s in scores.values()),
                            sum(cells.values()), scores, cells, pending,
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
