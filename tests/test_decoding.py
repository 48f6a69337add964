"""The toy decoders of the beam_search assignment (mlcourse.decoding)."""
import itertools
import math

import numpy as np
import pytest

from mlcourse import checks, decoding


def test_example_tree_is_a_distribution_and_has_the_promised_properties():
    tree = decoding.example_tree()
    assert tree.vocab == ("neural", "network") and tree.depth == 3
    for prefix in itertools.chain.from_iterable(
            itertools.product(tree.vocab, repeat=n) for n in range(3)):
        probs = [math.exp(v) for v in tree.next_log_probs(prefix).values()]
        assert math.isclose(sum(probs), 1.0)
    # no ties between partial sums of the same length
    for n in (1, 2, 3):
        scores = [tree.sequence_log_prob(s) for s in itertools.product(tree.vocab, repeat=n)]
        assert len({round(s, 9) for s in scores}) == len(scores)
    scores = {s: tree.sequence_log_prob(s) for s in itertools.product(tree.vocab, repeat=3)}
    best = max(scores, key=scores.get)
    assert best == ("neural", "network", "neural")
    # beam k=2 keeps neither prefix of the optimum at step 2
    two = {s: tree.sequence_log_prob(s) for s in itertools.product(tree.vocab, repeat=2)}
    kept = sorted(two, key=two.get, reverse=True)[:2]
    assert best[:2] not in kept


def test_decoder_counts_calls_and_refuses_to_go_too_deep():
    tree = decoding.example_tree()
    tree.next_log_probs(())
    tree.next_log_probs(("neural",))
    assert tree.calls == 2
    tree.sequence_log_prob(("neural", "network", "neural"))
    assert tree.calls == 2, "sequence_log_prob does not count"
    with pytest.raises(ValueError, match="one step too many"):
        tree.next_log_probs(("neural", "neural", "neural"))
    with pytest.raises(ValueError, match="vocabulary"):
        tree.next_log_probs(("deep",))


def test_random_tree_is_reproducible_normalised_and_order_independent():
    a, b = decoding.random_tree(4, 5, seed=3), decoding.random_tree(4, 5, seed=3)
    assert a.vocab == b.vocab and len(set(a.vocab)) == 4
    prefix = (a.vocab[2], a.vocab[0])
    first = a.next_log_probs(prefix)
    b.next_log_probs(())
    b.next_log_probs((a.vocab[1],))
    assert b.next_log_probs(prefix) == first
    assert math.isclose(sum(math.exp(v) for v in first.values()), 1.0)
    assert decoding.random_tree(4, 5, seed=4).next_log_probs(()) != a.next_log_probs(())
    assert a.depth == 5
    with pytest.raises(ValueError):
        a.next_log_probs(tuple(a.vocab[:1]) * 5)


def test_readers_accept_plain_answers_and_reject_others():
    seq, score = decoding.read_hypothesis((["a", "b"], np.float64(-1.5)), "h")
    assert seq == ("a", "b") and score == -1.5 and type(seq[0]) is str
    beam = decoding.read_beam([(("a",), -1), [("b",), -2.0]], "beam")
    assert beam == [(("a",), -1.0), (("b",), -2.0)]
    with pytest.raises(checks.CheckFailed):
        decoding.read_hypothesis(("a", "b", -1.0), "h")
    with pytest.raises(checks.CheckFailed):
        decoding.read_hypothesis(((1, 2), -1.0), "h")
    with pytest.raises(checks.CheckFailed):
        decoding.read_hypothesis((("a",), True), "h")
    with pytest.raises(checks.CheckFailed):
        decoding.read_beam(None, "beam")

    class Sneaky(str):
        def __eq__(self, other):
            return True

        __hash__ = str.__hash__

    seq = decoding.read_sequence([Sneaky("x")], "s")
    assert type(seq[0]) is str and seq != ("y",)


def test_plot_tree_does_not_count_calls():
    import matplotlib
    matplotlib.use("Agg")
    tree = decoding.example_tree()
    decoding.plot_tree(tree)
    assert tree.calls == 0
