# Running the layers of an nn.Sequential one by one: breaks on models with their own forward.
# cell: activation_variances
# loses: test_activation_variances
def activation_variances(model, x):
    result = []
    with torch.no_grad():
        for layer in model:
            x = layer(x)
            if isinstance(layer, nn.Linear):
                result.append(x.var(unbiased=False).item())
    return result
