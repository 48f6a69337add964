# The feature matrices are stacked with np.array alone, which has no rows to multiply for an empty list.
# cell: kernel_matrix
# loses: test_kernel_matrix_edges
# hint: also when a list is empty
def kernel_matrix(S, T, ell):
    phi_S = np.array([spectrum_features(s, ell) for s in S])
    phi_T = np.array([spectrum_features(t, ell) for t in T])
    return phi_S @ phi_T.T
