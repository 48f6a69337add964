"""The instructor pipeline on a tiny course: bad submissions are reported as not
graded or flagged, never as 0, and never stop the rest of the class."""
import pytest

from grading import pipeline, report

pytestmark = pytest.mark.xdist_group("tiny_course")


def test_progress_line_per_student(tiny_class):
    _, _, _, lines = tiny_class
    assert len(lines) == 7 and lines[0].startswith("  [1/7] tiny / good: ok")


def test_scores_of_good_and_wrong_submissions(tiny_class):
    _, _, results, _ = tiny_class
    assert (results["good"].status, results["good"].score, results["good"].max_score) == ("graded", 3, 3)
    assert results["good"].manual_pending == 1
    assert results["wrong"].cells == {"test_double": 2.0, "test_double_negative": 0.0}
    assert results["blank"].score == 0 and results["blank"].status == "graded"


def test_broken_files_are_not_graded_with_a_reason(tiny_class):
    _, runs, results, _ = tiny_class
    for student in ("corrupted", "empty"):
        assert not runs[student].ok
        assert results[student].status == "not graded"
        assert "NotJSONError" in results[student].reason, results[student].reason


def test_deleted_test_cell_is_flagged(tiny_class):
    _, _, results, _ = tiny_class
    r = results["deleted-test"]
    assert r.status == "flagged" and "test_double_negative" in r.reason
    assert r.cells["test_double"] == 2.0


def test_tampering_is_graded_and_flagged(tiny_class):
    _, runs, results, lines = tiny_class
    r = results["tampered"]
    assert r.status == "flagged" and "np.allclose" in r.reason
    assert r.score == 0  # the checks do not use the patched function
    assert any("tampered: ok (flagged for review" in line for line in lines)


def test_table_marks_not_graded_and_flagged(tiny_class):
    _, _, results, _ = tiny_class
    table = pipeline.gradebook_table({"tiny": results})
    rows = {line.split()[0]: line for line in table.splitlines()[2:] if line and line[0] != " "}
    assert "3/3 100%*" in rows["good"]
    assert "NOT GRADED" in rows["corrupted"] and "0/3" not in rows["corrupted"]
    assert "FLAGGED" in rows["deleted-test"] and "FLAGGED 0/3" in rows["tampered"]
    assert "0/3 0%" in rows["blank"]
    assert "corrupted / tiny: not graded:" in table


def test_class_report(tiny_class):
    root = tiny_class[0]
    page = report.build(root, "tiny").read_text()
    assert (root / "reports" / "tiny" / "scores.png").stat().st_size > 1000
    assert (root / "reports" / "tiny" / "pass_rates.png").stat().st_size > 1000
    assert "7 submissions: 5 graded (2 flagged for review)" in page
    assert "2 could not be graded" in page and "corrupted" in page
    assert "double(-3) is wrong" in page  # the most frequent failure messages
    assert "<td>good</td><td>1</td>" in page  # waiting for manual grading


@pytest.mark.parametrize("command", ["releases", "timing", "bench"])
def test_misspelt_assignment_name_gets_one_line(command, capsys):
    from grading import cli
    assert cli.main([command, "softmax_jacobian", "karate"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("no assignment 'karate' in ") and "karate_club" in out
    assert len(out.strip().splitlines()) == 1
