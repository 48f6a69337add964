# "same"-style padding k // 2 on the convolution, which the contract excludes (it also scores windows
# that stick out of the sequence).
# cell: EnhancerCNN
# loses: test_EnhancerCNN, test_EnhancerCNN_forward
# may_lose: test_cross_validate_auc
# hint: no padding
class EnhancerCNN(nn.Module):
    def __init__(self, kernel_size, n_filters):
        super().__init__()
        self.conv = nn.Conv1d(4, n_filters, kernel_size, padding=kernel_size // 2)
        self.fc = nn.Linear(n_filters, 1)

    def forward(self, x):
        return self.fc(torch.relu(self.conv(x)).amax(dim=2)).squeeze(1)
