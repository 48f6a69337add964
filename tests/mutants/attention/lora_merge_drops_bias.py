# merge() builds a Linear without bias: the merged layer loses the base's bias.
# cell: LoRALinear
# loses: test_LoRALinear_merge
# hint: keep the base's bias in the merged layer
class LoRALinear(nn.Module):
    def __init__(self, base, r):
        super().__init__()
        self.base = base
        base.requires_grad_(False)
        self.A = nn.Parameter(torch.randn(r, base.in_features, dtype=base.weight.dtype) * 0.1)
        self.B = nn.Parameter(torch.zeros(base.out_features, r, dtype=base.weight.dtype))

    def forward(self, x):
        return self.base(x) + x @ self.A.T @ self.B.T

    def merge(self):
        merged = nn.Linear(self.base.in_features, self.base.out_features, bias=False,
                           dtype=self.base.weight.dtype)
        with torch.no_grad():
            merged.weight.copy_(self.base.weight + self.B @ self.A)
        return merged
