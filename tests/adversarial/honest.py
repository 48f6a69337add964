# The honest student: a right answer must still get full marks in the sandbox.
# expect: graded
# points: 3
def double(x):
    return 2 * x
