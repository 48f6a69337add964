# np.triu instead of np.tril: every query sees the future instead of the past.
# cell: causal_mask
# loses: test_causal_mask
# hint: every key j <= i
def causal_mask(n):
    return np.triu(np.ones((n, n), dtype=bool))
