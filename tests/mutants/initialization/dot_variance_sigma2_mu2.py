# Var(q^T k) written as d sigma^2 mu^2 (as if Var(q_i k_i) = Var(q_i) E[k_i]^2), which is 0 for mu = 0.
# cell: dot_product_variance
# loses: test_dot_product_variance
# hint: E[q_i^2] E[k_i^2]
def dot_product_variance(d):
    mu, sigma = 0.0, 1.0
    return d * sigma ** 2 * mu ** 2
