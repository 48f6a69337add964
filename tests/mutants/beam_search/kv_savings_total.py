# Counting all key/value computations of the uncached generation, not the ones the cache
# saves.
# cell: kv_cache_savings
# loses: test_kv_cache_savings
# hint: one key/value either way
def kv_cache_savings(s):
    return s * (s + 1) // 2
