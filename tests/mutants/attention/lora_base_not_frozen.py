# The base layer is kept but not frozen: fine-tuning changes W as well.
# cell: LoRALinear
# loses: test_LoRALinear, test_LoRALinear_train
# hint: freeze every parameter of the base layer
class LoRALinear(nn.Module):
    def __init__(self, base, r):
        super().__init__()
        self.base = base
        self.A = nn.Parameter(torch.randn(r, base.in_features, dtype=base.weight.dtype) * 0.1)
        self.B = nn.Parameter(torch.zeros(base.out_features, r, dtype=base.weight.dtype))

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
