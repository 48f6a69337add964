# A magic on the first line makes the cell invalid Python, which used to hide the
# monkeypatch below it from the tamper flags.
# expect: flagged
# reason: np.allclose
# protection: flags
%time 1
import numpy as np
np.allclose = lambda *a, **k: True
def double(x):
    return x
