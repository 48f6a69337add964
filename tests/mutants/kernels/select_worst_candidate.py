# argmax instead of argmin: the candidate with the largest validation error is kept.
# cell: select_ell
# loses: test_select_ell
# may_lose: test_select_ell_pipeline
# hint: smallest validation error
def select_ell(S, r, ells, lam):
    r = np.asarray(r, dtype=float)
    n_val = len(S) // 4
    S_tr, S_val = S[n_val:], S[:n_val]
    errors = []
    for ell in ells:
        w = krr_fit(kernel_matrix(S_tr, S_tr, ell), r[n_val:], lam)
        errors.append(np.mean((krr_predict(w, S_tr, S_val, ell) - r[:n_val]) ** 2))
    return ells[int(np.argmax(errors))]
