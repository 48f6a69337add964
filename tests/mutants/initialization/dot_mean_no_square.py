# E[q^T k] = d mu: the product of the two means forgotten.
# cell: dot_product_mean
# loses: test_dot_product_mean
# hint: E[q_i k_i] = E[q_i] E[k_i]
def dot_product_mean(mu, sigma, d):
    return d * mu
