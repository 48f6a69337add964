# An activation after the input layer as well.
# cell: make_deep_net
# loses: test_make_deep_net
# hint: input Linear (no activation)
def make_deep_net(depth, activation, batchnorm=False, skip=False, width=64, in_features=32):
    act = {"sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU, "elu": nn.ELU}[activation]

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = nn.Linear(width, width)
            self.bn = nn.BatchNorm1d(width) if batchnorm else nn.Identity()
            self.act = act()

        def forward(self, h):
            z = self.act(self.bn(self.lin(h)))
            return h + z if skip else z

    return nn.Sequential(nn.Linear(in_features, width), act(),
                         *[Block() for _ in range(depth)], nn.Linear(width, 1))
