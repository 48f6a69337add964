# The closed-form gradient drops the 1/n of the mean.
# cell: lydia_grad
# loses: test_lydia_grad
# hint: the mean brings a 1/n
def lydia_grad(w, X, Y, lamb):
    """Gradient of (1/n) sum_i (x_i^T w - y_i)^2 + lamb * ||w||_1, shape (d,)."""
    n = X.shape[0]
    return 2.0 * (X.T @ (X @ w - Y)) + lamb * torch.sign(w)
