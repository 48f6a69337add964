# The Laplacian with the wrong sign: L = A - D.
# cell: laplacian
# loses: test_laplacian
# may_lose: test_laplacian_response, test_FULL_GRAPH_RESPONSE, test_PATH_RESPONSE, test_RING_RESPONSE, test_spectral_split
# hint: not A - D
def laplacian(A):
    A = np.asarray(A, dtype=float)
    return A - np.diag(A.sum(axis=1))
