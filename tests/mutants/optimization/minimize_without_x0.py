# The trajectory leaves out the starting point: shape (steps, d) instead of (steps + 1, d).
# cell: minimize
# loses: test_minimize, test_minimize_protocol
# hint: row 0 is x0
def minimize(grad, x0, step, steps):
    x, state, rows = np.array(x0, dtype=float), None, []
    for _ in range(steps):
        x, state = step(x, grad(x), state)
        rows.append(np.array(x, dtype=float))
    return np.array(rows).reshape(steps, len(x0))
