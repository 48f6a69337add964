# The n_ctx^2 term of forward mode counted with d_v instead of d_k (the two modes mixed up).
# cell: forward_cost
# loses: test_forward_cost
# may_lose: test_faster_mode
# hint: one iteration per column of L
def forward_cost(d_v, d_k, n_ctx):
    return n_ctx ** 2 * d_v + n_ctx * d_k * d_v
