# The eigenvectors of X^T X / n for the raw data: without centring, the mean dominates the top component.
# cell: pca_components
# loses: test_pca_components
# hint: subtract the column means
def pca_components(X, k):
    X = np.asarray(X, dtype=float)
    vals, vecs = np.linalg.eigh(X.T @ X / len(X))
    return vecs[:, ::-1][:, :k]
