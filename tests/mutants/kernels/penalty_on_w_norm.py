# The penalty is lam ||w||^2 instead of lam w^T K w (the norm of theta in feature space).
# cell: krr_objective
# loses: test_krr_objective
# hint: not lam * ||w||^2
def krr_objective(w, K, r, lam):
    return float(np.sum((K @ w - r) ** 2) + lam * w @ w)
