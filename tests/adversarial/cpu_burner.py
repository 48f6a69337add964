# Burning CPU inside one C call, which no interrupt stops: the CPU-time limit kills the
# kernel (or, on a very busy machine, nbgrader gives up on it first).
# expect: not graded
# reason: Kernel died or stopped answering
total = sum(range(10 ** 13))
def double(x):
    return 2 * x
