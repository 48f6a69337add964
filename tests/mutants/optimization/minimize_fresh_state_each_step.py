# Every step is called with state=None, so the optimizer forgets its state (momentum, Adam's t).
# cell: minimize
# loses: test_minimize, test_minimize_protocol
# hint: then the state it returned
def minimize(grad, x0, step, steps):
    x = np.array(x0, dtype=float)
    rows = [x]
    for _ in range(steps):
        x, _ = step(x, grad(x), None)
        rows.append(np.array(x, dtype=float))
    return np.array(rows)
