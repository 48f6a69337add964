# A strict comparison that answers "reverse" on a tie.
# cell: faster_mode
# loses: test_faster_mode
# hint: on a tie
def faster_mode(d_v, d_k, n_ctx):
    return "forward" if forward_cost(d_v, d_k, n_ctx) < reverse_cost(d_v, d_k, n_ctx) else "reverse"
