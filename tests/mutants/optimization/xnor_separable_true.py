# Believes that a single linear layer with a sigmoid can classify the four points.
# cell: XNOR_SEPARABLE
# loses: test_XNOR_SEPARABLE
# hint: add them in pairs
XNOR_SEPARABLE = True
