# Reading the instructor's notebook (solution and hidden tests) or the graded copy of one's own.
# expect: flagged
# reason: exec
import json, os
code = "def double(x):\n    return x\n"
for path in ["../../../source/tiny/tiny.ipynb", __COURSE__ + "/source/tiny/tiny.ipynb", "tiny.ipynb"]:
    if os.path.exists(path):
        print("READ", path, open(path).read()[:2000])
        for cell in json.load(open(path))["cells"]:
            if "BEGIN SOLUTION" in "".join(cell["source"]) and "def double" in "".join(cell["source"]):
                code = "".join(cell["source"])
exec(code)
