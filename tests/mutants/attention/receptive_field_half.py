# Only one side of the window counted: l w d / 2.
# cell: receptive_field
# loses: test_receptive_field
# hint: EACH side
def receptive_field(layers, w, d=1):
    return layers * w * d // 2
