# The raw examples (n d = 2e11 floats, 800 GB) are counted as kept in memory, so ways 1 and 3 look infeasible.
# cell: SGD_INFEASIBLE_A
# loses: test_SGD_INFEASIBLE_A
# hint: streamed from disk
SGD_INFEASIBLE_A = {1, 3, 4}
