# Sleeping 4.5 s in each of fourteen cells: every cell is under the cell timeout, but the
# whole run is over the notebook's wall-clock limit (60 s here), which ends it.
# expect: not graded
# reason: time limit
# protection: wall_clock
import time
def double(x):
    return 2 * x
# %% new cell
time.sleep(4.5)
# %% new cell
time.sleep(4.5)
# %% new cell
time.sleep(4.5)
# %% new cell
time.sleep(4.5)
# %% new cell
time.sleep(4.5)
# %% new cell
time.sleep(4.5)
# %% new cell
time.sleep(4.5)
# %% new cell
time.sleep(4.5)
# %% new cell
time.sleep(4.5)
# %% new cell
time.sleep(4.5)
# %% new cell
time.sleep(4.5)
# %% new cell
time.sleep(4.5)
# %% new cell
time.sleep(4.5)
# %% new cell
time.sleep(4.5)
