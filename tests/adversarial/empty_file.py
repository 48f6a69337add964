# An empty notebook file.
# expect: not graded
# reason: not appear to be JSON
# notebook: raw
