# dL/df taken as 2 (y - f): the minus sign of the inner derivative is lost.
# cell: two_layer_grads
# loses: test_two_layer_grads, test_DL_DW11
# hint: f enters the loss with a minus sign
def two_layer_grads(X, W, V, y):
    """(dL/dW, dL/dV) for L = sum_i (y_i - relu(relu(x_i W) V))^2."""
    H = X @ W                      # (n, h)
    A = torch.relu(H)
    O = A @ V                      # (n, 1)
    f = torch.relu(O)
    dO = 2.0 * (y.reshape(-1, 1) - f) * (O > 0)
    dV = A.T @ dO
    dH = (dO @ V.T) * (H > 0)
    dW = X.T @ dH
    return dW, dV
