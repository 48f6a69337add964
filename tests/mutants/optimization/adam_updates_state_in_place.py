# Adam right, but it updates the state dict and its arrays in place and returns the same dict.
# cell: adam_step
# loses: test_adam_step_pure
# hint: must not change w, g or the state it was given
def adam_step(w, g, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if state is None:
        state = {"m": np.zeros_like(g, dtype=float), "v": np.zeros_like(g, dtype=float), "t": 0}
    state["t"] += 1
    state["m"] *= beta1
    state["m"] += (1 - beta1) * g
    state["v"] *= beta2
    state["v"] += (1 - beta2) * g ** 2
    m_hat = state["m"] / (1 - beta1 ** state["t"])
    v_hat = state["v"] / (1 - beta2 ** state["t"])
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), state
