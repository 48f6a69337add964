# A wrong answer, and the test cell's grade_id renamed so that nbgrader would not restore it.
# expect: not graded
# reason: failed to validate
# notebook: rename test_double_negative test_mine
def double(x):
    return x + 2
