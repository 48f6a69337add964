# The regularisation is forgotten: w solves K w = r (least squares where K is singular).
# cell: krr_fit
# loses: test_krr_fit
# may_lose: test_select_ell, test_select_ell_pipeline
# hint: do not drop it
def krr_fit(K, r, lam):
    return np.linalg.lstsq(K, r, rcond=None)[0]
