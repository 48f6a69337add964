# arccos of the LARGEST singular value: the smallest principal angle, 0 whenever the two
# subspaces share a single direction.
# cell: subspace_distance
# loses: test_subspace_distance
# hint: the LARGEST angle
def subspace_distance(U, W):
    QU, _ = np.linalg.qr(np.asarray(U, dtype=float))
    QW, _ = np.linalg.qr(np.asarray(W, dtype=float))
    s = np.linalg.svd(QU.T @ QW, compute_uv=False)
    return float(np.arccos(np.clip(s.max(), 0.0, 1.0)))
