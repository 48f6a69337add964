"""Shared fixtures: a tiny course graded once per test worker, and every
assignment's class graded once per test run (tests/test_assignments.py)."""
import contextlib
import html
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from grading import authoring, course, mutants, notebooks

# The folder where this run grades the classes: made by the controlling process,
# inherited by the pytest-xdist workers through the environment.
GRADED = "MLCOURSE_GRADED_CLASSES"
_needed = set()  # the assignments whose harness tests were collected
_results = {}


def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # made when a class is first graded
        # set beforehand, it names the folder of an earlier run to test again
        os.environ.setdefault(GRADED, os.path.join(
            tempfile.gettempdir(), f"mlcourse-graded-{os.getpid()}-{time.time_ns()}"))


def pytest_report_header(config):
    return f"classes graded in {os.environ[GRADED]}"


def pytest_collection_modifyitems(items):
    """The harness's tests last: the grading process starts at collection, and the test
    workers run everything else while it grades, instead of waiting for it."""
    items.sort(key=lambda item: item.path.name == "test_assignments.py")


def pytest_collection_finish(session):
    for item in session.items:  # after -k and -m deselection
        if item.path.name == "test_assignments.py" and hasattr(item, "callspec"):
            _needed.add(item.callspec.params["name"])
    if _needed and not session.config.option.collectonly:
        # grading the classes is the longest part of a run: start it now
        _start_grading(Path(os.environ[GRADED]))


def _claim(shared, name):
    try:
        os.close(os.open(shared / f"{name}.claimed", os.O_CREAT | os.O_EXCL))
        return True
    except FileExistsError:
        return False


def _cost(name):
    budget_s = course.curriculum()["assignments"][name]["budget_s"]
    return budget_s * (3 + len(mutants.load(name)))


def _grader_alive(shared):
    """The grading process still runs (a zombie has ended, whoever reaps it)."""
    try:
        stat = Path(f"/proc/{int((shared / 'grader.pid').read_text())}/stat").read_text()
    except (OSError, ValueError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _start_grading(shared, name=None):
    """Start the one grading process of this run, unless a test worker already has:
    every class the collected tests need (and ``name``), costliest first."""
    shared.mkdir(parents=True, exist_ok=True)
    if _claim(shared, "grader"):
        order = sorted(_needed | ({name} if name else set()), key=_cost, reverse=True)
        log = open(shared / "grading.log", "w")
        proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("grade_classes.py")),
                                 str(shared), *order], stdout=log, stderr=subprocess.STDOUT)
        (shared / "grader.pid").write_text(str(proc.pid))


def graded_class(name):
    """``(course folder, results by student)`` for one assignment's class.

    The first test worker to collect the harness's tests (or to need a class)
    starts one grading process for every class this run needs (tests/grade_classes.py:
    the workers path, one worker per core, costliest class first); every test worker
    then waits until its class is done, so each class is graded once per run."""
    if name not in _results:
        shared = Path(os.environ[GRADED])
        _start_grading(shared, name)
        while not (shared / name / "done").exists():
            failed = shared / f"{name}.failed"
            if failed.exists():
                raise RuntimeError(f"grading the {name} class failed:\n{failed.read_text()}")
            if (shared / "grader.pid").exists() and not _grader_alive(shared):
                if (shared / name / "done").exists():
                    break
                log = (shared / "grading.log").read_text()[-3000:]
                raise RuntimeError(f"the grading process ended before {name} was done:\n{log}")
            time.sleep(1)
        root = shared / name
        students = json.loads((root / "students.json").read_text())
        _results[name] = (root, course.results(root, name, students))
    return _results[name]


TINY = '''# %% [markdown] nbgrader={"grade": false, "grade_id": "intro", "locked": true, "schema_version": 3, "solution": false, "task": false}
# # Tiny

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
from mlcourse import checks

# %% nbgrader={"grade": false, "grade_id": "double", "locked": false, "schema_version": 3, "solution": true, "task": false}
def double(x):
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_double", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
checks.assert_close(double(2), 4, "double(2)")

# %% nbgrader={"grade": true, "grade_id": "test_double_negative", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
checks.assert_close(double(-3), -6, "double(-3)")
### BEGIN HIDDEN TESTS
_HIDDEN_INPUTS = (0.5, -7.0, 1e6)  # the hidden inputs of test_double_negative
for _hidden_x in _HIDDEN_INPUTS:
    checks.assert_close(double(_hidden_x), 2 * _hidden_x, "double on a hidden input")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade": true, "grade_id": "why", "locked": false, "points": 2, "schema_version": 3, "solution": true, "task": false}
# ### BEGIN SOLUTION
# Because.
# ### END SOLUTION
'''


def tiny_course(root, config=""):
    """The tiny course in ``root``: our nbgrader config (with ``config`` appended),
    source/tiny written from TINY, and its release. Returns the release folder."""
    shutil.copy(course.ROOT / "nbgrader_config.py", root)
    with open(root / "nbgrader_config.py", "a") as f:
        f.write(config)
    text = root / "tiny.py"
    text.write_text(TINY)
    authoring.percent_to_notebook(text, root / "source" / "tiny" / "tiny.ipynb")
    text.unlink()
    return course.generate_release(root, "tiny")


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def tiny_class(request, tmp_path_factory):
    """The tiny course's class graded into the default SQLite gradebook, and again into
    a PostgreSQL one: every test that uses it runs on both databases."""
    root = tmp_path_factory.mktemp("course")
    config = ""
    if request.param == "postgresql":
        config = f"\nc.CourseDirectory.db_url = {request.getfixturevalue('postgres')()!r}\n"
    release = tiny_course(root, config)
    solution = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    wrong = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    notebooks.cells_by_id(wrong)["double"].source = "def double(x):\n    return x + 2\n"  # right for 2 only
    deleted = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    deleted.cells.remove(notebooks.cells_by_id(deleted)["test_double_negative"])
    tampered = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    notebooks.cells_by_id(tampered)["double"].source = ("import numpy as np\nnp.allclose = lambda *a, **k: True\n"
                                "def double(x):\n    return x\n")
    students = {"good": solution, "wrong": wrong, "deleted-test": deleted, "tampered": tampered,
                "corrupted": '{"cells": [', "empty": "",
                "blank": notebooks.read(release / "tiny.ipynb")}
    lines = []
    runs = course.grade_class(root, "tiny", students, log=lines.append)
    return root, runs, course.results(root, "tiny", list(students), runs), lines


def feedback_text(root, student, name):
    """The feedback HTML as a student reads it: tags stripped, entities decoded."""
    page = Path(root, "feedback", student, name, f"{name}.html")
    if not page.exists():
        return ""
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text()))


def hidden_lines_in_feedback(root, student, name):
    """The hidden-test lines a student's feedback shows: whole lines, and long lines
    anywhere (a traceback prefixes them with arrows, a message may quote them)."""
    hidden = notebooks.secret_lines(notebooks.read(notebooks.notebook_path(root, "source", name)),
                                    patterns=(notebooks.HIDDEN_BLOCK,))
    text = feedback_text(root, student, name)
    shown = {line.strip() for line in text.splitlines()}
    return sorted(line for line in hidden if line in shown or (len(line) >= 20 and line in text))


def _postgres_bin():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return found[-1].parent if found else None


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server (Debian's postgresql package, installed by `make test`)
    for this test session, on a Unix socket in a private folder; yields a function that
    creates a fresh database and returns its SQLAlchemy URL."""
    bin_dir = _postgres_bin()
    if bin_dir is None:
        pytest.fail("PostgreSQL is not installed: apt-get install postgresql (make postgresql)")
    # in /tmp itself: pytest's folders are private to root, and the server runs as postgres
    folder = Path(tempfile.mkdtemp(prefix="mlcourse-postgres-"))
    data, sock = folder / "data", folder / "socket"
    sock.mkdir()
    shutil.chown(folder, "postgres"), shutil.chown(sock, "postgres")
    folder.chmod(0o755)
    # the server refuses to run as root: run it as Debian's postgres user
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*as_postgres, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust",
                    "-U", "postgres"], check=True, capture_output=True)
    subprocess.run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-l",
                    str(folder / "server.log"), "-o",
                    f"-k {sock} -c listen_addresses='' -c fsync=off", "start"],
                   check=True, capture_output=True)
    count = 0

    def new_database():
        nonlocal count
        count += 1
        name = f"gradebook{count}_{os.getpid()}"
        subprocess.run([*as_postgres, str(bin_dir / "createdb"), "-h", str(sock), "-U",
                        "postgres", name], check=True, capture_output=True)
        return f"postgresql://postgres@/{name}?host={sock}"
    try:
        yield new_database
    finally:
        subprocess.run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def jupyter(app, root, workdir, startup_s=90):
    """``jupyter <app>`` (lab or server) serving the course ``root`` on 127.0.0.1 at a
    free port; yields ``(base_url, token)`` once it answers. Its log is in ``workdir``."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"],
               JUPYTER_RUNTIME_DIR=str(Path(workdir, "runtime")))
    log_path = Path(workdir, f"{app}.log")
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyter", app, "--no-browser", "--allow-root",
             "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
             f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}"],
            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + startup_s
        try:
            while True:
                try:
                    urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5)
                    break
                except OSError:
                    if time.time() > deadline or proc.poll() is not None:
                        pytest.fail(f"jupyter {app} did not start: {log_path.read_text()[-2000:]}")
                    time.sleep(0.5)
            yield base, token
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
