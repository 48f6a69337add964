# Replacing torch's comparisons and tensor equality so that any answer passes.
# (On a very busy machine `import torch` can outlast the catalogue's 10 s cell timeout:
# then the kernel is stopped and the submission not graded, still flagged, never scored.)
# expect: flagged or not graded
# reason: torch.allclose
import torch
torch.allclose = lambda *a, **k: True
torch.equal = lambda *a, **k: True
torch.testing.assert_close = lambda *a, **k: None
torch.Tensor.__eq__ = lambda self, other: torch.ones_like(self, dtype=torch.bool)
def double(x):
    return torch.tensor(float(x))
