# RNN and residual neural network taken as synonyms instead of weights and parameters.
# cell: SYNONYM_PAIRS
# loses: test_SYNONYM_PAIRS
# hint: missing from SYNONYM_PAIRS
SYNONYM_PAIRS = {frozenset({"learning rate", "step size"}), frozenset({"2-dimensional tensor", "matrix"}),
                 frozenset({"RNN", "residual neural network"})}
