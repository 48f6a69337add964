# The derivative of x^2 + 3 taken as 2x + 3.
# cell: GD_X1
# loses: test_GD_X1
# hint: the constant 3 does not change the derivative
x0, gamma = 1.0, 0.5
GD_X1 = x0 - gamma * (2 * x0 + 3)
