# C counted as 1 + D + D^2 (the full outer product) instead of the (D+1)(D+2)/2 the task fixes.
# cell: linear_attention_cost
# loses: test_linear_attention_cost
# hint: C = (D+1)(D+2)/2
def linear_attention_cost(N, D, M):
    C = 1 + D + D * D
    return N * C * (2 * M + 1), 2 * N * D + N * M + 2 * N * C + C * M + C
