# The whole function replaced by a call of the provided lydia_autograd: no blank is filled in.
# cell: lydia_loss_grad
# loses: test_lydia_loss_grad_loss_grad, test_lydia_loss_grad_lambda_l1_w_grad, test_lydia_loss_grad_l1_w_grad, test_lydia_loss_grad_w_abs_grad, test_lydia_loss_grad_w_grad_1, test_lydia_loss_grad_Xw_minus_Y_squared_grad, test_lydia_loss_grad_Xw_minus_Y_grad_1, test_lydia_loss_grad_Xw_minus_Y_grad_2, test_lydia_loss_grad_Xw_grad, test_lydia_loss_grad_w_grad_2, test_lydia_loss_grad
# hint: raised NameError
def lydia_loss_grad(w, X, Y, lamb):
    forward, grads, steps = lydia_autograd(w, X, Y, lamb)
    return grads["w_grad"], grads
