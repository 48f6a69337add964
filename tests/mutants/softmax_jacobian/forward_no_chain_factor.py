# Forward mode that scales the scores but forgets the chain-rule factor 1/sqrt(d_k) on each column.
# cell: jacobian_forward
# loses: test_jacobian_forward
# may_lose: test_jacobian_forward_large_logits
# hint: sqrt(d_k)
def jacobian_forward(q, K, V):
    q, K, V = (np.asarray(a, dtype=float) for a in (q, K, V))
    d_k = K.shape[0]
    J = softmax_jacobian(softmax(K.T @ q / math.sqrt(d_k)))
    return np.stack([V @ (J @ K[j, :]) for j in range(d_k)], axis=1)
