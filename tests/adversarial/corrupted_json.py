# A notebook file cut off in the middle: not JSON.
# expect: not graded
# reason: 
# notebook: raw
{"cells": [{"cell_type": "code", "source": "def double(x):
