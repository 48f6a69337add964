# The optimizer's learning rate is fixed at 0.01, whatever lr the caller passes.
# cell: train_semi_supervised
# loses: test_train_semi_supervised_steps
# hint: the step size does not follow lr
def train_semi_supervised(model, A_hat, X, labels, train_idx, epochs=200, lr=0.01, seed=0):
    torch.manual_seed(seed)
    train_idx = torch.as_tensor(train_idx, dtype=torch.long)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad()
        logits = model(X, A_hat)
        loss = F.cross_entropy(logits[train_idx], labels[train_idx])
        losses.append(float(loss.item()))
        loss.backward()
        optimizer.step()
    return losses
