# The activation follows every layer, the code layer and the output layer included.
# cell: AutoEncoder
# loses: test_AutoEncoder_forward
# hint: no activation after the last layer of the encoder
class AutoEncoder(nn.Module):
    def __init__(self, m, k, hidden=(), activation=None):
        super().__init__()
        act = {None: None, "relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}[activation]
        widths = [m, *hidden, k]
        enc, dec = [], []
        for a, b in zip(widths[:-1], widths[1:]):
            enc += [nn.Linear(a, b)] + ([act()] if act else [])
        for a, b in zip(widths[::-1][:-1], widths[::-1][1:]):
            dec += [nn.Linear(a, b)] + ([act()] if act else [])
        self.encoder = nn.Sequential(*enc)
        self.decoder = nn.Sequential(*dec)

    def forward(self, x):
        return self.decoder(self.encoder(x))
