# A blank takes its value from the provided lydia_autograd instead of applying the chain rule.
# cell: lydia_loss_grad
# loses: test_lydia_loss_grad_l1_w_grad, test_lydia_loss_grad
# hint: The incoming gradient is not always 1
def lydia_loss_grad(w, X, Y, lamb):
    (n, d) = X.shape
    w_grad = torch.zeros_like(w)
    Xw = X @ w
    Xw_grad = torch.zeros_like(Xw)
    Xw_minus_Y = Xw - Y
    Xw_minus_Y_grad = torch.zeros_like(Xw_minus_Y)
    Xw_minus_Y_squared = Xw_minus_Y * Xw_minus_Y
    Xw_minus_Y_squared_grad = torch.zeros_like(Xw_minus_Y_squared)
    square_loss = Xw_minus_Y_squared.mean()
    square_loss_grad = torch.zeros_like(square_loss)
    w_abs = w.abs()
    w_abs_grad = torch.zeros_like(w_abs)
    l1_w = w_abs.sum()
    l1_w_grad = torch.zeros_like(l1_w)
    lambda_l1_w = lamb * l1_w
    lambda_l1_w_grad = torch.zeros_like(lambda_l1_w)
    loss = square_loss + lambda_l1_w

    # ---- backward pass ----
    # blank: loss_grad
    loss_grad = 1
    square_loss_grad += loss_grad
    # blank: lambda_l1_w_grad
    lambda_l1_w_grad += loss_grad
    # blank: l1_w_grad
    l1_w_grad += lydia_autograd(w, X, Y, lamb)[1]["l1_w_grad"]
    # blank: w_abs_grad
    w_abs_grad += l1_w_grad
    # blank: w_grad (the contribution through w_abs)
    w_grad += w_abs_grad * w.sign()
    # blank: Xw_minus_Y_squared_grad
    Xw_minus_Y_squared_grad += square_loss_grad / n
    # blank: Xw_minus_Y_grad (through the first factor)
    Xw_minus_Y_grad += Xw_minus_Y_squared_grad * Xw_minus_Y
    # blank: Xw_minus_Y_grad (through the second factor)
    Xw_minus_Y_grad += Xw_minus_Y_squared_grad * Xw_minus_Y
    # blank: Xw_grad
    Xw_grad += Xw_minus_Y_grad
    # blank: w_grad (the contribution through Xw)
    w_grad += X.T @ Xw_grad

    gradients = {"loss_grad": loss_grad, "square_loss_grad": square_loss_grad,
                 "lambda_l1_w_grad": lambda_l1_w_grad, "l1_w_grad": l1_w_grad,
                 "w_abs_grad": w_abs_grad, "Xw_minus_Y_squared_grad": Xw_minus_Y_squared_grad,
                 "Xw_minus_Y_grad": Xw_minus_Y_grad, "Xw_grad": Xw_grad, "w_grad": w_grad}
    return w_grad, gradients
