# Believing that beam search always returns the most likely sequence.
# cell: BEAM_FINDS_OPTIMUM
# loses: test_BEAM_FINDS_OPTIMUM
# hint: compare the first entry
BEAM_FINDS_OPTIMUM = True
