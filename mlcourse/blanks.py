"""Grading fill-in-the-blank code one blank at a time.

A fill-in-the-blank function (the backprop exercise) has a given part and a
sequence of blanks, each a whole statement that updates one variable, such as
``l1_w_grad += ...``. To grade each blank on its own, :func:`run_blanks` reads the
student's function from its source, finds the statements after an *anchor* (the
last given statement, e.g. ``loss = ...``), and runs a probe copy of the function
in which, just before each graded statement,

- every variable the statement reads is bound to a trusted value supplied by the
  test (so a wrong earlier blank cannot spoil a later one), and
- the updated variable is set to the value it should hold before that statement;

and just after it, the variable's new value is recorded. A statement that raises is
recorded as its exception and the probe carries on with the next one.

Nothing here knows the answers: the trusted values come from the test that calls
it. Where a student rewrote the function so that the statements cannot be found,
the result says so (``None``) and the test grades the returned value instead.

A test can hide global names from the student's code while it is graded (``hide``):
the probe, and the student's function when its returned value is graded, then run
with those names (and every other global bound to the same objects) missing, so a
blank cannot call a provided helper that computes the answer (the backprop
notebook's ``lydia_autograd``)."""
import ast
import copy
import inspect
import sys
import textwrap
import types

from . import checks

_PREFIX = "_mlcourse_blanks_"


def _clone(value):
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(value, torch.Tensor):
        return value.detach().clone()
    try:
        return copy.deepcopy(value)
    except Exception:
        return value


def _hidden_globals(func, hide):
    """A copy of ``func``'s globals without the names in ``hide`` and without any other
    name bound to one of the same objects (an alias such as ``helper = lydia_autograd``)."""
    namespace = dict(func.__globals__)
    hidden = [namespace[name] for name in hide if name in namespace]
    for name in list(namespace):
        if name in hide or any(namespace[name] is obj for obj in hidden):
            del namespace[name]
    return namespace


def without(func, hide=()):
    """``func`` itself, or, if ``hide`` names globals, a copy of the function that runs
    with those globals missing (see ``_hidden_globals``)."""
    if not hide or not inspect.isfunction(func):
        return func
    copy_ = types.FunctionType(func.__code__, _hidden_globals(func, hide), func.__name__,
                               func.__defaults__, func.__closure__)
    copy_.__kwdefaults__ = func.__kwdefaults__
    return copy_


def _target(stmt):
    """The variable name a statement updates, if it is ``x = ...``, ``x += ...`` or
    ``x: T = ...``; otherwise None."""
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target.id
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
            and isinstance(stmt.targets[0], ast.Name):
        return stmt.targets[0].id
    if isinstance(stmt, ast.AnnAssign) and stmt.value is not None \
            and isinstance(stmt.target, ast.Name):
        return stmt.target.id
    return None


def _reads(stmt):
    return {node.id for node in ast.walk(stmt)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}


def _function_def(func):
    """The ``def`` of ``func`` parsed from its source, or None."""
    if not inspect.isfunction(func) or func.__code__.co_freevars:
        return None
    try:
        source = textwrap.dedent(inspect.getsource(func))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == func.__name__:
            return node
    return None


def _find(func, targets, anchor):
    fdef = _function_def(func)
    if fdef is None:
        return None
    positions = [i for i, s in enumerate(fdef.body) if _target(s) == anchor]
    if not positions:
        return None
    found = {name: [] for name in targets}
    for stmt in fdef.body[positions[-1] + 1:]:
        name = _target(stmt)
        if name in found:
            found[name].append(stmt)
    return fdef, positions[-1], found


def find_statements(func, targets, anchor):
    """``{name: [statement, ...]}`` for the top-level statements after the anchor
    that update one of ``targets``, or None when the function's source or the
    anchor statement cannot be found."""
    parsed = _find(func, targets, anchor)
    return None if parsed is None else parsed[2]


def _parse_stmt(code):
    return ast.parse(code).body


def _guarded(body, handler_body):
    return ast.Try(body=body,
                   handlers=[ast.ExceptHandler(type=ast.Name("Exception", ast.Load()),
                                               name=_PREFIX + "e", body=handler_body)],
                   orelse=[], finalbody=[])


def run_blanks(func, args, targets, anchor, inputs, before, hide=()):
    """Run the student's blanks one by one with trusted inputs.

    func:    the student's function.
    args:    the positional arguments to call it with.
    targets: ``{name: k}``, the variables whose statements are graded and how many
             statements the given skeleton has for each.
    anchor:  the variable assigned by the last given forward statement.
    inputs:  ``{name: value}``; before each graded statement, every local variable
             it reads (other than the one it updates) is bound to a copy of this.
    before:  ``{(name, j): value}``, what ``name`` holds before its j-th statement
             (j = 0, 1, ...); missing keys leave the variable as it is.
    hide:    global names the probe must not see (a provided helper that computes
             the answers).

    Returns ``{name: result}``, where result is None when no statement for that
    name was found (grade the returned value instead), else a dict with
    ``mode`` "each" (as many statements as the skeleton: ``values[j]`` is the value
    after statement j, run on its own) or "total" (a different number of
    statements, all run in sequence: ``values[-1]`` is the final value), and
    ``values``, each a value or the exception the statement raised. If the source
    cannot be read, every result is None. An error outside the blanks (in the
    given code) propagates to the caller."""
    parsed = _find(func, targets, anchor)
    if parsed is None:
        return {name: None for name in targets}
    fdef, last, found = parsed
    locals_ = set(func.__code__.co_varnames)
    modes = {name: ("each" if len(stmts) == targets[name] else "total")
             for name, stmts in found.items() if stmts}
    records = {name: [] for name in modes}
    graded_ids = {id(s): name for name, stmts in found.items() for s in stmts}

    head, tail = fdef.body[:last + 1], fdef.body[last + 1:]
    counters = {name: 0 for name in modes}
    new_tail = []
    for stmt in tail:
        name = graded_ids.get(id(stmt))
        if name is None:
            if isinstance(stmt, ast.Return):
                continue
            new_tail.append(_guarded([stmt], [ast.Pass()]))
            continue
        j = counters[name]
        counters[name] += 1
        pre = []
        for var in sorted(_reads(stmt) & set(inputs) & locals_ - {name}):
            pre += _parse_stmt(f"{var} = {_PREFIX}get({var!r})")
        if (name, j) in before and (modes[name] == "each" or j == 0):
            pre += _parse_stmt(f"{name} = {_PREFIX}before({name!r}, {j})")
        record = _parse_stmt(f"{_PREFIX}rec({name!r}, {name})")
        failed = _parse_stmt(f"{_PREFIX}rec({name!r}, {_PREFIX}e)")
        new_tail.append(_guarded(pre + [stmt] + record, failed))
    new_tail += _parse_stmt("return None")

    probe = ast.FunctionDef(name=_PREFIX + "probe", args=fdef.args, body=head + new_tail,
                            decorator_list=[], returns=None, type_comment=None,
                            type_params=[])
    module = ast.fix_missing_locations(ast.Module(body=[probe], type_ignores=[]))
    namespace = _hidden_globals(func, hide)
    namespace[_PREFIX + "get"] = lambda var: _clone(inputs[var])
    namespace[_PREFIX + "before"] = lambda var, j: _clone(before[(var, j)])
    namespace[_PREFIX + "rec"] = lambda var, value: records[var].append(_clone(value))
    exec(compile(module, f"<probe of {func.__name__}>", "exec"), namespace)
    fn = namespace[_PREFIX + "probe"]
    fn.__defaults__, fn.__kwdefaults__ = func.__defaults__, func.__kwdefaults__
    fn(*args)
    result = {name: None for name in targets}
    for name, mode in modes.items():
        result[name] = {"mode": mode, "values": records[name]}
    return result


def check_blank(func, name, j, args, targets, anchor, forward, steps, finals, what="",
                hint="", reveal=False, hide=(), fallback=True):
    """Grade blank ``j`` (0-based) of the statements that update ``name``.

    forward: trusted values of the given (forward) variables; finals: trusted final
    values of every graded variable; steps: ``{(name, j): (before, after)}``, the
    trusted value of ``name`` before and after its j-th statement (before may be
    None: leave the variable as it is). ``what`` describes the inputs for messages.
    When the statements cannot be found, the value that ``func`` returns in its
    dict (second element of the returned pair) under ``name`` is graded instead,
    against the final value. A value that broadcasts to the expected shape is
    accepted (the blanks update arrays with ``+=``, which broadcasts).

    hide: global names the student's code must not see while it is graded. fallback:
    whether to grade the returned dict when the statements cannot be found; pass False
    when the trusted values are not those of the function's own output (a test that
    backpropagates ``c * loss``): then such a submission is not graded by this call."""
    k = targets[name]
    label = f"the blank for {name}" + (f" (line {j + 1} of {k})" if k > 1 else "")
    inputs = {**forward, **finals}
    before = {key: pair[0] for key, pair in steps.items() if pair[0] is not None}
    try:
        result = run_blanks(func, args, targets, anchor, inputs, before, hide)[name]
    except Exception as exc:
        checks._fail(f"{func.__name__}{what} raised {type(exc).__name__} outside the blanks "
                     f"(in the given code): {exc}", hint)
    if result is None and not fallback:
        return None
    if result is None:
        try:
            out = without(func, hide)(*[_clone(a) for a in args])
        except Exception as exc:
            checks._fail(f"{label}: no statement `{name} += ...` or `{name} = ...` was found "
                         f"after `{anchor} = ...`, and {func.__name__}{what} raised "
                         f"{type(exc).__name__}: {exc}", hint)
        if not (isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], dict)
                and name in out[1]):
            checks._fail(f"{func.__name__}{what} should return a pair (w_grad, gradients) "
                         f"whose dict has the key {name!r}.", hint)
        value, expected = out[1][name], finals[name]
    elif result["mode"] == "each":
        if len(result["values"]) <= j:
            checks._fail(f"{label} did not run{what} (an early return?).", hint)
        value, expected = result["values"][j], steps[(name, j)][1]
    else:
        value, expected = result["values"][-1], finals[name]
    if isinstance(value, BaseException):
        checks._fail(f"{label} raised {type(value).__name__}{what}: {value}", hint)
    got = checks.as_array(value, label + what, hint=hint)
    exp = checks.as_array(expected, "the reference")
    if got.shape != exp.shape:
        if got.size == 1 and exp.size == 1:
            got = got.reshape(exp.shape)
        else:
            try:
                import numpy as np
                got = np.broadcast_to(got, exp.shape).copy()
            except ValueError:
                checks._fail(f"{label}{what} has shape {got.shape}, which does not broadcast "
                             f"to the shape {exp.shape} of the variable it is the gradient of.",
                             hint)
    return checks.assert_close(got, exp, label + what, hint=hint, reveal=reveal)
