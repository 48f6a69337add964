# mask_ratio is read as the probability of KEEPING an entry: mask_ratio = 0.25 zeroes 75 % of the input.
# cell: corrupt
# loses: test_corrupt_masked, test_train_autoencoder_corruption
# hint: zeroes each entry independently with probability mask_ratio
def corrupt(x, mode, noise_std=0.0, mask_ratio=0.0, generator=None):
    if mode == "vanilla":
        return x.clone()
    if mode == "denoising":
        return x + noise_std * torch.randn(x.shape, generator=generator, dtype=x.dtype)
    if mode == "masked":
        keep = torch.rand(x.shape, generator=generator, dtype=x.dtype) < mask_ratio
        return x * keep
    raise ValueError(mode)
