# The masked entries are zeroed in the caller's tensor: during training the "clean" target
# minibatch is masked too.
# cell: corrupt
# loses: test_corrupt_masked, test_corrupt_generator, test_train_autoencoder_corruption
# hint: do not modify x in place
def corrupt(x, mode, noise_std=0.0, mask_ratio=0.0, generator=None):
    if mode == "vanilla":
        return x
    if mode == "denoising":
        return x + noise_std * torch.randn(x.shape, generator=generator, dtype=x.dtype)
    if mode == "masked":
        x[torch.rand(x.shape, generator=generator, dtype=x.dtype) < mask_ratio] = 0.0
        return x
    raise ValueError(mode)
