# The scores are not divided by sqrt(D).
# cell: softmax_attention
# loses: test_softmax_attention, test_softmax_attention_mask, test_softmax_attention_robust, test_softmax_attention_torch
# hint: divide the scores by sqrt(D)
def softmax_attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    scores = Q @ K.T
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=1, keepdims=True))
    return weights / weights.sum(axis=1, keepdims=True) @ V
