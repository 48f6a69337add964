# The bound sqrt(6 / (fan_in + fan_out)) of Xavier's uniform version used as the standard deviation.
# cell: xavier_std
# loses: test_xavier_std
# hint: bound b of Xavier's uniform version
def xavier_std(fan_in, fan_out):
    return math.sqrt(6.0 / (fan_in + fan_out))
