# Predicting with the kernel among the new strings, K(new, new), instead of K(new, train).
# cell: krr_predict
# loses: test_krr_predict
# may_lose: test_select_ell, test_select_ell_pipeline
# hint: not K(new, new)
def krr_predict(w, S_train, S_new, ell):
    return kernel_matrix(S_new, S_new, ell) @ w
