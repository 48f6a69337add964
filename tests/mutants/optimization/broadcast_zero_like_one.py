# An axis of length 0 is taken to match any length, as if it were 1.
# cell: can_broadcast
# loses: test_can_broadcast_zero
# may_lose: test_can_broadcast
# hint: 0 is not 1
def can_broadcast(shape_a, shape_b):
    for x, y in zip(reversed(shape_a), reversed(shape_b)):
        if x != y and x not in (0, 1) and y not in (0, 1):
            return False
    return True
