"""Sandboxed kernels forked from a process that has already imported what they need.

A fresh kernel spends 1.5-2.5 s of CPU starting Python, ipykernel, numpy, torch and
matplotlib before a submission's first cell; a long-lived worker grading one submission
after another pays that for every student. The zygote pays it once per worker and
assignment: it runs in a bubblewrap sandbox like a kernel's (read-only system, no
network), imports those modules, and then forks one kernel per submission. It never runs
student code itself and only reads requests from the worker on a socket in a folder only
the worker's user reaches.

Each forked kernel gets the isolation a kernel started by ``sandbox.command`` gets, built
with the same kernel primitives bwrap uses: its own mount, pid, network and IPC
namespaces; a fresh size-limited /tmp and /dev/shm (which hide the zygote's folder and
every other kernel's files) and terminals of its own; its scratch folder bound at the
notebook's working folder and its run folder (connection file, sockets) at its own path;
then limits, a throw-away user id, no capabilities (bounding set included) and no new
privileges, checked before ipykernel starts. The kernel is pid 2 under an init (pid 1) whose death ends the whole
namespace.

The worker's kernel manager launches ``STUB`` (a few lines of Python without site
packages) as the kernel's process: it hands the request to the zygote and lives as long as
the kernel, so jupyter_client's polling, SIGKILL and process-group kill work unchanged.
When the stub dies, its connection closes and the kernel's namespace is killed.
"""
import ctypes
import json
import os
import resource
import select
import signal
import socket
import sys

CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWPID, CLONE_NEWNET = 0x20000, 0x8000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 1, 2, 4, 8, 32
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 1, 24, 38, 47
PR_CAP_AMBIENT_CLEAR_ALL = 4

# The kernel process jupyter_client starts: ``python -I -S -c STUB socket request``.
STUB = """\
import ctypes, socket, sys
ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG SIGKILL: die with the worker
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(sys.argv[2].encode() + b"\\n")
reply = b""
while True:
    data = s.recv(64)
    if not data:
        break
    reply += data
sys.exit(int(reply or 1))
"""

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result, what):
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _mount(source, target, fstype, flags, data=None):
    _check(_libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(),
                       ctypes.c_ulong(flags), data and data.encode()), f"mount {target}")


def serve(sock_path, keep, imports):
    """The zygote's loop: import ``imports``, then fork a kernel per request. ``keep``: the
    read-only folders under /tmp (the venv, this package) each kernel's /tmp must show."""
    import importlib
    for name in imports:
        try:
            importlib.import_module(name)
        except Exception:
            pass  # the notebook's own import cell reports it, as in a fresh kernel
    if len(os.listdir("/proc/self/task")) > 1:  # a fork would copy one thread of several
        sys.stdout.write("threads\n")
        sys.stdout.flush()
        return
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(sock_path)
    listener.listen(8)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # keepers are reaped by the system
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        conn, _ = listener.accept()
        if os.fork() == 0:
            listener.close()
            try:
                _keep(conn, keep)
            finally:
                os._exit(1)
        conn.close()


def _read_request(conn):
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            raise EOFError("the stub closed its connection")
        data += chunk
    return json.loads(data)


def _keep(conn, keep):
    """The kernel's keeper, in the zygote's namespaces: start the kernel's init in new
    ones, kill it when the stub goes away, tell the stub how the kernel ended."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    request = _read_request(conn)
    _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC), "unshare")
    init = os.fork()
    if init == 0:
        conn.close()
        try:
            _init(request, keep)
        finally:
            os._exit(1)
    pidfd = os.pidfd_open(init)
    poll = select.poll()
    poll.register(conn, select.POLLIN)
    poll.register(pidfd, select.POLLIN)
    if pidfd in [fd for fd, _ in poll.poll()]:
        status = os.waitstatus_to_exitcode(os.waitpid(init, 0)[1])
        conn.sendall(str(status if status >= 0 else 128 - status).encode())
    else:  # the stub died or was killed: so does the kernel's namespace
        os.kill(init, signal.SIGKILL)
        os.waitpid(init, 0)
    os._exit(0)


def _init(request, keep):
    """pid 1 of the kernel's namespace: build its file system, start the kernel, reap."""
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    mb = 1024 * 1024
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    # O_PATH handles of the kernel's own folders, before /tmp (holding them) is covered
    run_fd = os.open(request["run_dir"], os.O_PATH | os.O_DIRECTORY)
    scratch_fd = os.open(request["scratch"], os.O_PATH | os.O_DIRECTORY)
    kept = [(os.open(path, os.O_PATH | os.O_DIRECTORY), path) for path in keep]
    for where in ("/tmp", "/dev/shm"):
        if os.path.isdir(where):
            _mount("tmpfs", where, "tmpfs", MS_NOSUID | MS_NODEV,
                   f"size={request['tmp_mb'] * mb},mode=1777")
    for fd, where in ((run_fd, request["run_dir"]), (scratch_fd, request["cwd"])):
        os.makedirs(where, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", where, None, MS_BIND)
        os.close(fd)
    for fd, where in kept:
        os.makedirs(where, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", where, None, MS_BIND | MS_REC)
        _mount(None, where, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
        os.close(fd)
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    if os.path.isdir("/dev/pts"):  # terminals of its own (/dev/ptmx points into it)
        _mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
               "newinstance,ptmxmode=0666,mode=0620")
    _detach()
    kernel = os.fork()
    if kernel == 0:
        try:
            _kernel(request)
        finally:
            os._exit(1)
    while True:  # reap what the kernel leaves behind; end with the kernel
        pid, status = os.wait()
        if pid == kernel:
            os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def _kernel(request):
    """pid 2: drop to the throw-away user, without any capability, and run ipykernel."""
    mb, uid = 1024 * 1024, request["uid"]
    for limit, value in ((resource.RLIMIT_AS, request["memory_mb"] * mb),
                         (resource.RLIMIT_CPU, request["cpu_seconds"]),
                         (resource.RLIMIT_NPROC, request["processes"]),
                         (resource.RLIMIT_FSIZE, request["file_mb"] * mb),
                         (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(limit, (value, value))
    for cap in range(64):  # the bounding set, while CAP_SETPCAP is still held
        _libc.prctl(PR_CAPBSET_DROP, cap)
    _check(_libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "ambient caps")
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)  # clears the permitted and effective capabilities
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    _check(_libc.capset(header, (ctypes.c_uint32 * 6)()), "capset")  # inheritable too
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    status = open("/proc/self/status").read()
    caps = [line.split()[1] for line in status.splitlines()
            if line.startswith(("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"))]
    if len(caps) != 5 or any(int(c, 16) for c in caps) or os.getuid() != uid:
        raise SystemExit("the kernel kept a privilege")  # never reached on a sound kernel
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    _reseed()
    sys.argv = ["ipykernel_launcher", *request["argv"]]
    from ipykernel import kernelapp
    kernelapp.launch_new_instance()
    os._exit(0)


def _detach():
    """Hold no file of the zygote's: standard streams on /dev/null, nothing else open."""
    null = os.open("/dev/null", os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.closerange(3, 65536)


def _reseed():
    """Each kernel draws its own random numbers, as a freshly started one would."""
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()
    if "torch" in sys.modules:
        sys.modules["torch"].seed()


if __name__ == "__main__":
    serve(sys.argv[1], json.loads(sys.argv[2]), sys.argv[3:])
