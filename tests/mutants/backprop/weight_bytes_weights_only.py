# Only the weight matrices of Linear layers are counted: biases and BatchNorm parameters are missed.
# cell: mlp_weight_bytes
# loses: test_mlp_weight_bytes
# may_lose: test_ALAN_MLP_BYTES
# hint: including biases
def mlp_weight_bytes(model, bytes_per_float=4):
    """Bytes needed to store every parameter of `model` (an int)."""
    return int(sum(m.weight.numel() for m in model.modules()
                   if isinstance(m, torch.nn.Linear)) * bytes_per_float)
