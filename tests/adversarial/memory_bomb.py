# Allocating memory without end: the address-space limit stops it.
# expect: graded
hoard = []
while True:
    hoard.append(bytearray(50 * 1024 * 1024))
