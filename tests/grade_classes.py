"""Grade the harness's classes (tests/conftest.py, ``graded_class``) in one process:
every student of every class through the workers path on a LocalCluster with one
worker per core, costliest class first. For each class, once all its students are
committed, it writes the feedback and marks the class done; a class whose grading
fails gets ``<name>.failed`` with the error.

    python tests/grade_classes.py <shared folder> <assignment> [<assignment> ...]
"""
import json
import sys
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from grading import cluster, course, liars, mutants, notebooks


def students(name, root):
    source_nb = notebooks.read(notebooks.notebook_path(root, "source", name))
    release = root / "release" / name
    out = {"solution": source_nb, "blank": notebooks.read(release / f"{name}.ipynb"),
           "liar": liars.liar_notebook(source_nb),
           "reused-names": mutants.reused_names_notebook(source_nb)}
    for m in mutants.load(name):
        out[m.student] = mutants.apply(source_nb, m)
    return out


def finish(job):
    """All of a class is committed: its feedback, then the marker tests wait for. In a
    thread of its own, so that the writer goes on committing the other classes."""
    def run():
        try:
            course.nbgrader("generate_feedback", job.assignment, "--force", cwd=job.root)
            (job.root / "students.json").write_text(json.dumps(job.students))
            (job.root / "done").touch()
            print(f"== {job.assignment}: done", file=sys.stderr, flush=True)
        except Exception:
            (job.root.parent / f"{job.assignment}.failed").write_text(traceback.format_exc())
    threading.Thread(target=run, name=f"feedback-{job.assignment}").start()  # joined at exit


def set_up(shared, name):
    """One class's course: its release generated, every student submitted; None when
    that fails (``<name>.failed`` says why)."""
    root = shared / name
    try:
        course.make_course(root, [name])
        course.generate_release(root, name)
        class_ = students(name, root)
        for student, nb in class_.items():
            course.submit(root, student, name, nb)
        return cluster.Job(root, name, list(class_), on_done=finish)
    except Exception:
        (shared / f"{name}.failed").write_text(traceback.format_exc())


def main(shared, names):
    shared = Path(shared)
    # the classes are set up side by side: most of it is waiting for `nbgrader
    # generate_assignment`, a process of its own
    with ThreadPoolExecutor(max_workers=3) as pool:
        jobs = [job for job in pool.map(lambda name: set_up(shared, name), names) if job]
    try:
        cluster.grade(jobs, workers=cluster.default_workers(),
                      log=lambda line: print(line, file=sys.stderr, flush=True), progress=False)
    except BaseException:
        for job in jobs:
            if not (job.root / "done").exists():
                (shared / f"{job.assignment}.failed").write_text(traceback.format_exc())
        raise


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
