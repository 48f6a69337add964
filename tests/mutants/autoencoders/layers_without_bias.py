# Every layer is created with bias=False, as if the data were always centred.
# cell: AutoEncoder
# loses: test_AutoEncoder
# hint: with bias
class AutoEncoder(nn.Module):
    def __init__(self, m, k, hidden=(), activation=None):
        super().__init__()
        act = {None: None, "relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}[activation]

        def stack(widths):
            layers = []
            for i, (a, b) in enumerate(zip(widths[:-1], widths[1:])):
                layers.append(nn.Linear(a, b, bias=False))
                if act and i < len(widths) - 2:
                    layers.append(act())
            return nn.Sequential(*layers)

        widths = [m, *hidden, k]
        self.encoder = stack(widths)
        self.decoder = stack(widths[::-1])

    def forward(self, x):
        return self.decoder(self.encoder(x))
