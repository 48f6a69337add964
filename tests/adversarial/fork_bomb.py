# A fork bomb: the process limit stops it, and the pid namespace ends it.
# expect: flagged
# reason: os.fork
import os
while True:
    os.fork()
