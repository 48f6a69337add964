"""Seeded generators of DNA strings (alphabet ACGT), and sequence logos.

Real data is replaced by generators. ``expression_data`` (the `kernels` assignment):
each string may carry a few planted motifs, and its "expression level" is the sum of the
weights of the motifs it carries plus Gaussian noise. ``enhancer_data`` (the
`cnn_enhancers` assignment): labelled "enhancers" whose positives carry noisy copies of
planted motifs. ``draw_logo`` draws the filters of a CNN as sequence logos."""
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


# Enhancer-like data (cnn_enhancers). Stands in for real enhancer sequences: positives carry
# noisy forward-strand copies of a few planted motifs, negatives are uniform background.
ENHANCER_MOTIFS = ("GATTACA", "CACGTG", "TGACTCA")


def mutate(motif, rate, rng):
    """``motif`` with each letter replaced, with probability ``rate``, by one of the three
    other letters (chosen uniformly)."""
    letters = list(motif)
    for i, letter in enumerate(letters):
        if rng.random() < rate:
            letters[i] = str(rng.choice([b for b in ALPHABET if b != letter]))
    return "".join(letters)


def enhancer_data(n, length=100, seed=0, motifs=ENHANCER_MOTIFS, positive_fraction=0.5,
                  copies=(1, 3), mutation=0.05, p_silent=0.1):
    """``n`` DNA strings of one ``length`` and their 0/1 labels (an int array).

    ``round(n * positive_fraction)`` strings are positives ("active enhancers"), the rest
    negatives, in random order. Every string starts as uniformly random background (the
    same base composition for both classes). A positive then receives, unless it is one of
    the ``p_silent`` fraction of positives that carry no motif, between ``copies[0]`` and
    ``copies[1]`` copies of motifs drawn uniformly from ``motifs``, each copy written on the
    forward strand at a random position after ``mutate(motif, mutation)``. So a perfect
    classifier is impossible: silent positives look like negatives, and a negative may carry
    a motif by chance."""
    if length < max(len(m) for m in motifs):
        raise ValueError("length must be at least the longest motif's")
    rng = np.random.default_rng(seed)
    n_pos = int(round(n * positive_fraction))
    labels = np.zeros(n, dtype=int)
    labels[rng.permutation(n)[:n_pos]] = 1
    strings = []
    for label in labels:
        s = random_dna(length, rng)
        if label == 1 and rng.random() >= p_silent:
            for _ in range(int(rng.integers(copies[0], copies[1] + 1))):
                motif = motifs[int(rng.integers(len(motifs)))]
                s = plant(s, mutate(motif, mutation, rng), rng)
        strings.append(s)
    return strings, labels


# Sequence logos (matplotlib only), for drawing first-layer filters of a CNN.
LOGO_COLORS = {"A": "tab:green", "C": "tab:blue", "G": "orange", "T": "tab:red"}


def logo_heights(weights):
    """Letter heights for a logo of a (4, k) filter (rows A, C, G, T): each position's
    weights minus their mean, negative parts dropped, so the letters a filter prefers
    stand tall and the ones it dislikes vanish."""
    w = np.asarray(weights, dtype=float)
    if w.ndim != 2 or w.shape[0] != len(ALPHABET):
        raise ValueError(f"expected weights of shape (4, k), got {w.shape}")
    return np.clip(w - w.mean(axis=0, keepdims=True), 0.0, None)


def draw_logo(ax, heights, title=None):
    """Draw a sequence logo on ``ax``: at position j the letters with positive
    ``heights[:, j]`` (rows A, C, G, T) are stacked, the tallest on top."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import PathPatch
    from matplotlib.textpath import TextPath
    from matplotlib.transforms import Affine2D

    heights = np.asarray(heights, dtype=float)
    font = FontProperties(family="DejaVu Sans", weight="bold")
    for pos in range(heights.shape[1]):
        bottom = 0.0
        for c in np.argsort(heights[:, pos], kind="stable"):
            h = float(heights[c, pos])
            if h <= 0:
                continue
            letter = ALPHABET[c]
            path = TextPath((0, 0), letter, size=1, prop=font)
            box = path.get_extents()
            shape = (Affine2D().translate(-box.x0, -box.y0)
                     .scale(0.9 / box.width, h / box.height).translate(pos + 0.05, bottom))
            ax.add_patch(PathPatch(shape.transform_path(path), color=LOGO_COLORS[letter], lw=0))
            bottom += h
    top = float(heights.sum(axis=0).max()) if heights.size else 0.0
    ax.set_xlim(0, max(heights.shape[1], 1))
    ax.set_ylim(0, top * 1.05 if top > 0 else 1.0)
    ax.set_xticks(np.arange(heights.shape[1]) + 0.5)
    ax.set_xticklabels([str(i) for i in range(heights.shape[1])])
    ax.set_xlabel("position in the filter")
    ax.set_ylabel("weight above the mean")
    if title:
        ax.set_title(title)
    return ax
