# Treating sigma_w2 as a standard deviation and squaring it.
# cell: preactivation_variance
# loses: test_preactivation_variance
def preactivation_variance(sigma_w2, d_h, second_moment_h):
    return d_h * sigma_w2 ** 2 * second_moment_h
