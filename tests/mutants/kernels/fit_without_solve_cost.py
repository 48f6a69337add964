# The cost of fitting forgets the linear solve.
# cell: FIT_COMPLEXITY
# loses: test_FIT_COMPLEXITY
# hint: then the linear solve
FIT_COMPLEXITY = "B"
