# Two graph convolutions stacked with no nonlinearity between them.
# cell: GCN
# loses: test_GCN
# may_lose: test_GCN_training
# hint: no nonlinearity between the two layers
class GCN(nn.Module):
    def __init__(self, in_features, hidden, n_classes):
        super().__init__()
        self.conv1 = GCNLayer(in_features, hidden)
        self.conv2 = GCNLayer(hidden, n_classes)

    def forward(self, X, A_hat):
        return self.conv2(self.conv1(X, A_hat), A_hat)
