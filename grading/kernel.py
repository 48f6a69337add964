"""The grading kernel: ipykernel's IPython kernel, except that the cells the course
wrote (locked cells and test cells) run as written, whatever an answer cell did first.

Test cells run in the same IPython shell as the student's cells, and IPython lets any
cell change how every later cell is compiled, run and reported: input and AST
transformers, custom exception handlers, event callbacks, display hooks,
``sys.settrace``, builtins, patched modules, rebound names, background threads. So:

- Before any student code, the kernel captures its own state (``State``): IPython's
  hooks and methods, the ``sys`` hooks, builtins, and the modules the course imports.
- The grader says in each request's metadata whether a cell is a locked cell or a test
  cell (``grading/sandbox.py`` reads that from the gradebook, not from the submission).
  For such a protected cell the kernel stops background threads an answer cell left
  running, puts its own state in place, runs the cell, and then gives the student's
  state back (with whatever the protected cell itself changed, e.g. a matplotlib hook).
- A test cell is compiled by plain ``compile``, not by IPython, and runs in the
  notebook's namespace (a test may delete or replace a student's name to check how an
  answer uses it), with the names that locked cells defined restored to the values
  those cells gave them for the test's duration (a student's ``dna = "ACGT"`` or
  ``checks = []`` changes nothing for the tests) and the student's values put back
  afterwards. Names a test cell defines are kept apart between tests, out of sight of
  the student's later cells; its source is kept in no linecache, history or message the
  student's code could read back.
- A test cell that installs a trace or profile function (seen by an audit hook, which
  Python code cannot remove) or re-patches what the student had patched fails.
- Only a test that ran to its end replies with the grader's nonce, and only the value
  this kernel displays carries it: the grader scores nothing else (``SandboxExecute``).

Python gives code in one process no hard walls: a student can still reach this
kernel's objects through frames, ``gc``, ``ctypes`` or ``get_ipython().kernel``. Those
routes are what the tamper flags look for (``grading/tamper.py``).
"""
import ast
import builtins
import ctypes
import gc
import operator
import os
import re
import signal
import sys
import threading
import time
import traceback
import warnings

from ipykernel.ipkernel import IPythonKernel

MISSING = object()
# IPython's own names for the input and output history (_i3, _3, _, In, ...): not names a
# locked cell defines.
HISTORY_NAME = re.compile(r"^(_+|_i+|_i?\d+|_[iod]h|In|Out|exit|quit|get_ipython)$")
# Modules whose attributes tests rely on; captured once imported (by the preload, or by
# a locked cell), and restored for every protected cell.
WATCHED_MODULES = ("builtins", "math", "numpy", "numpy.linalg", "numpy.testing",
                   "numpy.random", "numpy.fft", "scipy.linalg", "scipy.stats", "torch",
                   "torch.nn", "torch.nn.functional", "torch.linalg", "torch.testing",
                   "torch.autograd", "sklearn.metrics", "networkx", "itertools", "functools")
# Attributes of the shell a student could replace to change how a cell runs.
SHELL_ATTRIBUTES = (
    "input_transformer_manager", "input_transformers_post", "ast_transformers", "compile",
    "events", "displayhook", "display_pub", "display_formatter", "custom_exceptions",
    "CustomTB", "InteractiveTB", "SyntaxTB", "showtraceback", "_showtraceback",
    "showsyntaxerror", "showindentationerror", "run_cell", "run_cell_async", "should_run_async",
    "run_ast_nodes", "run_code", "transform_cell", "transform_ast", "ast_node_interactivity",
    "user_expressions", "excepthook", "set_custom_exc", "prefilter_manager", "builtin_trap",
    "display_trap", "ex", "ev", "push")
# Slots of a captured state that hold a whole namespace (a dict of attributes).
NAMESPACES = ("module", "class")
TRANSFORMER_LISTS = ("cleanup_transforms", "line_transforms", "token_transformers")
SYS_HOOKS = ("displayhook", "excepthook", "breakpointhook", "unraisablehook", "stdout",
             "stderr", "stdin")


def _same(a, b):
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(x is y for x, y in zip(a, b))
    return a is b


def _same_namespace(a, b):
    """True when two captured namespaces (dicts) hold the very same keys and values, in
    the same order: the common case, checked at C speed. False is always safe (the
    callers then compare key by key)."""
    return a is b or (len(a) == len(b) and all(map(operator.is_, a.values(), b.values()))
                      and all(map(operator.is_, a, b)))


def _merge(base, theirs, after):
    """What the student keeps after a protected cell: their own changes to the kernel
    (relative to ``base``, the kernel's state before the cell), plus whatever the
    protected cell changed (``after``)."""
    out = {}
    for key in base.keys() | theirs.keys() | after.keys():
        if key[0] in NAMESPACES:
            out[key] = _merge_namespace(base.get(key, {}), theirs.get(key, {}),
                                        after.get(key, {}))
            continue
        mine = base.get(key, MISSING)
        value = theirs.get(key, MISSING)
        out[key] = value if not _same(value, mine) else after.get(key, MISSING)
    return {k: v for k, v in out.items() if v is not MISSING}


def _merge_namespace(base, theirs, after):
    """``_merge`` for one module's or class's attributes."""
    if _same_namespace(theirs, base):  # the student changed nothing here
        return after
    if _same_namespace(after, base):  # the protected cell changed nothing here
        return theirs
    out = {}
    for key in base.keys() | theirs.keys() | after.keys():
        mine, value = base.get(key, MISSING), theirs.get(key, MISSING)
        kept = value if value is not mine else after.get(key, MISSING)
        if kept is not MISSING:
            out[key] = kept
    return out


def _changed(base, theirs):
    """Keys of ``theirs`` whose values are not those of ``base``."""
    if _same_namespace(theirs, base):
        return []
    return [k for k, v in theirs.items() if base.get(k, MISSING) is not v]


class State:
    """Everything of the kernel's state a cell could change to alter how later cells
    run, as a flat dict {slot: value}; ``install`` puts such a dict back in place."""

    def __init__(self, shell):
        self.shell = shell
        self.modules = {}  # name -> module, captured once imported
        self.classes = []  # Python classes whose methods a student could replace
        for obj in (shell, shell.kernel):
            for cls in type(obj).__mro__:
                if cls.__module__.split(".")[0] in ("IPython", "ipykernel", "grading"):
                    self.classes.append(cls)
        self.watch_modules()

    def watch_modules(self, extra=()):
        for name in WATCHED_MODULES:
            if name in sys.modules:
                self.modules.setdefault(name, sys.modules[name])
        for module in extra:
            self.modules.setdefault(module.__name__, module)
        for name in ("torch", "torch.nn"):
            if name in sys.modules:
                for cls_name in ("Tensor", "Module"):
                    cls = getattr(sys.modules[name], cls_name, None)
                    if isinstance(cls, type) and cls not in self.classes:
                        self.classes.append(cls)

    def capture(self):
        shell, state = self.shell, {}
        for name in SHELL_ATTRIBUTES:
            state[("shell", name)] = vars(shell).get(name, MISSING) \
                if not shell.has_trait(name) else getattr(shell, name)
        manager = shell.input_transformer_manager
        for name in TRANSFORMER_LISTS:
            state[("transforms", name)] = tuple(getattr(manager, name, ()))
        state[("list", "input_transformers_post")] = tuple(shell.input_transformers_post)
        state[("list", "ast_transformers")] = tuple(shell.ast_transformers)
        for event, callbacks in shell.events.callbacks.items():
            state[("event", event)] = tuple(callbacks)
        for name in SYS_HOOKS:
            state[("sys", name)] = getattr(sys, name)
        state[("sys", "trace")] = sys.gettrace()
        state[("sys", "profile")] = sys.getprofile()
        state[("threading", "trace")] = getattr(threading, "_trace_hook", None)
        state[("threading", "profile")] = getattr(threading, "_profile_hook", None)
        state[("list", "meta_path")] = tuple(sys.meta_path)
        state[("list", "path_hooks")] = tuple(sys.path_hooks)
        state[("list", "path")] = tuple(sys.path)
        state[("list", "gc_callbacks")] = tuple(gc.callbacks)
        state[("list", "warning_filters")] = tuple(warnings.filters)
        state[("warnings", "showwarning")] = warnings.showwarning
        for name, module in self.modules.items():  # each namespace copied whole
            state[("module", name)] = dict(vars(module))
            state[("sys.modules", name)] = sys.modules.get(name, MISSING)
        for cls in self.classes:
            state[("class", cls)] = dict(vars(cls))
        return state

    def install(self, state):
        """Make the kernel's state equal to ``state`` (a dict from ``capture``)."""
        shell = self.shell
        current = self.capture()
        for slot in current.keys() | state.keys():
            kind, *where = slot
            if kind in NAMESPACES:
                self._install_namespace(slot, current.get(slot, {}), state.get(slot, {}))
                continue
            value = state.get(slot, MISSING)
            if _same(current.get(slot, MISSING), value):
                continue
            if kind == "shell":
                name, = where
                if shell.has_trait(name):
                    setattr(shell, name, value)
                elif value is MISSING:
                    vars(shell).pop(name, None)
                else:
                    vars(shell)[name] = value
        # lists and hooks after the objects that hold them
        manager = shell.input_transformer_manager
        for slot, value in state.items():
            kind, *where = slot
            if kind in NAMESPACES or (_same(current.get(slot, MISSING), value)
                                      and kind not in ("transforms",)):
                continue
            if kind == "transforms":
                setattr(manager, where[0], list(value))
            elif kind == "list":
                name, = where
                target = {"input_transformers_post": shell.input_transformers_post,
                          "ast_transformers": shell.ast_transformers, "meta_path": sys.meta_path,
                          "path_hooks": sys.path_hooks, "path": sys.path,
                          "gc_callbacks": gc.callbacks, "warning_filters": warnings.filters}[name]
                target[:] = list(value)
            elif kind == "event":
                shell.events.callbacks[where[0]] = list(value)
            elif kind == "sys":
                name, = where
                if name == "trace":
                    sys.settrace(value)
                elif name == "profile":
                    sys.setprofile(value)
                else:
                    setattr(sys, name, value)
            elif kind == "threading":
                setattr(threading, f"_{where[0]}_hook", value)
            elif kind == "warnings":
                warnings.showwarning = value
            elif kind == "sys.modules":
                if value is not MISSING:
                    sys.modules[where[0]] = value
        if hasattr(warnings, "_filters_mutated"):
            warnings._filters_mutated()

    def _install_namespace(self, slot, current, wanted):
        """Make a module's or class's attributes (``current``, as captured) ``wanted``."""
        if _same_namespace(current, wanted):
            return
        kind, where = slot
        for key in current.keys() | wanted.keys():
            value = wanted.get(key, MISSING)
            if current.get(key, MISSING) is value:
                continue
            if kind == "module":
                namespace = vars(self.modules[where])
                if value is MISSING:
                    namespace.pop(key, None)
                else:
                    namespace[key] = value
            elif value is MISSING:  # a class: setattr keeps its attribute cache right
                if key in vars(where):
                    delattr(where, key)
            else:
                setattr(where, key, value)


def _end_leftover_processes():
    """Kill the processes an answer cell started and left running (a fork bomb's
    copies, a background server), so that they cannot slow or outlive the tests. Only
    in the sandbox's own pid namespace (grading/sandbox.py), where kill(-1) reaches
    exactly the kernel's user's processes there but the kernel and the namespace's init."""
    if os.environ.get("MLCOURSE_OWN_PID_NAMESPACE") != "1" or os.getpid() == 1:
        return
    for _ in range(100):  # again while a fork bomb's copies still fork
        try:
            os.kill(-1, signal.SIGKILL)
        except OSError:
            break  # nothing else is running
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:  # reap the kernel's children: zombies count in nproc
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                time.sleep(0.01)
        except ChildProcessError:
            break


def _stop(thread, seconds=1.0):
    """Ask a Python thread to stop (SystemExit at its next bytecode); True if it did."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident),
                                               ctypes.py_object(SystemExit))
    thread.join(seconds)
    return not thread.is_alive()


def _compile_test(source):
    """The test cell's code objects: all statements, then the last one apart if it is an
    expression (its value is displayed, as nbgrader's partial credit expects). Plain
    ``compile``, with a file name no linecache knows, so no traceback or student code
    can read the test's lines back."""
    tree = ast.parse(source)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    body = compile(tree, "<test cell>", "exec")
    return body, (compile(last, "<test cell>", "eval") if last is not None else None)


class GradingKernel(IPythonKernel):
    """IPythonKernel that runs locked and test cells in its own state (module docstring)."""

    implementation = "mlcourse-grading"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._state = None  # captured before the first cell, after the preloaded imports
        self._locked_names = {}  # names locked cells defined -> their values
        self._test_names = {}  # names test cells defined (their own namespace)
        self._protected = False  # a protected cell is running
        self._events = []  # audited events seen while it runs
        self._builtins = builtins
        self._pid = os.getpid()
        sys.addaudithook(self._audit)

    def _audit(self, event, args):
        if self._protected and event in ("sys.settrace", "sys.setprofile"):
            self._events.append(event)

    def _stop_threads(self):
        """Stop the Python threads started since the last protected cell (by student
        code); the names of those that would not stop."""
        stuck = []
        monitor = getattr(sys.modules.get("tqdm._monitor"), "TMonitor", None)
        # pyzmq starts its garbage collector's thread when the kernel first sends a large
        # output without copying it: the kernel's own, not the student's
        zmq_gc = getattr(getattr(sys.modules.get("zmq.utils.garbage"), "gc", None), "thread", None)
        for thread in threading.enumerate():
            if thread is zmq_gc:
                continue
            if thread not in self._threads and thread is not threading.current_thread():
                if monitor is not None and type(thread) is monitor:
                    thread.exit()  # tqdm's own monitor: it stops when asked
                elif not _stop(thread):
                    stuck.append(thread.name)
        return stuck

    async def do_execute(self, code, silent, store_history=True, user_expressions=None,
                         allow_stdin=False, *, cell_meta=None, cell_id=None):
        if self._state is None:  # the first cell: no student code has run yet
            self._builtins = self.shell.user_ns.get("__builtins__", builtins)
            self._state = State(self.shell)
            self._ours = self._state.capture()
            self._threads = set(threading.enumerate())
        role = ((cell_meta or {}).get("mlcourse") or {}).get("role")
        if role not in ("locked", "test"):
            reply = await super().do_execute(code, silent, store_history, user_expressions,
                                             allow_stdin, cell_meta=cell_meta, cell_id=cell_id)
            if os.getpid() != self._pid:
                # a copy of this kernel that a student's os.fork() made and that came back
                # from the cell: it must not go on reading the kernel's own messages
                os._exit(0)
            _end_leftover_processes()
            return reply
        nonce = cell_meta["mlcourse"].get("nonce", "")
        stuck = self._stop_threads()
        theirs = self._state.capture()
        self._state.install(self._ours)
        self.shell.set_parent(self.get_parent("shell"))
        # sys.stderr turns a test cell's score into 0 in nbgrader: a warning or a progress
        # bar from a correct answer must not. Test cells show both on stdout instead.
        sys.stderr = sys.stdout
        self._protected, self._events = True, []
        try:
            if stuck:
                reply = self._error_reply(RuntimeError(
                    f"a background thread started by an answer cell is still running "
                    f"({', '.join(stuck)}); the test cannot run while it does"))
            elif role == "locked":
                reply = await self._run_locked(code, silent, store_history, cell_meta, cell_id)
            else:
                reply = self._run_test(code, nonce, theirs)
        finally:
            self._protected = False
            sys.stderr = self._ours[("sys", "stderr")]
            sys.settrace(None), sys.setprofile(None)
            self._state.watch_modules(v for v in self._locked_names.values()
                                      if type(v) is type(sys))
            after = self._state.capture()
            self._state.install(_merge(self._ours, theirs, after))
            self._ours = after
            self._threads = set(threading.enumerate())
            self.shell.set_parent(self.get_parent("shell"))
        return reply

    def _swap_in(self, names):
        """Put ``names`` (name -> value) into the notebook's namespace; the values they
        replace, to put back with ``_swap_out``."""
        ns = self.shell.user_ns
        saved = {k: ns.get(k, MISSING) for k, v in names.items() if ns.get(k, MISSING) is not v}
        ns.update({k: names[k] for k in saved})
        return saved

    def _swap_out(self, saved, defined):
        """Give the student's values back, except for the names the cell just defined."""
        ns = self.shell.user_ns
        for k, value in saved.items():
            if k not in defined:
                if value is MISSING:
                    ns.pop(k, None)
                else:
                    ns[k] = value

    @staticmethod
    def _defined(before, ns):
        """Names a cell bound or rebound (IPython's history names aside)."""
        return {k for k, v in ns.items()
                if before.get(k, MISSING) is not v and not HISTORY_NAME.match(k)}

    async def _run_locked(self, code, silent, store_history, cell_meta, cell_id):
        """A locked (provided) cell, through IPython as usual, with the values locked
        cells gave their names; what it (re)defines is remembered as locked."""
        ns = self.shell.user_ns
        saved = self._swap_in({**self._locked_names, "__builtins__": self._builtins})
        before = dict(ns)
        reply = await super().do_execute(code, silent, store_history, {}, False,
                                         cell_meta=cell_meta, cell_id=cell_id)
        defined = self._defined(before, ns)
        self._locked_names.update({k: ns[k] for k in defined})
        self._swap_out(saved, defined)
        return reply

    def _run_test(self, code, nonce, theirs):
        """A test cell, compiled as written, in the notebook's namespace with the locked
        names and the earlier tests' names in place for its duration."""
        shell = self.shell
        ns = shell.user_ns
        count = shell.execution_count
        shell.execution_count += 1
        parent = self.get_parent("shell")
        if parent and "content" in parent:  # no copy of the hidden test left in memory
            parent["content"]["code"] = ""
        student_names = set(ns) - set(self._locked_names) - set(self._test_names)
        saved = self._swap_in({**self._locked_names, **self._test_names,
                               "__builtins__": self._builtins})
        before = dict(ns)
        try:
            body, last = _compile_test(code)
            del code
            exec(body, ns)
            value = eval(last, ns) if last is not None else None
            if self._events:
                raise RuntimeError(f"the test's run was altered ({self._events[0]} was called "
                                   f"while it ran)")
            patched = {slot: _changed(self._ours.get(slot, {}), theirs[slot])
                       for slot in theirs if slot[0] in NAMESPACES}
            now = self._state.capture() if any(patched.values()) else {}
            repatched = [(slot, key) for slot, keys in patched.items() for key in keys
                         if now.get(slot, {}).get(key, MISSING) is theirs[slot][key]]
            if repatched:
                raise RuntimeError("a module the tests use was changed while the test ran")
        except BaseException as exc:  # the test failed: its points are lost
            return self._error_reply(exc)
        finally:
            # what the test defined stays with the tests; a student's name it changed
            # (deleted and restored, say) stays as the test left it
            defined = {k for k in self._defined(before, ns) | (set(before) - set(ns))
                       if k not in student_names or k in saved}
            for k in defined:
                if k in ns:
                    self._test_names[k] = ns[k]
                else:
                    self._test_names.pop(k, None)
                if k not in saved:
                    ns.pop(k, None)
            self._swap_out(saved, set())
        if value is not None:
            data, metadata = self._ours[("shell", "display_formatter")].format(value)
            self.session.send(self.iopub_socket, "execute_result",
                              {"execution_count": count, "data": data,
                               "metadata": {**metadata, "mlcourse": {"nonce": nonce}}},
                              parent=self.get_parent("shell"), ident=self._topic("execute_result"))
        return {"status": "ok", "execution_count": count, "user_expressions": {},
                "payload": [], "mlcourse": {"nonce": nonce}}

    def _error_reply(self, exc):
        """Publish ``exc`` as the cell's error output and build the error reply."""
        try:
            ename, evalue = type(exc).__name__, str(exc)
        except BaseException:  # an exception whose __str__ fails
            ename, evalue = type(exc).__name__, "(the error message could not be shown)"
        try:
            tb = traceback.format_exception(type(exc), exc, exc.__traceback__)
            tb = "".join(tb).splitlines()
        except BaseException:
            tb = [f"{ename}: {evalue}"]
        content = {"ename": ename, "evalue": evalue, "traceback": tb}
        self.session.send(self.iopub_socket, "error", content, parent=self.get_parent("shell"),
                          ident=self._topic("error"))
        return {"status": "error", "execution_count": self.shell.execution_count - 1, **content}
