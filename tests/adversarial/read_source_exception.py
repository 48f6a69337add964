# Reading the source of the test cell that calls the answer (IPython keeps every cell's
# source in linecache) and sending it out as the exception message, into the feedback.
# expect: flagged
# reason: linecache
# protection: kernel, feedback
import linecache
import sys
def double(x):
    frame = sys._getframe(1)
    source = "".join(linecache.getlines(frame.f_code.co_filename))
    raise ValueError("the test reads:\n" + source)
