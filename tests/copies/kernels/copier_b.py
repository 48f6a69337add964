# copier_a's answer, handed in with renamed variables, other comments and layout.
# cell: spectrum_features
def spectrum_features(s, ell):
    if isinstance(ell, bool) or not isinstance(ell, (int, np.integer)) or ell <= 0: raise ValueError("k has to be > 0")
    for c in s:
        if c not in ALPHABET: raise ValueError("invalid base in input")

    vec = np.zeros(4 ** ell)  # one slot per possible word
    words = set(s[j:j + ell] for j in range(len(s) - ell + 1))
    for w in words:
        idx = 0
        for c in w:
            idx = idx * 4 + ALPHABET.find(c)   # base-4 digit
        vec[idx] = 1
    return vec
