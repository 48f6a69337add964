# The feature dimension is taken as the number of windows of one string.
# cell: feature_dim
# loses: test_feature_dim
# hint: does the string length change
def feature_dim(ell, n):
    return n - ell + 1
