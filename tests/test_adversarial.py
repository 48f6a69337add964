"""The adversarial catalogue: submissions that attack the grader, graded in one tiny
course through the sandbox (grading/sandbox.py).

Each case is a small file in tests/adversarial/ whose header gives the expected
outcome; the rest replaces the answer cell ``double`` of the tiny course
(tests/conftest.py), or another answer cell (``cell: why``, the markdown answer), or
is the whole notebook file (``notebook: raw``)::

    # What the submission tries.
    # expect: graded | flagged | not graded   (" or " between outcomes a busy machine
    #                                          may turn into each other)
    # points: 0             (the autograded points it gets when graded; default 0)
    # reason: imports sqlite3   (text the reported reason must contain; " or " between
    #                            alternatives)
    # notebook: delete <grade_id> | rename <grade_id> <new> | raw | nbformat3
    # extra_file: numpy.py  (copied from tests/adversarial/files/ into the submission)
    # cell: why             (the answer cell the rest replaces; default double)
    # attachments: a.svg, b.png   (files of tests/adversarial/files/ attached to that cell)
    # shows: <script>       (text the rendered page must show: tests/test_browser_xss.py)
    # protection: kernel, feedback   (what stops it: without these, the case fails)

In the code, a line ``# %% new cell`` starts a cell added after the answer cell, and
``# %% new cell at the end`` one added at the end of the notebook. ``__PORT__`` is a
port where this test listens on 127.0.0.1, ``__COURSE__`` the course folder as a
string. The ``xss_*`` cases attack what the TA's formgrader and the student's
feedback page render; tests/test_browser_xss.py opens those pages in Chromium.

For every case: exactly the expected outcome and points, no hidden-test line in its
feedback, the rest of the class graded (an honest student before the attacks and one
after them get full marks), the gradebook's source cells and the honest student's
grades unchanged, nothing written in the course, nobody connected to the server, and
a reason for the outcome. A case that names its protection is graded once more with
that protection turned off, and must then fail: the proof that the case tests what it
says. Each run writes the outcomes and the class report to test-output/adversarial/."""
import base64
import contextlib
import copy
import hashlib
import mimetypes
import shutil
import socket
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from conftest import hidden_lines_in_feedback, tiny_course
from grading import course, mutants, notebooks, report, sandbox, tamper

CASES_DIR = Path(__file__).parent / "adversarial"
OUTCOMES = course.ROOT / "test-output" / "adversarial"
# Small limits keep the catalogue quick: the tiny course needs a fraction of them.
LIMITS = """
c.Execute.timeout = 10  # a student's `import torch` takes seconds on a busy machine
c.Execute.iopub_timeout = 15  # after an interrupt, time to go idle on a busy machine
c.Sandbox.memory_mb = 2048
c.Sandbox.cpu_seconds = 16  # above a kernel's start (~3 s) plus one timed-out cell (10 s)
c.Sandbox.notebook_seconds = 60
"""
# Each protection a case may name, and how a test turns it off.
UNPROTECTED = {
    # no memory limit, and time to fill the 3 GB: on a busy machine that can outlast the
    # 10 s cell timeout, which would then stop the bomb in place of the memory limit
    "memory": "c.Sandbox.memory_mb = 100000\nc.Execute.timeout = 60\nc.Sandbox.notebook_seconds = 180\n",
    "cpu": "c.Sandbox.cpu_seconds = 100000\n",
    "wall_clock": "c.Sandbox.notebook_seconds = 100000\n",
    # a warm kernel starts before the submission arrives, in a folder of the assignment's
    # own files: only a kernel started in the submission's folder could see added files
    "added_files": "c.Sandbox.withhold_added_files = False\nc.Sandbox.warm_kernels = False\n",
    "kernel": "c.Sandbox.protect_tests = False\n",
    "feedback": "c.StudentFeedback.mask_hidden = False\n",
    "flags": "",  # the tamper flags run in the grader's process: switched off there
}


@dataclass
class Case:
    name: str
    description: str
    expect: str
    points: float
    reason: str
    notebook: str
    extra_file: str
    protection: tuple
    code: str
    cell: str = "double"
    attachments: tuple = ()
    shows: str = ""


def parse(path):
    fields, description, code = mutants.read_header(
        path, ("expect", "points", "reason", "notebook", "extra_file", "protection", "cell",
               "attachments", "shows"))
    expect = fields.get("expect", "")
    assert expect and set(expect.split(" or ")) <= {"graded", "flagged", "not graded"}, path
    protection = tuple(p.strip() for p in fields.get("protection", "").split(",") if p.strip())
    assert set(protection) <= set(UNPROTECTED), path
    attachments = tuple(a.strip() for a in fields.get("attachments", "").split(",") if a.strip())
    return Case(path.stem, description, fields["expect"], float(fields.get("points", 0)),
                fields.get("reason", ""), fields.get("notebook", ""), fields.get("extra_file", ""),
                protection, code + "\n", fields.get("cell", "double"), attachments,
                fields.get("shows", ""))


CASES = [parse(p) for p in sorted(CASES_DIR.glob("*.py"))]


def submission(case, solution, port, root):
    code = case.code.replace("__PORT__", str(port)).replace("__COURSE__", repr(str(root)))
    if case.notebook == "raw":
        return code.strip()
    nb = copy.deepcopy(solution)
    answer = notebooks.cells_by_id(nb)[case.cell]
    parts = code.split("# %% new cell")
    answer.source = parts[0].strip() + "\n" if answer.cell_type == "markdown" else parts[0]
    if case.attachments:
        answer.attachments = {
            name: {mimetypes.guess_type(name)[0]:
                   base64.b64encode((CASES_DIR / "files" / name).read_bytes()).decode()}
            for name in case.attachments}
    after = nb.cells.index(answer) + 1
    for part in parts[1:]:
        at_end = part.startswith(" at the end")
        cell = nbformat.v4.new_code_cell(part.split("\n", 1)[1])
        if at_end:
            nb.cells.append(cell)
        else:
            nb.cells.insert(after, cell)
            after += 1
    action, *args = case.notebook.split() or [""]
    if action == "delete":
        nb.cells.remove(notebooks.cells_by_id(nb)[args[0]])
    elif action == "rename":
        notebooks.meta(notebooks.cells_by_id(nb)[args[0]])["grade_id"] = args[1]
    elif action == "nbformat3":
        return nbformat.writes(nbformat.convert(nb, 3), version=3)
    return nb


def master_rows(root):
    """The gradebook's copy of the assignment (what autograde restores) and the honest
    student's grades."""
    with sqlite3.connect(Path(root, "gradebook.db")) as db:
        tables = {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                  for t in ("source_cell", "base_cell", "grade_cells", "solution_cells",
                            "notebook", "assignment")}
        tables["honest"] = db.execute(
            "SELECT base_cell.name, grade.auto_score, grade.manual_score FROM grade "
            "JOIN base_cell ON grade.cell_id = base_cell.id "
            "JOIN submitted_notebook ON grade.notebook_id = submitted_notebook.id "
            "JOIN submitted_assignment ON submitted_notebook.assignment_id = submitted_assignment.id "
            "WHERE submitted_assignment.student_id = 'honest' ORDER BY base_cell.name").fetchall()
    return tables


def course_files(root):
    """Every file of the course with a hash, outside what grading and submitting the
    attacks write (their submissions, autograded notebooks, feedback, logs, gradebook);
    the honest student's submission is in it."""
    def kept(rel):
        if rel.parts[0] == "submitted":
            return rel.parts[1] == "honest"
        return rel.parts[0] not in ("autograded", "feedback", "logs", "gradebook.db")
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(root).rglob("*")) if p.is_file() and kept(p.relative_to(root))}


def grade_cases(root, cases, port):
    """Submit and grade ``cases`` in the course ``root``, then write their feedback;
    their results and the hidden lines each one's feedback shows."""
    solution = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    for case in cases:
        path = course.submit(root, case.name, "tiny", submission(case, solution, port, root))
        if case.extra_file:
            shutil.copy(CASES_DIR / "files" / case.extra_file, path.parent)
    lines = []
    runs = course.autograde(root, "tiny", [c.name for c in cases], log=lines.append)
    course.nbgrader("generate_feedback", "tiny", "--force", cwd=root)
    results = course.results(root, "tiny", [c.name for c in cases], runs)
    leaks = {c.name: hidden_lines_in_feedback(root, c.name, "tiny") for c in cases}
    return runs, results, leaks, lines


def problems(case, result, leaks):
    """How the outcome differs from what the case expects (empty when it holds)."""
    out = []
    if result.status not in case.expect.split(" or "):
        out.append(f"{result.status} ({result.reason}), expected {case.expect}")
    elif result.status != "not graded" and result.score != case.points:
        out.append(f"{result.score:g} points, expected {case.points:g}: {result.cells}")
    if result.status != "graded" and not any(part in result.reason
                                             for part in case.reason.split(" or ")):
        out.append(f"reason {result.reason!r} does not say {case.reason!r}")
    if leaks:
        out.append(f"its feedback shows hidden-test lines: {leaks[:2]}")
    return out


@contextlib.contextmanager
def listening():
    """A server on 127.0.0.1 that records who connects: (port, connections)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    connections = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connections.append(server.accept())
            except OSError:
                pass
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], connections
    finally:
        stop.set()
        thread.join()
        server.close()


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    sandbox.require()
    root = tmp_path_factory.mktemp("adversarial")
    tiny_course(root, LIMITS)
    honest = next(c for c in CASES if c.name == "honest")
    with listening() as (port, connections):
        grade_cases(root, [honest], port)
        before, files_before = master_rows(root), course_files(root)
        others = [c for c in CASES if c.name != "honest"]
        runs, results, leaks, lines = grade_cases(root, others, port)
        after, files_after = master_rows(root), course_files(root)
        # the rest of the class, graded after every attack
        later = Case(**{**vars(honest), "name": "honest-after"})
        results.update(grade_cases(root, [later], port)[1])
    results["honest"] = course.results(root, "tiny", ["honest"])["honest"]
    leaks["honest"] = hidden_lines_in_feedback(root, "honest", "tiny")
    # For a person to look at: each case's outcome, and the class report a TA would see.
    OUTCOMES.mkdir(parents=True, exist_ok=True)
    (OUTCOMES / "outcomes.txt").write_text("".join(
        f"{c.name:24} expected {c.expect:11} {c.points:g}  got {results[c.name].status:11} "
        f"{results[c.name].score:g}/{results[c.name].max_score:g}  {results[c.name].reason}\n"
        for c in CASES))
    report.build(root, "tiny", OUTCOMES / "report")
    yield dict(root=root, runs=runs, results=results, leaks=leaks,
               before=before, after=after, files_before=files_before,
               files_after=files_after, connections=connections, lines=lines)


@pytest.mark.xdist_group("adversarial")
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(catalogue, case):
    assert not problems(case, catalogue["results"][case.name], catalogue["leaks"][case.name])


GROUPS = sorted({c.protection for c in CASES if c.protection})


@pytest.mark.parametrize("protection", [pytest.param(g, marks=pytest.mark.xdist_group(
    "unprotected-" + "-".join(g)), id="-".join(g)) for g in GROUPS])
def test_cases_fail_without_their_protection(protection, tmp_path, monkeypatch):
    """Grade the cases that name this protection with it turned off: each must fail."""
    sandbox.require()
    cases = [c for c in CASES if c.protection == protection]
    tiny_course(tmp_path, LIMITS + "".join(UNPROTECTED[p] for p in protection))
    if "flags" in protection:
        monkeypatch.setattr(tamper, "inspect_submission", lambda path, source: [])
    with listening() as (port, _):
        _, results, leaks, _ = grade_cases(tmp_path, cases, port)
    holding = [c.name for c in cases if not problems(c, results[c.name], leaks[c.name])]
    assert not holding, f"these cases pass without {protection}: {holding}"


def test_catalogue_is_large_enough():
    assert len(CASES) >= 20
    assert {"honest", "fork_bomb", "gradebook", "network"} <= {c.name for c in CASES}


@pytest.mark.xdist_group("adversarial")
@pytest.mark.parametrize("student", ["honest", "honest-after"])
def test_honest_students_get_full_marks(catalogue, student):
    r = catalogue["results"][student]
    assert (r.status, r.score, r.max_score) == ("graded", 3, 3)


@pytest.mark.xdist_group("adversarial")
def test_gradebook_intact(catalogue):
    assert catalogue["before"] == catalogue["after"]
    assert catalogue["after"]["honest"]  # the honest student's grades are there


@pytest.mark.xdist_group("adversarial")
def test_nothing_written_in_the_course(catalogue):
    assert catalogue["files_before"] == catalogue["files_after"]
    assert not list(Path(catalogue["root"]).rglob("hacked.txt"))
    assert not Path("/work/hacked.txt").exists()


@pytest.mark.xdist_group("adversarial")
def test_no_network(catalogue):
    assert catalogue["connections"] == []


@pytest.mark.xdist_group("adversarial")
def test_no_process_outlives_its_kernel(catalogue):
    """What a cell left running (leftover_process.py) ends with its kernel's namespace."""
    def leftovers():
        found = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            with contextlib.suppress(OSError):
                if cmdline.read_bytes().split(b"\0")[:2] == [b"sleep", b"3601"]:
                    found.append(cmdline.parent.name)
        return found
    for _ in range(50):  # a killed namespace's processes may take a moment to go
        if not leftovers():
            break
        time.sleep(0.1)
    assert not leftovers()


@pytest.mark.xdist_group("adversarial")
def test_graded_notebooks_stay_small(catalogue):
    for path in Path(catalogue["root"], "autograded").rglob("*.ipynb"):
        assert path.stat().st_size < 5_000_000, path


@pytest.mark.xdist_group("adversarial")
def test_runs_end_within_the_wall_clock_limit(catalogue):
    for run in catalogue["runs"].values():
        assert run.seconds < 60 + 10


def test_wall_clock_limit_kills_the_whole_run(tmp_path):
    out = course.nbgrader("--version", cwd=tmp_path, timeout=0.01)  # starting takes ~1.7 s
    assert out.returncode is None


def test_refuses_to_grade_without_sandbox_unless_opted_out(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    sandbox.problem.cache_clear()
    try:
        monkeypatch.delenv(sandbox.OPT_OUT, raising=False)
        with pytest.raises(sandbox.SandboxUnavailable, match="bubblewrap"):
            sandbox.require()
        monkeypatch.setenv(sandbox.OPT_OUT, "1")
        sandbox.require()  # the instructor's explicit choice
    finally:
        sandbox.problem.cache_clear()


def test_config_swaps_only_execute_for_the_sandboxed_one():
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute
    from traitlets.utils.importstring import import_item
    configured = course.grading_config(course.ROOT).Autograde.autograde_preprocessors
    default = Autograde().autograde_preprocessors  # nbgrader's own list
    assert [import_item(p) for p in configured] == [
        sandbox.SandboxExecute if p is Execute else p for p in default]
