"""The contract of CURRICULUM.md (kept in curriculum.yml) against the notebooks:
every graded name is an answer cell with test cells, and the coverage table names
only grade_ids that exist."""
import re

import pytest

from grading import course, notebooks

CURRICULUM = course.curriculum()
BUILT = course.assignments()
SEED_CODES = {
    "LINMA": ["Q1a", "Q1b", "Q1c", "Q1d", "Q1e", "Q1f", "Q2a", "Q2b", "Q2c", "Q2d",
              "Q3a", "Q3b", "Q3c", "Q3d", "Q3e"],
    "CS4787": [f"1.{i}" for i in range(1, 8)] + ["2.1", "2.2", "2.3", "2.4a", "2.4b"]
              + [f"3{c}" for c in "abcde"] + [f"4.{i}" for i in range(1, 5)]
              + [f"5.{i}" for i in range(1, 5)],
    "EECS182": ["1.1", "1.2", "2a", "2b", "2c", "3a", "3b.i", "3b.ii", "3b.iii", "3c.i",
                "3c.ii", "4a", "4b.i", "4b.ii"] + [f"5{c}" for c in "abcde"],
    "FUB": ["1.1", "1.2", "2.4", "2.5", "2.6", "2.7", "3.1", "3.2", "3.3", "3.4"],
    "DL1": ["1"] + [f"2{c}" for c in "abcd"] + [f"3{c}" for c in "abcdefg"]
           + [f"4{c}" for c in "abcdefg"] + [f"5{c}" for c in "abcde"]
           + [f"6{c}" for c in "abcd"] + [f"7{c}" for c in "abcde"]
           + [f"8{c}" for c in "abc"] + [f"9{c}" for c in "abc"] + ["10"],
}
CODES = [f"{seed}-{q}" for seed, qs in SEED_CODES.items() for q in qs]


def source(name):
    return notebooks.read(notebooks.notebook_path(course.ROOT, "source", name))


def test_every_seed_question_has_a_coverage_row():
    assert len(CODES) == 109
    rows = CURRICULUM["coverage"]
    assert sorted(set(CODES) - set(rows)) == []
    assert sorted(set(rows) - set(CODES)) == [], "rows for codes that are not seed questions"


def test_every_built_assignment_is_in_the_curriculum():
    assert set(BUILT) <= set(CURRICULUM["assignments"])


@pytest.mark.parametrize("code", CODES)
def test_coverage_row_names_existing_grade_ids(code):
    row = CURRICULUM["coverage"][code]
    name = row["assignment"]
    assert name in CURRICULUM["assignments"]
    if name not in BUILT:
        assert row.get("planned") is True, f"{code}: {name} is not built, mark the row planned"
        return
    assert not row.get("planned"), f"{code}: {name} is built, name its grade_ids"
    assert row.get("grade_ids"), f"{code}: no grade_ids"
    existing = set(notebooks.cells_by_id(source(name)))
    graded = {notebooks.meta(c)["grade_id"] for c in source(name).cells
              if notebooks.meta(c).get("grade") or notebooks.meta(c).get("solution")}
    missing = set(row["grade_ids"]) - graded
    assert not missing, f"{code}: {sorted(missing)} are not graded cells of {name} " \
                        f"({sorted(missing & existing)} exist but are not graded)"


@pytest.mark.parametrize("name", BUILT)
def test_graded_names_are_answer_cells_with_tests(name):
    nb = source(name)
    graded = CURRICULUM["assignments"][name]["graded"]
    answers = set(notebooks.answer_ids(nb))
    missing = [g for g in graded if g not in answers]
    assert not missing, f"{name}: no answer cell with grade_id {missing}"
    tests = notebooks.test_ids(nb)
    untested = [g for g in graded if not any(notebooks.owner(t, graded) == g for t in tests)]
    assert not untested, f"{name}: no test cell test_<name>... for {untested}"


@pytest.mark.parametrize("name", BUILT)
def test_answer_cells_define_their_name(name):
    """An answer cell with grade_id X defines X (a def, class or assignment)."""
    for cell in source(name).cells:
        gid = notebooks.meta(cell).get("grade_id", "")
        if notebooks.is_answer(cell) and cell.cell_type == "code" \
                and gid in CURRICULUM["assignments"][name]["graded"]:
            pattern = rf"^(def|class)\s+{re.escape(gid)}\b|^{re.escape(gid)}\s*="
            assert re.search(pattern, cell.source, re.M), f"{name}: cell {gid} does not define {gid}"


@pytest.mark.parametrize("name", BUILT)
def test_cell_metadata_is_what_nbgrader_accepts(name):
    ids = []
    for cell in source(name).cells:
        m = notebooks.meta(cell)
        if not m:
            continue
        assert m.get("schema_version") == 3
        assert set(m) <= {"grade", "solution", "locked", "grade_id", "schema_version", "task",
                          "points"}, m
        if m.get("grade"):
            if cell.cell_type == "markdown" and m.get("solution") and m.get("points") == 0:
                # an extra-credit question: worth 0 points, graders award formgrader's extra credit
                assert "extra credit" in cell.source.lower(), \
                    f"{m['grade_id']}: a 0-point answer cell must say it is graded as extra credit"
            else:
                assert m.get("points", 0) > 0, f"{m['grade_id']}: a graded cell needs points"
        ids.append(m["grade_id"])
    assert len(ids) == len(set(ids)), "duplicate grade_ids"
