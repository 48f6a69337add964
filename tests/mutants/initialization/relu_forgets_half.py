# Forgetting that the ReLU halves the second moment: E[h^2] taken as sigma_f^2.
# cell: relu_variance_propagation
# loses: test_relu_variance_propagation
# hint: what fraction of E[f^2] survives the ReLU
def relu_variance_propagation(sigma_w2, d_h, sigma_f2):
    return d_h * sigma_w2 * sigma_f2
