# loss.backward() without zeroing the gradients stored by earlier calls.
# cell: gradient_norms
# loses: test_gradient_norms
# hint: zero the stored gradients before the backward pass
def gradient_norms(model, x, y):
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    return [m.weight.grad.norm().item() for m in model.modules() if isinstance(m, nn.Linear)]
