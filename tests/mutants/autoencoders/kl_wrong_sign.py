# The formula sheet's -1/2 sum(1 + logvar - mu^2 - exp(logvar)) without its leading minus:
# the "KL" is never positive, and minimising it pushes the posterior away from the prior.
# cell: kl_standard_normal
# loses: test_kl_standard_normal, test_kl_standard_normal_grad, test_negative_elbo
# hint: never negative
def kl_standard_normal(mu, logvar):
    return 0.5 * (1 + logvar - mu ** 2 - logvar.exp()).sum(dim=1).mean()
