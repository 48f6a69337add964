# Reverse mode that stacks the gradients of a_i as columns: returns L^T, shape (d_k, d_v).
# cell: jacobian_reverse
# loses: test_jacobian_reverse
# may_lose: test_jacobian_reverse_large_logits
# hint: shape (d_v, d_k)
def jacobian_reverse(q, K, V):
    q, K, V = (np.asarray(a, dtype=float) for a in (q, K, V))
    d_k = K.shape[0]
    J = softmax_jacobian(softmax(K.T @ q / math.sqrt(d_k)))
    return np.stack([K @ (J @ V[i, :]) / math.sqrt(d_k) for i in range(V.shape[0])], axis=1)
