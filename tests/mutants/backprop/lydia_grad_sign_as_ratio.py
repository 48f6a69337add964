# The derivative of |w| computed as w / |w|: nan at a weight that is exactly 0, where sign(0) = 0.
# cell: lydia_grad
# loses: test_lydia_grad
# hint: w / |w| is 0 / 0 = nan
def lydia_grad(w, X, Y, lamb):
    """Gradient of (1/n) sum_i (x_i^T w - y_i)^2 + lamb * ||w||_1, shape (d,)."""
    n = X.shape[0]
    return (2.0 / n) * (X.T @ (X @ w - Y)) + lamb * w / w.abs()
