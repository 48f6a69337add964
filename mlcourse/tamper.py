"""Flag submissions whose code tries to change the grading environment.

Before grading, the code a student could edit (answer cells and cells they added;
locked cells are restored by nbgrader anyway) is parsed and walked. A flagged
submission is still graded, but marked for manual review with the reasons, in the
gradebook table and the class report. This is a tripwire, not a proof: the tests
themselves are written so that cheap tricks earn nothing."""
import ast

from . import notebooks

# Modules whose mere use in an answer means reaching around the tests.
SUSPICIOUS_MODULES = {"builtins", "gc", "ctypes", "inspect", "subprocess", "pty", "socket",
                      "importlib", "sqlite3", "multiprocessing"}
DYNAMIC_CODE = {"exec", "eval", "compile", "__import__"}
DUNDER_TARGETS = {"__code__", "__class__", "__globals__", "__dict__", "__builtins__",
                  "__defaults__", "__kwdefaults__"}
FRAME_ATTRIBUTES = {"_getframe", "currentframe", "f_back", "f_globals", "f_locals",
                    "f_builtins", "get_referrers", "get_objects"}
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


def inspect_code(source):
    """The reasons to review this code (empty if nothing suspicious was found)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []  # it will simply fail its tests
    modules = {}  # local name -> module it names
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                modules[alias.asname or alias.name.split(".")[0]] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                modules.setdefault(alias.asname or alias.name, f"{node.module}.{alias.name}")
    for _ in range(3):  # other names for a module: m = np; t = np.testing
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and _root_name(node.value) in modules \
                    and isinstance(node.value, (ast.Name, ast.Attribute)):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        modules.setdefault(target.id, ast.unparse(node.value))
    reasons = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                if name.split(".")[0] in SUSPICIOUS_MODULES:
                    reasons.append(f"imports {name}")
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                for t in ast.walk(target):
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
            if name in DYNAMIC_CODE and not (node.args and isinstance(node.args[0], ast.Constant)):
                reasons.append(f"calls {name} on code built at run time")
            if isinstance(func, ast.Attribute) and func.attr in SETTERS and (
                    _root_name(func) in modules or (node.args and _root_name(node.args[0]) in modules)):
                reasons.append(f"calls {ast.unparse(func)} on a module")
            if isinstance(func, ast.Attribute) and _root_name(func) in modules \
                    and modules[_root_name(func)] == "os" and func.attr in OS_PROCESS:
                reasons.append(f"starts processes with os.{func.attr}")
        elif isinstance(node, ast.Attribute) and node.attr in FRAME_ATTRIBUTES:
            reasons.append(f"uses {ast.unparse(node)} (stack frames or the garbage collector)")
        elif isinstance(node, ast.Name) and node.id == "__builtins__":
            reasons.append("uses __builtins__")
    return list(dict.fromkeys(reasons))  # unique, in order


def inspect_submission(path, source_nb):
    """Reasons to review a submitted notebook, from the cells a student could change."""
    try:
        nb = notebooks.read(path)
    except Exception:
        return []  # unreadable: nbgrader reports it as not graded
    locked = {notebooks.meta(c)["grade_id"] for c in source_nb.cells
              if notebooks.meta(c).get("locked") and notebooks.meta(c).get("grade_id")}
    reasons = []
    for cell in nb.cells:
        if cell.cell_type == "code" and notebooks.meta(cell).get("grade_id") not in locked:
            where = notebooks.meta(cell).get("grade_id") or "an added cell"
            reasons += [f"{where}: {r}" for r in inspect_code(cell.source)]
    return reasons
