# LeCun's sqrt(1 / fan_in): the ReLU's factor 2 is missing.
# cell: kaiming_std
# loses: test_kaiming_std
# hint: solve relu_variance_propagation
def kaiming_std(fan_in):
    return math.sqrt(1.0 / fan_in)
