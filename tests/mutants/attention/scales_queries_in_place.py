# The queries are scaled in place: the caller's array changes, and so do the keys when Q and K are the same array.
# cell: softmax_attention
# loses: test_softmax_attention, test_softmax_attention_robust
# hint: do not modify Q, K, V or mask in place
def softmax_attention(Q, K, V, mask=None):
    Q = np.asarray(Q, dtype=float)
    Q /= np.sqrt(Q.shape[1])
    scores = Q @ np.asarray(K, dtype=float).T
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=1, keepdims=True))
    return weights / weights.sum(axis=1, keepdims=True) @ np.asarray(V, dtype=float)
