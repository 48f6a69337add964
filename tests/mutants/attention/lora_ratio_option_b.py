# The exam's second option, r (1 + a/b) / b: right only for square matrices.
# cell: lora_param_ratio
# loses: test_lora_param_ratio
# hint: Divide the two counts
def lora_param_ratio(a, b, r):
    return r * (1 + a / b) / b
