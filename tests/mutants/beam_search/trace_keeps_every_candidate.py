# The hand trace forgets to prune at step 2 and lists all four expansions as stored.
# cell: BEAM_TRACE
# loses: test_BEAM_TRACE_step2
# hint: keep the best two over all candidates
BEAM_TRACE = [
    {("neural",), ("network",)},
    {("neural", "neural"), ("neural", "network"), ("network", "neural"), ("network", "network")},
    {("network", "neural", "neural"), ("neural", "neural", "neural")},
]
