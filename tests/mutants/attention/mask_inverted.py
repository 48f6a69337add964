# The mask is read with nn.MultiheadAttention's convention (True = blocked).
# cell: softmax_attention
# loses: test_softmax_attention_mask, test_softmax_attention_robust, test_softmax_attention_torch
# hint: mask[i, j] == True means query i MAY attend to key j
def softmax_attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    scores = Q @ K.T / np.sqrt(Q.shape[1])
    if mask is not None:
        scores = np.where(mask, -np.inf, scores)
    scores = scores - scores.max(axis=1, keepdims=True)
    weights = np.exp(scores)
    return weights / weights.sum(axis=1, keepdims=True) @ V
