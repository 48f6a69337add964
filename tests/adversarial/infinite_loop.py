# A loop that never ends: the per-cell timeout interrupts it.
# expect: graded
while True:
    pass
