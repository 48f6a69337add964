# Returning the calling test's source as the answer, so that a failure message quoting the
# returned value carries the hidden test into the feedback. The checks never quote a
# returned value that is not a number, so nothing reaches the feedback even without the
# grading kernel and the feedback's mask (read_source_exception proves those).
# expect: flagged
# reason: linecache
import linecache
import sys
def double(x):
    return "".join(linecache.getlines(sys._getframe(1).f_code.co_filename))
