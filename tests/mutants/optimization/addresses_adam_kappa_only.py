# Adam credited with the conditioning only, forgetting that it runs on minibatches.
# cell: ADDRESSES
# loses: test_ADDRESSES_Adam
# hint: Adam is run on minibatches
ADDRESSES = {"SGD": {"n"}, "momentum": {"kappa"}, "preconditioning": {"kappa"}, "Adam": {"kappa"},
             "random projection": {"d"}}
