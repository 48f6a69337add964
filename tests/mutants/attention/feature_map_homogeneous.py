# Only the outer product x x^T: the features of (x^T y)^2, without the 1 and the linear terms.
# cell: quadratic_feature_map
# loses: test_quadratic_feature_map
# hint: phi needs a constant feature
def quadratic_feature_map(X):
    X = np.asarray(X, dtype=float)
    return np.einsum("ni,nj->nij", X, X).reshape(X.shape[0], -1)
