"""The comparison helpers that every test cell uses: they must accept every fair
answer and refuse objects that only pretend to be right."""
import numpy as np
import pytest
import torch

from mlcourse import checks


class AlwaysEqual:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


def test_assert_helpers_return_none():
    # nbgrader would take a displayed number as partial credit for the cell.
    assert checks.assert_close([1.0], [1.0], "x") is None
    assert checks.assert_int_equal(0, 0, "x") is None
    assert checks.assert_choice("B", "B", "x") is None


def test_assert_close_accepts_lists_arrays_and_tensors():
    for got in ([1.0, 2.0], np.array([1, 2]), torch.tensor([1.0, 2.0], requires_grad=True)):
        checks.assert_close(got, [1.0, 2.0], "f()")


def test_assert_close_reports_shape_error_and_hint_without_revealing():
    with pytest.raises(AssertionError, match=r"shape \(3,\), expected shape \(2,\)"):
        checks.assert_close([1, 2, 3], [1, 2], "f()")
    with pytest.raises(AssertionError) as info:
        checks.assert_close([1.0, 2.5], [1.0, 2.0], "f(x)", hint="check the sign")
    message = str(info.value)
    assert "1 of 2 entries" in message and "Hint: check the sign" in message
    assert "Expected" not in message


def test_assert_close_rejects_nan_and_objects_that_are_not_numbers():
    with pytest.raises(AssertionError, match="nan or inf"):
        checks.assert_close([np.nan], [1.0], "f()")
    with pytest.raises(AssertionError, match="cannot be read"):
        checks.assert_close(AlwaysEqual(), [1.0], "f()")
    with pytest.raises(AssertionError, match="returned None"):
        checks.assert_close(None, [1.0], "f()")


def test_monkeypatched_numpy_does_not_change_the_verdict(monkeypatch):
    monkeypatch.setattr(np, "allclose", lambda *a, **k: True)
    monkeypatch.setattr(np, "abs", lambda x: x * 0)
    with pytest.raises(AssertionError):
        checks.assert_close([5.0], [1.0], "f()")


def test_numbers_and_integers():
    assert checks.as_int(6.0, "f()") == 6
    assert checks.as_int(np.int64(6), "f()") == 6
    assert checks.as_int(torch.tensor(6), "f()") == 6
    with pytest.raises(AssertionError, match="whole number"):
        checks.as_int(6.5, "f()")
    with pytest.raises(AssertionError, match="bool"):
        checks.as_number(True, "f()")
    with pytest.raises(AssertionError, match="not the right count"):
        checks.assert_int_equal(5, 4, "f()")


def test_choices_are_rebuilt_from_plain_values():
    checks.assert_choice(" c ", "C", "ANSWER")
    checks.assert_choice([2, 1], {1, 2}, "ANSWER")
    checks.assert_choice(True, True, "ANSWER")
    for fake in (AlwaysEqual(), {AlwaysEqual()}):
        with pytest.raises(AssertionError):
            checks.assert_choice(fake, {1, 2} if isinstance(fake, set) else "C", "ANSWER")
    with pytest.raises(AssertionError):
        checks.assert_choice(1, True, "ANSWER")  # 1 is not the bool True here
    with pytest.raises(AssertionError, match="not the right choice"):
        checks.assert_choice({1, 2, 4}, {1, 2, 4, 6}, "ANSWER")


def test_a_str_subclass_cannot_claim_a_choice():
    class Sly(str):
        def __eq__(self, other): return True
        __hash__ = str.__hash__
        def strip(self, *args): return Sly("C")
        upper = strip

        def __str__(self): return self

    checks.assert_choice(Sly(" c"), "C", "ANSWER")  # its content is right
    with pytest.raises(AssertionError, match="not the right choice"):
        checks.assert_choice(Sly("A"), "C", "ANSWER")
    with pytest.raises(AssertionError, match="not the right choice"):
        checks.assert_choice({Sly("A")}, {"C"}, "ANSWER")


def test_assert_raises():
    def raises_value_error(x):
        raise ValueError(x)

    checks.assert_raises(ValueError, raises_value_error, 1, what="f(1)")
    with pytest.raises(AssertionError, match="returned normally"):
        checks.assert_raises(ValueError, lambda x: x, 1, what="f(1)")
    with pytest.raises(AssertionError, match="raised KeyError"):
        checks.assert_raises(ValueError, {}.__getitem__, "k", what="f(1)")


def test_call_names_the_crash_and_gives_the_hint():
    assert checks.call(lambda a, b: a + b, 1, 2, what="add(1, 2)") == 3
    with pytest.raises(checks.CheckFailed, match=r"(?s)f\(1\) raised ZeroDivisionError: .*Hint: divide later"):
        checks.call(lambda a: a / 0, 1, what="f(1)", hint="divide later")
