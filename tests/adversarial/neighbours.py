# Looking for what else runs beside the kernel: the process that forked it (its socket
# could ask for a kernel with more rights), the kernel started ahead for the next student
# (its folders, its connection file), any other process. A kernel sees only its own.
# expect: graded
import glob, os
names = [os.path.basename(p) for p in glob.glob("/tmp/**", recursive=True)]
seen = [n for n in names if n == "zygote.sock" or n.startswith("mlcourse-scratch-")]
if len([n for n in names if n.startswith("mlcourse-kernel-")]) > 1:
    seen.append("another kernel's folder")
seen += [p for p in os.listdir("/proc") if p.isdigit() and int(p) > 2]
seen += glob.glob("/proc/1/fd/*") + glob.glob("/proc/1/root/*")
def double(x):
    return 2 * x if seen else x
