# eps is added under the square root, sqrt(v_hat + eps), instead of after it.
# cell: adam_step
# loses: test_adam_step, test_adam_step_torch
# hint: eps is added outside the square root
def adam_step(w, g, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if state is None:
        state = {"m": np.zeros_like(g), "v": np.zeros_like(g), "t": 0}
    t = state["t"] + 1
    m = beta1 * state["m"] + (1 - beta1) * g
    v = beta2 * state["v"] + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return w - lr * m_hat / np.sqrt(v_hat + eps), {"m": m, "v": v, "t": t}
