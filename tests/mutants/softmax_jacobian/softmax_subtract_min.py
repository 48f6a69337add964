# Shifting by the minimum instead of the maximum: the largest exponent still overflows.
# cell: softmax
# loses: test_softmax_stable
# may_lose: test_attention_head_large_logits, test_jacobian_forward_large_logits, test_jacobian_reverse_large_logits
# hint: overflow
def softmax(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(x - np.min(x))
    return z / z.sum()
