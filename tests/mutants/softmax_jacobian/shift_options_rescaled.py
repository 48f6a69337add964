# Also picking D, e^{-c} softmax(x + c 1), which rescales the output.
# cell: SHIFT_INVARIANT_OPTIONS
# loses: test_SHIFT_INVARIANT_OPTIONS
SHIFT_INVARIANT_OPTIONS = {"a", "d", "e", "g"}
