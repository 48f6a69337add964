# The power is built by starting from A and multiplying k - 1 more times, so k = 0 gives A instead of I.
# cell: walk_counts
# loses: test_walk_counts
# hint: k = 0 the identity
def walk_counts(A, k):
    A = np.asarray(A, dtype=float)
    result = A.copy()
    for _ in range(int(k) - 1):
        result = result @ A
    return result
