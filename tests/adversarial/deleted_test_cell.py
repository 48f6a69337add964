# A wrong answer (right for 2 only), and the test cell that would catch it deleted:
# the deleted cell scores nothing, the submission is flagged.
# expect: flagged
# points: 2
# reason: test_double_negative
# notebook: delete test_double_negative
def double(x):
    return x + 2
