"""mlcourse.blanks: grading fill-in-the-blank statements one at a time."""
import linecache

import pytest
import torch

from mlcourse import blanks, checks

TARGETS = {"a_grad": 1, "x_grad": 2}


def _define(source, name="f"):
    """Define a function from source text so that inspect.getsource can read it
    (as in a notebook cell)."""
    filename = f"<test-blanks-{abs(hash(source))}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = {"torch": torch}
    exec(compile(source, filename, "exec"), namespace)
    return namespace[name]


# y = x * x, a = 3 * y; x_grad has two contributions (one per factor)
GOOD = '''
def f(x):
    y = x * x
    a = 3 * y
    a_grad = 1
    y_grad = torch.zeros_like(y)
    x_grad = torch.zeros_like(x)
    loss = a
    y_grad += 3 * a_grad
    x_grad += y_grad * x
    x_grad += y_grad * x
    return x_grad, {"a_grad": a_grad, "x_grad": x_grad}
'''

X = torch.tensor([1.0, -2.0])
FORWARD = {"x": X, "y": X * X, "a": 3 * X * X, "loss": 3 * X * X}
FINALS = {"a_grad": torch.tensor(1.0), "y_grad": torch.full((2,), 3.0), "x_grad": 6 * X}
STEPS = {("a_grad", 0): (None, torch.tensor(1.0)),
         ("x_grad", 0): (torch.zeros(2), 3 * X), ("x_grad", 1): (3 * X, 6 * X)}


def run(source):
    return blanks.run_blanks(_define(source), (X.clone(),), TARGETS, "loss",
                             {**FORWARD, **FINALS}, {k: v[0] for k, v in STEPS.items()
                                                     if v[0] is not None})


def check(source, name, j):
    return blanks.check_blank(_define(source), name, j, (X.clone(),), TARGETS, "loss",
                              FORWARD, STEPS, FINALS, what=" on X")


def test_each_statement_is_recorded_on_its_own():
    result = run(GOOD)
    assert result["a_grad"] is None  # a_grad is assigned before the anchor
    assert result["x_grad"]["mode"] == "each"
    first, second = result["x_grad"]["values"]
    assert torch.allclose(first, 3 * X) and torch.allclose(second, 6 * X)


def test_a_wrong_earlier_blank_does_not_spoil_a_later_one():
    bad_first = GOOD.replace("    x_grad += y_grad * x\n    x_grad", "    x_grad += y_grad\n    x_grad", 1)
    with pytest.raises(checks.CheckFailed):
        check(bad_first, "x_grad", 0)
    check(bad_first, "x_grad", 1)
    # an upstream mistake is replaced by the trusted value
    check(GOOD.replace("y_grad += 3 * a_grad", "y_grad += 5 * a_grad"), "x_grad", 0)


def test_overwriting_instead_of_adding_is_caught_on_the_second_line():
    head, _, tail = GOOD.rpartition("x_grad += y_grad * x")
    src = head + "x_grad = y_grad * x" + tail
    check(src, "x_grad", 0)
    with pytest.raises(checks.CheckFailed):
        check(src, "x_grad", 1)


def test_a_raising_blank_is_reported_and_the_rest_still_run():
    src = GOOD.replace("    x_grad += y_grad * x\n    x_grad", "    raise NotImplementedError()\n    x_grad", 1)
    # one statement left for x_grad: graded as a total
    with pytest.raises(checks.CheckFailed, match="is wrong"):
        check(src, "x_grad", 0)
    src = GOOD.replace("x_grad += y_grad * x", "x_grad += y_grad @ torch.ones(3)", 1)
    with pytest.raises(checks.CheckFailed, match="raised RuntimeError"):
        check(src, "x_grad", 0)
    check(src, "x_grad", 1)


def test_merged_statements_are_graded_as_a_total():
    src = GOOD.replace("    x_grad += y_grad * x\n    x_grad += y_grad * x\n",
                       "    x_grad = x_grad + 2 * y_grad * x\n")
    check(src, "x_grad", 0)
    check(src, "x_grad", 1)


def test_without_statements_the_returned_dict_is_graded():
    rewritten = '''
def f(x):
    grads = {"a_grad": 1.0, "x_grad": 6 * x}
    return grads["x_grad"], grads
'''
    check(rewritten, "x_grad", 0)
    with pytest.raises(checks.CheckFailed, match="raised NotImplementedError"):
        check("def f(x):\n    loss = x\n    raise NotImplementedError()\n", "x_grad", 1)


def test_scalars_broadcast_and_shapes_are_checked():
    check(GOOD, "a_grad", 0)
    bad = GOOD.replace("x_grad += y_grad * x", "x_grad = torch.ones(3)", 1)
    with pytest.raises(checks.CheckFailed, match="does not broadcast"):
        check(bad, "x_grad", 0)


def test_helper_locals_are_kept():
    src = GOOD.replace("    x_grad += y_grad * x\n    x_grad", "    z = x\n    x_grad += y_grad * z\n    x_grad", 1)
    check(src, "x_grad", 0)


def _define_with(source, extra, name="f"):
    """Like _define, with more globals (a provided helper, as in a notebook)."""
    filename = f"<test-blanks-{abs(hash(source))}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = {"torch": torch, **extra}
    exec(compile(source, filename, "exec"), namespace)
    return namespace[name]


def helper(x):
    """A provided helper that computes the answer (as the notebook's lydia_autograd)."""
    return 6 * x


def test_a_blank_that_calls_a_hidden_helper_fails():
    src = GOOD.replace("    x_grad += y_grad * x\n    x_grad += y_grad * x\n",
                       "    x_grad += helper(x) / 2\n    x_grad += helper(x) / 2\n")
    f = _define_with(src, {"helper": helper})
    args = ((X.clone(),), TARGETS, "loss", FORWARD, STEPS, FINALS)
    blanks.check_blank(f, "x_grad", 1, *args)  # reachable: the helper gives the right value
    with pytest.raises(checks.CheckFailed, match="NameError"):
        blanks.check_blank(f, "x_grad", 1, *args, hide=("helper",))
    # an alias of the hidden helper is hidden too
    f = _define_with(src.replace("helper(x)", "mine(x)"), {"helper": helper, "mine": helper})
    with pytest.raises(checks.CheckFailed, match="NameError"):
        blanks.check_blank(f, "x_grad", 1, *args, hide=("helper",))


def test_the_returned_dict_is_graded_without_the_hidden_helper():
    rewritten = '''
def f(x):
    grads = {"a_grad": 1.0, "x_grad": helper(x)}
    return grads["x_grad"], grads
'''
    f = _define_with(rewritten, {"helper": helper})
    args = ((X.clone(),), TARGETS, "loss", FORWARD, STEPS, FINALS)
    blanks.check_blank(f, "x_grad", 0, *args)
    with pytest.raises(checks.CheckFailed, match="NameError"):
        blanks.check_blank(f, "x_grad", 0, *args, hide=("helper",))
    assert blanks.without(f, ("helper",)) is not f
    assert blanks.without(f) is f
    # without the fallback, a rewritten function is not graded by that call
    assert blanks.check_blank(f, "x_grad", 0, *args, fallback=False) is None


def test_a_constant_in_place_of_the_incoming_gradient_fails_for_a_scaled_loss():
    """y_grad += 3 is right when a_grad = 1, wrong for the gradient of c * a."""
    src = GOOD.replace("y_grad += 3 * a_grad", "y_grad += 3")
    targets = {"y_grad": 1, "x_grad": 2}
    args = lambda c: ((X.clone(),), targets, "loss", FORWARD,
                      {("y_grad", 0): (torch.zeros(2), torch.full((2,), 3.0 * c))},
                      {"a_grad": torch.tensor(c), "y_grad": torch.full((2,), 3.0 * c),
                       "x_grad": 6 * c * X})
    blanks.check_blank(_define(src), "y_grad", 0, *args(1.0))
    with pytest.raises(checks.CheckFailed, match="is wrong"):
        blanks.check_blank(_define(src), "y_grad", 0, *args(2.5), fallback=False)
    blanks.check_blank(_define(GOOD), "y_grad", 0, *args(2.5), fallback=False)
