"""`python -m mlcourse bench`: grading throughput, measured side by side in one run.

A synthetic class (for each assignment: the solution, the blank release, the mutants,
a broken file, ... cycled to ``per_assignment`` submissions) is graded three times,
each time in a fresh copy of the course:

1. plain sequential ``nbgrader autograde <assignment>`` (nbgrader's own loop over the
   class, in the course's configuration with the sandbox),
2. the workers path with 1 worker (a LocalCluster of one),
3. the workers path with N workers (default: one per core).

It prints submissions per minute of each, their ratios, the CPU utilisation of the
machine during each run (from /proc/stat: run it on an otherwise idle machine), the
per-notebook overhead (the time to grade the blank release beyond its own cells), and
a model of a 10,000-submission class on K workers from the measured costs. A benchmark:
it prints numbers, it asserts nothing.
"""
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import nbformat

from . import cluster, course, pipeline, workers
from .course import ROOT


def synthetic_class(root, names, per_assignment):
    """Submissions placed in ``root``: {assignment: [students]}."""
    placed = {}
    for name in names:
        demo = pipeline.demo_class(name, ROOT)
        students = list(demo)
        chosen = [students[i % len(students)] for i in range(per_assignment)]
        placed[name] = []
        for i, student in enumerate(chosen):
            sid = f"{student}-{i}"
            course.submit(root, sid, name, demo[student])
            placed[name].append(sid)
    return placed


def fresh_course(names, per_assignment, parent):
    root = Path(tempfile.mkdtemp(prefix="bench-", dir=parent))
    course.make_course(root, names)
    for name in names:
        course.generate_release(root, name)
    return root, synthetic_class(root, names, per_assignment)


def cpu_times():
    """(busy, total) jiffies of the whole machine."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


class Measure:
    def __enter__(self):
        self.cpu, self.start = cpu_times(), time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        busy, total = cpu_times()
        self.utilisation = (busy - self.cpu[0]) / max(1, total - self.cpu[1])


def cells_seconds(executed_json):
    """Seconds a notebook's own cells took in the kernel (nbclient's timing metadata)."""
    from datetime import datetime
    nb = nbformat.reads(executed_json, as_version=4)
    total = 0.0
    for cell in nb.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if start and end:
            parse = lambda t: datetime.fromisoformat(t.replace("Z", "+00:00"))
            total += (parse(end) - parse(start)).total_seconds()
    return total


def overhead(names):
    """Per-notebook overhead of a warm worker: for each assignment's blank release,
    grading time minus its cells' time (median of 3, after one to warm up), each after a
    pause in which the worker's next kernel starts, as it does during the previous
    submission in a class."""
    grader = workers.Grader()
    out = {}
    try:
        for name in names:
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(tmp)
                course.make_course(root, [name])
                course.generate_release(root, name)
                blank = nbformat.read(str(root / "release" / name / f"{name}.ipynb"), 4)
                spec = workers.course_spec(root, name)
                course.submit(root, "blank", name, blank)
                files = workers.submitted_files(root, name, "blank")
                extra = []
                for attempt in range(4):
                    # in a class, the previous submission's own run gives the next kernel
                    # time to start; here a pause stands in for it
                    time.sleep(5)
                    result = grader.grade(spec, "blank", files)
                    executed = result.executions.get(name, {}).get("notebook")
                    cells = cells_seconds(executed) if executed else 0.0
                    if attempt:
                        extra.append(result.seconds - cells)
                out[name] = statistics.median(extra)
    finally:
        grader.close()
    return out


def run(names=None, per_assignment=12, n_workers=None, keep=False):
    names = names or course.assignments(ROOT)
    n_workers = n_workers or cluster.default_workers()
    parent = tempfile.mkdtemp(prefix="mlcourse-bench-")
    total = per_assignment * len(names)
    print(f"Synthetic class: {total} submissions ({per_assignment} for each of "
          f"{len(names)} assignments: {', '.join(names)})\n")
    rows, costs, commits = [], {}, []
    try:
        root, placed = fresh_course(names, per_assignment, parent)
        with Measure() as plain:
            for name in names:
                course.nbgrader("autograde", name, "--force", cwd=root)
        rows.append(("plain nbgrader autograde (sequential)", plain))
        for label, count in (("workers path, 1 worker", 1),
                             (f"workers path, {n_workers} workers", n_workers)):
            root, placed = fresh_course(names, per_assignment, parent)
            jobs = [cluster.Job(root, name, students) for name, students in placed.items()]
            with Measure() as m:
                cluster.grade(jobs, workers=count, log=None, progress=True)
            rows.append((label, m))
            for job in jobs:
                commits += job.commit_seconds
                seconds = [r.seconds for r in job.runs.values()]
                costs[job.assignment] = statistics.mean(seconds) if seconds else 0.0
        blank_overhead = overhead(names)
    finally:
        if not keep:
            shutil.rmtree(parent, ignore_errors=True)

    print(f"\n{'path':<42}{'wall s':>9}{'subm./min':>11}{'CPU use':>9}")
    for label, m in rows:
        print(f"{label:<42}{m.seconds:>9.1f}{60 * total / m.seconds:>11.1f}{m.utilisation:>8.0%}")
    plain, one, many = (m.seconds for _, m in rows)
    print(f"\nratios: 1 worker / plain = {plain / one:.2f}x, {n_workers} workers / 1 worker = "
          f"{one / many:.2f}x, {n_workers} workers / plain = {plain / many:.2f}x")
    print("\nper-notebook overhead of a warm worker (grading the blank release minus its "
          "own cells), s:")
    for name, extra in blank_overhead.items():
        print(f"  {name:<20}{extra:>6.2f}")
    print("\nmean seconds per submission on a worker (from the N-worker run):")
    for name, seconds in costs.items():
        print(f"  {name:<20}{seconds:>6.1f}")
    commit_s = statistics.mean(commits) if commits else 0.0
    print(f"\nthe writer's commit (nbgrader's Autograde, execution replayed): "
          f"{commit_s:.2f} s per submission")
    model(costs, commit_s=commit_s)
    return 0


def model(costs, commit_s, submissions=10_000, workers=(2, 8, 32, 128)):
    """Makespan of a class of ``submissions`` spread evenly over the assignments, on K
    workers: greedy list scheduling gives at most (total work / K) + (longest task); the
    one writer commits one submission in ``commit_s`` seconds and bounds it from below."""
    if not costs:
        return
    per = submissions / len(costs)
    work = sum(per * c for c in costs.values())
    longest = max(costs.values())
    print(f"\nmodel: {submissions} submissions, {per:.0f} per assignment, "
          f"{work / 3600:.1f} worker-hours of grading in all")
    print(f"{'K workers':>10}{'makespan':>12}   (bound: work/K + longest task; "
          f"writer: {commit_s:.2f} s per commit = {submissions * commit_s / 60:.0f} min)")
    for k in workers:
        makespan = max(work / k + longest, submissions * commit_s)
        print(f"{k:>10}{makespan / 60:>10.0f} min")
