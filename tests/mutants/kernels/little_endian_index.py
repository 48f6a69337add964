# The last letter of an ell-mer is taken as the most significant base-4 digit.
# cell: spectrum_features
# loses: test_spectrum_features
# hint: first letter most significant
def spectrum_features(s, ell):
    if ell < 1 or any(ch not in ALPHABET for ch in s):
        raise ValueError("bad input")
    phi = np.zeros(4 ** ell)
    for start in range(len(s) - ell + 1):
        index = sum(ALPHABET.index(ch) * 4 ** k for k, ch in enumerate(s[start:start + ell]))
        phi[index] = 1
    return phi
