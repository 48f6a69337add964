# Momentum accumulates m = beta * m + g (torch's buffer) but steps with lr, not lr * (1 - beta).
# cell: momentum_step
# loses: test_momentum_step, test_momentum_step_torch
# hint: (1 - beta) * g
def momentum_step(w, g, state, lr=1e-3, beta=0.9):
    m = np.zeros_like(g) if state is None else state["m"]
    m = beta * m + g
    return w - lr * m, {"m": m}
