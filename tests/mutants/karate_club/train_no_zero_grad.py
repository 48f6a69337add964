# The training loop never calls optimizer.zero_grad(): each step uses the sum of all gradients so far.
# cell: train_semi_supervised
# loses: test_train_semi_supervised_steps
# hint: clear the gradients every epoch
def train_semi_supervised(model, A_hat, X, labels, train_idx, epochs=200, lr=0.01, seed=0):
    torch.manual_seed(seed)
    train_idx = torch.as_tensor(train_idx, dtype=torch.long)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        logits = model(X, A_hat)
        loss = F.cross_entropy(logits[train_idx], labels[train_idx])
        losses.append(float(loss.item()))
        loss.backward()
        optimizer.step()
    return losses
