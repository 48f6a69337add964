"""Seeded generators of DNA strings (alphabet ACGT).

Real gene-expression data is replaced by a generator: each string may carry a few
planted motifs, and its "expression level" is the sum of the weights of the motifs
it carries plus Gaussian noise. Kernels that compare short substrings can find the
motifs; the expression level depends on nothing else."""
import numpy as np

ALPHABET = "ACGT"

# (motif, weight): a motif raises or lowers the expression level when present.
EXPRESSION_MOTIFS = (("GATTACA", 2.0), ("CCGGTT", 1.5), ("TATAAT", -1.5))


def random_dna(length, rng):
    """One uniformly random string of the given length."""
    return "".join(rng.choice(list(ALPHABET), size=length))


def plant(s, motif, rng):
    """``s`` with ``motif`` written over it at a random position."""
    start = int(rng.integers(0, len(s) - len(motif) + 1))
    return s[:start] + motif + s[start + len(motif):]


def expression_data(n, length=100, seed=0, motifs=EXPRESSION_MOTIFS, p_motif=0.5, noise=0.3):
    """``n`` DNA strings and their real-valued expression levels.

    Each motif is planted independently with probability ``p_motif``; the level is
    the sum of the planted motifs' weights plus N(0, noise^2)."""
    rng = np.random.default_rng(seed)
    strings, levels = [], np.empty(n)
    for i in range(n):
        s = random_dna(length, rng)
        level = 0.0
        for motif, weight in motifs:
            if rng.random() < p_motif:
                s = plant(s, motif, rng)
        for motif, weight in motifs:  # a later motif may overwrite an earlier one
            if motif in s:
                level += weight
        strings.append(s)
        levels[i] = level + noise * rng.standard_normal()
    return strings, levels
