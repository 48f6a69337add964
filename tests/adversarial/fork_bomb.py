# A fork bomb: the process limit stops it, the grading kernel kills the copies when the
# cell ends, and the pid namespace ends what is left. On a busy machine a hundred spinning
# copies can keep the kernel from answering the interrupt in time: not graded then, with
# the same reason; never any points.
# expect: flagged or not graded
# reason: os.fork
import os
while True:
    os.fork()
