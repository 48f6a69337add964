# D~^{-1} (A + I) (row-normalised, random-walk form) instead of the symmetric D~^{-1/2} (A + I) D~^{-1/2}.
# cell: normalized_adjacency
# loses: test_normalized_adjacency
# hint: the symmetric form
def normalized_adjacency(A):
    A_tilde = np.asarray(A, dtype=float) + np.eye(len(A))
    return A_tilde / A_tilde.sum(axis=1, keepdims=True)
