"""Shared fixtures: a tiny course graded once per test worker, and every
assignment's class graded once per test run (tests/test_assignments.py)."""
import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from pathlib import Path

import pytest

from mlcourse import authoring, course, liars, mutants, notebooks

# The folder where this run grades the classes: made by the controlling process,
# inherited by the pytest-xdist workers through the environment.
GRADED = "MLCOURSE_GRADED_CLASSES"
_needed = set()  # the assignments whose harness tests were collected
_results = {}


def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # made when a class is first graded
        os.environ[GRADED] = os.path.join(tempfile.gettempdir(),
                                          f"mlcourse-graded-{os.getpid()}-{time.time_ns()}")


def pytest_report_header(config):
    return f"classes graded in {os.environ[GRADED]}"


def pytest_collection_finish(session):
    for item in session.items:  # after -k and -m deselection
        if item.path.name == "test_assignments.py" and hasattr(item, "callspec"):
            _needed.add(item.callspec.params["name"])


def _students(name, root):
    source_nb = notebooks.read(notebooks.notebook_path(root, "source", name))
    release = root / "release" / name
    students = {"solution": source_nb, "blank": notebooks.read(release / f"{name}.ipynb"),
                "liar": liars.liar_notebook(source_nb)}
    for m in mutants.load(name):
        students[m.student] = mutants.apply(source_nb, m)
    return students


def _grade(name, root):
    """Grade the class of one assignment in ``root``: generate, submit, autograde,
    feedback. ``done`` marks success, ``failed`` holds the error for other workers."""
    try:
        course.make_course(root, [name])
        course.generate_release(root, name)
        students = _students(name, root)
        course.grade_class(root, name, students, log=lambda line: print(line, file=sys.stderr))
        course.nbgrader("generate_feedback", name, "--force", cwd=root)
        (root / "students.json").write_text(json.dumps(list(students)))
        (root / "done").touch()
    except BaseException:
        (root.parent / f"{name}.failed").write_text(traceback.format_exc())
        raise


def _claim(shared, name):
    try:
        os.close(os.open(shared / f"{name}.claimed", os.O_CREAT | os.O_EXCL))
        return True
    except FileExistsError:
        return False


def _cost(name):
    budget_s = course.curriculum()["assignments"][name]["budget_s"]
    return budget_s * (3 + len(mutants.load(name)))


def graded_class(name):
    """``(course folder, results by student)`` for one assignment's class.

    A worker that needs a class not graded yet grades the costliest class nobody
    has claimed (this one or another this run needs), until this one is done: the
    classes get graded once each, costliest first, and both cores keep grading
    until every class is done."""
    if name not in _results:
        shared = Path(os.environ[GRADED])
        shared.mkdir(parents=True, exist_ok=True)
        order = sorted(_needed | {name}, key=_cost, reverse=True)
        while not (shared / name / "done").exists():
            failed = shared / f"{name}.failed"
            if failed.exists():
                raise RuntimeError(f"grading the {name} class failed:\n{failed.read_text()}")
            todo = next((a for a in order if _claim(shared, a)), None)
            if todo:
                try:
                    _grade(todo, shared / todo)
                except Exception:
                    if todo == name:
                        raise  # another class's failure is reported by its own tests
            else:
                time.sleep(1)
        root = shared / name
        students = json.loads((root / "students.json").read_text())
        _results[name] = (root, course.results(root, name, students))
    return _results[name]


TINY = '''# %% [markdown] nbgrader={"grade": false, "grade_id": "intro", "locked": true, "schema_version": 3, "solution": false, "task": false}
# # Tiny

# %% nbgrader={"grade": false, "grade_id": "double", "locked": false, "schema_version": 3, "solution": true, "task": false}
def double(x):
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_double", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
from mlcourse import checks
checks.assert_close(double(2), 4, "double(2)")

# %% nbgrader={"grade": true, "grade_id": "test_double_negative", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
checks.assert_close(double(-3), -6, "double(-3)")

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


@pytest.fixture(scope="session")
def tiny_class(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    release = tiny_course(root)
    solution = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    wrong = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    wrong.cells[1].source = "def double(x):\n    return x + 2\n"  # right for 2 only
    deleted = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    del deleted.cells[3]
    tampered = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    tampered.cells[1].source = ("import numpy as np\nnp.allclose = lambda *a, **k: True\n"
                                "def double(x):\n    return x\n")
    students = {"good": solution, "wrong": wrong, "deleted-test": deleted, "tampered": tampered,
                "corrupted": '{"cells": [', "empty": "",
                "blank": notebooks.read(release / "tiny.ipynb")}
    lines = []
    runs = course.grade_class(root, "tiny", students, log=lines.append)
    return root, runs, course.results(root, "tiny", list(students), runs), lines


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
