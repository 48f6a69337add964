# The padding counted on one side only: n + p instead of n + 2p.
# cell: conv_output_size
# loses: test_conv_output_size
# hint: n + 2p, not n + p
def conv_output_size(n, k, s=1, p=0):
    return (n + p - k) // s + 1
