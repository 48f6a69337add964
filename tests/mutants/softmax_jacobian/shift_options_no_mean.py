# Missing that subtracting the mean is also a constant shift (option G).
# cell: SHIFT_INVARIANT_OPTIONS
# loses: test_SHIFT_INVARIANT_OPTIONS
# hint: mean and the max
SHIFT_INVARIANT_OPTIONS = {"A", "E"}
