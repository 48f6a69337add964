# The L1 penalty is differentiated as if it were lamb * w (confusion with ridge).
# cell: lydia_grad
# loses: test_lydia_grad
# hint: lamb * sign(w), not lamb * w
def lydia_grad(w, X, Y, lamb):
    """Gradient of (1/n) sum_i (x_i^T w - y_i)^2 + lamb * ||w||_1, shape (d,)."""
    n = X.shape[0]
    return (2.0 / n) * (X.T @ (X @ w - Y)) + lamb * w
