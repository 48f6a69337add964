# K used where K^T belongs in forward mode: stacking K J V^T-style products the wrong way round,
# i.e. L = (V J K^T)^T computed as K J V^T (the shapes only agree when d_k == d_v).
# cell: jacobian_forward
# loses: test_jacobian_forward
# may_lose: test_jacobian_forward_large_logits
def jacobian_forward(q, K, V):
    q, K, V = (np.asarray(a, dtype=float) for a in (q, K, V))
    d_k = K.shape[0]
    J = softmax_jacobian(softmax(K.T @ q / math.sqrt(d_k)))
    return K @ J @ V.T / math.sqrt(d_k)
