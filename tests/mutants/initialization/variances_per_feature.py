# The mean of the per-feature variances (over the batch only) instead of the variance of all entries.
# cell: activation_variances
# loses: test_activation_variances
# hint: variance over all entries
def activation_variances(model, x):
    layers = [m for m in model.modules() if isinstance(m, nn.Linear)]
    outs = []
    handles = [l.register_forward_hook(lambda m, i, o: outs.append(o.detach())) for l in layers]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return [o.var(dim=0, unbiased=False).mean().item() for o in outs]
