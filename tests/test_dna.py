"""The DNA generators behind the `kernels` and `cnn_enhancers` assignments, and the logos."""
import numpy as np
import pytest

from mlcourse import dna


def test_expression_data_is_seeded_and_valid():
    S1, r1 = dna.expression_data(50, seed=4)
    S2, r2 = dna.expression_data(50, seed=4)
    assert S1 == S2 and np.array_equal(r1, r2)
    assert S1 != dna.expression_data(50, seed=5)[0]
    assert all(len(s) == 100 and set(s) <= set("ACGT") for s in S1)


def test_levels_follow_the_planted_motifs():
    S, r = dna.expression_data(400, seed=0, noise=0.0)
    expected = [sum(w for motif, w in dna.EXPRESSION_MOTIFS if motif in s) for s in S]
    assert np.allclose(r, expected)
    carriers = [motif in s for s in S for motif, _ in dna.EXPRESSION_MOTIFS[:1]]
    assert 0.3 < np.mean(carriers) < 0.7  # planted about half the time


def test_plant_writes_the_motif_in_place():
    rng = np.random.default_rng(0)
    s = dna.plant("A" * 20, "GATTACA", rng)
    assert len(s) == 20 and "GATTACA" in s


def test_enhancer_data_is_seeded_balanced_and_valid():
    S1, y1 = dna.enhancer_data(101, length=40, seed=3)
    S2, y2 = dna.enhancer_data(101, length=40, seed=3)
    assert S1 == S2 and np.array_equal(y1, y2)
    assert S1 != dna.enhancer_data(101, length=40, seed=4)[0]
    assert all(len(s) == 40 and set(s) <= set("ACGT") for s in S1)
    assert y1.dtype.kind == "i" and set(y1.tolist()) == {0, 1} and y1.sum() == 50  # round(50.5)
    S, y = dna.enhancer_data(30, length=10, seed=0, positive_fraction=0.2)
    assert y.sum() == 6


def test_enhancer_positives_carry_the_motifs_and_negatives_do_not():
    S, y = dna.enhancer_data(400, length=60, seed=0, mutation=0.0, p_silent=0.0)
    carries = np.array([any(m in s for m in dna.ENHANCER_MOTIFS) for s in S])
    assert carries[y == 1].all()
    assert carries[y == 0].mean() < 0.1  # only by chance
    # silent positives carry nothing planted: as often a motif by chance as negatives
    S, y = dna.enhancer_data(400, length=60, seed=0, mutation=0.0, p_silent=1.0)
    carries = np.array([any(m in s for m in dna.ENHANCER_MOTIFS) for s in S])
    assert carries[y == 1].mean() < 0.1
    with pytest.raises(ValueError):
        dna.enhancer_data(5, length=5)


def test_mutate_changes_letters_at_the_given_rate():
    rng = np.random.default_rng(0)
    assert dna.mutate("GATTACA", 0.0, rng) == "GATTACA"
    changed = dna.mutate("GATTACA", 1.0, rng)
    assert len(changed) == 7 and all(a != b for a, b in zip(changed, "GATTACA"))
    diffs = [sum(a != b for a, b in zip(dna.mutate("A" * 100, 0.2, rng), "A" * 100))
             for _ in range(20)]
    assert 15 < np.mean(diffs) < 25


def test_logo_heights_and_drawing():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    w = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 2.0], [-1.0, 0.0]])
    h = dna.logo_heights(w)
    assert np.allclose(h, [[1.0, 0.0], [0.0, 0.0], [0.0, 1.5], [0.0, 0.0]])
    fig, ax = plt.subplots()
    dna.draw_logo(ax, h, title="filter")
    assert len(ax.patches) == 2 and ax.get_title() == "filter"
    assert ax.get_ylim()[1] > 1.5
    plt.close(fig)
    with pytest.raises(ValueError):
        dna.logo_heights(np.zeros((3, 2)))
