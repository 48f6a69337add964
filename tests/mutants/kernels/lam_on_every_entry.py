# lam is added to every entry of K (K + lam) instead of its diagonal (K + lam I).
# cell: krr_fit
# loses: test_krr_fit
# may_lose: test_select_ell, test_select_ell_pipeline
# hint: to every entry of K
def krr_fit(K, r, lam):
    return np.linalg.solve(K + lam, r)
