# Kernel attention through the N x N similarity matrix: right, but out of memory at N = 200000.
# cell: kernel_attention
# loses: test_kernel_attention_large
# hint: 320 GB
def kernel_attention(Q, K, V, phi):
    sim = phi(np.asarray(Q, dtype=float)) @ phi(np.asarray(K, dtype=float)).T
    return sim @ np.asarray(V, dtype=float) / sim.sum(axis=1, keepdims=True)
