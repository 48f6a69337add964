# exp of the raw scores: overflows for scores of magnitude 1e3.
# cell: softmax_attention
# loses: test_softmax_attention_robust
# hint: subtract each row's maximum score
def softmax_attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    scores = Q @ K.T / np.sqrt(Q.shape[1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = np.exp(scores)
    return weights / weights.sum(axis=1, keepdims=True) @ V
