# Writing outside the scratch folder: the course, the autograded folder of others, the home folder.
# expect: graded
import os
wrote = []
for path in ["../../../hacked.txt", "../../other/hacked.txt", "../hacked.txt",
             os.path.expanduser("~root/hacked.txt"), "/work/hacked.txt", "/usr/hacked.txt",
             "/etc/hacked.txt", __COURSE__ + "/hacked.txt"]:
    try:
        with open(path, "w") as f:
            f.write("pwned")
        wrote.append(path)
    except OSError:
        pass
def double(x):
    return 2 * x if wrote else x
