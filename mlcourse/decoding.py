"""Toy decoders for the `beam_search` assignment, and readers for what a student's
decoding functions return.

A decoder here is anything with ``next_log_probs(prefix) -> dict[str, float]``:
given the tokens generated so far (a tuple of strings), it returns the
log-probability of every vocabulary token as the next one. ``TreeDecoder`` reads
them from a fixed table (a tree of prefixes); ``random_tree`` builds one whose
log-probabilities are drawn at random, lazily and reproducibly, so that trees of
any size cost only what a search actually looks at.

Every decoder counts how often it was asked (``calls``) and refuses to extend a
prefix that already has the tree's full length (``depth``).

Nothing here solves the assignment: it holds no search."""
import math

import numpy as np

from .checks import CheckFailed, as_number

WORDS = ("neural", "network", "deep", "learning", "model", "layer", "token", "beam",
         "search", "decoder")


class TreeDecoder:
    """A decoder whose predictions are a table ``{prefix: {token: log_prob}}``.

    ``vocab`` is the tuple of tokens, ``depth`` the length of the sequences in the
    tree, ``calls`` the number of ``next_log_probs`` calls so far."""

    def __init__(self, table, depth, name="tree"):
        self._table = {tuple(p): dict(d) for p, d in table.items()}
        self.depth = int(depth)
        self.vocab = tuple(self._table[()])
        self.name = name
        self.calls = 0

    def _lookup(self, prefix):
        return self._table[prefix]

    def next_log_probs(self, prefix):
        """The log-probability of each vocabulary token following ``prefix``."""
        prefix = tuple(prefix)
        self.calls += 1
        if len(prefix) >= self.depth:
            raise ValueError(
                f"{self.name}: asked for the token after a prefix of length {len(prefix)}, "
                f"but the sequences of this tree have length {self.depth} (one step too many?)")
        bad = [t for t in prefix if t not in self.vocab]
        if bad:
            raise ValueError(f"{self.name}: the prefix {prefix!r} contains {bad[0]!r}, "
                             f"which is not in the vocabulary {self.vocab!r}")
        return dict(self._lookup(prefix))

    def sequence_log_prob(self, sequence):
        """Sum of the log-probabilities along ``sequence`` (does not count as calls)."""
        calls, total = self.calls, 0.0
        sequence = tuple(sequence)
        for t in range(len(sequence)):
            total += self.next_log_probs(sequence[:t])[sequence[t]]
        self.calls = calls
        return total

    def __repr__(self):
        return f"TreeDecoder({self.name!r}, vocab={self.vocab!r}, depth={self.depth})"


class _RandomTree(TreeDecoder):
    def __init__(self, vocab, depth, seed, scale, name):
        self.vocab, self.depth, self.seed, self.scale = tuple(vocab), int(depth), seed, scale
        self.name, self.calls = name, 0
        self._index = {t: i for i, t in enumerate(self.vocab)}
        self._cache = {}

    def _lookup(self, prefix):
        if prefix not in self._cache:
            entropy = [int(self.seed), len(prefix)] + [self._index[t] for t in prefix]
            rng = np.random.default_rng(entropy)
            logits = rng.normal(size=len(self.vocab)) * self.scale
            logp = logits - (logits.max() + math.log(np.exp(logits - logits.max()).sum()))
            self._cache[prefix] = {t: float(v) for t, v in zip(self.vocab, logp)}
        return self._cache[prefix]


def random_tree(vocab_size, depth, seed, scale=1.5):
    """A decoder over ``vocab_size`` words with random, continuous log-probabilities
    (a softmax of N(0, scale^2) logits at every prefix). The same seed gives the same
    tree, whatever order the prefixes are asked in."""
    if not 1 <= vocab_size <= len(WORDS):
        raise ValueError(f"vocab_size must be between 1 and {len(WORDS)}")
    rng = np.random.default_rng([int(seed), 7919])
    vocab = tuple(WORDS[i] for i in rng.permutation(len(WORDS))[:vocab_size])
    return _RandomTree(vocab, depth, seed, scale,
                       name=f"random_tree(vocab_size={vocab_size}, depth={depth}, seed={seed})")


# Our own example for EECS182-5 (the homework's figure is not available): the
# probability of each next token given the prefix. N = "neural", W = "network".
_EXAMPLE_PROBS = {
    (): {"neural": 0.55, "network": 0.45},
    ("neural",): {"neural": 0.60, "network": 0.40},
    ("network",): {"neural": 0.70, "network": 0.30},
    ("neural", "neural"): {"neural": 0.55, "network": 0.45},
    ("neural", "network"): {"neural": 0.95, "network": 0.05},
    ("network", "neural"): {"neural": 0.60, "network": 0.40},
    ("network", "network"): {"neural": 0.60, "network": 0.40},
}


def example_tree():
    """The notebook's length-3 example over {"neural", "network"} (log-probabilities
    are natural logs of the probabilities in ``_EXAMPLE_PROBS``)."""
    table = {p: {t: math.log(q) for t, q in d.items()} for p, d in _EXAMPLE_PROBS.items()}
    return TreeDecoder(table, depth=3, name="example_tree")


def _fail(message, hint):
    raise CheckFailed(f"{message}\nHint: {hint}" if hint else message)


def read_sequence(x, what, hint=""):
    """A student's token sequence as a plain tuple of plain str (a tuple or list of
    strings is accepted)."""
    if not isinstance(x, (tuple, list)):
        _fail(f"{what}: the sequence should be a tuple of tokens (strings), got "
              f"{type(x).__name__}.", hint)
    out = []
    for t in x:
        if not isinstance(t, str):
            _fail(f"{what}: the sequence contains {type(t).__name__}, expected only "
                  f"tokens (strings).", hint)
        out.append(str.__add__("", t))
    return tuple(out)


def read_hypothesis(x, what, hint=""):
    """A student's ``(sequence, log_prob)`` pair as ``(tuple[str], float)``."""
    if not isinstance(x, (tuple, list)) or len(x) != 2:
        _fail(f"{what} should be a pair (sequence, total log-probability), got "
              f"{type(x).__name__}" + (f" of length {len(x)}" if isinstance(x, (tuple, list))
                                       else "") + ".", hint)
    return read_sequence(x[0], what, hint), as_number(x[1], what + " (its log-probability)", hint)


def read_beam(x, what, hint=""):
    """A student's beam (a list of ``(sequence, log_prob)`` pairs) as plain Python."""
    if not isinstance(x, (list, tuple)):
        _fail(f"{what} should be a list of (sequence, log-probability) pairs, got "
              f"{type(x).__name__}.", hint)
    return [read_hypothesis(h, f"{what}[{i}]", hint) for i, h in enumerate(x)]


def format_sequence(seq):
    """``('neural', 'network')`` -> ``'neural network'`` for messages."""
    return " ".join(seq) if seq else "(empty)"


def fail(message, hint=""):
    """Fail a test with ``message`` and a hint (an AssertionError, like every check)."""
    _fail(message, hint)


def plot_tree(decoder, ax=None, title=None):
    """Draw every prefix of a small ``TreeDecoder`` as a tree, each edge labelled with
    its token and log-probability. Returns the matplotlib axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(11, 6.5))
    depth, vocab = decoder.depth, decoder.vocab
    calls = decoder.calls
    leaves = [()]
    for _ in range(depth):
        leaves = [p + (t,) for p in leaves for t in vocab]
    y = {leaf: -i for i, leaf in enumerate(leaves)}
    for d in range(depth - 1, -1, -1):
        for leaf in leaves:
            p = leaf[:d]
            kids = [y[p + (t,)] for t in vocab]
            y[p] = sum(kids) / len(kids)
    colors = ["tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple"]
    for d in range(depth):
        seen = sorted({leaf[:d] for leaf in leaves}, key=lambda p: -y[p])
        for p in seen:
            logp = decoder.next_log_probs(p)
            for j, t in enumerate(vocab):
                c = p + (t,)
                ax.plot([d, d + 1], [y[p], y[c]], color=colors[j % len(colors)], lw=1.5)
                ax.text(d + 0.55, (y[p] + y[c]) / 2 + 0.12, f"{t}: {logp[t]:.3f}",
                        fontsize=9, ha="center", color=colors[j % len(colors)],
                        bbox=dict(facecolor="white", edgecolor="none", pad=0.5))
    decoder.calls = calls
    for p, yy in y.items():
        ax.plot(len(p), yy, "o", color="black", ms=5)
    ax.annotate("START", (0, y[()]), xytext=(-0.08, y[()]), ha="right", va="center")
    ax.set_xticks(range(depth + 1))
    ax.set_xlabel("time step t (number of tokens generated)")
    ax.set_yticks([])
    ax.set_xlim(-0.4, depth + 0.2)
    ax.set_title(title or "Decoder tree: next-token log-probabilities given the prefix")
    return ax
