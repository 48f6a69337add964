# A process left running after the notebook, to watch the next student's kernel: it
# ends with the kernel's namespace (the catalogue checks no such process is left).
# expect: flagged
# reason: subprocess
import subprocess
subprocess.Popen(["sleep", "3601"], start_new_session=True)
def double(x):
    return x
