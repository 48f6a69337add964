# Both A and B start random, so the adapted layer no longer starts as the pretrained one.
# cell: LoRALinear
# loses: test_LoRALinear, test_LoRALinear_forward
# hint: B starts at zero
class LoRALinear(nn.Module):
    def __init__(self, base, r):
        super().__init__()
        self.base = base
        base.requires_grad_(False)
        self.A = nn.Parameter(torch.randn(r, base.in_features, dtype=base.weight.dtype) * 0.1)
        self.B = nn.Parameter(torch.randn(base.out_features, r, dtype=base.weight.dtype) * 0.1)

    def forward(self, x):
        return self.base(x) + x @ self.A.T @ self.B.T

    def merge(self):
        merged = nn.Linear(self.base.in_features, self.base.out_features,
                           bias=self.base.bias is not None, dtype=self.base.weight.dtype)
        with torch.no_grad():
            merged.weight.copy_(self.base.weight + self.B @ self.A)
            if self.base.bias is not None:
                merged.bias.copy_(self.base.bias)
        return merged
