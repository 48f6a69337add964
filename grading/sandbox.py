"""Grade untrusted submissions in a sandboxed kernel (bubblewrap).

``nbgrader autograde`` runs each submission in a Jupyter kernel with the grader's
rights. ``nbgrader_config.py`` swaps nbgrader's ``Execute`` preprocessor for
``SandboxExecute``, whose kernel manager starts the ipykernel inside ``bwrap``:

- an empty root file system with, read-only, only the system (/usr, /etc), the
  Python installation, the virtual environment and this package: no course files
  (no gradebook, source/, submitted/, other students' folders);
- the notebook's working folder is a scratch folder holding copies of the
  assignment's data files only, writable, thrown away afterwards; /tmp is a small
  private tmpfs; nothing else is writable;
- its own network namespace (no network at all) and process namespace;
- a throw-away user id, no capabilities, and limits on address space (memory),
  CPU time, processes and file size.

The kernel talks to nbgrader over Unix sockets (ZeroMQ's "ipc" transport) in a
private folder bound into the sandbox: TCP cannot cross the network namespace.
The whole-notebook wall-clock limit is applied by ``course.autograde`` (it kills
the autograde command); nbgrader's per-cell timeout still applies.

A long-lived worker (grading/workers.py) starts its kernels another way with the same
walls: each is forked, one submission ahead, from a zygote that runs in a bwrap
sandbox like the above and has done the notebook's imports once (``Zygote`` here, the
sandbox side in grading/zygote.py), which saves 1.5-2.5 s of CPU per submission.

Where bubblewrap is missing or cannot create namespaces, grading refuses to run
unless the instructor opts out explicitly with ``MLCOURSE_UNSANDBOXED=1``.
"""
import contextlib
import json
import os
import secrets
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbclient.util import run_sync
import nbformat
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer, List, Unicode
from traitlets.config import Configurable

# What the kernel may import besides the environment: the notebooks' package, and this
# one (the grading kernel's own code). Neither holds solutions; source/ stays outside.
PACKAGES = (Path(__file__).resolve().parent.parent / "mlcourse", Path(__file__).resolve().parent)
OPT_OUT = "MLCOURSE_UNSANDBOXED"
# Environment variables the kernel may see; everything else of the grader's
# environment (tokens, database URLs, ...) stays outside.
KEEP_ENV = {"PATH", "PYTHONPATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "NBGRADER_EXECUTION",
            "PYTHONHASHSEED", "MPLBACKEND", "OMP_NUM_THREADS", "MKL_NUM_THREADS"}


KERNEL = "grading.kernel.GradingKernel"


class SandboxUnavailable(RuntimeError):
    pass


class Sandbox(Configurable):
    """Limits of the grading sandbox (``c.Sandbox.*`` in nbgrader_config.py)."""
    memory_mb = Integer(4096, help="Address-space limit of the kernel (torch needs ~2 GB)"
                        ).tag(config=True)
    cpu_seconds = Integer(900, help="CPU-time limit of the kernel, all cells together"
                          ).tag(config=True)
    processes = Integer(128, help="Processes and threads of the kernel's user").tag(config=True)
    file_mb = Integer(64, help="Largest file the kernel may write").tag(config=True)
    tmp_mb = Integer(128, help="Size of the private /tmp").tag(config=True)
    preload = List(Unicode(), ["mlcourse.checks"], help=(
        "Modules the kernel imports before any student code: the checks bind numpy's "
        "own functions then, whatever a student cell later reassigns")).tag(config=True)
    warm_kernels = Bool(True, help=(
        "A long-lived worker starts each submission's kernel while the previous one is "
        "graded, with the notebook's imports done")).tag(config=True)
    fork_kernels = Bool(True, help=(
        "A long-lived worker forks its kernels from a sandboxed process that has done the "
        "notebook's imports once (grading/zygote.py) instead of starting each afresh"
        )).tag(config=True)
    notebook_seconds = Integer(
        1200, help="Wall-clock limit of one student's autograde run (course.autograde)"
    ).tag(config=True)
    protect_tests = Bool(True, help=(
        "Run locked and test cells in the grading kernel's own state (grading/kernel.py). "
        "Off only in the tests that prove what it protects")).tag(config=True)
    withhold_added_files = Bool(True, help=(
        "Give the kernel only the assignment's own data files, not files a student added. "
        "Off only in the tests that prove what it protects")).tag(config=True)


def unsandboxed():
    """True when the instructor explicitly opted out of the sandbox."""
    return os.environ.get(OPT_OUT, "") not in ("", "0")


@lru_cache(maxsize=None)
def problem():
    """Why the sandbox cannot be set up here, or "" when it can (checked once)."""
    if os.geteuid() != 0:  # setpriv to a throw-away user and chown need root
        return "the sandbox needs root (it runs the kernel as a throw-away user)"
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed: apt-get install bubblewrap"
    probe = subprocess.run([bwrap, "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid",
                            "--die-with-parent", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"bwrap cannot create namespaces here: {probe.stderr.strip()[:200]}"
    return ""


def require():
    """Refuse to grade without a sandbox unless the instructor opted out."""
    reason = problem()
    if reason and not unsandboxed():
        raise SandboxUnavailable(
            f"refusing to grade untrusted code without a sandbox: {reason}. "
            f"Set {OPT_OUT}=1 to grade unsandboxed anyway (only for code you trust).")


def _parents(dest, made):
    """bwrap arguments creating dest's parents world-readable: bwrap would copy their modes
    from the host (/root is 0700) and the kernel's user could not reach dest."""
    args = []
    for parent in reversed(Path(dest).parents):
        if str(parent) not in made and str(parent) not in ("/", "/tmp"):
            made.add(str(parent))
            args += ["--perms", "0755", "--dir", str(parent)]
    return args


def _bind(option, source, dest, made):
    """``option source dest``, after creating dest's parents (``_parents``)."""
    return _parents(dest, made) + [option, str(source), str(dest)]


def _system_binds(made):
    """Read-only views of the system: /usr, /etc, the Python installation, the venv."""
    args = []
    for top in ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib64", "/lib32"):
        if os.path.islink(top):  # merged /usr: /lib -> usr/lib
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    for path in _python_paths():
        args += _bind("--ro-bind", path, path, made)
    return args


def _python_paths():
    """The interpreter (e.g. pyenv's under /root), the venv, and the course's packages (whose
    folder in the repository also holds source/ with the solutions: only them)."""
    paths = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), Path(sys.prefix),
             *PACKAGES}
    return sorted(p for p in paths if not str(p).startswith("/usr/"))


def _bwrap(caps, limits, made):
    """bwrap's start common to a kernel's and a zygote's sandbox: its own namespaces, only
    the capabilities ``caps`` (bwrap run by root would keep them all), /proc, /dev, a
    private /tmp and the read-only system."""
    return ["bwrap", "--die-with-parent",
            "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try",
            "--cap-drop", "ALL", *[a for cap in caps for a in ("--cap-add", f"CAP_{cap}")],
            "--proc", "/proc", "--dev", "/dev",
            "--size", str(limits.tmp_mb * 1024 * 1024), "--perms", "1777", "--tmpfs", "/tmp",
            *_system_binds(made)]


def command(kernel_cmd, cwd, scratch, run_dir, uid, limits):
    """The bwrap command line that runs ``kernel_cmd`` in the sandbox."""
    mb = 1024 * 1024
    made = set()  # folders created in the sandbox's empty root
    return [
        # what setpriv needs to switch to the throw-away user, which then drops them all
        *_bwrap(("SETUID", "SETGID", "SETPCAP"), limits, made),
        *_bind("--bind", scratch, cwd, made),  # the student's folder: a scratch copy
        *_bind("--bind", run_dir, run_dir, made),  # the connection file and sockets
        "--chdir", str(cwd),
        # jupyter_client adds the grader's pid; inside the pid namespace the kernel's
        # parent is pid 1 and ipykernel would take that for a dead parent and quit.
        "--unsetenv", "JPY_PARENT_PID",
        # the kernel is alone in this pid namespace: it may end what a cell left running
        "--setenv", "MLCOURSE_OWN_PID_NAMESPACE", "1",
        "prlimit", f"--as={limits.memory_mb * mb}", f"--cpu={limits.cpu_seconds}",
        f"--nproc={limits.processes}", f"--fsize={limits.file_mb * mb}", "--core=0",
        "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
        "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs",
        "--", *kernel_cmd,
    ]


class Zygote:
    """The host's side of grading/zygote.py: a sandboxed process with the notebook's imports
    done, run by one worker for one assignment, which forks that worker's kernels.

    Its sandbox is a kernel's (``command``) but for the capabilities it needs to give each
    forked kernel namespaces of its own and then drop to a throw-away user (CAP_SYS_ADMIN,
    CAP_SETUID, CAP_SETGID, CAP_SETPCAP), and it sees no course folder: only ``folder``,
    where the worker puts each kernel's run and scratch folders, and ``cwd`` is created
    empty for the kernels' working folder."""

    def __init__(self, cwd, imports, env, limits, timeout=120):
        # under /tmp, which each kernel covers with its own: no kernel sees another's folders
        self.folder = tempfile.mkdtemp(prefix=f"mlcourse-zygote-{os.getpid()}-", dir="/tmp")
        self.socket = os.path.join(self.folder, "zygote.sock")
        made = set()
        env = kernel_env(env)
        # what ipykernel sets before a fresh kernel imports matplotlib: the inline backend
        env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        modules = [*limits.preload, *imports, "ipykernel.kernelapp", KERNEL.rpartition(".")[0]]
        self.process = subprocess.Popen(
            [*_bwrap(("SYS_ADMIN", "SETUID", "SETGID", "SETPCAP"), limits, made),
             *_bind("--bind", self.folder, self.folder, made),
             *_parents(cwd, made), "--dir", str(cwd),
             "--chdir", "/",
             # what a kernel's own /tmp would hide: a checkout or venv in /tmp (a CI clone)
             sys.executable, "-m", "grading.zygote", self.socket,
             json.dumps([str(p) for p in _python_paths() if Path("/tmp") in p.parents]),
             *modules],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, cwd=self.folder, start_new_session=True)
        deadline = time.monotonic() + timeout
        poll = select.poll()  # not select(): a worker's descriptors may pass 1024
        poll.register(self.process.stdout, select.POLLIN)
        line = b""
        while line not in (b"ready\n", b"threads\n"):  # what an import prints aside
            if not poll.poll(max(0, deadline - time.monotonic()) * 1000):
                break
            line = self.process.stdout.readline()
            if not line:
                break
        if line != b"ready\n":
            self.close()
            raise SandboxUnavailable(
                "the kernels' zygote did not start" if line != b"threads\n" else
                "an import started a thread in the kernels' zygote: it cannot fork")

    def alive(self):
        return self.process.poll() is None

    def stub(self, kernel_cmd, env, cwd, scratch, run_dir, uid, limits):
        """The command that has the zygote fork the kernel ``kernel_cmd`` would start."""
        from . import zygote
        argv = kernel_cmd[kernel_cmd.index("ipykernel_launcher") + 1:]
        # the kernel is alone in its pid namespace: it may end what a cell left running
        env = dict(env, MLCOURSE_OWN_PID_NAMESPACE="1")
        request = dict(argv=argv, env=env, cwd=str(cwd), scratch=str(scratch),
                       run_dir=str(run_dir), uid=uid, tmp_mb=limits.tmp_mb,
                       memory_mb=limits.memory_mb, cpu_seconds=limits.cpu_seconds,
                       processes=limits.processes, file_mb=limits.file_mb)
        return [sys.executable, "-I", "-S", "-c", zygote.STUB, self.socket, json.dumps(request)]

    def close(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def kernel_env(env):
    """The kernel's environment: ``env`` without the grader's secrets, homes in /tmp."""
    kept = {k: v for k, v in env.items() if k in KEEP_ENV or k.endswith("_NUM_THREADS")}
    kept.update(HOME="/tmp", TMPDIR="/tmp", IPYTHONDIR="/tmp/.ipython",
                MPLCONFIGDIR="/tmp/.matplotlib", XDG_CACHE_HOME="/tmp/.cache")
    return kept


def assignment_files(cwd, withhold_added_files=True):
    """The files the kernel gets in its scratch folder: those the assignment ships in
    source/<assignment>/ (data), copied by nbgrader into ``cwd`` =
    autograded/<student>/<assignment>/. Not the notebooks (the graded copy holds the
    hidden tests) and not files the student added (a fake numpy.py would shadow numpy)."""
    if not withhold_added_files:
        return [p.relative_to(cwd) for p in sorted(cwd.rglob("*"))
                if p.is_file() and p.suffix != ".ipynb"]
    if len(cwd.parents) < 3:
        return []
    source = cwd.parents[2] / "source" / cwd.name
    return [p.relative_to(source) for p in sorted(source.rglob("*"))
            if p.is_file() and p.suffix != ".ipynb" and (cwd / p.relative_to(source)).is_file()]


def remove_leftovers(pid=None):
    """Remove what grading process ``pid`` left in /tmp (a killed process cannot); with
    no ``pid``, what every grading process that no longer runs left there (a worker's
    folders are named mlcourse-<what>-<its pid>-...)."""
    for folder in {tempfile.gettempdir(), "/tmp"}:  # a zygote's folder is always in /tmp
        for kind in ("grader", "zygote", "kernel", "scratch"):
            for path in Path(folder).glob(f"mlcourse-{kind}-{pid or '*'}-*"):
                owner = path.name.split("-")[2]
                if pid or (owner.isdigit() and not _running(int(owner))):
                    shutil.rmtree(path, ignore_errors=True)


def _running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel runs in the sandbox (see the module docstring).

    ``assignment_dir``: where the assignment's data files are, for a kernel started ahead of
    its submission (``WarmKernels``); otherwise they are taken from the working folder.
    ``imports``: modules the kernel imports at start (the notebook's heavy imports)."""

    count = 0  # kernels started by this process

    def __init__(self, assignment_dir=None, imports=(), zygote=None, **kwargs):
        super().__init__(**kwargs)
        self._sandbox_dirs = []
        self.assignment_dir, self.imports = assignment_dir, tuple(imports)
        self.zygote = zygote  # a Zygote to fork the kernel from, or None: start it with bwrap

    async def _async_pre_start_kernel(self, **kw):
        require()
        limits = Sandbox(config=self.config)
        extra = [f"--IPKernelApp.exec_lines=import {m}" for m in limits.preload]
        if self.imports:  # heavy imports, binding no name the notebook did not ask for
            extra.append("--IPKernelApp.exec_lines="
                         f"for __module in {self.imports!r}:\n"
                         "    try: __import__('importlib').import_module(__module)\n"
                         "    except Exception: pass\n"
                         "del __module")
        if limits.protect_tests:  # locked and test cells run as written (grading/kernel.py)
            extra.append(f"--IPKernelApp.kernel_class={KERNEL}")
        kw["extra_arguments"] = [*kw.get("extra_arguments", []), *extra]
        # the kernel's own prints (ipykernel's banner) are not the grader's to show
        kw.setdefault("stdout", subprocess.DEVNULL)
        kw.setdefault("stderr", subprocess.DEVNULL)
        cwd = Path(kw.pop("cwd", None) or os.getcwd()).resolve()
        if self.assignment_dir is not None:
            files = [p.relative_to(self.assignment_dir) for p in sorted(Path(self.assignment_dir).rglob("*"))
                     if p.is_file() and p.suffix != ".ipynb"]
            origin = Path(self.assignment_dir)
        else:
            files, origin = assignment_files(cwd, limits.withhold_added_files), cwd
        # a forked kernel's folders must be where its zygote can see them
        folder = self.zygote.folder if self.zygote is not None else None
        scratch = Path(tempfile.mkdtemp(prefix=f"mlcourse-scratch-{os.getpid()}-", dir=folder))
        self._sandbox_dirs = [scratch]
        for name in files:
            (scratch / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(origin / name, scratch / name)
        if unsandboxed():
            self.log.warning("%s is set: the kernel runs WITHOUT a sandbox", OPT_OUT)
            kw["cwd"] = str(scratch if self.assignment_dir is not None else cwd)
            return await super()._async_pre_start_kernel(**kw)
        # A user id of its own per kernel: the process limit counts per user, so one
        # kernel cannot exhaust another's quota (the next one is started ahead).
        SandboxKernelManager.count += 1
        uid = 100000 + os.getpid() * 16 + SandboxKernelManager.count % 16
        run_dir = Path(tempfile.mkdtemp(prefix=f"mlcourse-kernel-{os.getpid()}-", dir=folder))
        self._sandbox_dirs.append(run_dir)
        self.transport = "ipc"
        # Interrupt through a message to the kernel: the default SIGINT to the process
        # group would hit bwrap first, whose death takes the whole sandbox with it.
        self.kernel_spec.interrupt_mode = "message"
        self.ip = str(run_dir / "kernel")
        self.connection_file = str(run_dir / "kernel.json")
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        for path in [run_dir, scratch, *run_dir.rglob("*"), *scratch.rglob("*")]:
            os.chown(path, uid, uid)
        scratch.chmod(0o755)  # bwrap, root without capabilities, must chdir into it
        env = kernel_env(kw.get("env", os.environ))
        kw["cwd"] = str(run_dir)  # bwrap's own working folder; the kernel's is --chdir
        if self.zygote is not None:
            kw["env"] = {}
            return self.zygote.stub(kernel_cmd, env, cwd, scratch, run_dir, uid, limits), kw
        kw["env"] = env
        return command(kernel_cmd, cwd, scratch, run_dir, uid, limits), kw

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            for path in self._sandbox_dirs:
                shutil.rmtree(path, ignore_errors=True)
            self._sandbox_dirs = []

    def kill_now(self):
        """Kill the kernel and its sandbox from any thread (the wall-clock limit)."""
        process = getattr(self.provisioner, "process", None)
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:
                process.kill()


def notebook_imports(source_nb):
    """What the notebook's locked code cells import ("numpy", "matplotlib.pyplot",
    "mlcourse.dna"), for a kernel started ahead to import before its submission arrives."""
    from . import notebooks, tamper
    found = []
    for cell in source_nb.cells:
        if cell.cell_type == "code" and notebooks.meta(cell).get("locked") \
                and not notebooks.is_test(cell):
            found += [what for kind, what in tamper.bindings(cell.source).values()
                      if kind == "import" and what not in found]
    return found


class WarmKernels:
    """Sandboxed kernels started one submission ahead, with the notebook's imports done:
    ``take`` gives the kernel started during the previous submission and starts the
    next one. Used by a long-lived worker (grading/workers.py) through SandboxExecute."""

    def __init__(self):
        self.spare = None  # (key, kernel manager) started ahead
        self.running = None
        self.killed = False
        self.plan = None  # (key, config, data_dir, imports)
        # plan key -> the Zygote forking its kernels (Sandbox.fork_kernels), the most
        # recently used last: a worker given submissions of several assignments in turn
        # keeps a few rather than start one (2-3 s) at each change
        self.zygotes = {}
        self.no_zygote = set()  # plan keys whose zygote could not start

    def prepare(self, root, assignment, config):
        """The kernels to start ahead are for this assignment of this scratch course."""
        from . import notebooks
        key = (str(root), assignment)
        if self.plan is None or self.plan[0] != key:
            source = Path(root, "source", assignment)
            imports = []
            for path in sorted(source.glob("*.ipynb")):
                imports += [m for m in notebook_imports(notebooks.read(path)) if m not in imports]
            self.plan = (key, config, source, imports)
            self._discard_spare()
            self._zygote()
        if self.spare is None and Sandbox(config=config).warm_kernels:
            self.spare = (key, self._start())  # starts while nbgrader prepares the notebook

    def take(self, executor, resources):
        """A started kernel manager for the notebook ``executor`` is about to run, or None
        (the executor then starts its own)."""
        if self.plan is None or not Sandbox(config=self.plan[1]).warm_kernels:
            return None
        km = self.spare[1] if self.spare and self.spare[0] == self.plan[0] else None
        if km is not None and not run_sync(km.is_alive)():
            run_sync(km.shutdown_kernel)(now=True)
            km = None
        self.spare = None
        if km is None:
            km = self._start()
        self.spare = (self.plan[0], self._start())  # the next one, while this one runs
        self.running = km
        return km

    def _env(self):
        env = dict(os.environ, NBGRADER_EXECUTION="autograde")
        env.setdefault("OMP_NUM_THREADS", "1")
        return env

    ZYGOTES_KEPT = 3  # each holds its imports in memory (with torch: ~0.3 GB)

    def _zygote(self):
        """The zygote of the plan's kernels, started if need be, where the sandbox and the
        config allow one; None otherwise, or when it cannot start: bwrap then starts each
        kernel (slower, as safe)."""
        key, config, data_dir, imports = self.plan
        limits = Sandbox(config=config)
        if not (limits.warm_kernels and limits.fork_kernels) or unsandboxed() or problem() \
                or key in self.no_zygote:
            return None
        zygote = self.zygotes.pop(key, None)
        if zygote is not None and not zygote.alive():  # killed from outside: once more
            zygote.close()
            zygote = None
        if zygote is None:
            while len(self.zygotes) >= self.ZYGOTES_KEPT:
                self.zygotes.pop(next(iter(self.zygotes))).close()
            try:
                zygote = Zygote(data_dir, imports, self._env(), limits)
            except (OSError, SandboxUnavailable) as exc:
                print(f"warning: kernels start without a zygote: {exc}", file=sys.stderr)
                self.no_zygote.add(key)
                return None
        self.zygotes[key] = zygote
        return zygote

    def _start(self):
        _, config, data_dir, imports = self.plan
        km = SandboxKernelManager(kernel_name="python3", config=config, assignment_dir=str(data_dir),
                                  imports=imports, zygote=self._zygote())
        env = self._env()
        run_sync(km.start_kernel)(cwd=str(data_dir), env=env,
                                  extra_arguments=["--HistoryManager.hist_file=:memory:"])
        return km

    def release(self, km):
        if km is self.running:
            self.running = None
        run_sync(km.shutdown_kernel)(now=True)

    def kill_running(self):
        """The wall-clock limit: kill the kernel of the submission being graded."""
        km = self.running
        if km is not None:
            self.killed = True
            km.kill_now()

    def _discard_spare(self):
        if self.spare is not None:
            run_sync(self.spare[1].shutdown_kernel)(now=True)
            self.spare = None

    def close(self):
        self._discard_spare()
        for zygote in self.zygotes.values():
            zygote.close()
        self.zygotes = {}


@contextlib.contextmanager
def warm_kernels(kernels):
    """SandboxExecute takes its kernels from ``kernels`` inside this block."""
    SandboxExecute.kernels = kernels
    try:
        yield
    finally:
        SandboxExecute.kernels = None


@contextlib.contextmanager
def recording(executions):
    """SandboxExecute records each notebook it runs (executed JSON, or its failure) in
    ``executions`` inside this block, for the writer to replay (grading/workers.py)."""
    SandboxExecute.record = executions
    try:
        yield
    finally:
        SandboxExecute.record = None


def require_if_sandboxed(config):
    """Refuse to grade without bubblewrap when the config grades in the sandbox."""
    names = config.Autograde.get("autograde_preprocessors", [])
    if any("SandboxExecute" in str(n) for n in names):
        require()


class SandboxExecute(Execute):
    """nbgrader's Execute preprocessor with the sandboxed grading kernel.

    It tells the kernel which cells are the course's own (locked cells and test cells,
    as the gradebook knows them: the submission's metadata is the student's to edit),
    so that the kernel runs them as written (grading/kernel.py). A test cell scores only
    what that kernel reported: a reply without the cell's nonce (the test did not run to
    its end as written) is an error, a displayed number counts as partial credit only if
    the kernel displayed it, and stderr (a warning, a progress bar) never zeroes a test.

    nbgrader's Execute passes ``kernel_manager_class`` as an argument, which wins over
    ``c.Execute.kernel_manager_class``; hence this subclass, selected in
    nbgrader_config.py through ``c.Autograde.autograde_preprocessors``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(**kwargs)
        self._roles, self._request = {}, {}

    kernels = None  # WarmKernels of a long-lived worker, or None: start a kernel here
    record = None  # notebook name -> executed notebook JSON or {"error": ...}, when set

    def preprocess(self, nb, resources=None, km=None):
        self._roles = cell_roles(resources) if Sandbox(config=self.config).protect_tests else {}
        name = (resources or {}).get("nbgrader", {}).get("notebook", "")
        warm = self.kernels.take(self, resources) if km is None and self.kernels else None
        try:
            out = super().preprocess(nb, resources, km or warm)
        except Exception as exc:
            if self.record is not None:
                self.record[name] = {"error": f"{type(exc).__name__}: {exc}"}
            raise
        finally:
            if warm is not None:
                self.kernels.release(warm)
                self._close_client()
        if self.record is not None:
            self.record[name] = {"notebook": nbformat.writes(nb)}
        return out

    def _close_client(self):
        """nbclient leaves open the client of a kernel it did not start (its sockets and
        zmq context: 14 file descriptors a submission, which a long-lived worker would
        run out of)."""
        kc, self.kc = self.kc, None
        if kc is not None:
            kc.stop_channels()
            kc.context.destroy(linger=0)

    def preprocess_cell(self, cell, resources, index):
        role = self._role(cell)
        self._request = {"role": role, "nonce": secrets.token_hex(16)} if role else {}
        return super().preprocess_cell(cell, resources, index)

    def _role(self, cell):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        role, source = self._roles.get(grade_id, (None, None))
        return role if cell.cell_type == "code" and cell.source == source else None

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()

        def execute(code, silent=False, store_history=True, user_expressions=None,
                    allow_stdin=None, stop_on_error=True):
            content = dict(code=code, silent=silent, store_history=store_history,
                           user_expressions=user_expressions or {}, allow_stdin=False,
                           stop_on_error=stop_on_error)
            metadata = {"mlcourse": dict(self._request)} if self._request else {}
            msg = kc.session.msg("execute_request", content, metadata=metadata)
            kc.shell_channel.send(msg)
            return msg["header"]["msg_id"]

        kc.execute = execute
        return kc

    # nbclient binds the sync wrapper to its own coroutine: bind it to this one.
    start_new_kernel_client = run_sync(async_start_new_kernel_client)

    def on_cell_executed(self, **kwargs):
        super().on_cell_executed(**kwargs)
        if self._request.get("role") != "test":
            return
        cell, reply = kwargs["cell"], kwargs["execute_reply"]["content"]
        nonce = self._request["nonce"]
        outputs = []
        for output in cell.outputs:
            if output.output_type == "execute_result":
                if output.get("metadata", {}).pop("mlcourse", {}).get("nonce") != nonce:
                    continue  # displayed by student code, not by the test: no credit
            if output.output_type == "stream" and output.name == "stderr":
                output.name = "stdout"
            outputs.append(output)
        if reply.get("status") == "ok" and reply.get("mlcourse", {}).get("nonce") != nonce:
            outputs.insert(0, NotebookNode(
                output_type="error", ename="TestNotRun",
                evalue="this test cell did not run as written (the grading kernel's "
                       "protection was bypassed); it earns no points",
                traceback=["TestNotRun: this test cell did not run as written"]))
        cell.outputs = outputs


def cell_roles(resources):
    """grade_id -> (role, source) of the course's own code cells in the gradebook:
    "test" for autograder tests, "locked" for the other locked cells."""
    info = (resources or {}).get("nbgrader", {})
    if not info.get("db_url"):
        return {}
    from nbgrader.api import Gradebook, MissingEntry
    with Gradebook(info["db_url"]) as gb:
        try:
            notebook = gb.find_notebook(info["notebook"], info["assignment"])
        except MissingEntry:
            return {}
        solutions = {c.name for c in notebook.solution_cells}
        tests = {c.name for c in notebook.grade_cells if c.cell_type == "code"} - solutions
        return {c.name: ("test" if c.name in tests else "locked", c.source)
                for c in notebook.source_cells if c.locked and c.cell_type == "code"}
