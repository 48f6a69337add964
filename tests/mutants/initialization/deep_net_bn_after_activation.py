# BatchNorm placed after the activation instead of between Linear and activation.
# cell: make_deep_net
# loses: test_make_deep_net
def make_deep_net(depth, activation, batchnorm=False, skip=False, width=64, in_features=32):
    act = {"sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU, "elu": nn.ELU}[activation]

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            layers = [nn.Linear(width, width), act()]
            if batchnorm:
                layers.append(nn.BatchNorm1d(width))
            self.body = nn.Sequential(*layers)

        def forward(self, h):
            return h + self.body(h) if skip else self.body(h)

    return nn.Sequential(nn.Linear(in_features, width), *[Block() for _ in range(depth)],
                         nn.Linear(width, 1))
