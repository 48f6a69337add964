# Plain SGD steps where the contract asks for Adam.
# cell: train_autoencoder
# loses: test_train_autoencoder_adam
# hint: torch.optim.Adam
def train_autoencoder(model, X, mode, epochs, seed, lr=1e-3, batch_size=64, noise_std=0.0, mask_ratio=0.0):
    generator = torch.Generator().manual_seed(seed)
    X = torch.as_tensor(X, dtype=torch.float32)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=generator)
        batch_losses = []
        for start in range(0, len(X), batch_size):
            xb = X[order[start:start + batch_size]]
            loss = F.mse_loss(model(corrupt(xb, mode, noise_std, mask_ratio, generator)), xb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item())
        losses.append(sum(batch_losses) / len(batch_losses))
    return losses
