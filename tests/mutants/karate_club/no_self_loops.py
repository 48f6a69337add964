# The renormalisation trick without the self-loops: D^{-1/2} A D^{-1/2}.
# cell: normalized_adjacency
# loses: test_normalized_adjacency
# hint: the self-loops are missing
def normalized_adjacency(A):
    A = np.asarray(A, dtype=float)
    d_inv_sqrt = 1.0 / np.sqrt(A.sum(axis=1))
    return d_inv_sqrt[:, None] * A * d_inv_sqrt[None, :]
