# The compact quadratic feature map without the sqrt(2) factors on the linear and cross terms.
# cell: quadratic_feature_map
# loses: test_quadratic_feature_map
# hint: sqrt(2)
def quadratic_feature_map(X):
    X = np.asarray(X, dtype=float)
    N, D = X.shape
    i, j = np.triu_indices(D, k=1)
    return np.hstack([np.ones((N, 1)), X, X ** 2, X[:, i] * X[:, j]])
