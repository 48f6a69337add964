# The textbook formula exp(x) / sum(exp(x)) without subtracting the maximum: overflows to nan.
# cell: softmax
# loses: test_softmax_stable
# may_lose: test_attention_head_large_logits, test_jacobian_forward_large_logits, test_jacobian_reverse_large_logits
# hint: overflow
def softmax(x):
    z = np.exp(np.asarray(x, dtype=float))
    return z / z.sum()
