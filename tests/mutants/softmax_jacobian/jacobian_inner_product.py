# s @ s (a scalar) where the outer product s s^T belongs.
# cell: softmax_jacobian
# loses: test_softmax_jacobian
# may_lose: test_jacobian_forward, test_jacobian_reverse, test_jacobian_forward_large_logits, test_jacobian_reverse_large_logits
# hint: an entry may involve two of them
def softmax_jacobian(s):
    s = np.asarray(s, dtype=float)
    return np.diag(s) - s @ s.T
