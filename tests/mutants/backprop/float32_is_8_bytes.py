# A 32-bit float counted as 8 bytes.
# cell: ALAN_MLP_BYTES
# loses: test_ALAN_MLP_BYTES
# hint: 4 bytes, not 8
ALAN_MLP_BYTES = mlp_weight_bytes(alan, bytes_per_float=8)
print(ALAN_MLP_BYTES)
