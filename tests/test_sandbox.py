"""The sandbox's two ways of starting a grading kernel give it the same walls: a kernel
bwrap starts (plain ``nbgrader autograde``) and a kernel forked by a worker's zygote
(grading/zygote.py). A probe cell reports what the kernel can see and do; both
reports must be those of an isolated kernel, and equal where they do not name a path."""
import json
import os
import tempfile
import time
from pathlib import Path

import pytest
from jupyter_client.blocking import BlockingKernelClient
from nbclient.util import run_sync
from traitlets.config import Config

from grading import sandbox

PROBE = r'''
import glob, json, os, resource, socket, numpy
from mlcourse import checks
def _limits():
    return [resource.getrlimit(getattr(resource, "RLIMIT_" + n))[0]
            for n in ("AS", "CPU", "NPROC", "FSIZE", "CORE")]
def _writable(path):
    try:
        open(path, "w").close()
        os.remove(path)
        return True
    except OSError:
        return False
def _connects():
    try:
        socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
        return True
    except OSError:
        return False
status = dict(l.split(":\t") for l in open("/proc/self/status").read().splitlines() if ":\t" in l)
names = [os.path.basename(p) for p in glob.glob("/tmp/**", recursive=True)]
print(json.dumps(dict(
    uid=os.getuid(), groups=os.getgroups(),
    caps=[int(status[k], 16) for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")],
    no_new_privs=status["NoNewPrivs"].strip(),
    pids=sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
    kernel_folders=len([n for n in names if n.startswith("mlcourse-kernel-")]),
    zygote_socket="zygote.sock" in names,
    scratch_folders=len([n for n in names if n.startswith("mlcourse-scratch-")]),
    files=sorted(os.listdir(".")), cwd_writable=_writable("x"),
    root_writable=_writable("/x"), usr_writable=_writable("/usr/x"),
    package_writable=_writable(os.path.join(os.path.dirname(checks.__file__), "x")),
    interfaces=sorted(l.split(":")[0].strip() for l in open("/proc/net/dev").readlines()[2:]),
    connects=_connects(), limits=_limits(),
    env=sorted(k for k in os.environ if k in ("MLCOURSE_OWN_PID_NAMESPACE", "JPY_PARENT_PID",
                                              "GRADER_SECRET")),
    random=float(numpy.random.rand()))))
'''
LIMITS = dict(memory_mb=3000, cpu_seconds=77, processes=33, file_mb=5, tmp_mb=16)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("course") / "source" / "tiny"
    folder.mkdir(parents=True)
    (folder / "data.csv").write_text("1,2\n")
    return folder


@pytest.fixture(scope="module")
def config():
    sandbox.require()
    c = Config()
    for name, value in LIMITS.items():
        setattr(c.Sandbox, name, value)
    return c


@pytest.fixture(scope="module")
def zygote(data_dir, config):
    # one math thread, as a worker has it: OpenBLAS starts its threads when numpy is imported
    z = sandbox.Zygote(data_dir, ["numpy"], dict(os.environ, OMP_NUM_THREADS="1"),
                       sandbox.Sandbox(config=config))
    yield z
    z.close()


def start(data_dir, config, zygote=None):
    km = sandbox.SandboxKernelManager(kernel_name="python3", config=config, zygote=zygote,
                                      assignment_dir=str(data_dir), imports=["numpy"])
    env = dict(os.environ, GRADER_SECRET="s3cret", NBGRADER_EXECUTION="autograde",
               OMP_NUM_THREADS="1")
    run_sync(km.start_kernel)(cwd=str(data_dir), env=env,
                              extra_arguments=["--HistoryManager.hist_file=:memory:"])
    # the manager's client: alive means the kernel's process runs (a client of its own
    # would go by heartbeats, and call a kernel busy starting on a loaded machine dead)
    kc = BlockingKernelClient(parent=km)
    kc.load_connection_info(km.get_connection_info())
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def run(kc, code, timeout=60):
    out = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=lambda m: out.append(
        m["content"].get("text", "")) if m["msg_type"] == "stream" else None)
    return reply["content"]["status"], "".join(out)


def processes_of(uid):
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            line = next(l for l in status.read_text().splitlines() if l.startswith("Uid:"))
        except (OSError, StopIteration):
            continue
        if int(line.split()[1]) == uid:
            found.append(status.parent.name)
    return found


def gone(uid, seconds=5):
    deadline = time.monotonic() + seconds
    while processes_of(uid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not processes_of(uid)


def probe(data_dir, config, zygote, port):
    km, kc = start(data_dir, config, zygote)
    try:
        status, out = run(kc, PROBE.replace("PORT", str(port)))
        assert status == "ok", out
        report = json.loads(out)
    finally:
        kc.stop_channels()
        run_sync(km.shutdown_kernel)(now=True)
    assert gone(report["uid"]), "a process of the kernel's user outlived it"
    return report


@pytest.fixture(scope="module")
def reports(data_dir, config, zygote):
    import socket
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        return {"bwrap": probe(data_dir, config, None, port),
                "zygote": probe(data_dir, config, zygote, port),
                "zygote again": probe(data_dir, config, zygote, port)}


@pytest.mark.parametrize("way", ["bwrap", "zygote"])
def test_kernel_is_isolated(reports, way):
    r = reports[way]
    mb = 1024 * 1024
    assert r["uid"] >= 100000 and r["groups"] == []
    assert r["caps"] == [0, 0, 0, 0, 0] and r["no_new_privs"] == "1"
    assert r["pids"] == [1, 2]  # its init and itself
    assert (r["kernel_folders"], r["scratch_folders"], r["zygote_socket"]) == (1, 0, False)
    assert r["files"] == ["data.csv"] and r["cwd_writable"]
    assert not r["root_writable"] and not r["usr_writable"] and not r["package_writable"]
    assert r["interfaces"] == ["lo"] and not r["connects"]
    assert r["limits"] == [LIMITS["memory_mb"] * mb, LIMITS["cpu_seconds"], LIMITS["processes"],
                           LIMITS["file_mb"] * mb, 0]
    assert r["env"] == ["MLCOURSE_OWN_PID_NAMESPACE"]


def test_forked_kernels_are_like_started_ones(reports):
    def walls(r):
        return {k: v for k, v in r.items() if k not in ("uid", "random")}
    assert walls(reports["zygote"]) == walls(reports["bwrap"])
    assert reports["zygote"]["uid"] != reports["zygote again"]["uid"]
    # each draws its own random numbers, as a freshly started kernel does
    assert reports["zygote"]["random"] != reports["zygote again"]["random"]


def test_killing_a_forked_kernel_ends_all_it_started(data_dir, config, zygote):
    """The wall-clock limit kills the kernel's process (the stub): what the kernel and its
    cells started goes with it, and the zygote forks the next kernel as before."""
    km, kc = start(data_dir, config, zygote)
    try:
        status, out = run(kc, "import os\nprint(os.getuid())")
        uid = int(out)
        # (a cell that ends has what it started killed by the grading kernel itself)
        kc.execute("import subprocess\n"
                   "subprocess.Popen(['sleep', '3600'], start_new_session=True)\n"
                   "while True: pass")
        deadline = time.monotonic() + 10
        while len(processes_of(uid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(processes_of(uid)) == 2  # the kernel and its sleep
        km.kill_now()
        assert gone(uid)
    finally:
        kc.stop_channels()
        run_sync(km.shutdown_kernel)(now=True)
    assert zygote.alive()
    km, kc = start(data_dir, config, zygote)
    try:
        assert run(kc, "print(6 * 7)") == ("ok", "42\n")
    finally:
        kc.stop_channels()
        run_sync(km.shutdown_kernel)(now=True)


def test_a_zygote_that_cannot_start_leaves_kernels_to_bwrap(data_dir, config, monkeypatch,
                                                            capsys):
    """Grading goes on, slower, with a warning: each kernel started by bwrap."""
    def broken(*args, **kwargs):
        raise sandbox.SandboxUnavailable("the kernels' zygote did not start")
    monkeypatch.setattr(sandbox, "Zygote", broken)
    kernels = sandbox.WarmKernels()
    kernels.prepare(data_dir.parent.parent, data_dir.name, config)
    try:
        km = kernels.take(None, {})
        assert km.zygote is None and run_sync(km.is_alive)()
        kernels.release(km)
    finally:
        kernels.close()
    assert "kernels start without a zygote" in capsys.readouterr().err
