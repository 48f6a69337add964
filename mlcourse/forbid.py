"""Making library helpers unusable while a student's function runs.

Some exercises ask for something a library already does (``can_broadcast``:
numpy's broadcasting rule). A test then calls the student's function inside
:func:`forbidden`: every named attribute (``"numpy.broadcast_shapes"``) is
replaced by a stand-in that records the attempt and raises :class:`Forbidden`;
array constructors (``"numpy.zeros"``, ``"torch.empty"``, ...) keep working but
raise when asked for an array of one of the shapes the test is watching
(``guard.watch(shape_a, shape_b)``), so that "build two arrays and add them"
fails too. On leaving the block every attribute gets its original back, also
when the student's code raised.

A student may hold a helper under another name (``from numpy import
broadcast_shapes``, ``bs = np.broadcast_shapes``): pass the namespaces their
function reads (its ``__globals__``) and every name there bound to a forbidden
object is replaced as well, and restored afterwards.

:func:`outcomes` calls a function on many argument tuples and keeps each result or
the exception it raised, so that a test can report after the helpers are back.

Nothing here knows an answer; it only refuses to run library code.
"""
import contextlib
import operator
import sys


class Forbidden(RuntimeError):
    """Raised by a forbidden helper (a RuntimeError, so the failure reads plainly)."""


class Guard:
    """What happened inside a :func:`forbidden` block."""

    def __init__(self, min_ndim):
        self.used = []  # names of the forbidden helpers the code called, in order
        self.min_ndim = min_ndim
        self._shapes = frozenset()

    def watch(self, *shapes):
        """Constructors refuse these shapes (those with at least ``min_ndim`` axes)
        until the next call of ``watch``."""
        self._shapes = frozenset(s for s in (_as_shape(x) for x in shapes)
                                 if s is not None and len(s) >= self.min_ndim)

    def _refuse(self, name, detail=""):
        self.used.append(name)
        raise Forbidden(f"{name}{detail} may not be used in this exercise")


def _as_shape(x):
    """``x`` as a tuple of ints (an int is a 1-axis shape), or None."""
    try:
        if isinstance(x, (list, tuple)) or type(x).__name__ == "Size":
            return tuple(operator.index(v) for v in x)
        return (operator.index(x),)
    except TypeError:
        return None


def _requested_shape(args, kwargs, torch_style):
    if "shape" in kwargs:
        return _as_shape(kwargs["shape"])
    if "size" in kwargs:
        return _as_shape(kwargs["size"])
    if not args:
        return None
    if torch_style and len(args) > 1 and all(isinstance(a, int) for a in args):
        return _as_shape(tuple(args))  # torch.zeros(2, 3)
    return _as_shape(args[0])


def _lookup(dotted):
    """``(owner, attribute, value)`` for ``"package.module.attr"``, or None if the
    module is not imported or has no such attribute."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        owner = sys.modules.get(".".join(parts[:cut]))
        if owner is None:
            continue
        try:
            for part in parts[cut:-1]:
                owner = getattr(owner, part)
            return owner, parts[-1], getattr(owner, parts[-1])
        except AttributeError:
            return None
    return None


def _stand_in(guard, name):
    def forbidden_helper(*args, **kwargs):
        guard._refuse(name)
    return forbidden_helper


def _shape_guard(guard, name, original, torch_style):
    def guarded_constructor(*args, **kwargs):
        shape = _requested_shape(args, kwargs, torch_style)
        if shape is not None and shape in guard._shapes:
            guard._refuse(name, f" (an array of shape {shape})")
        return original(*args, **kwargs)
    return guarded_constructor


@contextlib.contextmanager
def forbidden(helpers=(), constructors=(), torch_constructors=(), namespaces=(), min_ndim=1):
    """Within the block, ``helpers`` raise and constructors refuse watched shapes.

    helpers, constructors, torch_constructors: dotted names; names whose module is
    not imported are skipped. namespaces: dicts (a function's ``__globals__``) in
    which other names for the same objects are replaced too. Yields the Guard."""
    guard = Guard(min_ndim)
    saved = []  # (setter, owner, key, original), undone in reverse order

    def replace(owner, key, original, new, setter):
        saved.append((setter, owner, key, original))
        setter(owner, key, new)

    def set_item(d, k, v):
        d[k] = v

    try:
        replacements = {}  # id(original) -> (original, stand-in)
        for names, make in ((helpers, lambda n, o: _stand_in(guard, n)),
                            (constructors, lambda n, o: _shape_guard(guard, n, o, False)),
                            (torch_constructors, lambda n, o: _shape_guard(guard, n, o, True))):
            for name in names:
                found = _lookup(name)
                if found is None:
                    continue
                owner, attr, original = found
                if id(original) not in replacements:
                    replacements[id(original)] = (original, make(name, original))
                replace(owner, attr, original, replacements[id(original)][1], setattr)
        for namespace in namespaces:
            if not isinstance(namespace, dict):
                continue
            for key, value in list(dict.items(namespace)):
                hit = replacements.get(id(value))
                if hit is not None and hit[0] is value:
                    replace(namespace, key, value, hit[1], set_item)
        yield guard
    finally:
        for setter, owner, key, original in reversed(saved):
            setter(owner, key, original)


def outcomes(func, calls, before=None):
    """``func(*args)`` for each ``args`` in ``calls``: its result, or the exception it
    raised (an Exception, not KeyboardInterrupt). ``before(*args)``, if given, runs
    first each time (``guard.watch``)."""
    results = []
    for args in calls:
        if before is not None:
            before(*args)
        try:
            results.append(func(*args))
        except Exception as exc:
            results.append(exc)
    return results
