# A fake numpy.py next to the notebook, which `import numpy` in the tests would pick up from the working folder.
# expect: flagged
# reason: numpy.py
# extra_file: numpy.py
def double(x):
    return x
