# F.mse_loss as the reconstruction term: a mean over the m entries too, and no 1/2; the KL
# term then weighs m/2 times too much against the reconstruction.
# cell: negative_elbo
# loses: test_negative_elbo
# hint: not F.mse_loss
def negative_elbo(x, x_hat, mu, logvar):
    return F.mse_loss(x_hat, x) + kl_standard_normal(mu, logvar)
