# Burning CPU inside one C call, which no interrupt stops: not graded (RLIMIT_CPU is the backstop).
# expect: not graded
# reason: stopped answering
total = sum(range(10 ** 13))
def double(x):
    return 2 * x
