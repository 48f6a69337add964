# Counting PyTorch's num_batches_tracked buffer as a non-trainable parameter.
# cell: bn_param_counts
# loses: test_bn_param_counts
# hint: num_batches_tracked
def bn_param_counts(num_features):
    bn = nn.BatchNorm1d(num_features)
    trainable = sum(p.numel() for p in bn.parameters())
    buffers = sum(b.numel() for b in bn.buffers())
    return trainable, buffers
