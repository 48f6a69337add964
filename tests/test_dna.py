"""The DNA generator behind the `kernels` assignment."""
import numpy as np

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
