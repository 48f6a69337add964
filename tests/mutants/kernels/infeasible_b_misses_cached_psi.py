# Caching the approximate features (10^7 x 20000 floats) is believed to fit in memory.
# cell: SGD_INFEASIBLE_B
# loses: test_SGD_INFEASIBLE_B
# hint: cached approximate features
SGD_INFEASIBLE_B = {1, 2, 4}
