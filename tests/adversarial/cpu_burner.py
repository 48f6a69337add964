# Burning CPU inside one C call, which an interrupt cannot stop: the CPU-time limit kills the kernel.
# expect: not graded
# reason: 
total = sum(range(10 ** 13))
def double(x):
    return 2 * x
