# An empty notebook file.
# expect: not graded
# reason: 
# notebook: raw
