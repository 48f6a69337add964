# The entries of M^k are read as counts of walks of up to k steps (the self-loops blur the difference).
# cell: WALK_COUNTS_MEANING
# loses: test_WALK_COUNTS_MEANING
# hint: exactly two steps
WALK_COUNTS_MEANING = "d"
