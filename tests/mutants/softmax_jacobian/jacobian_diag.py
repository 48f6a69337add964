# J = diag(s), the seed's "J is diagonal": drops the -s_i s_j terms (and the -s_i^2 on the diagonal).
# cell: softmax_jacobian
# loses: test_softmax_jacobian
# may_lose: test_jacobian_forward, test_jacobian_reverse, test_jacobian_forward_large_logits, test_jacobian_reverse_large_logits
# hint: J is not diagonal
def softmax_jacobian(s):
    return np.diag(np.asarray(s, dtype=float))
