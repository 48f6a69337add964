"""mlcourse.forbid: helpers raise inside the block, constructors refuse watched
shapes only, other names for the same helpers are caught, and everything is
restored afterwards, also after an exception."""
import numpy as np
import pytest
import torch

from mlcourse import forbid

HELPERS = ["numpy.broadcast_shapes", "numpy.broadcast", "numpy.lib._stride_tricks_impl._broadcast_shape",
           "torch.broadcast_shapes", "torch._refs._broadcast_shapes", "no_such_module.helper",
           "numpy.no_such_helper"]


def test_helpers_raise_inside_and_are_restored_after():
    originals = (np.broadcast_shapes, np.broadcast, torch.broadcast_shapes)
    with forbid.forbidden(HELPERS) as guard:
        with pytest.raises(forbid.Forbidden, match="numpy.broadcast_shapes may not be used"):
            np.broadcast_shapes((2, 1), (3,))
        with pytest.raises(forbid.Forbidden):
            torch.broadcast_shapes((2, 1), (3,))
        with pytest.raises(forbid.Forbidden):
            np.broadcast_arrays(np.zeros(2), np.zeros(1))  # through numpy's own internals
    assert guard.used[:2] == ["numpy.broadcast_shapes", "torch.broadcast_shapes"]
    assert (np.broadcast_shapes, np.broadcast, torch.broadcast_shapes) == originals
    assert np.broadcast_shapes((2, 1), (3,)) == (2, 3)


def test_restored_after_an_exception():
    original = np.broadcast_shapes
    with pytest.raises(ZeroDivisionError):
        with forbid.forbidden(["numpy.broadcast_shapes"]):
            1 / 0
    assert np.broadcast_shapes is original


def test_constructors_refuse_only_watched_shapes():
    with forbid.forbidden(constructors=["numpy.zeros", "numpy.ones"],
                          torch_constructors=["torch.zeros"], min_ndim=2) as guard:
        guard.watch((2, 3), [4, 1, 5], (7,))
        with pytest.raises(forbid.Forbidden, match=r"shape \(2, 3\)"):
            np.zeros((2, 3))
        with pytest.raises(forbid.Forbidden):
            np.ones(shape=[4, 1, 5], dtype=bool)
        with pytest.raises(forbid.Forbidden):
            torch.zeros(2, 3)
        with pytest.raises(forbid.Forbidden):
            torch.zeros(torch.Size([4, 1, 5]))
        assert np.zeros(7).shape == (7,)  # fewer than min_ndim axes: not watched
        assert np.ones((3, 2), dtype=int).sum() == 6
        assert tuple(torch.zeros(3, 2).shape) == (3, 2)
        guard.watch()
        assert np.zeros((2, 3)).shape == (2, 3)
    assert guard.used == ["numpy.zeros", "numpy.ones", "torch.zeros", "torch.zeros"]
    assert np.zeros.__name__ == "zeros" and torch.zeros.__name__ == "zeros"


def test_other_names_in_a_namespace_are_caught_and_restored():
    namespace = {"bs": np.broadcast_shapes, "np": np, "other": len}
    with forbid.forbidden(["numpy.broadcast_shapes"], namespaces=[namespace, "not a dict"]):
        assert namespace["bs"] is not np.lib._stride_tricks_impl.broadcast_shapes
        with pytest.raises(forbid.Forbidden):
            namespace["bs"]((1,), (2,))
        assert namespace["other"] is len
    assert namespace["bs"] is np.broadcast_shapes


def test_outcomes_keeps_results_and_exceptions_and_calls_before():
    seen = []
    got = forbid.outcomes(lambda a, b: a / b, [(1, 2), (1, 0), (3, 1)], before=lambda a, b: seen.append(a))
    assert got[0] == 0.5 and isinstance(got[1], ZeroDivisionError) and got[2] == 3
    assert seen == [1, 1, 3]
    with forbid.forbidden(["numpy.broadcast_shapes"], constructors=["numpy.zeros"], min_ndim=1) as guard:
        got = forbid.outcomes(lambda s: np.zeros(s).shape, [((2,),), ((3,),)], before=guard.watch)
    assert isinstance(got[0], forbid.Forbidden) and isinstance(got[1], forbid.Forbidden)
