# Multiplies each layer's k - 1 by the strides up to and including its own.
# cell: receptive_field
# loses: test_receptive_field
# hint: not its own stride
def receptive_field(layers):
    r, step = 1, 1
    for k, s in layers:
        step *= s
        r += (k - 1) * step
    return r
