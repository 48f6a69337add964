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

Where bubblewrap is missing or cannot create namespaces, grading refuses to run
unless the instructor opts out explicitly with ``MLCOURSE_UNSANDBOXED=1``.
"""
import os
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbgrader.preprocessors import Execute
from traitlets import Integer, List, Unicode
from traitlets.config import Configurable

PACKAGE = Path(__file__).resolve().parent
OPT_OUT = "MLCOURSE_UNSANDBOXED"
# Environment variables the kernel may see; everything else of the grader's
# environment (tokens, database URLs, ...) stays outside.
KEEP_ENV = {"PATH", "PYTHONPATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "NBGRADER_EXECUTION",
            "PYTHONHASHSEED", "MPLBACKEND", "OMP_NUM_THREADS", "MKL_NUM_THREADS"}


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
    notebook_seconds = Integer(
        1200, help="Wall-clock limit of one student's autograde run (course.autograde)"
    ).tag(config=True)


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


def _bind(option, source, dest, made):
    """``option source dest``, after creating dest's parents world-readable: bwrap
    would copy their modes from the host (/root is 0700) and the kernel's user
    could not reach the bound folder."""
    args = []
    for parent in reversed(Path(dest).parents):
        if str(parent) not in made and str(parent) not in ("/", "/tmp"):
            made.add(str(parent))
            args += ["--perms", "0755", "--dir", str(parent)]
    return args + [option, str(source), str(dest)]


def _system_binds(made):
    """Read-only views of the system: /usr, /etc, the Python installation, the venv."""
    args = []
    for top in ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib64", "/lib32"):
        if os.path.islink(top):  # merged /usr: /lib -> usr/lib
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    # The interpreter (e.g. pyenv's under /root), the venv, and this package (whose
    # folder in the repository also holds source/ with the solutions: bind only it).
    paths = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), Path(sys.prefix),
             PACKAGE}
    for path in sorted(p for p in paths if not str(p).startswith("/usr/")):
        args += _bind("--ro-bind", path, path, made)
    return args


def command(kernel_cmd, cwd, scratch, run_dir, uid, limits):
    """The bwrap command line that runs ``kernel_cmd`` in the sandbox."""
    mb = 1024 * 1024
    made = set()  # folders created in the sandbox's empty root
    return [
        "bwrap", "--die-with-parent",
        "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
        "--unshare-cgroup-try",
        # bwrap run by root keeps every capability: keep only what setpriv needs
        # to switch to the throw-away user, which then drops them all.
        "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
        "--cap-add", "CAP_SETPCAP",
        "--proc", "/proc", "--dev", "/dev",
        "--size", str(limits.tmp_mb * mb), "--perms", "1777", "--tmpfs", "/tmp",
        *_system_binds(made),
        *_bind("--bind", scratch, cwd, made),  # the student's folder: a scratch copy
        *_bind("--bind", run_dir, run_dir, made),  # the connection file and sockets
        "--chdir", str(cwd),
        # jupyter_client adds the grader's pid; inside the pid namespace the kernel's
        # parent is pid 1 and ipykernel would take that for a dead parent and quit.
        "--unsetenv", "JPY_PARENT_PID",
        "prlimit", f"--as={limits.memory_mb * mb}", f"--cpu={limits.cpu_seconds}",
        f"--nproc={limits.processes}", f"--fsize={limits.file_mb * mb}", "--core=0",
        "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
        "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs",
        "--", *kernel_cmd,
    ]


def assignment_files(cwd):
    """The files the kernel gets in its scratch folder: those the assignment ships in
    source/<assignment>/ (data), copied by nbgrader into ``cwd`` =
    autograded/<student>/<assignment>/. Not the notebooks (the graded copy holds the
    hidden tests) and not files the student added (a fake numpy.py would shadow numpy)."""
    if len(cwd.parents) < 3:
        return []
    source = cwd.parents[2] / "source" / cwd.name
    return [p.relative_to(source) for p in sorted(source.rglob("*"))
            if p.is_file() and p.suffix != ".ipynb" and (cwd / p.relative_to(source)).is_file()]


def remove_leftovers(pid):
    """Remove what grading process ``pid`` left in /tmp (a killed process cannot)."""
    for path in Path(tempfile.gettempdir()).glob(f"mlcourse-*-{pid}-*"):
        shutil.rmtree(path, ignore_errors=True)


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel runs in the sandbox (see the module docstring)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._sandbox_dirs = []

    async def _async_pre_start_kernel(self, **kw):
        require()
        if unsandboxed():
            self.log.warning("%s is set: the kernel runs WITHOUT a sandbox", OPT_OUT)
            return await super()._async_pre_start_kernel(**kw)
        limits = Sandbox(config=self.config)
        # A user id of its own per grading process: the process limit counts per
        # user, so parallel graders cannot exhaust each other's quota.
        uid = 100000 + os.getpid()
        run_dir = Path(tempfile.mkdtemp(prefix=f"mlcourse-kernel-{os.getpid()}-"))
        scratch = Path(tempfile.mkdtemp(prefix=f"mlcourse-scratch-{os.getpid()}-"))
        self._sandbox_dirs = [run_dir, scratch]
        cwd = Path(kw.pop("cwd", None) or os.getcwd()).resolve()
        for name in assignment_files(cwd):
            (scratch / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(cwd / name, scratch / name)
        self.transport = "ipc"
        # Interrupt through a message to the kernel: the default SIGINT to the process
        # group would hit bwrap first, whose death takes the whole sandbox with it.
        self.kernel_spec.interrupt_mode = "message"
        self.ip = str(run_dir / "kernel")
        self.connection_file = str(run_dir / "kernel.json")
        kw["extra_arguments"] = [*kw.get("extra_arguments", []),
                                 *(f"--IPKernelApp.exec_lines=import {m}" for m in limits.preload)]
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        for path in [run_dir, scratch, *run_dir.rglob("*"), *scratch.rglob("*")]:
            os.chown(path, uid, uid)
        scratch.chmod(0o755)  # bwrap, root without capabilities, must chdir into it
        env = {k: v for k, v in kw.get("env", os.environ).items()
               if k in KEEP_ENV or k.endswith("_NUM_THREADS")}
        env.update(HOME="/tmp", TMPDIR="/tmp", IPYTHONDIR="/tmp/.ipython",
                   MPLCONFIGDIR="/tmp/.matplotlib", XDG_CACHE_HOME="/tmp/.cache")
        kw["env"] = env
        kw["cwd"] = str(run_dir)  # bwrap's own working folder; the kernel's is --chdir
        return command(kernel_cmd, cwd, scratch, run_dir, uid, limits), kw

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            for path in self._sandbox_dirs:
                shutil.rmtree(path, ignore_errors=True)
            self._sandbox_dirs = []


class SandboxExecute(Execute):
    """nbgrader's Execute preprocessor with the sandboxed kernel manager.

    nbgrader's Execute passes ``kernel_manager_class`` as an argument, which wins over
    ``c.Execute.kernel_manager_class``; hence this subclass, selected in
    nbgrader_config.py through ``c.Autograde.autograde_preprocessors``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(**kwargs)
