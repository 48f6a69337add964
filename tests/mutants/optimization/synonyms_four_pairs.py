# The three right pairs plus a fourth, just in case.
# cell: SYNONYM_PAIRS
# loses: test_SYNONYM_PAIRS
# hint: each pair beyond the third costs 1 point
SYNONYM_PAIRS = {frozenset({"learning rate", "step size"}), frozenset({"2-dimensional tensor", "matrix"}),
                 frozenset({"weights", "parameters"}), frozenset({"l1 regularization", "l2 regularization"})}
