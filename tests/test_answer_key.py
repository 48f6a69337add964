"""The seeds' published answers against the solution notebooks.

Every ``tests/answer_key/<assignment>.yml`` lists the answers of the seed texts (exam
numbers and options) for one assignment, kept apart from the notebook so that a wrong
key in a notebook cannot hide behind its own solution (BRIEF: "Every answer key is
checked against the seed's published answer or an independent derivation"). An entry::

    - expr: kmer_kernel("ACACACGT", "ACGTCACA", 3)   # evaluated after the solution ran
      expect: "4"                                     # a Python literal (ast.literal_eval)
      tol: 1.0e-6                                     # optional: relative, for floats
      seed: LINMA-Q1a, the exam's worked example      # shown when the entry fails
      corrected: ...                                  # only where we correct the seed

For each key file, one test runs ``source/<assignment>/<assignment>.ipynb`` top to bottom
in a python3 Jupyter kernel (nbclient; trusted instructor code, no sandbox), in a
temporary copy of ``source/<assignment>/``, as the instructor's run (NBGRADER_EXECUTION
unset), then evaluates each ``expr`` in that kernel. The value is converted there to
plain Python (tensors and arrays to lists, numpy scalars to numbers, frozensets to sets)
and compared with ``expect``: bools, strings and ints exactly (an int answer may come
as a float of the same value), floats within ``tol`` relative (default 1e-9), sets as
sets, lists and tuples element by element, dicts key by key. A key file without a
source notebook is an error.
"""
import ast
import math
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
KEY_DIR = ROOT / "tests" / "answer_key"
KEYS = sorted(KEY_DIR.glob("*.yml"))
FIELDS = {"expr", "expect", "seed", "tol", "corrected"}
DEFAULT_TOL = 1e-9
MARKER = "@@answer-key@@"

# Defined in the kernel after the notebook ran: plain Python values that repr() as literals.
PLAIN = '''
def _answer_key_plain(x, _depth=0):
    import math as _m, sys as _s
    if _depth > 30:
        raise ValueError("nested too deeply")
    torch = _s.modules.get("torch")
    if torch is not None and isinstance(x, torch.Tensor):
        x = x.detach().cpu().numpy()
    np = _s.modules.get("numpy")
    if np is not None:
        if isinstance(x, np.ndarray):
            x = x.tolist()
        elif isinstance(x, np.generic):
            x = x.item()
    if x is None or isinstance(x, bool):
        return x
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float):
        return float(x) if _m.isfinite(x) else f"non-finite float {x!r}"
    if isinstance(x, str):
        return str(x)
    if isinstance(x, (set, frozenset)):
        return {_answer_key_plain(v, _depth + 1) for v in x}
    if isinstance(x, tuple):
        return tuple(_answer_key_plain(v, _depth + 1) for v in x)
    if isinstance(x, list):
        return [_answer_key_plain(v, _depth + 1) for v in x]
    if isinstance(x, dict):
        return {_answer_key_plain(k, _depth + 1): _answer_key_plain(v, _depth + 1)
                for k, v in x.items()}
    raise TypeError(f"{type(x).__name__} is not a plain value")
'''

PROBE = '''
try:
    print({marker!r}, {index}, repr(_answer_key_plain(eval(compile({expr!r}, "<answer key>", "eval")))))
except Exception as _answer_key_exc:
    print({marker!r}, {index}, "ERROR", type(_answer_key_exc).__name__ + ":", _answer_key_exc)
'''


def load_key(path):
    entries = yaml.safe_load(Path(path).read_text())
    assert isinstance(entries, list) and entries, f"{path.name}: a non-empty list of entries"
    for i, entry in enumerate(entries):
        assert isinstance(entry, dict), f"{path.name} entry {i}: a mapping"
        missing = {"expr", "expect", "seed"} - set(entry)
        assert not missing, f"{path.name} entry {i}: missing {sorted(missing)}"
        unknown = set(entry) - FIELDS
        assert not unknown, f"{path.name} entry {i}: unknown fields {sorted(unknown)}"
    return entries


def expected_value(entry):
    expect = entry["expect"]
    return ast.literal_eval(expect) if isinstance(expect, str) else expect


def matches(got, exp, tol=DEFAULT_TOL):
    """Whether the plain value ``got`` agrees with the literal ``exp`` (rules above)."""
    if exp is None or isinstance(exp, bool):
        return type(got) is type(exp) and got == exp
    if isinstance(exp, int):
        return (isinstance(got, (int, float)) and not isinstance(got, bool)
                and math.isfinite(got) and got == exp)
    if isinstance(exp, float):
        if not isinstance(got, (int, float)) or isinstance(got, bool) or not math.isfinite(got):
            return False
        return abs(got - exp) <= tol * abs(exp) + 1e-300 or (exp == 0 and abs(got) <= tol)
    if isinstance(exp, str):
        return isinstance(got, str) and got == exp
    if isinstance(exp, (set, frozenset)):
        return isinstance(got, (set, frozenset)) and set(got) == set(exp)
    if isinstance(exp, (list, tuple)):
        return (isinstance(got, (list, tuple)) and len(got) == len(exp)
                and all(matches(g, e, tol) for g, e in zip(got, exp)))
    if isinstance(exp, dict):
        return (isinstance(got, dict) and set(got) == set(exp)
                and all(matches(got[k], exp[k], tol) for k in exp))
    raise TypeError(f"cannot compare with an expected {type(exp).__name__}")


def evaluate(name, entries, workdir):
    """Run the source notebook of ``name`` in ``workdir`` and evaluate every entry there:
    ``{index: (ok, got repr or error text)}``."""
    source = ROOT / "source" / name
    notebook = source / f"{name}.ipynb"
    if not notebook.is_file():
        pytest.fail(f"tests/answer_key/{name}.yml has no source notebook source/{name}/{name}.ipynb")
    shutil.copytree(source, workdir, dirs_exist_ok=True)
    nb = nbformat.read(str(workdir / f"{name}.ipynb"), as_version=4)
    first_probe = len(nb.cells)
    nb.cells.append(nbformat.v4.new_code_cell(PLAIN))
    for i, entry in enumerate(entries):
        nb.cells.append(nbformat.v4.new_code_cell(PROBE.format(marker=MARKER, index=i,
                                                               expr=str(entry["expr"]))))
    NotebookClient(nb, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(workdir)}}).execute()
    results = {}
    for cell in nb.cells[first_probe + 1:]:
        text = "".join(o.get("text", "") for o in cell.get("outputs", [])
                       if o.get("output_type") == "stream" and o.get("name") == "stdout")
        for line in text.splitlines():
            if line.startswith(MARKER):
                _, index, rest = line.split(" ", 2)
                results[int(index)] = rest
    return results


@pytest.mark.parametrize("key", KEYS, ids=[p.stem for p in KEYS])
def test_seed_answers_hold_in_the_solution(key, tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)  # the instructor's full run
    name = key.stem
    entries = load_key(key)
    results = evaluate(name, entries, tmp_path / name)
    failures = []
    for i, entry in enumerate(entries):
        exp = expected_value(entry)
        tol = float(entry.get("tol", DEFAULT_TOL))
        shown = results.get(i, "ERROR no output")
        ok = False
        if not shown.startswith("ERROR"):
            try:
                ok = matches(ast.literal_eval(shown), exp, tol)
            except (ValueError, SyntaxError) as exc:
                shown = f"{shown} (not a literal: {exc})"
        if not ok:
            note = f"\n    corrected: {entry['corrected']}" if entry.get("corrected") else ""
            failures.append(f"- {entry['expr']}\n    expected {entry['expect']}, got {shown}"
                            f"\n    seed: {entry['seed']}{note}")
    assert not failures, (f"{name}: {len(failures)} of {len(entries)} seed answers do not hold "
                          f"in the solution notebook:\n" + "\n".join(failures))


def test_comparison_rules():
    assert matches(4, 4) and matches(6.0, 6) and not matches(True, 1) and not matches(4.5, 4)
    assert matches(True, True) and not matches(1, True)
    assert matches(0.1 + 0.2, 0.3) and not matches(0.31, 0.3) and matches(0.31, 0.3, tol=0.1)
    assert matches(1e-12, 0.0, tol=1e-9) and not matches(float("nan"), 0.0)
    assert matches({4}, {4}) and not matches([4], {4}) and not matches({1, 2}, {1, 2, 3})
    assert matches((256, 256), (256, 256)) and matches([256, 256], (256, 256))
    assert matches([[0.16, -0.06]], [[0.16000000000000003, -0.06]])
    assert matches("A", "A") and not matches("a", "A") and not matches(None, "A")
    assert matches({"x": 1.0}, {"x": 1.0}) and not matches({"x": 1.0}, {"y": 1.0})


def test_key_files_are_well_formed():
    assert KEYS, "no tests/answer_key/*.yml"
    for key in KEYS:
        for entry in load_key(key):
            expected_value(entry)  # a literal
            compile(str(entry["expr"]), key.name, "eval")
