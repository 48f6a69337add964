# One bias per input channel instead of one per output channel.
# cell: conv_params
# loses: test_conv_params
# hint: per OUTPUT channel
def conv_params(c_in, c_out, k, bias=True):
    return c_out * c_in * k + (c_in if bias else 0)
