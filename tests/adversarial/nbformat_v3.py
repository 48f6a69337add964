# A wrong answer in a notebook saved in the old nbformat 3.
# expect: graded
# notebook: nbformat3
def double(x):
    return x
