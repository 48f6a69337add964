"""Flag submissions whose code tries to change the grading environment.

Before grading, the code a student could edit (answer cells and cells they added;
locked cells are restored by nbgrader anyway) is parsed and walked. A flagged
submission is still graded, but marked for manual review with the reasons, in the
gradebook table and the class report. This is a tripwire, not a proof: the tests
themselves are written so that cheap tricks earn nothing."""
import ast

from IPython.core.inputtransformer2 import TransformerManager

from . import notebooks

# Modules whose mere use in an answer means reaching around the tests: the interpreter's
# and IPython's internals, the cell sources IPython keeps (linecache), threads that run
# while the tests do, processes, sockets, the gradebook.
SUSPICIOUS_MODULES = {"builtins", "gc", "ctypes", "inspect", "subprocess", "pty", "socket",
                      "importlib", "sqlite3", "multiprocessing", "linecache", "threading",
                      "_thread", "IPython", "ipykernel", "jupyter_client", "zmq", "atexit",
                      "grading", "nbgrader", "concurrent"}
DYNAMIC_CODE = {"exec", "eval", "compile", "__import__"}
DUNDER_TARGETS = {"__code__", "__class__", "__globals__", "__dict__", "__builtins__",
                  "__defaults__", "__kwdefaults__"}
FRAME_ATTRIBUTES = {"_getframe", "currentframe", "f_back", "f_globals", "f_locals",
                    "f_builtins", "f_code", "f_trace", "f_lineno", "tb_frame", "tb_next",
                    "gi_frame", "cr_frame", "ag_frame", "get_referrers", "get_objects",
                    "extract_stack", "walk_stack", "format_stack", "print_stack",
                    "settrace", "setprofile", "gettrace", "addaudithook", "_current_frames"}
# Names of IPython's shell that let a cell change how later cells run.
IPYTHON_NAMES = {"get_ipython", "_ih", "_oh", "In", "Out"}
# Magics that run code whose text the flags must read too, and magics that change how
# later cells run or bring in code the flags cannot see.
CODE_MAGICS = {"time", "timeit", "prun", "capture", "debug"}
RISKY_MAGICS = {"run", "load", "load_ext", "reload_ext", "writefile", "file", "config",
                "alias", "alias_magic", "macro", "autocall", "xmode", "script", "bash", "sh",
                "python", "python3", "pypy", "perl", "ruby", "javascript", "js", "html",
                "autoawait", "env", "set_env", "store", "pdb", "cd", "sx", "system", "logstart",
                "colors", "doctest_mode", "rehashx", "pycat", "edit", "recall", "rerun",
                "history", "paste", "cpaste", "sc", "killbgscripts", "bg"}
_TRANSFORMER = TransformerManager()
# Calls that reach into an object's namespace: vars(np), getattr(np, "linalg").
NAMESPACE_CALLS = {"vars", "getattr"}
SETTERS = {"__setattr__", "__delattr__", "__setitem__", "__delitem__"}
OS_PROCESS = {"system", "popen", "execv", "execve", "execl", "execlp", "execvp", "spawnl",
              "spawnv", "fork", "kill", "_exit"}


def _root_name(node):
    """The name an expression starts from: ``np`` for ``np.linalg.solve``, and also
    for ``vars(np)["allclose"]`` and ``getattr(np, "testing").assert_allclose``."""
    while True:
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in NAMESPACE_CALLS and node.args:
            node = node.args[0]
        else:
            return node.id if isinstance(node, ast.Name) else None


def _magic_call(node):
    """``(magic, code)`` for ``get_ipython().run_line_magic("time", "x = 1")`` (which IPython
    makes of ``%time x = 1``), ``run_cell_magic`` and ``system``; else None."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Call)
            and isinstance(node.func.value.func, ast.Name)
            and node.func.value.func.id == "get_ipython"):
        return None
    args = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
            for a in node.args]
    if node.func.attr == "run_line_magic" and len(args) == 2 and args[0]:
        return args[0], args[1]
    if node.func.attr == "run_cell_magic" and len(args) == 3 and args[0]:
        return args[0], args[2]
    if node.func.attr in ("system", "getoutput"):
        return "system", None
    return None


def parse(source):
    """The cell as IPython runs it (magics and shell escapes become calls), with the code
    that magics such as ``%time`` run appended; None if it does not parse."""
    try:
        tree = ast.parse(_TRANSFORMER.transform_cell(source))
    except (SyntaxError, ValueError):
        return None  # it will simply fail its tests
    for node in list(ast.walk(tree)):
        found = _magic_call(node)
        if found and found[0] in CODE_MAGICS and found[1]:
            inner = parse(found[1])
            if inner is not None:
                tree.body += inner.body
    return tree


def module_names(tree, known=None):
    """Local name -> module for the imports of ``tree``, and other names given to them
    (``m = np``, ``t = np.testing``), on top of the names already ``known``."""
    modules = dict(known or {})
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                modules[alias.asname or alias.name.split(".")[0]] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                modules.setdefault(alias.asname or alias.name, f"{node.module}.{alias.name}")
    for _ in range(3):
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and _root_name(node.value) in modules \
                    and isinstance(node.value, (ast.Name, ast.Attribute)):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        modules.setdefault(target.id, ast.unparse(node.value))
    return modules


def inspect_code(source, known_modules=None):
    """The reasons to review this code (empty if nothing suspicious was found), read as
    IPython runs it. ``known_modules``: modules earlier cells imported (name -> module)."""
    tree = parse(source)
    if tree is None:
        return []
    return list(dict.fromkeys(_ipython_reasons(tree)
                              + _inspect_tree(tree, module_names(tree, known_modules))))


def _ipython_reasons(tree):
    reasons, generated = [], set()
    for node in ast.walk(tree):
        found = _magic_call(node)
        if found:
            generated.add(id(node.func.value.func))
            if found[0] == "system":
                reasons.append("runs shell commands (!...), which can run code the flags cannot read")
            elif found[0] in RISKY_MAGICS:
                reasons.append(f"uses the magic %{found[0]}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in IPYTHON_NAMES and id(node) not in generated:
            reasons.append(f"uses {node.id} (IPython's shell, which runs the tests)")
    return reasons


def _target_chain(target):
    """The nodes an assignment to ``target`` changes: ``a.b[i].c`` gives the attribute
    and subscript nodes down to ``a``, not the names read in the index ``i``."""
    stack = [target]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (ast.Attribute, ast.Subscript, ast.Starred)):
            stack.append(node.value)
        elif isinstance(node, (ast.Tuple, ast.List)):
            stack.extend(node.elts)


def _inspect_tree(tree, modules):
    reasons = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if isinstance(node, ast.ImportFrom) and node.module == "IPython.display":
                continue  # display(), HTML(), Markdown(): showing results, nothing more
            for name in names:
                if name.split(".")[0] in SUSPICIOUS_MODULES:
                    reasons.append(f"imports {name}")
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                for t in _target_chain(target):
                    if isinstance(t, ast.Attribute):
                        root = _root_name(t)
                        if root in modules:
                            reasons.append(f"changes {ast.unparse(t)} (an attribute of an imported module)")
                        elif t.attr in DUNDER_TARGETS:
                            reasons.append(f"assigns to {ast.unparse(t)}")
                    if isinstance(t, ast.Subscript) and (
                            ast.unparse(t.value) in ("sys.modules", "__builtins__")
                            or _root_name(t) in modules):
                        reasons.append(f"changes {ast.unparse(t)}")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else None
            if name in ("setattr", "delattr") and node.args:
                target = _root_name(node.args[0])
                if target in modules or target in ("__builtins__", "sys"):
                    reasons.append(f"calls {name} on {ast.unparse(node.args[0])}")
            if name == "globals" or (name == "vars" and not node.args):
                reasons.append(f"reads the notebook's namespace with {name}() (the tests' names "
                               f"are in it while they run)")
            if name in DYNAMIC_CODE and not (node.args and isinstance(node.args[0], ast.Constant)):
                reasons.append(f"calls {name} on code built at run time")
            if isinstance(func, ast.Attribute) and func.attr in SETTERS and (
                    _root_name(func) in modules or (node.args and _root_name(node.args[0]) in modules)):
                reasons.append(f"calls {ast.unparse(func)} on a module")
            if isinstance(func, ast.Attribute) and _root_name(func) in modules \
                    and modules[_root_name(func)] == "os" and func.attr in OS_PROCESS:
                reasons.append(f"starts processes with os.{func.attr}")
        elif isinstance(node, ast.Attribute) and node.attr in FRAME_ATTRIBUTES:
            reasons.append(f"uses {ast.unparse(node)} (stack frames, tracing or the garbage collector)")
        elif isinstance(node, ast.Name) and node.id == "__builtins__":
            reasons.append("uses __builtins__")
    return reasons


def bindings(source):
    """The names a cell binds in the notebook's namespace, each with what it binds:
    ("import", "numpy") for ``import numpy as np``, else ("value", None). Top-level
    statements, and names that functions declare ``global``."""
    tree = parse(source)
    if tree is None:
        return {}
    out = {}
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                name = alias.asname or alias.name.split(".")[0]
                what = (alias.name if alias.asname else name) if isinstance(stmt, ast.Import) \
                    else f"{stmt.module}.{alias.name}"
                out[name] = ("import", what)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out[stmt.name] = ("value", None)
        else:
            out.update((n.id, ("value", None)) for n in _stored_names(stmt))
    declared = {n for node in ast.walk(tree) if isinstance(node, ast.Global) for n in node.names}
    out.update((n, ("value", None)) for n in declared)
    return out


def _stored_names(stmt):
    """Names a statement stores, outside function, lambda, class and comprehension bodies."""
    stack = [stmt]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            yield node
        stack += [child for child in ast.iter_child_nodes(node)
                  if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                                            ast.ClassDef, ast.comprehension))]


def inspect_submission(path, source_nb):
    """Reasons to review a submitted notebook, from the cells a student could change."""
    try:
        nb = notebooks.read(path)
    except Exception:
        return []  # unreadable: nbgrader reports it as not graded
    locked_cells = [c for c in source_nb.cells
                    if notebooks.meta(c).get("locked") and notebooks.meta(c).get("grade_id")]
    locked = {notebooks.meta(c)["grade_id"] for c in locked_cells}
    # modules and functions the course's own cells import (tests get the locked values
    # back, but a reviewer should know when an answer replaces np or checks): another
    # value, not the same import again. Plain variables (fig, k, dna) are fair to reuse.
    defined = {}
    for cell in locked_cells:
        if cell.cell_type == "code" and not notebooks.is_test(cell):
            for name, what in bindings(cell.source).items():
                if what[0] == "import":
                    defined.setdefault(name, (what, notebooks.meta(cell)["grade_id"]))
    reasons, modules = [], {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tree = parse(cell.source)
        if notebooks.meta(cell).get("grade_id") not in locked:
            where = notebooks.meta(cell).get("grade_id") or "an added cell"
            reasons += [f"{where}: {r}" for r in inspect_code(cell.source, modules)]
            for name, what in bindings(cell.source).items():
                if name in defined and (what[0] != "import" or what != defined[name][0]):
                    reasons.append(f"{where}: rebinds {name}, which the locked cell "
                                   f"{defined[name][1]} defines (the tests use the locked value)")
        if tree is not None:  # later cells may use this cell's imports
            modules = module_names(tree, modules)
    return list(dict.fromkeys(reasons))  # each reason once, in order
