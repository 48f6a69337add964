# lam is added to the weights instead of to the diagonal of K.
# cell: krr_fit
# loses: test_krr_fit
# may_lose: test_select_ell, test_select_ell_pipeline
# hint: do not add it to w
def krr_fit(K, r, lam):
    return np.linalg.lstsq(K, r, rcond=None)[0] + lam
