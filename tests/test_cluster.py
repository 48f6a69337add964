"""Grading a class on workers (grading/workers.py, grading/cluster.py): the same results
as nbgrader's own sequential `nbgrader autograde`, nothing lost when a worker is killed
in the middle of a notebook, and an interrupted run that leaves a consistent gradebook
and is finished by running the command again."""
import copy
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import cloudpickle
import nbformat
import pytest

from conftest import tiny_course
from grading import cluster, course, notebooks

pytestmark = pytest.mark.xdist_group("cluster")


def tiny_students(root):
    """A small class of the tiny course: right, wrong, blank, broken, flagged, slow."""
    solution = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))

    def answer(code):
        nb = copy.deepcopy(solution)
        notebooks.cells_by_id(nb)["double"].source = code
        return nb
    deleted = copy.deepcopy(solution)
    deleted.cells.remove(notebooks.cells_by_id(deleted)["test_double_negative"])
    return {"good": solution, "wrong": answer("def double(x):\n    return x + 2\n"),
            "blank": notebooks.read(root / "release" / "tiny" / "tiny.ipynb"),
            "corrupted": '{"cells": [', "deleted-test": deleted,
            "tampered": answer("import numpy as np\nnp.allclose = print\n"
                               "def double(x):\n    return x\n"),
            "slow": answer("import time\ntime.sleep(10)\ndef double(x):\n    return 2 * x\n")}


def graded_state(root, students):
    """Everything grading writes, without timings: results, run records, the gradebook's
    rows, the graded notebooks' cells."""
    from nbgrader.api import Gradebook, MissingEntry
    results = {s: (r.status, r.score, r.cells, r.reason)
               for s, r in course.results(root, "tiny", students).items()}
    records = {}
    for s in students:
        record = json.loads(Path(root, "logs", "autograde", "tiny", f"{s}.json").read_text())
        records[s] = {k: v for k, v in record.items() if k not in ("seconds", "fingerprint")}
    rows = {}
    with Gradebook(course.db_url(root)) as gb:
        for s in students:
            try:
                nb = gb.find_submission_notebook("tiny", "tiny", s)
            except MissingEntry:
                rows[s] = None
                continue
            rows[s] = sorted((g.name, g.auto_score, g.needs_manual_grade) for g in nb.grades)
    graded = {}
    for s in students:
        path = notebooks.notebook_path(Path(root, "autograded"), s, "tiny")
        graded[s] = None if not path.exists() else [
            (c.source, json.dumps(c.get("outputs", []), sort_keys=True))
            for c in notebooks.read(path).cells]
    return results, records, rows, graded


def assert_same_state(root, reference, students):
    got, want = graded_state(root, students), graded_state(reference, students)
    for part, a, b in zip(("results", "run records", "gradebook rows", "graded notebooks"), got, want):
        differ = {s: (a[s], b[s]) for s in students if a[s] != b[s]}
        assert not differ, f"{part} differ from nbgrader autograde's: {differ}"


def make_class(root):
    tiny_course(root)
    students = tiny_students(root)
    for student, nb in students.items():
        course.submit(root, student, "tiny", nb)
    return list(students)


@pytest.fixture(scope="module")
def sequential(tmp_path_factory):
    """The class graded by nbgrader's own command line, one `nbgrader autograde --student`
    after another (what the course did before workers), with our run records."""
    root = tmp_path_factory.mktemp("sequential")
    students = make_class(root)
    from grading import workers
    for student in students:
        out = course.nbgrader("autograde", "tiny", "--student", student, "--force", cwd=root)
        ok, reason = workers.outcome_of(out.returncode == 0, out.stderr, 0, False, 0)
        files = workers.submitted_files(root, "tiny", student)
        outcome = workers.Outcome(student, ok, 0, reason, out.stderr, {},
                                  workers.fingerprint(files))
        workers.write_run_record(root, "tiny", outcome, workers.flags_of(root, "tiny", student))
    return root, students


@pytest.mark.parametrize("workers", [0, 2])
def test_workers_write_what_nbgrader_autograde_writes(sequential, tmp_path, workers):
    seq_root, students = sequential
    root = tmp_path / "course"
    root.mkdir()
    make_class(root)
    lines = []
    runs = course.autograde(root, "tiny", students, workers=workers, log=lines.append)
    assert sorted(runs) == sorted(students) and len(lines) == len(students)
    assert_same_state(root, seq_root, students)


from distributed.diagnostics.plugin import WorkerPlugin  # noqa: E402


class KillWorkerOnce(WorkerPlugin):
    """A Dask worker plugin: the first time a worker starts grading ``student``, it
    kills its own process (SIGKILL) ``after`` seconds later, in the middle of the
    notebook. A file records that the kill happened, so the retry is left alone."""

    def __init__(self, student, marker, after=3.0):
        self.student, self.marker, self.after = student, str(marker), after

    def setup(self, worker):
        self.worker = worker

    def transition(self, key, start, finish, **kwargs):
        import threading
        if finish == "executing" and f"-{self.student}-" in str(key) \
                and not os.path.exists(self.marker):
            def kill():
                Path(self.marker).write_text(str(os.getpid()))
                os.kill(os.getpid(), signal.SIGKILL)
            threading.Timer(self.after, kill).start()


def test_a_killed_worker_loses_nothing(sequential, tmp_path):
    """SIGKILL a worker in the middle of a notebook: Dask gives the submission to another
    worker, and every student is committed exactly once, as nbgrader would grade them."""
    from distributed import Client, LocalCluster
    seq_root, students = sequential
    root = tmp_path / "course"
    root.mkdir()
    make_class(root)
    marker = tmp_path / "killed"
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as local, Client(local) as client:
        client.register_plugin(KillWorkerOnce("slow", marker, after=4.0))
        lines = []
        runs = course.autograde(root, "tiny", students, scheduler=local.scheduler_address,
                                log=lines.append)
    assert marker.exists(), "no worker was killed"
    assert len(lines) == len(students) and sorted(runs) == sorted(students)  # once each
    assert_same_state(root, seq_root, students)
    killed = marker.read_text()
    assert not list(Path("/tmp").glob(f"mlcourse-*-{killed}-*")), "the killed worker's folders"


def test_folders_of_grading_processes_that_ended_are_removed(tmp_path):
    """What a killed worker left in /tmp (scratch courses, zygote and kernel folders) is
    removed by the next run; a running process's folders are left alone."""
    import tempfile
    from grading import sandbox
    ended = subprocess.Popen(["true"])
    ended.wait()
    gone = Path(tempfile.mkdtemp(prefix=f"mlcourse-grader-{ended.pid}-", dir="/tmp"))
    (gone / "course").mkdir()
    kept = Path(tempfile.mkdtemp(prefix=f"mlcourse-zygote-{os.getpid()}-", dir="/tmp"))
    other = Path(tempfile.mkdtemp(prefix=f"mlcourse-postgres-{ended.pid}-", dir="/tmp"))
    try:
        sandbox.remove_leftovers()
        assert not gone.exists() and kept.exists() and other.exists()
    finally:
        for folder in (gone, kept, other):
            shutil.rmtree(folder, ignore_errors=True)


def grade_command(root, *args):
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    return subprocess.Popen([sys.executable, "-m", "mlcourse", "grade", "tiny", *args], cwd=root,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_ctrl_c_leaves_a_consistent_gradebook_and_a_rerun_grades_the_rest(sequential, tmp_path):
    seq_root, students = sequential
    root = tmp_path / "course"
    root.mkdir()
    make_class(root)
    records = root / "logs" / "autograde" / "tiny"
    proc = grade_command(root, "--workers", "1")
    deadline = time.time() + 600
    while len(list(records.glob("*.json"))) < 2 and time.time() < deadline:
        time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode != 0 and "interrupted" in out, out[-2000:]
    done = sorted(p.stem for p in records.glob("*.json"))
    assert 0 < len(done) < len(students), done
    # every student is either committed whole or not at all
    assert_same_state(root, seq_root, done)

    proc = grade_command(root, "--workers", "1")
    out, _ = proc.communicate(timeout=900)
    assert proc.returncode == 0, out[-2000:]
    regraded = {s for s in students if f"tiny / {s}:" in out}
    assert regraded == set(students) - set(done), out[-2000:]
    assert_same_state(root, seq_root, students)

    proc = grade_command(root, "--workers", "1", "--force")
    out, _ = proc.communicate(timeout=900)
    assert {s for s in students if f"tiny / {s}:" in out} == set(students)


def test_checked_schemas_validate_as_jsonschema_does():
    """The workers' faster metadata validation (grading/workers.py, _CheckedSchemas)
    accepts and rejects what jsonschema.validate does, with the same message."""
    import jsonschema
    from nbgrader.nbgraderformat.v3 import MetadataValidatorV3
    from grading.workers import _CheckedSchemas
    schema = MetadataValidatorV3().schema
    good = {"grade": True, "grade_id": "t", "locked": True, "points": 2, "schema_version": 3,
            "solution": False, "task": False}
    checked = _CheckedSchemas()
    checked.validate(good, schema)
    for bad in ({**good, "points": "two"}, {**good, "grade_id": 3}, {"grade": True}):
        with pytest.raises(jsonschema.ValidationError) as ours:
            checked.validate(bad, schema)
        with pytest.raises(jsonschema.ValidationError) as theirs:
            jsonschema.validate(bad, schema)
        assert ours.value.message == theirs.value.message
    # what was found valid once is not checked again, a bad one is rejected every time,
    # and a fresh copy of the schema (nbgrader reads one for each validator) is the same
    checked.validate(good, copy.deepcopy(schema))
    for _ in range(2):
        with pytest.raises(jsonschema.ValidationError):
            checked.validate({**good, "points": "two"}, copy.deepcopy(schema))


def test_workers_stop_after_the_kernel_and_the_writer_does_the_rest(tmp_path):
    """A worker runs autograde's preprocessors up to the kernel's run; the writer runs
    them all, with the run replayed. A failure of the writer's steps fails the
    submission in its result and run record: it is not committed as a success."""
    from grading import workers
    tiny_course(tmp_path)
    course.submit(tmp_path, "good", "tiny",
                  notebooks.read(notebooks.notebook_path(tmp_path, "source", "tiny")))
    configured = workers.load_config(tmp_path).Autograde.autograde_preprocessors
    assert workers.scratch_config(tmp_path).Autograde.autograde_preprocessors == configured[:1]
    assert workers.writer_config(workers.load_config(tmp_path)).Autograde \
        .autograde_preprocessors == ["grading.workers.ReplayExecution"] + configured[1:]

    grader = workers.Grader()
    try:
        outcome = grader.grade(workers.course_spec(tmp_path, "tiny"), "good",
                               workers.submitted_files(tmp_path, "tiny", "good"))
    finally:
        grader.close()
    assert outcome.ok, outcome.reason
    executed = nbformat.reads(outcome.executions["tiny"]["notebook"], as_version=4)
    executed.cells[0].source += "\n# not what was submitted"
    outcome.executions["tiny"]["notebook"] = nbformat.writes(executed)
    committed = workers.commit(tmp_path, "tiny", outcome, [])
    assert not committed.ok and "different tiny.ipynb" in committed.reason, committed
    record = json.loads(workers.run_record(tmp_path, "tiny", "good").read_text())
    assert not record["ok"] and "different tiny.ipynb" in record["reason"]
