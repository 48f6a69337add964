# Inverted rule: forward mode chosen when the input side d_k is the larger one.
# cell: faster_mode
# loses: test_faster_mode
# hint: compare forward_cost and reverse_cost
def faster_mode(d_v, d_k, n_ctx):
    return "forward" if d_k >= d_v else "reverse"
