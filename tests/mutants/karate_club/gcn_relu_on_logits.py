# A ReLU after the second layer too, so the logits cannot be negative.
# cell: GCN
# loses: test_GCN
# may_lose: test_GCN_training
# hint: do not apply a ReLU (or softmax) after the second layer
class GCN(nn.Module):
    def __init__(self, in_features, hidden, n_classes):
        super().__init__()
        self.conv1 = GCNLayer(in_features, hidden)
        self.conv2 = GCNLayer(hidden, n_classes)

    def forward(self, X, A_hat):
        return torch.relu(self.conv2(torch.relu(self.conv1(X, A_hat)), A_hat))
