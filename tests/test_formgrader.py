"""TAs grade open answers in formgrader: start a Jupyter server on 127.0.0.1 in the
tiny course, use formgrader's API as its pages do, and check that a manual score
lands in nbgrader's gradebook and in the class report."""
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from mlcourse import course, report

pytestmark = pytest.mark.xdist_group("tiny_course")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tiny_class, tmp_path):
    root = tiny_class[0]
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"],
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    log = open(tmp_path / "server.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "server", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root}"], cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def call(path, method="GET", body=None):
        request = urllib.request.Request(base + path, method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    deadline = time.time() + 60
    while True:
        try:
            call("/api/status")
            break
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("the Jupyter server did not start: "
                            + (tmp_path / "server.log").read_text()[-2000:])
            time.sleep(0.5)
    yield call
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def test_manual_score_through_formgrader_lands_in_gradebook_and_report(tiny_class, server):
    root = tiny_class[0]
    submissions = server("/formgrader/api/submissions/tiny")
    assert {s["student"] for s in submissions} >= {"good", "wrong", "blank"}
    notebooks_ = server("/formgrader/api/submitted_notebooks/tiny/tiny")
    wrong = next(n for n in notebooks_ if n["student"] == "wrong")
    assert wrong["needs_manual_grade"]
    grades = server(f"/formgrader/api/grades?submission_id={wrong['id']}")
    why = next(g for g in grades if g["name"] == "why")
    server(f"/formgrader/api/grade/{why['id']}", method="PUT", body={"manual_score": 1.5})

    results = course.results(root, "tiny", ["wrong"])
    assert results["wrong"].manual_score == 1.5 and results["wrong"].manual_pending == 0
    page = report.build(root, "tiny").read_text()
    assert "<td>wrong</td><td>graded</td><td>2/3</td><td>67%</td><td>1.5</td><td>0</td>" in page
