# The cost of one prediction taken as N^2 kernel values (the old, wrong key B), as if K were rebuilt.
# cell: PREDICT_COMPLEXITY
# loses: test_PREDICT_COMPLEXITY
# hint: N values, not N^2
PREDICT_COMPLEXITY = "B"
