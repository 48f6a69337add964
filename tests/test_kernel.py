"""The grading kernel (grading/kernel.py) on its own: whatever an answer cell does to the
kernel, locked and test cells run as written, and a test's verdict is its own.

Each test starts the kernel (unsandboxed: the sandbox is tested with nbgrader in
tests/test_adversarial.py), runs a locked setup cell, an answer cell, and test cells, as
nbgrader's SandboxExecute sends them."""
import os
import secrets
import shutil
import tempfile

import pytest
from jupyter_client.manager import KernelManager

from grading import sandbox

SETUP = "import numpy as np\nfrom mlcourse import checks\nALPHABET = 'ACGT'"
WRONG = "def double(x):\n    return x\n"
RIGHT = "def double(x):\n    return 2 * x\n"
TEST = "checks.assert_close(double(-3), -6, 'double(-3)')"


class Kernel:
    def __init__(self, kernel_class=sandbox.KERNEL):
        # Unix sockets, not TCP: a TCP port jupyter_client found free can be taken by
        # another test's process before the kernel binds it ("Address already in use")
        self.run_dir = tempfile.mkdtemp(prefix="mlcourse-test-kernel-")
        self.km = KernelManager(transport="ipc", ip=os.path.join(self.run_dir, "kernel"),
                                connection_file=os.path.join(self.run_dir, "kernel.json"))
        self.km.start_kernel(extra_arguments=[f"--IPKernelApp.kernel_class={kernel_class}"])
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=60)
        except RuntimeError:
            self.close()
            raise

    def run(self, code, role=None):
        """(reply content, outputs) of one cell; role "locked" or "test" as the grader
        sends it, None for a student's cell."""
        nonce = secrets.token_hex(8)
        content = dict(code=code, silent=False, store_history=True, user_expressions={},
                       allow_stdin=False, stop_on_error=False)
        metadata = {"mlcourse": {"role": role, "nonce": nonce}} if role else {}
        msg = self.kc.session.msg("execute_request", content, metadata=metadata)
        self.kc.shell_channel.send(msg)
        while True:
            reply = self.kc.get_shell_msg(timeout=60)
            if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                break
        outputs = []
        while True:
            out = self.kc.get_iopub_msg(timeout=60)
            if out["parent_header"].get("msg_id") != msg["header"]["msg_id"]:
                continue
            if out["msg_type"] == "status" and out["content"]["execution_state"] == "idle":
                break
            if out["msg_type"] in ("stream", "error", "execute_result", "display_data"):
                outputs.append((out["msg_type"], out["content"]))
        reply = reply["content"]
        reply["ran_as_written"] = reply.get("mlcourse", {}).get("nonce") == nonce
        return reply, outputs

    def test(self, code=TEST):
        """True when the test cell passed, as the grader sees it."""
        reply, _ = self.run(code, "test")
        return reply["status"] == "ok" and reply["ran_as_written"]

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)
        shutil.rmtree(self.run_dir, ignore_errors=True)


@pytest.fixture
def kernel():
    k = Kernel()
    k.run(SETUP, "locked")
    yield k
    k.close()


ATTACKS = {
    "input transformer": "get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])",
    "line transformer": "get_ipython().input_transformer_manager.line_transforms.append("
                        "lambda lines: ['pass\\n'])",
    "ast transformer": "import ast\nclass T(ast.NodeTransformer):\n"
                       "    def visit_Module(self, node):\n        node.body = [ast.Pass()]\n"
                       "        return node\nget_ipython().ast_transformers.append(T())",
    "run_cell replaced": "ip = get_ipython()\nip.run_cell = lambda *a, **k: ip.__class__.run_cell(ip, 'pass')",
    "class method replaced": "import IPython\nasync def nothing(self, *a, **k):\n    return False\n"
                             "IPython.core.interactiveshell.InteractiveShell.run_code = nothing",
    "event callback": "import mlcourse.checks as c\nget_ipython().events.register('pre_run_cell', "
                      "lambda *a: setattr(c, 'assert_close', lambda *a, **k: None))",
    "trace function": "import sys\ndef t(frame, event, arg):\n"
                      "    if event == 'call' and frame.f_code.co_name == 'assert_close':\n"
                      "        frame.f_locals['got'] = frame.f_locals['expected']\n"
                      "sys.settrace(t)",
    "monkeypatched checks": "import mlcourse.checks\nmlcourse.checks.assert_close = lambda *a, **k: None",
    "rebound checks": "class Yes:\n    def __getattr__(self, name):\n"
                      "        return lambda *a, **k: None\nchecks = Yes()",
    "background thread": "import threading, time, mlcourse.checks\n"
                         "def keep():\n    while True:\n"
                         "        mlcourse.checks.assert_close = lambda *a, **k: None\n"
                         "        time.sleep(0.001)\n"
                         "threading.Thread(target=keep, daemon=True).start()",
}

# Changes that would not pass a wrong answer even on a plain kernel (nbgrader adds the
# reply's error; the checks bind numpy's functions at import), but must not break the
# tests either.
DISTURBANCES = {
    "custom exception handler": "get_ipython().set_custom_exc((BaseException,), "
                                "lambda *a, **k: None)",
    "showtraceback": "get_ipython().showtraceback = lambda *a, **k: None\n"
                     "get_ipython()._showtraceback = lambda *a, **k: None",
    "monkeypatched numpy": "np.abs = lambda x: 0 * np.asarray(x, dtype=float)",
    "patched builtins": "import builtins\nbuiltins.AssertionError = type('AE', (Exception,), {})",
    "sys.excepthook and stdout": "import sys, io\nsys.stdout = io.StringIO()\nsys.excepthook = print",
    "import hook": "import sys\nclass F:\n    def find_spec(self, name, path, target=None):\n"
                   "        raise ImportError('blocked')\nsys.meta_path.insert(0, F())",
}
EVERYTHING = {**ATTACKS, **DISTURBANCES}


@pytest.mark.parametrize("attack", EVERYTHING, ids=list(EVERYTHING))
def test_an_attack_cannot_pass_a_wrong_answer(kernel, attack):
    kernel.run(WRONG)
    kernel.run(EVERYTHING[attack])
    assert not kernel.test(), f"{attack}: a wrong answer passed"


@pytest.mark.parametrize("attack", EVERYTHING, ids=list(EVERYTHING))
def test_an_attack_does_not_fail_a_right_answer(kernel, attack):
    """The protection restores the kernel for the test, not just breaks it."""
    kernel.run(RIGHT)
    kernel.run(EVERYTHING[attack])
    assert kernel.test(), f"{attack}: a right answer failed"


def test_student_cells_keep_what_the_student_set_up(kernel):
    kernel.run("checks = []\nimport sys\nsys.displayhook_was = sys.displayhook\n" + RIGHT)
    assert kernel.test()
    _, outputs = kernel.run("print(type(checks).__name__)")
    assert outputs[0][1]["text"].strip() == "list"  # the student's own value, after the test


def test_a_trace_set_during_the_test_fails_it(kernel):
    kernel.run("import sys\ndef double(x):\n    sys.settrace(lambda *a: None)\n    return 2 * x")
    reply, _ = kernel.run(TEST, "test")
    assert reply["status"] == "error" and "settrace" in reply["evalue"]


def test_a_number_displayed_by_student_code_is_not_the_tests(kernel):
    kernel.run("def double(x):\n    get_ipython().displayhook(1000)\n    return x")
    reply, outputs = kernel.run(TEST, "test")
    assert reply["status"] == "error"
    # the grader keeps only the test's own result (grading/sandbox.py); the kernel marks it
    assert not [c for kind, c in outputs if kind == "execute_result" and "mlcourse" in c["metadata"]]
    kernel.run(RIGHT)
    reply, outputs = kernel.run("double(1) + 0.5", "test")
    results = [c for kind, c in outputs if kind == "execute_result"]
    assert results and results[-1]["data"]["text/plain"] == "2.5" and "mlcourse" in results[-1]["metadata"]


def test_stderr_of_a_right_answer_goes_to_stdout(kernel):
    kernel.run("import warnings, sys\ndef double(x):\n    warnings.warn('slow')\n"
               "    print('note', file=sys.stderr)\n    return 2 * x")
    reply, outputs = kernel.run(TEST, "test")
    assert reply["status"] == "ok"
    assert all(c.get("name") != "stderr" for kind, c in outputs if kind == "stream")


def test_a_test_importing_a_module_gets_the_real_one(kernel):
    kernel.run(RIGHT + DISTURBANCES["import hook"])
    assert kernel.test("import fractions\nassert fractions.Fraction(1, 2) * 2 == 1")


def test_tests_cannot_be_read_back(kernel):
    """No linecache entry, no history, no copy of the request: the hidden test's source
    is out of the answer's reach."""
    kernel.run("import linecache, sys\nseen = []\ndef double(x):\n"
               "    f = sys._getframe(1)\n"
               "    seen.append(''.join(linecache.getlines(f.f_code.co_filename)))\n"
               "    seen.append(get_ipython().kernel.get_parent()['content']['code'])\n"
               "    seen.append(''.join(In))\n    return 2 * x")
    assert kernel.test("_SECRET = 'hidden-reference-line'\n" + TEST)
    _, outputs = kernel.run("print(repr(seen))")
    assert "hidden-reference-line" not in outputs[0][1]["text"]


def test_names_of_tests_stay_apart_from_the_students_cells(kernel):
    kernel.run(RIGHT)
    assert kernel.test("_ref = lambda x: 2 * x\n" + TEST)
    reply, _ = kernel.run("print(_ref)")
    assert reply["status"] == "error" and reply["ename"] == "NameError"
    kernel.run("_ref = 'the student reuses the name'")
    assert kernel.test("assert _ref(2) == 4")  # later tests see their own
    _, outputs = kernel.run("print(_ref)")
    assert outputs[0][1]["text"].strip() == "the student reuses the name"


def test_a_test_may_delete_and_restore_a_students_name(kernel):
    """nbgrader's own example course checks that one answer uses another this way."""
    kernel.run("def squares(n):\n    return [i * i for i in range(1, n + 1)]\n"
               "def sum_of_squares(n):\n    return sum(squares(n))")
    assert kernel.test("orig = squares\ndel squares\ntry:\n    sum_of_squares(1)\n"
                       "except NameError:\n    pass\nelse:\n    raise AssertionError('unused')\n"
                       "finally:\n    squares = orig")
    assert kernel.test("assert sum_of_squares(3) == 14")


def test_locked_names_are_restored_for_tests_only(kernel):
    kernel.run("ALPHABET = 'xyz'\n" + RIGHT)
    assert kernel.test("assert ALPHABET == 'ACGT'")
    _, outputs = kernel.run("print(ALPHABET)")
    assert outputs[0][1]["text"].strip() == "xyz"


def test_a_failing_assert_fails(kernel):
    kernel.run(RIGHT)
    reply, outputs = kernel.run("assert double(1) == 3, 'expected 3'", "test")
    assert reply["status"] == "error" and reply["evalue"] == "expected 3"
    assert [kind for kind, _ in outputs] == ["error"]


def test_a_stuck_thread_fails_the_test(kernel):
    kernel.run("import threading\nlock = threading.Lock(); lock.acquire()\n"
               "threading.Thread(target=lock.acquire, daemon=True).start()\n" + RIGHT)
    reply, _ = kernel.run(TEST, "test")
    assert reply["status"] == "error" and "background thread" in reply["evalue"]


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_each_attack_works_on_a_plain_kernel(attack):
    """Without the grading kernel (ipykernel's own), each attack passes the wrong answer:
    the proof that the tests above test the protection."""
    plain = Kernel(kernel_class="ipykernel.ipkernel.IPythonKernel")
    try:
        plain.run(SETUP)
        plain.run(WRONG)
        plain.run(ATTACKS[attack])
        reply, outputs = plain.run(TEST)
        assert reply["status"] == "ok" and not [k for k, _ in outputs if k == "error"], attack
    finally:
        plain.close()
