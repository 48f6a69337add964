# The mask zeroes the weights after the softmax, without renormalising the rows.
# cell: softmax_attention
# loses: test_softmax_attention_mask, test_softmax_attention_robust, test_softmax_attention_torch
# hint: set masked scores to -inf before the softmax
def softmax_attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    scores = Q @ K.T / np.sqrt(Q.shape[1])
    weights = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights = weights / weights.sum(axis=1, keepdims=True)
    if mask is not None:
        weights = weights * mask
    return weights @ V
