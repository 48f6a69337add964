# select_ell returns the position of the best candidate instead of its value.
# cell: select_ell
# loses: test_select_ell
# may_lose: test_select_ell_pipeline
# hint: not its position in the list
def select_ell(S, r, ells, lam):
    r = np.asarray(r, dtype=float)
    n_val = len(S) // 4
    S_tr, S_val = S[n_val:], S[:n_val]
    errors = []
    for ell in ells:
        w = krr_fit(kernel_matrix(S_tr, S_tr, ell), r[n_val:], lam)
        errors.append(np.mean((krr_predict(w, S_tr, S_val, ell) - r[:n_val]) ** 2))
    return int(np.argmin(errors))
