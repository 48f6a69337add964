# Allocating 3 GB before defining a right answer: the address-space limit stops the
# allocation with a MemoryError, so the answer is never defined and earns nothing.
# expect: graded
# points: 0
# protection: memory
hoard = bytearray(3 * 1024 ** 3)
def double(x):
    return 2 * x
