# The bias is added before the aggregation: A_hat (X W + b) instead of A_hat X W + b.
# cell: GCNLayer
# loses: test_GCNLayer
# may_lose: test_GCN, test_GCN_training
# hint: the bias is added after the aggregation
class GCNLayer(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(in_features, out_features))
        nn.init.xavier_uniform_(self.weight)
        self.bias = nn.Parameter(torch.zeros(out_features)) if bias else None

    def forward(self, X, A_hat):
        out = X @ self.weight
        if self.bias is not None:
            out = out + self.bias
        return A_hat @ out
