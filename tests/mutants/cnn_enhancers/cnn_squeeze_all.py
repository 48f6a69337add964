# .squeeze() without a dimension: for a single sequence (N = 1) the output has shape () instead of (1,).
# cell: EnhancerCNN
# loses: test_EnhancerCNN_forward
# may_lose: test_cross_validate_auc
# hint: even for N = 1
class EnhancerCNN(nn.Module):
    def __init__(self, kernel_size, n_filters):
        super().__init__()
        self.conv = nn.Conv1d(4, n_filters, kernel_size)
        self.fc = nn.Linear(n_filters, 1)

    def forward(self, x):
        return self.fc(torch.relu(self.conv(x)).amax(dim=2)).squeeze()
