# Treating the argument as scores and applying softmax again before building J.
# cell: softmax_jacobian
# loses: test_softmax_jacobian
# may_lose: test_jacobian_forward, test_jacobian_reverse, test_jacobian_forward_large_logits, test_jacobian_reverse_large_logits
# hint: do not apply softmax again
def softmax_jacobian(s):
    p = softmax(s)
    return np.diag(p) - np.outer(p, p)
