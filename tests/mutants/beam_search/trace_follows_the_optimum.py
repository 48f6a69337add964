# The hand trace keeps the prefixes of the most likely sequence (read off the tree) instead of the best partial scores.
# cell: BEAM_TRACE
# loses: test_BEAM_TRACE_step2, test_BEAM_TRACE_step3
# hint: SUM of the log-probabilities
BEAM_TRACE = [
    {("neural",), ("network",)},
    {("neural", "neural"), ("neural", "network")},
    {("neural", "network", "neural"), ("neural", "neural", "neural")},
]
