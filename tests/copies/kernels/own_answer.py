# An honest student's own correct answer to the same question (vectorised with
# numpy's sliding windows): it must not be flagged against the copied pair.
# cell: spectrum_features
def spectrum_features(s, ell):
    if isinstance(ell, bool) or not isinstance(ell, (int, np.integer)) or ell < 1:
        raise ValueError(f"need a positive integer ell, not {ell!r}")
    if set(s) - set(ALPHABET):
        raise ValueError("only A, C, G and T are allowed")
    codes = np.array([ALPHABET.index(ch) for ch in s], dtype=np.int64)
    out = np.zeros(4 ** ell)
    if len(codes) >= ell:
        windows = np.lib.stride_tricks.sliding_window_view(codes, ell)
        out[windows @ (4 ** np.arange(ell - 1, -1, -1))] = 1.0
    return out
