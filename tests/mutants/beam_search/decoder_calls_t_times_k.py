# Counting k decoder calls at every step, the first one included (the beam starts with one
# hypothesis, the empty prefix).
# cell: decoder_calls
# loses: test_decoder_calls
# hint: at step 1
def decoder_calls(T, k):
    return T * k
