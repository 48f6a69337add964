# The seed's per-sample ||x - x_hat||^2 (summed over the m pixels, averaged over the batch)
# instead of F.mse_loss's mean over all entries: every loss is m times too large.
# cell: train_autoencoder
# loses: test_train_autoencoder, test_train_autoencoder_corruption, test_train_autoencoder_adam
# hint: m times it
def train_autoencoder(model, X, mode, epochs, seed, lr=1e-3, batch_size=64, noise_std=0.0, mask_ratio=0.0):
    generator = torch.Generator().manual_seed(seed)
    X = torch.as_tensor(X, dtype=torch.float32)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        batch_losses = []
        for start in range(0, len(X), batch_size):
            xb = X[order[start:start + batch_size]]
            x_hat = model(corrupt(xb, mode, noise_std, mask_ratio, generator))
            loss = ((x_hat - xb) ** 2).sum(dim=1).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item())
        losses.append(sum(batch_losses) / len(batch_losses))
    return losses
