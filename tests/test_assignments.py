"""The harness that tests the tests (CONVENTIONS.md, "Testing the tests").

Every assignment under source/ is discovered; for each, a fresh course directory
grades a class made of the instructor solution, the unchanged release, a liar
(grading/liars.py), a student who reuses the locked cells' names, and one student per
mutant in tests/mutants/<assignment>/, with nbgrader's own Autograde through the
grading workers. Nothing here is specific to one assignment.

Each class is graded once per test run, by one grading process for all classes
(tests/conftest.py, ``graded_class``); the tests here only read the results."""
import pytest

from conftest import feedback_text, graded_class, hidden_lines_in_feedback
from grading import course, mutants, notebooks

# A test waits until the one grading process has graded its class (tests/conftest.py).
pytestmark = pytest.mark.timeout(3000)

ASSIGNMENTS = course.assignments()
MUTANTS = {name: mutants.load(name) for name in ASSIGNMENTS}


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_solution_gets_full_marks(name):
    _, results = graded_class(name)
    r = results["solution"]
    assert r.status == "graded", r.reason
    lost = {gid: s for gid, s in r.cells.items() if s != r.cell_max[gid]}
    assert not lost, f"the solution loses points on {lost}"
    assert r.max_score > 0


@pytest.mark.parametrize("student", ["blank", "liar"])
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_release_and_liar_get_zero(name, student):
    """The unchanged release earns nothing, and neither does the liar (objects that
    claim to equal anything in place of every answer): no test may trust a student
    object's ``==`` or its methods."""
    _, results = graded_class(name)
    r = results[student]
    assert r.status == "graded", r.reason
    earned = {gid: s for gid, s in r.cells.items() if s != 0}
    assert not earned, f"{student} earns points on {earned}"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_reused_names_cost_nothing(name):
    """A right answer next to cells that rebind every name the locked cells defined
    (``checks = ...``, ``np = ...``) while the tests run keeps all its points
    (grading/mutants.py, ``reused_names_notebook``); the reuse is pointed out."""
    _, results = graded_class(name)
    r = results["reused-names"]
    assert r.status in ("graded", "flagged"), r.reason
    lost = {gid: s for gid, s in r.cells.items() if s != r.cell_max[gid]}
    assert not lost, f"reusing the locked cells' names costs points on {lost}"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_committed_release_equals_fresh_generation(name):
    root, _ = graded_class(name)
    fresh = course.release_files(root / "release" / name)
    committed = course.release_files(course.ROOT / "release" / name)
    assert committed.keys() == fresh.keys(), "release/ files differ from a fresh generate_assignment"
    changed = [f for f in fresh if fresh[f] != committed[f]]
    assert not changed, f"release/{name}: {changed} differ from a fresh generate_assignment " \
                        f"(run `make releases`)"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_release_has_no_solution_or_hidden_tests(name):
    source = notebooks.read(notebooks.notebook_path(course.ROOT, "source", name))
    secrets = notebooks.secret_lines(source)
    assert secrets, "the source notebook has no solution or hidden-test lines at all"
    for path in (course.ROOT / "release" / name).rglob("*"):
        if not path.is_file():
            continue
        text = path.read_text(errors="replace")
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
            assert marker not in text, f"{path} contains {marker}"
        if path.suffix == ".ipynb":
            released = {line.strip() for cell in notebooks.read(path).cells
                        for line in cell.source.splitlines()}
            leaked = secrets & released
            assert not leaked, f"{path} shows solution or hidden-test lines: {sorted(leaked)[:5]}"


@pytest.mark.parametrize("name,mutant", [(a, m.name) for a in ASSIGNMENTS for m in MUTANTS[a]])
def test_mutant_loses_points_where_it_should(name, mutant):
    m = next(m for m in MUTANTS[name] if m.name == mutant)
    root, results = graded_class(name)
    r = results[m.student]
    assert r.status == "graded", r.reason
    unknown = set(m.loses + m.may_lose) - set(r.cells)
    assert not unknown, f"mutant {m.name} names test cells that do not exist: {unknown}"
    lost = {gid for gid, s in r.cells.items() if s < r.cell_max[gid]}
    kept = set(m.loses) - lost
    assert not kept, f"mutant {m.name} ({m.description}) keeps full points on {sorted(kept)}"
    collateral = lost - set(m.loses) - set(m.may_lose)
    assert not collateral, f"mutant {m.name} also loses points on {sorted(collateral)}"
    if m.hint:
        graded_nb = notebooks.notebook_path(root / "autograded", m.student, name)
        text = "\n".join(course.cell_outputs_text(graded_nb, gid) for gid in m.loses)
        assert m.hint in text, f"mutant {m.name}: no failure message shows the hint {m.hint!r}"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_feedback_shows_failure_messages_but_no_hidden_test(name):
    root, results = graded_class(name)
    for student in results:
        leaked = hidden_lines_in_feedback(root, student, name)
        assert not leaked, f"feedback of {student} shows hidden-test lines: {leaked[:3]}"
    for m in MUTANTS[name]:
        text = feedback_text(root, m.student, name)
        graded_nb = notebooks.read(notebooks.notebook_path(root / "autograded", m.student, name))
        for gid in m.loses:
            for output in notebooks.cells_by_id(graded_nb)[gid].get("outputs", []):
                if output.output_type == "error":
                    first = output.evalue.strip().splitlines()[0] if output.evalue.strip() else ""
                    assert first in text, f"feedback of {m.student} misses the message {first!r}"
