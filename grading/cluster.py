"""Where the workers run, and the one writer that commits what they return.

``grade`` takes classes to grade (course folder, assignment, students) and grades
every submission with ``grading.workers.Grader``:

- ``workers=0``: one Grader in this process, one submission after another;
- ``workers=N``: a ``distributed.LocalCluster`` of N single-threaded worker processes,
  no set-up needed;
- ``scheduler="tcp://host:8786"``: any running Dask cluster (dask-jobqueue on Slurm,
  dask-kubernetes, ``dask scheduler`` + ``dask worker`` by hand). Its workers need the
  course's environment (this package, nbgrader, bubblewrap); the course's config and
  ``source/<assignment>/`` travel with the tasks, and they never touch the gradebook.

Results are committed here, in the order they arrive, through nbgrader
(``workers.commit``): the gradebook has one writer whatever the number of workers. A
worker that dies (killed, out of memory) loses nothing: Dask gives its submission to
another worker, and nothing was written for it. Ctrl-C stops between two commits.
Without ``force``, a submission already graded from the same files is skipped.
"""
import atexit
import logging
import os
import time
from dataclasses import dataclass, field

from traitlets import Integer, Unicode
from traitlets.config import Configurable

from . import sandbox
from .workers import (Grader, Outcome, commit, course_spec, fingerprint, flags_of,
                      load_config, run_record, submitted_files)

# Dask's default: a task whose workers died this many times is given up.
ALLOWED_FAILURES = 3


class GradingWorkers(Configurable):
    """Where `python -m mlcourse grade` grades (``c.GradingWorkers.*`` in nbgrader_config.py;
    the command's --workers and --scheduler win)."""
    count = Integer(0, help="Local worker processes; 0: one per core").tag(config=True)
    scheduler = Unicode("", help="Address of a running Dask scheduler (tcp://host:8786); "
                        "empty: a LocalCluster on this machine").tag(config=True)


def settings(root, workers=None, scheduler=None):
    """(workers, scheduler) from the command line, else the course's config, else
    one local worker per core."""
    configured = GradingWorkers(config=load_config(root))
    scheduler = scheduler if scheduler is not None else configured.scheduler or None
    workers = workers if workers is not None else configured.count or default_workers()
    return workers, scheduler


@dataclass
class Job:
    """One class: its course folder, assignment and students."""
    root: object
    assignment: str
    students: list
    on_done: object = None  # called with the Job once all its students are committed
    runs: dict = field(default_factory=dict)
    commit_seconds: list = field(default_factory=list)  # the writer's time per student


def default_workers():
    return len(os.sched_getaffinity(0))


def grade(jobs, workers=0, scheduler=None, force=True, log=print, progress=True):
    """Grade every submission of ``jobs`` (a Job or a list of them); the runs by Job."""
    from tqdm import tqdm

    from .course import GradeRun
    jobs = [jobs] if isinstance(jobs, Job) else list(jobs)
    tasks = []  # (job, student, files)
    for job in jobs:
        config = load_config(job.root)
        sandbox.require_if_sandboxed(config)
        job.spec, job.config, job.flags, job.pending = (
            course_spec(job.root, job.assignment), config, {}, set())
        for student in job.students:
            files = submitted_files(job.root, job.assignment, student)
            if not force and graded_from(job.root, job.assignment, student, files):
                continue
            job.flags[student] = flags_of(job.root, job.assignment, student)
            job.pending.add(student)
            tasks.append((job, student, files))
    for job in jobs:
        if not job.pending and job.on_done:
            job.on_done(job)
    if not tasks:
        return {id(job): job.runs for job in jobs}
    failures = 0
    width = len(str(len(tasks)))
    bar = tqdm(total=len(tasks), unit="submission", disable=not progress, dynamic_ncols=True,
               desc="grading")
    try:
        for i, (job, outcome) in enumerate(outcomes(tasks, workers, scheduler), 1):
            started = time.perf_counter()
            outcome = commit(job.root, job.assignment, outcome, job.flags[outcome.student],
                             job.config)
            job.commit_seconds.append(time.perf_counter() - started)
            run = GradeRun(outcome.ok, outcome.seconds, outcome.reason,
                           job.flags[outcome.student], outcome.fingerprint)
            job.runs[outcome.student] = run
            failures += not run.ok
            status = "ok" if run.ok else "FAILED: " + run.reason
            if run.flags:
                status += f" (flagged for review: {'; '.join(run.flags)})"
            line = (f"  [{i:>{width}}/{len(tasks)}] {job.assignment} / {outcome.student}: "
                    f"{status} ({run.seconds:.1f} s)")
            bar.set_postfix(failed=failures, refresh=False)
            bar.update()
            if log is print and progress:
                bar.write(line)
            elif log:
                log(line)
            job.pending.discard(outcome.student)
            if not job.pending and job.on_done:
                job.on_done(job)
    finally:
        bar.close()
    return {id(job): job.runs for job in jobs}


def graded_from(root, assignment, student, files):
    """True when the run record says this submission (these very files) was graded."""
    import json
    record = run_record(root, assignment, student)
    if not record.exists():
        return False
    try:
        run = json.loads(record.read_text())
    except ValueError:
        return False
    return run.get("fingerprint") == fingerprint(files)


_local = None  # this process's Grader, for workers=0


def outcomes(tasks, workers, scheduler):
    """(job, Outcome) for each task, as they finish."""
    global _local
    if not workers and not scheduler:
        if _local is None:
            _local = Grader()
            atexit.register(_local.close)
        for job, student, files in tasks:
            yield job, _local.grade(job.spec, student, files)
        return
    yield from _dask_outcomes(tasks, workers, scheduler)


def _spec(spec):
    return spec


def _grade_task(spec, student, files):
    """Runs on a Dask worker: that worker's long-lived Grader grades one submission."""
    from distributed import get_worker
    worker = get_worker()
    grader = getattr(worker, "mlcourse_grader", None)
    if grader is None:
        grader = worker.mlcourse_grader = Grader()
    return grader.grade(spec, student, files)


def _dask_outcomes(tasks, workers, scheduler):
    import dask
    from distributed import Client, LocalCluster, as_completed
    from distributed.scheduler import KilledWorker

    cluster = None
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                          "distributed.worker.daemon": False,
                          # a worker mostly waits for its kernel: sampling its stacks
                          # every 10 ms (Dask's profiler) doubled its idle CPU
                          "distributed.worker.profile.enabled": False}):
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR,
                                   worker_class="distributed.Nanny")
            client = Client(cluster)
    try:
        specs = {}
        futures = {}
        for job, student, files in tasks:
            if id(job) not in specs:  # a task, not scattered data: recomputed if its
                specs[id(job)] = client.submit(_spec, job.spec, pure=False,  # holder dies
                                               key=f"spec-{job.assignment}-{time.time_ns()}")
            future = client.submit(_grade_task, specs[id(job)], student, files, pure=False,
                                   key=f"grade-{job.assignment}-{student}-{time.time_ns()}")
            futures[future] = (job, student)
        for future in as_completed(futures):
            job, student = futures[future]
            try:
                outcome = future.result()
            except KilledWorker:
                outcome = Outcome(student, False, 0.0, (
                    f"grading this submission killed {ALLOWED_FAILURES} workers "
                    f"(out of memory, or killed from outside)"))
            except Exception as exc:
                outcome = Outcome(student, False, 0.0,
                                          f"the worker failed: {type(exc).__name__}: {exc}"[:200])
            yield job, outcome
    finally:
        for future in futures:
            future.cancel()
        client.close()
        if cluster is not None:
            cluster.close()
        # what the workers of this machine left (they end without closing their Grader;
        # a killed one cannot): their kernels', zygotes' and scratch courses' folders
        sandbox.remove_leftovers()
