# The encoder is called with autograd recording and the codes are detached afterwards:
# the right numbers, but a graph is built (and kept) for every code.
# cell: linear_probe_accuracy
# loses: test_linear_probe_accuracy_frozen
# hint: call the encoder under torch.no_grad()
def linear_probe_accuracy(encoder, X_train, y_train, X_test, y_test):
    Z_train = encoder(torch.as_tensor(X_train, dtype=torch.float32)).detach().numpy()
    Z_test = encoder(torch.as_tensor(X_test, dtype=torch.float32)).detach().numpy()
    scaler = StandardScaler().fit(Z_train)
    classifier = LogisticRegression(max_iter=1000).fit(scaler.transform(Z_train), y_train)
    return classifier.score(scaler.transform(Z_test), y_test)
