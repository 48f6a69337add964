# Returning the variance 2 / fan_in instead of the standard deviation.
# cell: kaiming_std
# loses: test_kaiming_std
# hint: solve relu_variance_propagation
def kaiming_std(fan_in):
    return 2.0 / fan_in
