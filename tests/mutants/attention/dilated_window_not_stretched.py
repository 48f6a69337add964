# Dilation keeps only every d-th key inside the plain window |i - j| <= w/2 instead of stretching it.
# cell: dilated_window_mask
# loses: test_dilated_window_mask
# hint: each step is d positions long
def dilated_window_mask(n, w, d):
    i, j = np.indices((n, n))
    return (np.abs(i - j) <= w // 2) & ((i - j) % d == 0)
