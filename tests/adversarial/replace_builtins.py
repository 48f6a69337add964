# Replacing builtins the checks could rely on (isinstance, abs, float, AssertionError).
# expect: flagged
# reason: builtins
import builtins
builtins.isinstance = lambda *a: True
builtins.abs = lambda x: 0
builtins.float = lambda *a: 0.0
builtins.AssertionError = type("AssertionError", (Exception,), {})
def double(x):
    return x
