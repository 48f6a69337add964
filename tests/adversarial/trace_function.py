# A trace function that, whenever a check starts, overwrites the answer it was given with
# the expected value (a trace function may write a frame's locals), next to a wrong answer.
# expect: flagged
# reason: settrace
# protection: kernel
import sys
def _trace(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "assert_close":
        frame.f_locals["got"] = frame.f_locals["expected"]
    return None
sys.settrace(_trace)
def double(x):
    return x
