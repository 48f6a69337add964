# Rebinding `checks`, which the locked setup cell defined, to an object whose every check
# passes, next to a wrong answer: the tests use the locked value.
# expect: flagged
# reason: rebinds checks
# protection: kernel
class _Yes:
    def __getattr__(self, name):
        return lambda *args, **kwargs: None
checks = _Yes()
def double(x):
    return x
