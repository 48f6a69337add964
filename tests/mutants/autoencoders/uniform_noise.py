# torch.rand instead of torch.randn: the "noise" is uniform on [0, noise_std), always positive.
# cell: corrupt
# loses: test_corrupt, test_train_autoencoder_corruption
# hint: torch.randn, not torch.rand
def corrupt(x, mode, noise_std=0.0, mask_ratio=0.0, generator=None):
    if mode == "vanilla":
        return x.clone()
    if mode == "denoising":
        return x + noise_std * torch.rand(x.shape, generator=generator, dtype=x.dtype)
    if mode == "masked":
        return x * (torch.rand(x.shape, generator=generator, dtype=x.dtype) >= mask_ratio)
    raise ValueError(mode)
