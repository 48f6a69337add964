# PyTorch's uniform initializers (right standard deviation, wrong distribution).
# cell: init_mlp_
# loses: test_init_mlp_
# may_lose: test_init_mlp__deep
# hint: not a uniform one
def init_mlp_(model, scheme, std=1.0):
    for module in model.modules():
        if isinstance(module, nn.Linear):
            if scheme == "kaiming":
                nn.init.kaiming_uniform_(module.weight, nonlinearity="relu")
            elif scheme == "xavier":
                nn.init.xavier_uniform_(module.weight)
            elif scheme == "normal":
                nn.init.normal_(module.weight, 0.0, std)
            else:
                nn.init.zeros_(module.weight)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
