# Alan's layer (CS4787 5.4): V softmax(K^T Q / sqrt(D)); shape-valid when M = D, but it mixes the features of each token instead of the tokens.
# cell: softmax_attention
# loses: test_softmax_attention, test_softmax_attention_mask, test_softmax_attention_robust, test_softmax_attention_torch
# hint: mixes the features of each token
def softmax_attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    S = K.T @ Q / np.sqrt(Q.shape[1])
    S = np.exp(S - S.max(axis=1, keepdims=True))
    return V @ (S / S.sum(axis=1, keepdims=True))
