# A X (the sum of the neighbours) instead of L X = D X - A X.
# cell: laplacian_response
# loses: test_laplacian_response
# may_lose: test_karate_club_full_graph, test_karate_club_path, test_karate_club_ring
# hint: A X alone only sums the neighbours
def laplacian_response(A, X):
    return np.asarray(A, dtype=float) @ np.asarray(X, dtype=float)
