# Dividing the scores by d instead of sqrt(d).
# cell: attention_scale
# loses: test_attention_scale
# hint: s = d overshoots
def attention_scale(d):
    return float(d)
