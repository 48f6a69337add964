# The predictions are squeezed, so one new string gives a 0-d array instead of shape (1,).
# cell: krr_predict
# loses: test_krr_predict
# hint: also (1,) for one string
def krr_predict(w, S_train, S_new, ell):
    return np.squeeze(kernel_matrix(S_new, S_train, ell) @ np.asarray(w, dtype=float))
