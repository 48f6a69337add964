# Believes that adding an l2 penalty to a convex loss does not make it strongly convex.
# cell: TRUE_FALSE
# loses: test_TRUE_FALSE_1_2
# hint: strongly convex when
TRUE_FALSE = {"1.1": False, "1.2": False, "1.4": False, "1.7": False}
