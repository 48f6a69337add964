# Adam without bias correction: m and v are used as they are, not divided by 1 - beta**t.
# cell: adam_step
# loses: test_adam_step, test_adam_step_torch
# hint: divide by the bias corrections
def adam_step(w, g, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if state is None:
        state = {"m": np.zeros_like(g), "v": np.zeros_like(g), "t": 0}
    m = beta1 * state["m"] + (1 - beta1) * g
    v = beta2 * state["v"] + (1 - beta2) * g ** 2
    return w - lr * m / (np.sqrt(v) + eps), {"m": m, "v": v, "t": state["t"] + 1}
