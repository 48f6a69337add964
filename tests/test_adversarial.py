"""The adversarial catalogue: submissions that attack the grader, graded in one tiny
course through the sandbox (mlcourse/sandbox.py).

Each case is a small file in tests/adversarial/ whose header gives the expected
outcome; the rest replaces the answer cell ``double`` of the tiny course
(tests/conftest.py), or is the whole notebook file (``notebook: raw``)::

    # What the submission tries.
    # expect: graded | flagged | not graded   (" or " between outcomes that may both occur)
    # points: 0             (most autograded points it may get; default 0)
    # reason: imports sqlite3   (text the reported reason must contain; " or " as above)
    # notebook: delete <grade_id> | rename <grade_id> <new> | raw | nbformat3
    # extra_file: numpy.py  (copied from tests/adversarial/files/ into the submission)

``__PORT__`` is a port where this test listens on 127.0.0.1, ``__COURSE__`` the
course folder as a string. For every case: no more points than it may get, the rest
of the class (the honest student) is graded, the gradebook's source cells and the
honest student's grades are unchanged, nothing was written in the course, nobody
connected to the server, and the outcome has a reason. Each run writes the
outcomes and the class report to test-output/adversarial/."""
import copy
import hashlib
import shutil
import socket
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from conftest import tiny_course
from mlcourse import course, mutants, notebooks, report, sandbox

pytestmark = pytest.mark.xdist_group("adversarial")

CASES_DIR = Path(__file__).parent / "adversarial"
OUTCOMES = course.ROOT / "test-output" / "adversarial"
# Small limits keep the catalogue quick: the tiny course needs a fraction of them.
LIMITS = """
c.Execute.timeout = 5
c.Execute.iopub_timeout = 15  # after an interrupt, time to go idle on a busy machine
c.Sandbox.memory_mb = 2048
c.Sandbox.cpu_seconds = 8
c.Sandbox.notebook_seconds = 60
"""


@dataclass
class Case:
    name: str
    description: str
    expect: str
    points: float
    reason: str
    notebook: str
    extra_file: str
    code: str


def parse(path):
    fields, description, code = mutants.read_header(
        path, ("expect", "points", "reason", "notebook", "extra_file"))
    assert set(fields.get("expect", "?").split(" or ")) <= {"graded", "flagged", "not graded"}, path
    return Case(path.stem, description, fields["expect"], float(fields.get("points", 0)),
                fields.get("reason", ""), fields.get("notebook", ""), fields.get("extra_file", ""),
                code + "\n")


CASES = [parse(p) for p in sorted(CASES_DIR.glob("*.py"))]


def submission(case, solution, port, root):
    code = case.code.replace("__PORT__", str(port)).replace("__COURSE__", repr(str(root)))
    if case.notebook == "raw":
        return code.strip()
    nb = copy.deepcopy(solution)
    notebooks.cells_by_id(nb)["double"].source = code
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
    """Every file of the course outside the folders grading writes, with a hash."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(root).rglob("*")) if p.is_file()
            and p.relative_to(root).parts[0] not in ("autograded", "logs", "gradebook.db")}


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    sandbox.require()
    root = tmp_path_factory.mktemp("adversarial")
    tiny_course(root, LIMITS)
    solution = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))

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

    for case in CASES:
        path = course.submit(root, case.name, "tiny", submission(case, solution,
                                                                  server.getsockname()[1], root))
        if case.extra_file:
            shutil.copy(CASES_DIR / "files" / case.extra_file, path.parent)
    course.autograde(root, "tiny", ["honest"], log=lambda line: None)
    before, files_before = master_rows(root), course_files(root)
    others = [c.name for c in CASES if c.name != "honest"]
    lines = []
    runs = course.autograde(root, "tiny", others, log=lines.append)
    after, files_after = master_rows(root), course_files(root)
    stop.set()
    thread.join()
    server.close()
    names = [c.name for c in CASES]
    results = course.results(root, "tiny", names)
    # For a person to look at: each case's outcome, and the class report a TA would see.
    OUTCOMES.mkdir(parents=True, exist_ok=True)
    (OUTCOMES / "outcomes.txt").write_text("".join(
        f"{c.name:22} expected {c.expect:24} got {results[c.name].status:11} "
        f"{results[c.name].score:g}/{results[c.name].max_score:g}  {results[c.name].reason}\n"
        for c in CASES))
    report.build(root, "tiny", OUTCOMES / "report")
    yield dict(root=root, runs=runs, results=results,
               before=before, after=after, files_before=files_before,
               files_after=files_after, connections=connections, lines=lines)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(catalogue, case):
    r = catalogue["results"][case.name]
    assert r.status in case.expect.split(" or "), (r.status, r.reason)
    assert r.score <= case.points, f"{case.name} earned {r.score} points: {r.cells}"
    if r.status != "graded":
        assert r.reason and any(part in r.reason for part in case.reason.split(" or ")), r.reason


def test_catalogue_is_large_enough():
    assert len(CASES) >= 20
    assert {"honest", "fork_bomb", "gradebook", "network"} <= {c.name for c in CASES}


def test_honest_student_gets_full_marks(catalogue):
    r = catalogue["results"]["honest"]
    assert (r.status, r.score, r.max_score) == ("graded", 3, 3)


def test_gradebook_intact(catalogue):
    assert catalogue["before"] == catalogue["after"]
    assert catalogue["after"]["honest"]  # the honest student's grades are there


def test_nothing_written_in_the_course(catalogue):
    assert catalogue["files_before"] == catalogue["files_after"]
    assert not list(Path(catalogue["root"]).rglob("hacked.txt"))
    assert not Path("/work/hacked.txt").exists()


def test_no_network(catalogue):
    assert catalogue["connections"] == []


def test_graded_notebooks_stay_small(catalogue):
    for path in Path(catalogue["root"], "autograded").rglob("*.ipynb"):
        assert path.stat().st_size < 5_000_000, path


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
