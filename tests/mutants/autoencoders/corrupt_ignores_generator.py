# The generator argument is accepted but never used: the draws come from the global generator.
# cell: corrupt
# loses: test_corrupt_generator, test_train_autoencoder_seed
# hint: draw every random number from the generator you are given
def corrupt(x, mode, noise_std=0.0, mask_ratio=0.0, generator=None):
    if mode == "vanilla":
        return x.clone()
    if mode == "denoising":
        return x + noise_std * torch.randn_like(x)
    if mode == "masked":
        return x * (torch.rand_like(x) >= mask_ratio)
    raise ValueError(mode)
