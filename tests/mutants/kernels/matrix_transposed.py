# The kernel matrix comes out with T along the rows: shape (len(T), len(S)).
# cell: kernel_matrix
# loses: test_kernel_matrix, test_kernel_matrix_edges
# may_lose: test_krr_predict, test_select_ell, test_select_ell_pipeline
# hint: rows for S, columns for T
def kernel_matrix(S, T, ell):
    phi_S = np.array([spectrum_features(s, ell) for s in S]).reshape(len(S), 4 ** ell)
    phi_T = np.array([spectrum_features(t, ell) for t in T]).reshape(len(T), 4 ** ell)
    return phi_T @ phi_S.T
