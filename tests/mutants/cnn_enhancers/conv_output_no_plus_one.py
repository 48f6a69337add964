# floor((n + 2p - k) / s) without the + 1: the number of steps, not of windows.
# cell: conv_output_size
# loses: test_conv_output_size
# hint: you forgot the + 1
def conv_output_size(n, k, s=1, p=0):
    return (n + 2 * p - k) // s
