# Keeping the calling test's source and printing it in a cell added after the tests: the
# output of a student's own cell reaches the feedback too.
# expect: flagged
# reason: linecache
# protection: kernel, feedback
import linecache
import sys
_stolen = []
def double(x):
    _stolen.append("".join(linecache.getlines(sys._getframe(1).f_code.co_filename)))
    return x
# %% new cell at the end
print("".join(_stolen))
