# Channels in the order A, C, T, G (alphabetical pairs mixed up) instead of A, C, G, T.
# cell: one_hot_dna
# loses: test_one_hot_dna
# hint: the channels come in another order
def one_hot_dna(seqs):
    seqs = list(seqs)
    if len({len(s) for s in seqs}) > 1:
        raise ValueError("sequences of different lengths")
    X = np.zeros((len(seqs), 4, len(seqs[0]) if seqs else 0), dtype=np.float32)
    for i, s in enumerate(seqs):
        for j, base in enumerate(s):
            if base == "N":
                continue
            if base not in "ACGT":
                raise ValueError(f"bad base {base!r}")
            X[i, "ACTG".index(base), j] = 1.0
    return X
