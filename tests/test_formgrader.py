"""TAs grade open answers in formgrader: start a Jupyter server on 127.0.0.1 in the
tiny course, use formgrader's API as its pages do, and check that a manual score
lands in nbgrader's gradebook and in the class report."""
import json
import urllib.request

import pytest

from conftest import jupyter
from grading import course, report

pytestmark = pytest.mark.xdist_group("tiny_course")


@pytest.fixture
def server(tiny_class, tmp_path):
    with jupyter("server", tiny_class[0], tmp_path) as (base, token):
        def call(path, method="GET", body=None):
            request = urllib.request.Request(
                base + path, method=method, headers={"Authorization": f"token {token}"},
                data=None if body is None else json.dumps(body).encode())
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())
        yield call


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
