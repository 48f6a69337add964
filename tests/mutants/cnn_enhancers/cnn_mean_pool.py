# Average pooling over positions instead of the max: a motif at one position is diluted.
# cell: EnhancerCNN
# loses: test_EnhancerCNN_forward
# may_lose: test_cross_validate_auc
# hint: not the mean
class EnhancerCNN(nn.Module):
    def __init__(self, kernel_size, n_filters):
        super().__init__()
        self.conv = nn.Conv1d(4, n_filters, kernel_size)
        self.fc = nn.Linear(n_filters, 1)

    def forward(self, x):
        return self.fc(torch.relu(self.conv(x)).mean(dim=2)).squeeze(1)
