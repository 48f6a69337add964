"""Mutant files parse, and apply to exactly one answer cell."""
import pytest

from grading import course, mutants, notebooks


def test_parse_header_and_code(tmp_path):
    path = tmp_path / "forgets_lam.py"
    path.write_text("# Forgetting lam.\n# cell: krr_fit\n# loses: test_a, test_b\n"
                    "# may_lose: test_c\n# hint: do not drop lam\ndef krr_fit(K, r, lam):\n"
                    "    return r\n")
    m = mutants.parse(path)
    assert (m.name, m.cell, m.loses, m.may_lose, m.hint) == (
        "forgets_lam", "krr_fit", ["test_a", "test_b"], ["test_c"], "do not drop lam")
    assert m.description == "Forgetting lam." and m.code.startswith("def krr_fit")


def test_header_without_cell_is_refused(tmp_path):
    path = tmp_path / "bad.py"
    path.write_text("# no fields\nx = 1\n")
    with pytest.raises(ValueError, match="cell"):
        mutants.parse(path)


@pytest.mark.parametrize("name", course.assignments())
def test_every_mutant_replaces_one_existing_answer_cell(name):
    source = notebooks.read(notebooks.notebook_path(course.ROOT, "source", name))
    found = mutants.load(name)
    assert len(found) >= 4, f"{name}: only {len(found)} mutants"
    for m in found:
        mutated = mutants.apply(source, m)
        changed = [a.metadata["nbgrader"]["grade_id"] for a, b in zip(source.cells, mutated.cells)
                   if a.source != b.source]
        assert changed == [m.cell], f"{m.name} changes {changed}"
        assert set(m.loses) <= set(notebooks.test_ids(source)), m.name
        assert set(m.may_lose) <= set(notebooks.test_ids(source)), m.name
