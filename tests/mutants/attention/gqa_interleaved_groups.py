# Query head h uses key/value head h % G (repeat instead of repeat_interleave).
# cell: GroupedQueryAttention
# loses: test_GroupedQueryAttention_gqa, test_GroupedQueryAttention_mask
# hint: the groups are contiguous
class GroupedQueryAttention(nn.Module):
    def __init__(self, D, H, G):
        super().__init__()
        if D % H or H % G:
            raise ValueError("H must divide D and G must divide H")
        self.D, self.H, self.G, self.hd = D, H, G, D // H
        self.q_proj = nn.Linear(D, D, bias=False)
        self.k_proj = nn.Linear(D, G * self.hd, bias=False)
        self.v_proj = nn.Linear(D, G * self.hd, bias=False)
        self.o_proj = nn.Linear(D, D, bias=False)

    def forward(self, x, mask=None):
        B, N, _ = x.shape
        q = self.q_proj(x).view(B, N, self.H, self.hd).transpose(1, 2)
        k = self.k_proj(x).view(B, N, self.G, self.hd).transpose(1, 2).repeat(1, self.H // self.G, 1, 1)
        v = self.v_proj(x).view(B, N, self.G, self.hd).transpose(1, 2).repeat(1, self.H // self.G, 1, 1)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.hd)
        if mask is not None:
            scores = scores.masked_fill(~mask, float("-inf"))
        out = torch.softmax(scores, dim=-1) @ v
        return self.o_proj(out.transpose(1, 2).reshape(B, N, self.D))
