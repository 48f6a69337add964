# Replacing builtins the checks could rely on (isinstance, abs, float, AssertionError):
# this breaks the kernel itself, so the submission is not graded (and would be flagged).
# expect: not graded
# reason: stopped answering
import builtins
builtins.isinstance = lambda *a: True
builtins.abs = lambda x: 0
builtins.float = lambda *a: 0.0
builtins.AssertionError = type("AssertionError", (Exception,), {})
def double(x):
    return x
