"""Comparison helpers for test cells: convert what a student returned, compare it,
and fail with a message that says what was called, what kind of result was
expected, how far off it was, and a hint.

Rules these helpers enforce (CONVENTIONS.md, "Writing tests that grade fairly"):
- a student's object is converted to plain floats or ints before any comparison,
  so its own ``__eq__`` or ``__array__`` tricks cannot decide the outcome;
- hidden tests do not reveal the expected value: messages give the error size,
  not the reference answer (pass ``reveal=True`` in visible tests only).

The assert_* helpers return None on purpose: nbgrader takes a test cell whose last
line displays a number as partial credit, so a check that returned its value (0 for
a correct count of zero) would cost the student the cell's points.

The numpy functions used here are bound at import time, so a student cell that
later reassigns ``np.allclose`` or ``np.abs`` does not change what these checks do.
The sandboxed grading kernel imports this module before any student code runs
(``c.Sandbox.preload``), so "later" always holds while grading.
"""
import math
import numbers
import sys

import numpy as _np

_asarray = _np.asarray
_array = _np.array
_bool = _np.bool_
_abs = _np.abs
_isfinite = _np.isfinite
_argmax = _np.argmax
_unravel = _np.unravel_index
_ndarray = _np.ndarray


class CheckFailed(AssertionError):
    """A test's verdict on a student's answer (an AssertionError, so nbgrader and
    students see an ordinary failed assert)."""


def _fail(message, hint=""):
    if hint:
        message = f"{message}\nHint: {hint}"
    raise CheckFailed(message)


def _plain(x):
    """Detach torch tensors without importing torch when the notebook does not."""
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(x, torch.Tensor):
        return x.detach().cpu().numpy()
    return x


def _numeric(x, depth=0):
    """``x`` as numbers, arrays and plain nested lists of them, tensors detached.

    Anything else is refused before numpy sees it: numpy reads any object with
    ``__len__`` and ``__getitem__`` as a sequence, and one that answers every
    index with itself as a 32-deep nest of them, which takes longer than any cell
    timeout. Lists and tuples are read with their base class's own methods."""
    x = _plain(x)
    if isinstance(x, (_ndarray, numbers.Number, _np.generic)) or hasattr(type(x), "__array__"):
        return x
    if isinstance(x, (list, tuple)) and depth < 32:
        items = list.copy(x) if isinstance(x, list) else tuple.__getitem__(x, slice(None))
        return [_numeric(v, depth + 1) for v in items]
    raise TypeError(f"{type(x).__name__} is not a number, an array or a list of them")


def as_array(x, what, shape=None, hint=""):
    """Return ``x`` as a float ndarray (a copy), checking its shape if given."""
    x = _plain(x)
    if x is None:
        _fail(f"{what} returned None: did you forget the `return`?", hint)
    try:
        arr = _array(_numeric(x), dtype=float)
    except Exception as exc:  # the student's object cannot be read as numbers
        _fail(f"{what} returned {type(x).__name__}, which cannot be read as an array "
              f"of numbers ({type(exc).__name__}: {exc}).", hint)
    if type(arr) is not _ndarray:  # a subclass could override comparisons
        arr = _array(arr, dtype=float, subok=False)
    if shape is not None and tuple(arr.shape) != tuple(shape):
        _fail(f"{what} returned an array of shape {tuple(arr.shape)}, expected shape "
              f"{tuple(shape)}.", hint)
    return arr


def as_number(x, what, hint=""):
    """Return ``x`` as a Python float. Accepts Python, numpy and 0-d torch numbers,
    and 0-d or 1-element arrays; rejects bool (True is not the number 1 here)."""
    x = _plain(x)
    if isinstance(x, (bool, _bool)):
        _fail(f"{what} returned the bool {bool(x)}, expected a number.", hint)
    if isinstance(x, _ndarray):
        if x.size != 1 or x.dtype == bool:
            _fail(f"{what} returned an array of shape {x.shape}, expected a single number.", hint)
        x = x.reshape(()).item()
    if not isinstance(x, numbers.Real) or isinstance(x, bool):
        _fail(f"{what} returned {type(x).__name__}, expected a number (int or float).", hint)
    return float(x)


def as_int(x, what, hint=""):
    """Return ``x`` as a Python int; 6.0 is accepted for 6, 6.5 is not."""
    value = as_number(x, what, hint)
    if not math.isfinite(value) or value != math.floor(value):
        _fail(f"{what} returned {value!r}, expected a whole number.", hint)
    return int(value)


def assert_close(got, expected, what, rtol=1e-6, atol=1e-9, hint="", reveal=False):
    """Compare arrays (or numbers) elementwise with |got - exp| <= atol + rtol |exp|.

    ``expected`` is trusted (the reference); ``got`` is converted first."""
    exp = _asarray(_plain(expected), dtype=float)
    arr = as_array(got, what, shape=exp.shape, hint=hint)
    if not _isfinite(arr).all():
        _fail(f"{what} contains nan or inf (an overflow, or a division by zero?).", hint)
    err = _abs(arr - exp)
    bad = err > atol + rtol * _abs(exp)
    if bad.any():
        worst = _unravel(int(_argmax(err)), err.shape) if err.ndim else ()
        where = f" at index {tuple(int(i) for i in worst)}" if err.ndim else ""
        msg = (f"{what} is wrong in {int(bad.sum())} of {bad.size} entries; the largest "
               f"error is {float(err.max()):.3g}{where}.")
        if reveal:
            msg += f"\nExpected:\n{exp}\nGot:\n{arr}"
        _fail(msg, hint)


def assert_int_equal(got, expected, what, hint="", reveal=False):
    """An exact integer answer (6.0 accepted for 6)."""
    value = as_int(got, what, hint)
    if value != int(expected):
        msg = f"{what} returned {value}, which is not the right count."
        if reveal:
            msg = f"{what} returned {value}, expected {int(expected)}."
        _fail(msg, hint)


def assert_choice(got, expected, what, hint=""):
    """A choice answer: a letter or number, a bool, or a set of them.

    The student's value is rebuilt from plain Python types before comparing, so a
    custom object cannot claim equality."""
    if isinstance(expected, bool):
        if not isinstance(got, (bool, _bool)):
            _fail(f"{what} should be True or False, got {type(got).__name__}.", hint)
        ok = bool(got) is expected
    elif isinstance(expected, (set, frozenset)):
        if not isinstance(got, (set, frozenset, list, tuple)):
            _fail(f"{what} should be a set, got {type(got).__name__}.", hint)
        ok = {_atom(v, what, hint) for v in got} == {_atom(v, what, hint) for v in expected}
    else:
        ok = _atom(got, what, hint) == _atom(expected, what, hint)
    if not ok:
        _fail(f"{what} is not the right choice.", hint)


def _atom(v, what, hint):
    """A plain str or int copy of one choice value (letters are case-insensitive)."""
    if isinstance(v, str):
        return str.upper(str.strip(v))  # str's own methods: a subclass may override them
    if isinstance(v, (bool, _bool)):
        _fail(f"{what}: {v!r} is a bool, expected a letter or a number.", hint)
    return as_int(v, what, hint)


def call(func, *args, what, hint=""):
    """``func(*args)``; when it raises, a failed check that names the call and gives the
    hint (the hint of a test is most useful exactly when the answer crashes)."""
    try:
        return func(*args)
    except Exception as exc:
        _fail(f"{what} raised {type(exc).__name__}: {exc}", hint)


def assert_raises(exc_type, func, *args, what, hint=""):
    """``func(*args)`` must raise ``exc_type`` (a subclass counts)."""
    try:
        func(*args)
    except exc_type:
        return
    except Exception as exc:
        _fail(f"{what} raised {type(exc).__name__} ({exc}), expected {exc_type.__name__}.", hint)
    _fail(f"{what} returned normally, expected it to raise {exc_type.__name__}.", hint)
