# The condition number of X (singular values) instead of the Hessian X^T X.
# cell: condition_number
# loses: test_condition_number
# may_lose: test_TOY_CONDITION_NUMBER
# hint: not of X
def condition_number(X):
    """Condition number of the Hessian (2/n) X^T X of the square loss."""
    s = torch.linalg.svdvals(X)
    return float(s.max() / s.min())
