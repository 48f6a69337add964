# A notebook file cut off in the middle: not JSON.
# expect: not graded
# reason: not appear to be JSON
# notebook: raw
{"cells": [{"cell_type": "code", "source": "def double(x):
