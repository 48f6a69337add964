# A background thread that keeps replacing the checks with ones that pass everything
# while the tests run, next to a wrong answer.
# expect: flagged
# reason: threading
# protection: kernel
import threading
import time
import mlcourse.checks
def _keep_patching():
    while True:
        mlcourse.checks.assert_close = lambda *a, **k: None
        time.sleep(0.001)
threading.Thread(target=_keep_patching, daemon=True).start()
def double(x):
    return x
