# forward applies the sigmoid: it returns probabilities where the contract asks for logits.
# cell: EnhancerCNN
# loses: test_EnhancerCNN_forward
# may_lose: test_cross_validate_auc
# hint: logits, not probabilities
class EnhancerCNN(nn.Module):
    def __init__(self, kernel_size, n_filters):
        super().__init__()
        self.conv = nn.Conv1d(4, n_filters, kernel_size)
        self.fc = nn.Linear(n_filters, 1)

    def forward(self, x):
        return torch.sigmoid(self.fc(torch.relu(self.conv(x)).amax(dim=2))).squeeze(1)
