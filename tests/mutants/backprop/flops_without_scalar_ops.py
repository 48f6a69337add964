# The FLOP count leaves out the scalar operations (the mean's division, lines G and H).
# cell: lydia_flops
# loses: test_lydia_flops
# hint: count the scalar operations too
def lydia_flops(n, d):
    """Total FLOPs of one call of lydia_loss with X of shape (n, d), under the exam's rules."""
    # A: 2nd, B: n, C: n, D: n + 1, E: d, F: d, G: 1, H: 1
    return 2 * n * d + n + n + n + d + d
