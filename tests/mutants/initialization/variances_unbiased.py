# torch.var's default, the unbiased estimate that divides by n - 1.
# cell: activation_variances
# loses: test_activation_variances
# hint: dividing by the number of entries
def activation_variances(model, x):
    layers = [m for m in model.modules() if isinstance(m, nn.Linear)]
    outs = []
    handles = [l.register_forward_hook(lambda m, i, o: outs.append(o.detach())) for l in layers]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return [o.var().item() for o in outs]
