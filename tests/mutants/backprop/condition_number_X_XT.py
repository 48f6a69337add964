# The Hessian built as X X^T (n x n, singular when n > d) instead of X^T X.
# cell: condition_number
# loses: test_condition_number
# may_lose: test_TOY_CONDITION_NUMBER
# hint: not the n x n matrix X X^T
def condition_number(X):
    """Condition number of the Hessian (2/n) X^T X of the square loss."""
    n = X.shape[0]
    eig = torch.linalg.eigvalsh((2.0 / n) * X @ X.T)
    return float(eig[-1] / eig[0])
