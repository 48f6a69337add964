# numpy decides: np.broadcast_shapes, with its error caught.
# cell: can_broadcast
# loses: test_can_broadcast, test_can_broadcast_zero
# hint: without numpy's broadcasting helpers
def can_broadcast(shape_a, shape_b):
    try:
        np.broadcast_shapes(shape_a, shape_b)
        return True
    except ValueError:
        return False
