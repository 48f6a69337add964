# A ** k: the entrywise power instead of the matrix power.
# cell: walk_counts
# loses: test_walk_counts
# may_lose: test_WALK_ENTRY_SUM
# hint: not the entrywise power
def walk_counts(A, k):
    return np.asarray(A, dtype=float) ** k
