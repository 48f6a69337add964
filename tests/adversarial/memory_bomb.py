# Allocating memory without end: the address-space limit stops it with a MemoryError,
# or kills the kernel when another thread of it is the one that runs out.
# expect: graded or not graded
# reason: Kernel died
hoard = []
while True:
    hoard.append(bytearray(50 * 1024 * 1024))
