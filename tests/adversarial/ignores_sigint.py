# A loop that ignores interrupts: the kernel cannot be stopped politely.
# expect: not graded
# reason: stopped answering
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass
