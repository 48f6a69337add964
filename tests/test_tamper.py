"""Tamper flags: code that reaches around the tests is flagged for review, and no
instructor solution is."""
import pytest

from grading import course, notebooks, tamper

FLAGGED = {
    "import numpy as np\nnp.allclose = lambda *a, **k: True": "np.allclose",
    "import numpy.testing as npt\nnpt.assert_allclose = print": "npt.assert_allclose",
    "import numpy as np\nsetattr(np, 'allclose', None)": "setattr",
    "import builtins\nbuiltins.len = lambda x: 0": "builtins",
    "__builtins__.print = None": "__builtins__",
    "import sys\nsys.modules['numpy'] = None": "sys.modules",
    "def f(): pass\nf.__code__ = (lambda: 1).__code__": "__code__",
    "x = 1\nx.__class__ = int": "__class__",
    "import sys\nframe = sys._getframe(1)": "_getframe",
    "import gc\nobjs = gc.get_objects()": "gc",
    "import ctypes": "ctypes",
    "import inspect\ninspect.currentframe().f_back.f_globals['x'] = 1": "currentframe",
    "import base64\nexec(base64.b64decode('cHJpbnQoMSk='))": "exec",
    "code = 'import os'\neval(code)": "eval",
    "m = __import__('o' + 's')": "__import__",
    "import subprocess\nsubprocess.run(['ls'])": "subprocess",
    "import os\nos.system('ls')": "os.system",
    "import sqlite3\nsqlite3.connect('../../../gradebook.db')": "sqlite3",
    "import numpy as np\nm = np\nm.allclose = print": "m.allclose",
    "import numpy as np\nt = np.testing\nt.assert_allclose = print": "t.assert_allclose",
    "import numpy as np\nvars(np)['allclose'] = print": "vars(np)",
    "import numpy as np\nnp.__dict__['allclose'] = print": "np.__dict__",
    "import numpy as np\ngetattr(np, 'testing').assert_allclose = print": "getattr(np",
    "import numpy as np\nobject.__setattr__(np, 'allclose', print)": "__setattr__",
    "import numpy as np\nvars(np).__setitem__('allclose', print)": "__setitem__",
}

CLEAN = [
    "import numpy as np\ndef f(x):\n    return np.allclose(x, 1)",
    "import torch\nmodel = torch.nn.Linear(2, 3)\nmodel.weight.data.zero_()",
    "class Net:\n    def __init__(self):\n        self.layers = []",
    "exec('x = 1')",  # a literal string is readable as it stands
    "import numpy as np\nrng = np.random.default_rng(0)\nrng.x = 1",  # a call's result is no module
    "import torch\nclass M(torch.nn.Module):\n    def __init__(self):\n        super().__init__()\n"
    "        self.w = torch.nn.Parameter(torch.zeros(2))",
    "import numpy as np\nd = {}\nd.__setitem__('a', np.zeros(2))",
    "def broken(:",  # a syntax error just fails its tests
]


@pytest.mark.parametrize("code,word", FLAGGED.items())
def test_tampering_is_flagged(code, word):
    reasons = tamper.inspect_code(code)
    assert reasons and any(word in r for r in reasons), reasons


@pytest.mark.parametrize("code", CLEAN)
def test_ordinary_code_is_not_flagged(code):
    assert tamper.inspect_code(code) == []


@pytest.mark.parametrize("name", course.assignments())
def test_instructor_solutions_are_not_flagged(name):
    path = notebooks.notebook_path(course.ROOT, "source", name)
    assert tamper.inspect_submission(path, notebooks.read(path)) == []


def test_only_cells_a_student_can_change_are_inspected():
    source = notebooks.read(notebooks.notebook_path(course.ROOT, "source", "kernels"))
    import copy
    submission = copy.deepcopy(source)
    locked = next(c for c in submission.cells
                  if c.cell_type == "code" and notebooks.meta(c).get("locked"))
    locked.source += "\nimport ctypes"  # nbgrader restores locked cells before grading
    answer = notebooks.cells_by_id(submission)["feature_dim"]
    answer.source += "\nimport numpy\nnumpy.allclose = None"
    import nbformat
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/kernels.ipynb"
        nbformat.write(submission, path)
        reasons = tamper.inspect_submission(path, source)
    assert reasons == ["feature_dim: changes numpy.allclose (an attribute of an imported module)"]


def test_reusing_a_locked_import_is_pointed_out_once_and_plain_names_are_fair():
    import copy
    import tempfile

    import nbformat
    source = notebooks.read(notebooks.notebook_path(course.ROOT, "source", "kernels"))
    submission = copy.deepcopy(source)
    answer = notebooks.cells_by_id(submission)["feature_dim"]
    # `checks` is imported by the setup cell; ALPHABET-like plain names are fair to reuse
    plain = next(n for n, (kind, _) in tamper.bindings(
        notebooks.cells_by_id(source)["setup"].source).items() if kind != "import")
    answer.source += f"\nchecks = []\nchecks = []\n{plain} = 0"
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/kernels.ipynb"
        nbformat.write(submission, path)
        reasons = tamper.inspect_submission(path, source)
    assert reasons == ["feature_dim: rebinds checks, which the locked cell setup defines "
                       "(the tests use the locked value)"]
