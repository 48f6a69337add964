"""The liar: a submission whose answers claim to be right without being right.

Every answer cell of the solution is replaced by objects that say "equal" to
whatever they are compared with: graded functions return such an object, graded
constants become a subclass of their own type (str, int, set, ...) holding a
plausible wrong value whose ``==`` always answers True. A hidden test that
compares a student's object with ``==`` (or calls a method of it, like
``.strip()``) instead of converting it first gives the liar points; the harness
(tests/test_assignments.py) grades one liar per assignment and expects zero on
every test cell (CONVENTIONS.md: never trust a student object).
"""
import ast
import copy

from . import notebooks

# Pasted at the top of every replaced cell, so each cell stands alone as a
# student's code would.
PRELUDE = '''\
class _Liar:
    """Equal to everything; every operation on it gives it back."""
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    __lt__ = __le__ = __gt__ = __ge__ = __eq__
    def __hash__(self): return 0
    def __bool__(self): return True
    def __iter__(self): return iter([self, self])
    def __contains__(self, item): return True
    def __call__(self, *args, **kwargs): return self
    __getitem__ = __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __call__
    __truediv__ = __rtruediv__ = __matmul__ = __rmatmul__ = __pow__ = __neg__ = __abs__ = __call__
    def __float__(self): return 0.0
    def __index__(self): return 0
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self
    def __repr__(self): return "liar"


def _lying(base):
    """A subclass of ``base`` whose instances claim to equal anything."""
    class Lying(base):
        def __eq__(self, other): return True
        def __ne__(self, other): return False
        __lt__ = __le__ = __gt__ = __ge__ = __eq__
        __hash__ = base.__hash__ if base.__hash__ is not None else object.__hash__
        def __contains__(self, item): return True
        def _same(self, *args, **kwargs): return self
        strip = upper = lower = casefold = _same
    return Lying
'''


def _wrong(value):
    """Source code for a liar standing in for the constant ``value``."""
    if isinstance(value, bool) or value is None:
        return "_Liar()"  # bool cannot be subclassed
    if isinstance(value, str):
        if len(value) == 1 and value.isalpha():  # another option letter, same case
            other = "B" if value.upper() == "A" else "A"
            value = other if value.isupper() else other.lower()
        else:
            value = "liar"
        return f"_lying(str)({value!r})"
    if isinstance(value, int):
        return f"_lying(int)({value - 1 if value > 1 else value + 1})"
    if isinstance(value, float):
        return f"_lying(float)({value + 1.0!r})"
    if isinstance(value, (set, frozenset)):
        smaller = sorted(value, key=repr)[1:] if value else [0]
        return f"_lying({type(value).__name__})({smaller!r})"
    return "_Liar()"


def _constant(node):
    try:
        return _wrong(ast.literal_eval(node.value))
    except ValueError:  # a computed answer (TOY_CONDITION_NUMBER = ...): a plausible count
        return "_lying(int)(123457)"


def liar_cell(source):
    """The liar's version of one answer cell: its imports kept, every function
    returning a liar, every class a liar, every constant a lying constant."""
    lines = [PRELUDE]
    for node in ast.parse(source).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            lines.append(ast.unparse(node))
        elif isinstance(node, ast.FunctionDef):
            lines.append(f"def {node.name}(*args, **kwargs):\n    return _Liar()")
        elif isinstance(node, ast.ClassDef):
            lines.append(f"class {node.name}(_Liar):\n    def __init__(self, *args, **kwargs):\n"
                         f"        pass")
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    lines.append(f"{target.id} = {_constant(node)}")
    return "\n\n".join(lines) + "\n"


def liar_notebook(solution_nb):
    """A copy of the solution notebook with every code answer cell replaced."""
    nb = copy.deepcopy(solution_nb)
    for cell in nb.cells:
        if notebooks.is_answer(cell) and cell.cell_type == "code":
            cell.source = liar_cell(cell.source)
    return nb
