# Folds seeded, but torch is not: the models' random initialisations differ from call to call.
# cell: cross_validate
# loses: test_cross_validate_seeded
# hint: seed torch from seed
def cross_validate(make_model, X, y, folds=5, seed=0):
    X = torch.as_tensor(np.asarray(X, dtype=np.float32))
    y = np.asarray(y).astype(int)
    result = {"roc_auc": [], "pr_auc": []}
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for fold, (train, test) in enumerate(splitter.split(np.zeros(len(y)), y)):
        model = make_model()
        _fit(model, X[torch.as_tensor(train)], y[train], seed + fold)
        with torch.no_grad():
            scores = model(X[torch.as_tensor(test)]).reshape(-1).numpy()
        result["roc_auc"].append(roc_auc_score(y[test], scores))
        result["pr_auc"].append(average_precision_score(y[test], scores))
    return result


def _fit(model, X, y, seed, epochs=20, lr=0.01, batch_size=64):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    generator = torch.Generator().manual_seed(seed)
    targets = torch.as_tensor(y, dtype=torch.float32)
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            loss = nn.functional.binary_cross_entropy_with_logits(model(X[batch]).reshape(-1), targets[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
