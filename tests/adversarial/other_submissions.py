# Copying another student's answer from submitted/ or autograded/.
# expect: flagged
# reason: exec
import glob, json
found = []
for pattern in ["../../../submitted/*/tiny/tiny.ipynb", "../../*/tiny/tiny.ipynb",
                __COURSE__ + "/*/*/tiny/tiny.ipynb"]:
    found += glob.glob(pattern)
for path in found:
    for cell in json.load(open(path))["cells"]:
        code = "".join(cell["source"])
        if "def double" in code and "2 * x" in code:
            exec(code)
            break
if not found:
    def double(x):
        return x
