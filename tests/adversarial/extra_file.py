# A fake numpy.py next to the notebook, which the kernel's `import numpy` would pick up from
# its working folder: the real numpy with abs() returning zeros, so every error looks 0.
# Files a student adds are not given to the kernel: the wrong answer earns nothing.
# expect: flagged
# reason: numpy.py
# extra_file: numpy.py
# protection: added_files
def double(x):
    return x
