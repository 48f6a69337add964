# Adds up k - 1 for every layer as if all strides were 1.
# cell: receptive_field
# loses: test_receptive_field
# hint: the strides matter
def receptive_field(layers):
    return 1 + sum(k - 1 for k, s in layers)
