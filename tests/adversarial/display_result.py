# The answer displays a number as the cell's result while a test runs: nbgrader takes the
# first result it sees as partial credit, before the failed assert. Only the number the
# test itself displays counts.
# expect: flagged
# reason: get_ipython
# protection: kernel
def double(x):
    get_ipython().displayhook(1000)
    return x
