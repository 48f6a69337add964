# Broadcasting compares the shapes from the left (the first axes) instead of from the right.
# cell: can_broadcast
# loses: test_can_broadcast
# may_lose: test_can_broadcast_zero
# hint: compare the lengths from the right
def can_broadcast(shape_a, shape_b):
    for x, y in zip(shape_a, shape_b):
        if x != y and x != 1 and y != 1:
            return False
    return True
