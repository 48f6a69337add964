# The closed-form gradient forgets the factor 2 from the derivative of the square.
# cell: lydia_grad
# loses: test_lydia_grad
# hint: the derivative of u^2 is 2u
def lydia_grad(w, X, Y, lamb):
    """Gradient of (1/n) sum_i (x_i^T w - y_i)^2 + lamb * ||w||_1, shape (d,)."""
    n = X.shape[0]
    return (1.0 / n) * (X.T @ (X @ w - Y)) + lamb * torch.sign(w)
