# The Laplacian with the wrong sign: L = A - D.
# cell: laplacian
# loses: test_laplacian
# may_lose: test_laplacian_response, test_karate_club_full_graph, test_karate_club_path, test_karate_club_ring, test_spectral_split
# hint: not A - D
def laplacian(A):
    A = np.asarray(A, dtype=float)
    return A - np.diag(A.sum(axis=1))
