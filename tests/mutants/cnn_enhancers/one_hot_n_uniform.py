# An unknown base N is encoded as 0.25 in every channel instead of an all-zero column.
# cell: one_hot_dna
# loses: test_one_hot_dna
# hint: all-zero column
def one_hot_dna(seqs):
    seqs = list(seqs)
    if len({len(s) for s in seqs}) > 1:
        raise ValueError("sequences of different lengths")
    X = np.zeros((len(seqs), 4, len(seqs[0]) if seqs else 0), dtype=np.float32)
    for i, s in enumerate(seqs):
        for j, base in enumerate(s):
            if base == "N":
                X[i, :, j] = 0.25
            elif base in "ACGT" and len(base) == 1:
                X[i, "ACGT".index(base), j] = 1.0
            else:
                raise ValueError(f"bad base {base!r}")
    return X
