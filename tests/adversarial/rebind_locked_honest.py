# An honest student who reuses a name the locked setup cell defined (`checks = []`) next to
# a right answer: the answer keeps all its points (and the reuse is pointed out).
# expect: flagged
# points: 3
# reason: rebinds checks
# protection: kernel
checks = []
def double(x):
    return 2 * x
