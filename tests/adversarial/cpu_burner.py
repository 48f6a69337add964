# Burning 18 s of CPU over twelve cells, each under the cell timeout, then a right answer:
# the CPU-time limit of the whole notebook (16 s here) kills the kernel first.
# expect: not graded
# reason: Kernel died
# protection: cpu
import time
def double(x):
    return 2 * x
# %% new cell
_start = time.process_time()
while time.process_time() - _start < 1.5:
    pass
# %% new cell
_start = time.process_time()
while time.process_time() - _start < 1.5:
    pass
# %% new cell
_start = time.process_time()
while time.process_time() - _start < 1.5:
    pass
# %% new cell
_start = time.process_time()
while time.process_time() - _start < 1.5:
    pass
# %% new cell
_start = time.process_time()
while time.process_time() - _start < 1.5:
    pass
# %% new cell
_start = time.process_time()
while time.process_time() - _start < 1.5:
    pass
# %% new cell
_start = time.process_time()
while time.process_time() - _start < 1.5:
    pass
# %% new cell
_start = time.process_time()
while time.process_time() - _start < 1.5:
    pass
# %% new cell
_start = time.process_time()
while time.process_time() - _start < 1.5:
    pass
# %% new cell
_start = time.process_time()
while time.process_time() - _start < 1.5:
    pass
# %% new cell
_start = time.process_time()
while time.process_time() - _start < 1.5:
    pass
# %% new cell
_start = time.process_time()
while time.process_time() - _start < 1.5:
    pass
