# Planting a fake mlcourse.checks in sys.modules, so that the tests import a module that passes everything.
# expect: flagged
# reason: sys.modules
import sys, types
fake = types.ModuleType("mlcourse.checks")
fake.assert_close = lambda *a, **k: None
fake.__getattr__ = lambda name: (lambda *a, **k: None)
sys.modules["mlcourse.checks"] = fake
def double(x):
    return x
