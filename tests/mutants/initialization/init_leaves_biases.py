# Re-initializing the weights but leaving PyTorch's default biases in place.
# cell: init_mlp_
# loses: test_init_mlp_
# may_lose: test_init_mlp__deep
# hint: biases are set to 0 in every scheme
def init_mlp_(model, scheme, std=1.0):
    for module in model.modules():
        if isinstance(module, nn.Linear):
            fan_out, fan_in = module.weight.shape
            sigma = {"kaiming": kaiming_std(fan_in), "xavier": xavier_std(fan_in, fan_out),
                     "normal": std, "zeros": 0.0}[scheme]
            with torch.no_grad():
                module.weight.normal_(0.0, sigma) if sigma > 0 else module.weight.zero_()
