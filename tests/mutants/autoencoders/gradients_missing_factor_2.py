# The derivative of the square loses its factor 2.
# cell: linear_ae_gradients
# loses: test_linear_ae_gradients
# hint: dL/dW1 = -(2/n) W2^T R^T X
def linear_ae_gradients(W1, W2, X):
    W1, W2, X = (np.asarray(a, dtype=float) for a in (W1, W2, X))
    R = X - X @ W1.T @ W2.T
    n = len(X)
    return -W2.T @ R.T @ X / n, -R.T @ X @ W1.T / n
