# A right answer that prints a warning each time it runs: nbgrader scores a test cell with
# any stderr output 0, but a warning from a correct answer costs nothing here.
# expect: graded
# points: 3
# protection: kernel
import warnings
def double(x):
    warnings.warn("double() is slow today")
    return 2 * x
