# The sliding window stops one position early and never sees the last ell-mer.
# cell: spectrum_features
# loses: test_spectrum_features
# may_lose: test_kmer_kernel, test_kernel_matrix, test_kernel_matrix_edges, test_kernel_matrix_speed, test_krr_predict, test_select_ell, test_select_ell_pipeline
# hint: do not miss the last one
def spectrum_features(s, ell):
    if ell < 1 or any(ch not in ALPHABET for ch in s):
        raise ValueError("bad input")
    phi = np.zeros(4 ** ell)
    for start in range(len(s) - ell):
        index = 0
        for ch in s[start:start + ell]:
            index = 4 * index + ALPHABET.index(ch)
        phi[index] = 1
    return phi
