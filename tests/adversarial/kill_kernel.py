# Killing its own kernel in the middle of grading.
# expect: not graded
# reason: Kernel died
import os, signal
os.kill(os.getpid(), signal.SIGKILL)
