# A X (the sum of the neighbours) instead of L X = D X - A X.
# cell: laplacian_response
# loses: test_laplacian_response
# may_lose: test_FULL_GRAPH_RESPONSE, test_PATH_RESPONSE, test_RING_RESPONSE
# hint: A X alone only sums the neighbours
def laplacian_response(A, X):
    return np.asarray(A, dtype=float) @ np.asarray(X, dtype=float)
