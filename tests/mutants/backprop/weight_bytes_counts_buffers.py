# state_dict() used instead of parameters(): BatchNorm's running statistics are counted too.
# cell: mlp_weight_bytes
# loses: test_mlp_weight_bytes
# may_lose: test_ALAN_MLP_BYTES
# hint: buffers
def mlp_weight_bytes(model, bytes_per_float=4):
    """Bytes needed to store every parameter of `model` (an int)."""
    return int(sum(t.numel() for t in model.state_dict().values()) * bytes_per_float)
