# The numerator phi(Q) S only, without dividing by phi(Q) z.
# cell: kernel_attention
# loses: test_kernel_attention, test_kernel_attention_large
# hint: divide by the normaliser
def kernel_attention(Q, K, V, phi):
    phi_Q, phi_K = phi(np.asarray(Q, dtype=float)), phi(np.asarray(K, dtype=float))
    return phi_Q @ (phi_K.T @ np.asarray(V, dtype=float))
