# SGD that updates the caller's array in place (w -= lr * g) and returns it.
# cell: sgd_step
# loses: test_sgd_step_pure
# hint: compute w - lr * g as a new array
def sgd_step(w, g, state, lr=1e-3):
    w -= lr * g
    return w, state
