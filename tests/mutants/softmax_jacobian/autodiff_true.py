# Calling every differentiation method a kind of backpropagation.
# cell: AUTODIFF_TF
# loses: test_AUTODIFF_TF
# hint: modes is backpropagation
AUTODIFF_TF = True
