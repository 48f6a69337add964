# Forgetting the 1/sqrt(d_k) scaling of the scores in the attention head.
# cell: attention_head
# loses: test_attention_head
# may_lose: test_attention_head_large_logits
# hint: 1/sqrt(d_k)
def attention_head(q, K, V):
    return np.asarray(V) @ softmax(np.asarray(K).T @ np.asarray(q))
