# The decoder runs through the hidden widths in the encoder's order (k -> hidden[0] -> ...)
# instead of mirroring them; with one hidden layer nobody notices.
# cell: AutoEncoder
# loses: test_AutoEncoder
# hint: mirrors it: k -> hidden[-1]
class AutoEncoder(nn.Module):
    def __init__(self, m, k, hidden=(), activation=None):
        super().__init__()
        act = {None: None, "relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}[activation]

        def stack(widths):
            layers = []
            for i, (a, b) in enumerate(zip(widths[:-1], widths[1:])):
                layers.append(nn.Linear(a, b))
                if act and i < len(widths) - 2:
                    layers.append(act())
            return nn.Sequential(*layers)

        self.encoder = stack([m, *hidden, k])
        self.decoder = stack([k, *hidden, m])

    def forward(self, x):
        return self.decoder(self.encoder(x))
