# np.linalg.eigh sorts its eigenvalues in ascending order; taking its last k columns as they
# come gives the top-k eigenvectors, smallest first.
# cell: pca_components
# loses: test_pca_components
# hint: ascending order
def pca_components(X, k):
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    vals, vecs = np.linalg.eigh(Xc.T @ Xc / len(X))
    return vecs[:, -k:]
