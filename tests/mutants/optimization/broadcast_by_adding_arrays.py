# Builds two arrays of the given shapes and tries to add them.
# cell: can_broadcast
# loses: test_can_broadcast
# may_lose: test_can_broadcast_zero
# hint: without building arrays of these shapes
def can_broadcast(shape_a, shape_b):
    try:
        np.zeros(shape_a, dtype=bool) + np.zeros(shape_b, dtype=bool)
        return True
    except ValueError:
        return False
