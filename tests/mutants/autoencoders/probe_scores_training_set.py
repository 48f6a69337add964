# The probe reports its accuracy on the codes it was trained on.
# cell: linear_probe_accuracy
# loses: test_linear_probe_accuracy_train_only
# may_lose: test_linear_probe_accuracy
# hint: score it on the test codes
def linear_probe_accuracy(encoder, X_train, y_train, X_test, y_test):
    with torch.no_grad():
        Z_train = encoder(torch.as_tensor(X_train, dtype=torch.float32)).numpy()
    classifier = LogisticRegression(max_iter=1000).fit(Z_train, y_train)
    return classifier.score(Z_train, y_train)
