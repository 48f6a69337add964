# The singular values of U^T W are taken as cosines although U and W are not orthonormal.
# cell: subspace_distance
# loses: test_subspace_distance
# hint: orthonormalise both bases first
def subspace_distance(U, W):
    s = np.linalg.svd(np.asarray(U, dtype=float).T @ np.asarray(W, dtype=float), compute_uv=False)
    return float(np.arccos(np.clip(s.min(), 0.0, 1.0)))
