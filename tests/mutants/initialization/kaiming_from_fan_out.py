# Kaiming computed from the fan-out: weight.shape[0] taken as the number of inputs.
# cell: init_mlp_
# loses: test_init_mlp_
# may_lose: test_init_mlp__deep
# hint: weight.shape[1]
def init_mlp_(model, scheme, std=1.0):
    for module in model.modules():
        if isinstance(module, nn.Linear):
            fan_in, fan_out = module.weight.shape
            if scheme == "kaiming":
                sigma = kaiming_std(fan_in)
            elif scheme == "xavier":
                sigma = xavier_std(fan_in, fan_out)
            elif scheme == "normal":
                sigma = std
            else:
                sigma = 0.0
            with torch.no_grad():
                module.weight.normal_(0.0, sigma) if sigma > 0 else module.weight.zero_()
                if module.bias is not None:
                    module.bias.zero_()
