# K used where K^T belongs: scores K q instead of K^T q.
# cell: attention_head
# loses: test_attention_head
# may_lose: test_attention_head_large_logits
def attention_head(q, K, V):
    K = np.asarray(K, dtype=float)
    return np.asarray(V) @ softmax(K @ np.asarray(q) / math.sqrt(K.shape[0]))
