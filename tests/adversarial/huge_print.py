# Printing 100 MB: the output is cut, the notebook stays small, and the right answer
# still gets exactly its points.
# expect: graded
# points: 3
print(("x" * 99 + "\n") * 1_000_000)
def double(x):
    return 2 * x
