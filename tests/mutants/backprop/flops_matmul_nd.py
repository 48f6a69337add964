# A matrix-vector product counted as nd FLOPs instead of 2nd.
# cell: lydia_flops
# loses: test_lydia_flops
# hint: costs 2nd FLOPs, not nd
def lydia_flops(n, d):
    """Total FLOPs of one call of lydia_loss with X of shape (n, d), under the exam's rules."""
    # A: 2nd, B: n, C: n, D: n + 1, E: d, F: d, G: 1, H: 1
    return n * d + n + n + (n + 1) + d + d + 1 + 1
