# A loop that ignores interrupts: the kernel cannot be stopped politely (spinning, it may
# reach the CPU-time limit first: either way it is not graded, and says why).
# expect: not graded
# reason: stopped answering or Kernel died
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass
