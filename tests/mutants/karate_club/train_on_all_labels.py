# Semi-supervised in name only: the cross-entropy is taken over all 34 members.
# cell: train_semi_supervised
# loses: test_train_semi_supervised, test_train_semi_supervised_labels
# hint: only the labels of the nodes in train_idx
def train_semi_supervised(model, A_hat, X, labels, train_idx, epochs=200, lr=0.01, seed=0):
    torch.manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(X, A_hat), labels)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return losses
