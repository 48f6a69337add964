"""Grade submissions with long-lived workers, and commit their results with nbgrader.

A ``Grader`` is a worker: one per Dask worker process (``grading/cluster.py``), or the
grading process itself. For each assignment it builds a scratch course once (the
course's config and ``source/<assignment>/``, with ``generate_assignment`` run in
process), then for each submission it puts the student's files in the scratch course
and runs nbgrader's own Autograde converter in process: the same preprocessors as
``nbgrader autograde``, the sandboxed grading kernel included. nbgrader stays loaded,
and the next kernel is started, with the notebook's heavy imports done, while the
current submission is still being graded. It returns what the kernel produced (the
executed notebooks), the graded files, nbgrader's log and the outcome; it never sees
the course's gradebook.

``commit`` is the one writer: in the course itself it runs nbgrader's Autograde
converter once more for that student, with the kernel's work replayed from the
worker's executed notebooks (``ReplayExecution``), so that the gradebook rows, late
penalties, autograded files and failures are exactly those of ``nbgrader autograde
--student``. It writes the run record (logs/autograde/<assignment>/<student>.json).
"""
import contextlib
import copy
import functools
import hashlib
import io
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor

from . import notebooks, sandbox, tamper

CELL_TIMEOUT = ("Interrupting kernel", "s).")  # nbclient logs a cell's timeout as an error
IGNORED = {".ipynb_checkpoints", "__pycache__", "feedback"}


@dataclass
class CourseSpec:
    """What a worker needs of the course to grade one assignment: the config and the
    assignment's source folder, as files (relative path -> bytes)."""
    assignment: str
    files: dict
    key: str = ""

    def __post_init__(self):
        if not self.key:
            digest = hashlib.sha256()
            for name in sorted(self.files):
                digest.update(name.encode() + b"\0" + self.files[name] + b"\0")
            self.key = digest.hexdigest()[:16]


@dataclass
class Outcome:
    """A worker's result for one submission."""
    student: str
    ok: bool
    seconds: float
    reason: str = ""
    log: str = ""
    executions: dict = field(default_factory=dict)  # notebook -> executed JSON or {"error": ...}
    fingerprint: str = ""  # of the submitted files: a resubmission is graded again


def course_spec(root, assignment):
    root = Path(root)
    files = {"nbgrader_config.py": (root / "nbgrader_config.py").read_bytes()}
    source = root / "source" / assignment
    for path in sorted(source.rglob("*")):
        if path.is_file() and not IGNORED & set(path.relative_to(source).parts):
            files[str(Path("source", assignment, path.relative_to(source)))] = path.read_bytes()
    return CourseSpec(assignment, files)


def submitted_files(root, assignment, student):
    folder = Path(root, "submitted", student, assignment)
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not IGNORED & set(p.relative_to(folder).parts)}


def fingerprint(files):
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    return digest.hexdigest()[:16]


def load_config(root):
    """The course's nbgrader configuration, as nbgrader itself would load it."""
    from traitlets.config.loader import PyFileConfigLoader
    return PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()


def scratch_config(root):
    """The course's config for a worker's scratch course in ``root``: its own SQLite
    gradebook there, whatever gradebook the course itself uses, and autograde's
    preprocessors up to the kernel's run: what follows it (scores, late penalties,
    output limits) the writer does once, in the course, from the replayed run."""
    config = load_config(root)
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = f"sqlite:///{Path(root, 'gradebook.db')}"
    steps = autograde_preprocessors(config)
    ran = [i for i, (_, cls) in enumerate(steps) if _executes(cls)]
    if ran:
        config.Autograde.autograde_preprocessors = [name for name, _ in steps[:ran[0] + 1]]
    return config


def autograde_preprocessors(config):
    """(name as configured, class) of each of autograde's preprocessors in ``config``."""
    from traitlets.utils.importstring import import_item
    names = config.Autograde.get("autograde_preprocessors", None)
    if names is None:
        from nbgrader.converters import Autograde
        names = Autograde.class_traits()["autograde_preprocessors"].default()
    return [(name, import_item(name) if isinstance(name, str) else name) for name in names]


def _executes(cls):
    from nbgrader.preprocessors import Execute
    return isinstance(cls, type) and issubclass(cls, Execute)


def reuse_engines():
    """nbgrader opens a new SQLAlchemy engine for each of the ~10 gradebooks one
    autograde opens, and each new engine compiles every query afresh: a third of a
    commit's time. One engine per database URL in this process keeps its compiled
    queries (``Gradebook.close`` still disposes of its connections). And nbgrader runs
    `alembic heads` (a second of CPU in a subprocess) for each gradebook it creates, one
    per scratch course, with the same answer: asked once."""
    from nbgrader import api
    if not hasattr(api.create_engine, "cache_info"):
        api.create_engine = functools.lru_cache(maxsize=32)(api.create_engine)
    if not hasattr(api.get_alembic_version, "cache_info"):
        api.get_alembic_version = functools.lru_cache(maxsize=None)(api.get_alembic_version)


class _Log(logging.Handler):
    """nbgrader's log lines for one run, formatted as its command line prints them."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(f"[AutogradeApp | {record.levelname}] {record.getMessage()}")


class _CheckedSchemas:
    """What nbgrader's metadata validation sees as ``jsonschema``. It calls
    ``jsonschema.validate(metadata, schema)`` for every cell of every notebook, and that
    checks nbgrader's own schema against the JSON Schema metaschema each time: a quarter
    of a commit's time. Here the same validation (the same error chosen, by
    ``best_match``), with each schema checked once, and each distinct metadata found
    valid once (a class's notebooks share their cells' metadata)."""

    def __init__(self):
        import jsonschema
        self._jsonschema = jsonschema
        self._validators = {}  # schema's JSON -> validator
        self._schemas = {}  # id(schema) -> (schema, its JSON): nbgrader keeps one a validator
        self._valid = set()  # (schema's JSON, metadata's JSON) found valid

    def __getattr__(self, name):
        return getattr(self._jsonschema, name)

    def validate(self, instance, schema):
        # by content: nbgrader reads a fresh copy of its schema file for each validator
        held = self._schemas.get(id(schema))
        if held is None or held[0] is not schema:
            if len(self._schemas) > 64:  # a long-lived worker sees thousands of copies
                self._schemas.clear()
            held = self._schemas[id(schema)] = (schema, json.dumps(schema, sort_keys=True))
        key = held[1]
        seen = (key, json.dumps(instance, sort_keys=True, default=repr))
        if seen in self._valid:
            return
        validator = self._validators.get(key)
        if validator is None:
            cls = self._jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            validator = self._validators[key] = cls(schema)
        error = self._jsonschema.exceptions.best_match(validator.iter_errors(instance))
        if error is not None:
            raise error
        if len(self._valid) > 100_000:
            self._valid.clear()
        self._valid.add(seen)


def _check_schemas_once():
    from nbgrader.nbgraderformat import common
    if not isinstance(common.jsonschema, _CheckedSchemas):
        common.jsonschema = _CheckedSchemas()


def run_autograde(root, assignment, student, config):
    """nbgrader's Autograde converter for one student, in this process. Returns
    (ok, log text); nbgrader's own failures are logged, never raised."""
    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.converters.base import NbGraderException

    _check_schemas_once()
    handler = _Log()
    logger = logging.getLogger(f"grading.autograde.{id(handler)}")
    logger.propagate, logger.level = False, logging.INFO
    logger.addHandler(handler)
    config = copy.deepcopy(config)
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.assignment_id = assignment
    config.CourseDirectory.student_id = student
    coursedir = CourseDirectory(config=config, log=logger)
    converter = Autograde(coursedir=coursedir, config=config, log=logger)
    converter.force = True
    ok = True
    try:
        with warnings.catch_warnings():  # nbgrader's own SQLAlchemy noise
            warnings.filterwarnings("ignore", category=Warning, module="nbgrader")
            warnings.filterwarnings("ignore", message=".*not in session.*")
            converter.start()
    except NbGraderException:
        ok = False
    except Exception as exc:  # what the command line would print as its crash
        ok = False
        logger.error("%s: %s", type(exc).__name__, exc)
    finally:
        logger.removeHandler(handler)
    return ok, "\n".join(handler.lines)


def outcome_of(ok, log, seconds, limit_hit, limit):
    """(ok, reason) of a run, from nbgrader's log (a cell timeout is graded, not an error)."""
    errors = [line for line in log.splitlines() if "| ERROR]" in line
              and not line.endswith(CELL_TIMEOUT)]
    ok = ok and not errors
    if limit_hit:
        return False, f"time limit: grading took over {limit} s (c.Sandbox.notebook_seconds)"
    return ok, "" if ok else reason(errors, log)


def reason(errors, log):
    """The most telling line of nbgrader's log for a failed autograde: the last
    exception message (bad JSON, a timeout, ...), else the last error line."""
    import re
    if "Timeout waiting for IOPub output" in log:
        return ("a cell timed out and the kernel stopped answering (it ignored the "
                "interrupt, broke itself, or a sandbox limit killed it)")
    if "No notebooks found" in log:
        return "none of the assignment's notebooks is in the submission (misnamed?)"
    if "Kernel died" in log or "DeadKernelError" in log:
        return ("Kernel died (the code killed it, or a sandbox limit did: memory, CPU time, "
                "processes)")
    strip = lambda line: re.sub(r"^\[\w+ \| \w+\]\s*", "", line.strip())  # "[AutogradeApp | ERROR]"
    lines = [strip(line) for line in log.splitlines()]
    for line in reversed(lines):
        found = re.search(r"(\w*(Error|Exception|Timeout)\w*): (.+)", line)
        if found:
            return f"{found.group(1)}: {found.group(3)}"[:200]
    generic = ("There was an error", "Please see", "Traceback", "nbgrader")
    for line in [strip(e) for e in reversed(errors)] + lines[::-1]:
        if line and not line.startswith(generic):
            return line[:200]
    return "autograde failed (see nbgrader's log in logs/autograde/)"


class Grader:
    """A long-lived worker that grades one submission at a time (module docstring)."""

    def __init__(self, workdir=None):
        # nbgrader runs `alembic` from PATH when it creates a gradebook
        bin_dir = str(Path(sys.executable).parent)
        if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
            os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
        # one math thread per kernel: workers run side by side
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        reuse_engines()
        sandbox.remove_leftovers()  # of workers killed on this machine before
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix=f"mlcourse-grader-{os.getpid()}-"))
        self.courses = {}  # spec key -> scratch course root
        self.kernels = sandbox.WarmKernels()

    def scratch_course(self, spec):
        root = self.courses.get(spec.key)
        if root is None:
            root = self.workdir / f"{spec.assignment}-{spec.key}"
            shutil.rmtree(root, ignore_errors=True)
            for name, data in spec.files.items():
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                (root / name).write_bytes(data)
            from nbgrader.converters import GenerateAssignment
            from nbgrader.converters.base import NbGraderException
            from nbgrader.coursedir import CourseDirectory
            config = scratch_config(root)
            config.CourseDirectory.assignment_id = spec.assignment
            handler = _Log()
            logger = logging.getLogger(f"grading.generate.{id(handler)}")
            logger.propagate = False
            logger.addHandler(handler)
            try:
                GenerateAssignment(coursedir=CourseDirectory(config=config, log=logger),
                                   config=config, force=True, log=logger).start()
            except NbGraderException:
                raise RuntimeError(f"generate_assignment {spec.assignment} failed in the "
                                   f"worker:\n" + "\n".join(handler.lines[-30:])) from None
            self.courses[spec.key] = root
        return root

    def grade(self, spec, student, files):
        """Grade one submission (``files``: relative path -> bytes) -> Outcome."""
        root = self.scratch_course(spec)
        config = scratch_config(root)
        folder = root / "submitted" / student / spec.assignment
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(root / "autograded" / student, ignore_errors=True)
        for name, data in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        limits = sandbox.Sandbox(config=config)
        sandbox.require_if_sandboxed(config)
        self.kernels.prepare(root, spec.assignment, config)
        executions = {}
        timer = threading.Timer(limits.notebook_seconds, self.kernels.kill_running)
        start = time.perf_counter()
        with sandbox.recording(executions), sandbox.warm_kernels(self.kernels):
            timer.start()
            try:
                ok, log = run_autograde(root, spec.assignment, student, config)
            finally:
                timer.cancel()
        seconds = time.perf_counter() - start
        ok, why = outcome_of(ok, log, seconds, self.kernels.killed, limits.notebook_seconds)
        self.kernels.killed = False
        return Outcome(student, ok, seconds, why, log, executions, fingerprint(files))

    def close(self):
        self.kernels.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


class ReplayExecution(NbGraderPreprocessor):
    """In place of the Execute preprocessor, for the writer: the code cells get the
    outputs a worker's kernel produced for this notebook (``executions``), or the
    worker's failure is raised again, so that nbgrader records the same thing."""

    executions = {}  # notebook name -> executed notebook JSON, or {"error": message}

    def preprocess(self, nb, resources):
        name = resources["nbgrader"]["notebook"]
        done = self.executions.get(name)
        if done is None:
            raise RuntimeError(f"the worker returned no execution of {name}.ipynb")
        if "error" in done:
            raise ReplayedError(done["error"])
        executed = nbformat.reads(done["notebook"], as_version=4)
        if [c.source for c in executed.cells] != [c.source for c in nb.cells]:
            raise RuntimeError(f"the worker graded a different {name}.ipynb")
        for cell, ran in zip(nb.cells, executed.cells):
            if cell.cell_type == "code":
                cell.outputs = ran.outputs
                cell.execution_count = ran.execution_count
        nb.metadata.update({k: v for k, v in executed.metadata.items()
                            if k in ("language_info", "widgets")})
        return nb, resources


class ReplayedError(RuntimeError):
    """The worker's kernel failed on this notebook (the message says how)."""


def writer_config(config):
    """The course's config for the writer: Execute replaced by ReplayExecution."""
    config = copy.deepcopy(config)
    config.Autograde.autograde_preprocessors = [
        "grading.workers.ReplayExecution" if _executes(cls) else name
        for name, cls in autograde_preprocessors(config)]
    return config


def run_record(root, assignment, student):
    return Path(root, "logs", "autograde", assignment, f"{student}.json")


class Deferred:
    """Holds SIGINT (Ctrl-C) back while a commit writes, and raises it afterwards: an
    interrupted run leaves every student either committed or untouched."""

    def __enter__(self):
        self.pending = False
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._hold)
        else:
            self.previous = None
        return self

    def _hold(self, *args):
        self.pending = True

    def __exit__(self, *exc):
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
        if self.pending:
            raise KeyboardInterrupt


def commit(root, assignment, outcome, flags, config=None):
    """Write one worker's outcome into the course: gradebook, autograded/, run record.
    Returns the outcome as committed: a failure of the steps that follow the kernel's
    run (the worker leaves them to the writer) fails it here."""
    reuse_engines()
    config = writer_config(config or load_config(root))
    with Deferred():
        ReplayExecution.executions = outcome.executions
        try:
            ok, log = run_autograde(root, assignment, outcome.student, config)
        finally:
            ReplayExecution.executions = {}
        ok, why = outcome_of(ok, log, 0.0, False, 0)
        if outcome.ok and not ok:
            outcome = replace(outcome, ok=False, reason=why, log=outcome.log + "\n" + log)
        write_run_record(root, assignment, outcome, flags)
    return outcome


def write_run_record(root, assignment, outcome, flags):
    """The run record (logs/autograde/<assignment>/<student>.json) and nbgrader's log."""
    record = run_record(root, assignment, outcome.student)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.with_suffix(".log").write_text(outcome.log)
    record.write_text(json.dumps({"ok": outcome.ok, "seconds": outcome.seconds,
                                  "reason": outcome.reason, "flags": flags,
                                  "fingerprint": outcome.fingerprint}))


def flags_of(root, assignment, student):
    """Reasons to review a submission: tamper flags (tamper.py), notebooks missing or
    misnamed, and files it added."""
    source = Path(root, "source", assignment)
    folder = Path(root, "submitted", student, assignment)
    expected = sorted(p.name for p in source.glob("*.ipynb"))
    flags = []
    for name in expected:
        path = folder / name
        if path.exists():
            flags += tamper.inspect_submission(path, notebooks.read(source / name))
        else:
            flags.append(f"no {name} in the submission (its questions score 0)")
    for path in sorted(folder.glob("*.ipynb")):
        if path.name not in expected:
            flags.append(f"{path.name} is not a notebook of {assignment} (expected "
                         f"{', '.join(expected)}): not graded")
    return flags + extra_files(root, assignment, student)


def extra_files(root, assignment, student):
    """Flag files a submission adds to the assignment's own: the grading kernel does
    not get them (sandbox.assignment_files), but a reviewer should know."""
    folder = Path(root, "submitted", student, assignment)
    source = Path(root, "source", assignment)
    extra = [str(p.relative_to(folder)) for p in sorted(folder.rglob("*"))
             if p.is_file() and not IGNORED & set(p.relative_to(folder).parts)
             and p.name != "timestamp.txt" and p.suffix not in (".ipynb", ".pyc")
             and not (source / p.relative_to(folder)).exists()]
    return [f"extra files in the submission (not given to the grading kernel): "
            f"{', '.join(extra)}"] if extra else []
