"""Mutants: realistic wrong answers that the hidden tests must catch.

A mutant is a small Python file, ``tests/mutants/<assignment>/<mistake>.py``. Its
leading comment block is a header, the rest replaces one answer cell::

    # Counting every occurrence of an ell-mer instead of its presence.
    # cell: spectrum_features
    # loses: test_spectrum_features, test_kmer_kernel
    # may_lose: test_kernel_matrix
    # hint: present at least once
    def spectrum_features(s, ell):
        ...

- ``cell``: grade_id of the answer cell the code replaces (required);
- ``loses``: test cells that must lose points (required);
- ``may_lose``: test cells that depend on the broken answer and may lose points;
  every other test cell must keep full marks;
- ``hint``: text the failure message of one of the ``loses`` cells must contain.
"""
import copy
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import notebooks

MUTANTS_DIR = Path(__file__).resolve().parent.parent / "tests" / "mutants"


@dataclass
class Mutant:
    name: str
    description: str
    cell: str
    loses: list
    code: str
    may_lose: list = field(default_factory=list)
    hint: str = ""

    @property
    def student(self):
        return "mutant_" + self.name


def read_header(path, keys):
    """``(fields, description, code)`` of a file that starts with a comment header:
    ``# key: value`` lines for the given keys, other comment lines describe it."""
    lines = Path(path).read_text().splitlines()
    header = []
    while lines and lines[0].startswith("#"):
        header.append(lines.pop(0)[1:].strip())
    fields, description = {}, []
    for line in header:
        key, sep, value = line.partition(":")
        if sep and key.strip() in keys:
            fields[key.strip()] = value.strip()
        else:
            description.append(line)
    return fields, " ".join(description), "\n".join(lines)


def parse(path):
    path = Path(path)
    fields, description, code = read_header(path, ("cell", "loses", "may_lose", "hint"))
    for key in ("cell", "loses"):
        if not fields.get(key):
            raise ValueError(f"{path}: the header has no '# {key}: ...' line")
    split = lambda s: [x.strip() for x in s.split(",") if x.strip()]
    return Mutant(name=path.stem, description=description, cell=fields["cell"],
                  loses=split(fields["loses"]), may_lose=split(fields.get("may_lose", "")),
                  hint=fields.get("hint", ""), code=code.strip() + "\n")


def load(assignment, mutants_dir=MUTANTS_DIR):
    return [parse(p) for p in sorted((Path(mutants_dir) / assignment).glob("*.py"))]


def apply(nb, mutant):
    """A copy of the solution notebook ``nb`` with the mutant's answer cell."""
    nb = copy.deepcopy(nb)
    cell = notebooks.cells_by_id(nb).get(mutant.cell)
    if cell is None or not notebooks.is_answer(cell):
        raise ValueError(f"mutant {mutant.name}: no answer cell with grade_id {mutant.cell!r}")
    cell.source = mutant.code
    return nb


def reused_names_notebook(nb):
    """A copy of the solution notebook ``nb`` whose student reuses, while every test
    cell runs, every name the locked cells before it defined (``checks``, ``np``, ``dna``,
    provided helpers): a cell before each test rebinds them all to a string, a cell
    after it puts them back for the solution's next cells. Right answers must keep all
    their points (the grading kernel runs tests with the locked values)."""
    from . import tamper
    nb = copy.deepcopy(nb)
    cells, defined = [], []
    for cell in nb.cells:
        if notebooks.is_test(cell) and defined:
            names = ", ".join(defined)
            cells.append(nbformat.v4.new_code_cell(
                f"_kept = [{names}]\n" + "".join(f"{n} = 'reused by the student'\n" for n in defined)))
            cells.append(cell)
            cells.append(nbformat.v4.new_code_cell(f"[{names}] = _kept\n"))
            continue
        cells.append(cell)
        if cell.cell_type == "code" and notebooks.meta(cell).get("locked") \
                and not notebooks.is_test(cell):
            defined += [n for n in tamper.bindings(cell.source)
                        if not n.startswith("__") and n not in defined]
    nb.cells = cells
    return nb
