# The recorded loss is computed after the optimizer step, so the untrained model's loss is missing.
# cell: train_semi_supervised
# loses: test_train_semi_supervised
# hint: before the optimizer step
def train_semi_supervised(model, A_hat, X, labels, train_idx, epochs=200, lr=0.01, seed=0):
    torch.manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(X, A_hat)[train_idx], labels[train_idx])
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            losses.append(F.cross_entropy(model(X, A_hat)[train_idx], labels[train_idx]).item())
    return losses
