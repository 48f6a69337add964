# The sum of squared errors instead of their mean.
# cell: gradient_norms
# loses: test_gradient_norms
# hint: mean squared error
def gradient_norms(model, x, y):
    model.zero_grad()
    loss = ((model(x) - y) ** 2).sum()
    loss.backward()
    return [m.weight.grad.norm().item() for m in model.modules() if isinstance(m, nn.Linear)]
