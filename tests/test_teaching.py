"""The TA's tools on a small graded kernels class (tests/teaching_class.py): grades
into Canvas and Moodle through `nbgrader export`, the similarity report, the class
report for teaching, math that renders without the web, and our pages escaping every
string a student controls."""
import csv
import html
import re
from urllib.parse import unquote

import pytest

from grading import course, mutants, report, similarity
from teaching_class import HOSTILE, HOSTILE_CODE, HOSTILE_MESSAGE, NAME, small_class

pytestmark = pytest.mark.xdist_group("teaching")
COPIED = {"copier-a", "copier-b", HOSTILE}  # the hostile student copied copier-a's answer


@pytest.fixture(scope="module")
def root():
    return small_class()


def grade_open_answers(root, students, fraction=1.0):
    """What a TA does in formgrader, through nbgrader's gradebook API: score every open
    answer of these students."""
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for student in students:
            nb = gb.find_submission_notebook(NAME, NAME, student)
            for g in nb.grades:
                if g.needs_manual_grade or g.manual_score is not None:
                    g.manual_score = fraction * g.max_score
                    g.needs_manual_grade = False  # as formgrader's API does
            gb.db.commit()


def export(root, lms, tmp_path):
    dest = tmp_path / f"{lms.lower()}.csv"
    out = course.nbgrader("export", f"--exporter=grading.lms.{lms}Export", f"--to={dest}", cwd=root)
    assert out.returncode == 0, out.stderr
    attention = list(csv.reader(open(dest.with_name(dest.stem + "-attention.csv"))))
    return list(csv.reader(open(dest, newline=""))), {(s, a): why for s, a, why in attention[1:]}


def nbgrader_scores(root, tmp_path):
    """nbgrader's own CSV export: score (points minus late penalty) per student."""
    dest = tmp_path / "nbgrader.csv"
    out = course.nbgrader("export", f"--to={dest}", cwd=root)
    assert out.returncode == 0, out.stderr
    return {r["student_id"]: r for r in csv.DictReader(open(dest))}


def test_canvas_export_matches_gradebook(root, tmp_path):
    grade_open_answers(root, ["solution", "late", "copier-a", "blank"])
    rows, attention = export(root, "Canvas", tmp_path)
    # Canvas's gradebook import: the columns of its own export, one column per
    # assignment, and the "Points Possible" row under the header.
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", NAME]
    expected = nbgrader_scores(root, tmp_path)
    assert rows[1] == ["    Points Possible", "", "", "", "", f"{float(expected['solution']['max_score']):g}"]
    by_login = {r[3]: r for r in rows[2:]}
    assert by_login["solution"][:5] == ["Demo, Solution", "107", "S2026007", "solution",
                                        "ML exercises - section 1"]
    assert float(by_login["solution"][5]) == float(expected["solution"]["score"]) > 0
    # The late submission: nbgrader's penalty (c.LateSubmissionPlugin.penalty_method =
    # "zero"), as nbgrader stored it at autograde time: the autograded points. (Manual
    # points given later escape it, in nbgrader's own export too.)
    late = expected["late"]
    full = float(expected["solution"]["score"])
    assert float(late["raw_score"]) == full and float(late["late_submission_penalty"]) > 0
    assert float(by_login["late"][5]) == float(late["score"]) < full
    assert by_login["blank"][5] == "0"  # a real zero stays a zero
    # Empty cells, never a silent 0, each with its reason in the list beside the file.
    assert by_login["corrupted"][5] == "" and "not graded: NotJSONError" in attention[("corrupted", NAME)]
    assert by_login["own-answer"][5] == ""
    assert "still to grade by hand" in attention[("own-answer", NAME)]
    assert attention[("mutant-forgets-lam", NAME)].startswith("not in the roster")
    assert "mutant-forgets-lam" not in by_login
    # copier-a is fully graded; its cell holds exactly nbgrader's score.
    assert float(by_login["copier-a"][5]) == float(expected["copier-a"]["score"])


def test_moodle_export(root, tmp_path):
    grade_open_answers(root, ["solution"])
    rows, attention = export(root, "Moodle", tmp_path)
    # Moodle's grade import CSV: its user fields, then one column per grade item.
    assert rows[0] == ["First name", "Last name", "ID number", "Email address", NAME]
    by_email = {r[3]: r for r in rows[1:]}
    score = float(nbgrader_scores(root, tmp_path)["solution"]["score"])
    assert by_email["solution@example.edu"] == ["Solution", "Demo", "S2026007",
                                                "solution@example.edu", f"{score:g}"]
    assert by_email["corrupted@example.edu"][4] == ""
    assert ("corrupted", NAME) in attention
    assert len(rows) == 1 + 8  # every roster row, nobody else


def test_export_refuses_without_a_roster(root, tmp_path):
    out = course.nbgrader("export", "--exporter=grading.lms.CanvasExport", f"--to={tmp_path / 'x.csv'}",
                          f"--CanvasExport.roster={tmp_path / 'missing.csv'}", cwd=root)
    assert out.returncode != 0 and "no roster at" in out.stderr


def test_similarity_finds_the_copied_answer_and_no_honest_pair(root):
    pairs, unreadable = similarity.find_pairs(root, NAME)
    found = {frozenset(p.students): p for p in pairs}
    copied = found[frozenset({"copier-a", "copier-b"})]
    assert copied.cell == "spectrum_features" and min(copied.similarity) >= 0.9
    for pair in pairs:
        assert set(pair.students) <= COPIED, f"honest pair flagged: {pair.students} {pair.similarity}"
    assert unreadable == ["corrupted"]
    # The honest student who wrote their own answer to the same question is well apart.
    everything, _ = similarity.find_pairs(root, NAME, similarity.Similarity(threshold=0.0))
    honest = [max(p.similarity) for p in everything if set(p.students) & {"own-answer"}]
    assert honest and max(honest) < similarity.settings(root).threshold


def test_similarity_page_escapes_student_code(root, tmp_path):
    path, pairs = similarity.build(root, NAME, tmp_path)
    page = path.read_text()
    assert "copier-a" in page and "copier-b" in page and "<mark>" in page
    shown_as_text(page, HOSTILE_CODE)
    shown_as_text(page, HOSTILE)


def test_class_report_for_teaching(root):
    page = report.build(root, NAME).read_text()
    assert (root / "reports" / NAME / "heatmap.png").stat().st_size > 5000
    part_row = lambda gid: re.search(rf"<tr><td>{gid}</td><td>(\w+)</td>.*?</tr>", page, re.S).group(0)
    assert "<td>manual</td>" in part_row("representer_theorem")
    assert "<td>test</td>" in part_row("test_krr_fit")
    # the mutant's hint is among the hints shown, with the test cell that showed it
    hint = next(m.hint for m in mutants.load(NAME) if m.name == "forgets_lam")
    assert re.search(rf"<td>test_krr_fit</td><td>[^<]*{re.escape(hint)}", page)
    struggling = page.split("Students below")[1].split("</table>")[0]
    assert "blank" in struggling and ">solution<" not in struggling
    assert 'href="similarity.html"' in page and "pair(s) to look at" in page
    # each student's row links to their feedback page, which exists
    links = re.findall(r'href="(\.\./\.\./feedback/[^"]+)"', page)
    assert len(links) >= 7
    for link in links:
        assert (root / "reports" / NAME / unquote(html.unescape(link))).exists(), link
    assert any("solution/kernels/kernels.html" in link for link in links)
    # the question texts' math is MathML, not raw TeX
    assert "<math" in page and "$\\ell" not in page


def test_our_pages_escape_what_students_control(root):
    page = report.build(root, NAME).read_text()
    sim = (root / "reports" / NAME / "similarity.html").read_text()
    shown_as_text(page, HOSTILE)  # the id
    shown_as_text(page, HOSTILE_MESSAGE)  # in the most frequent failure messages
    shown_as_text(sim, HOSTILE)
    shown_as_text(sim, HOSTILE_CODE)  # in the copied answer, side by side
    for text in (page, sim):
        assert "<script" not in text and "onerror=alert" not in text.replace("&lt;img src=x onerror=alert", "")


def shown_as_text(page, hostile):
    """The student's string is on the page as text: escaped, never as markup."""
    assert hostile not in page, f"{hostile!r} pasted into the page unescaped"
    assert hostile in html.unescape(page), f"{hostile!r} is not on the page"


def test_feedback_math_is_mathml(root):
    feedback = (root / "feedback" / "solution" / NAME / f"{NAME}.html").read_text()
    assert feedback.count("<math") > 20
    # the intro's "$\ell \ge 1$" is MathML now, not TeX left for a script from the web
    assert "an integer $\\ell" not in feedback and "<mi>ℓ</mi>" in feedback


def test_report_heatmap_survives_dollar_in_an_id():
    assert report._label("a$b$c") == r"a\$b\$c"


def test_discrimination_index():
    assert report.discrimination([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1]) == 1.0
    assert report.discrimination([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]) == -1.0
    assert report.discrimination([1, None, 0], [0.9, 0.8, 0.2]) is None


def test_roster_needs_student_id(tmp_path):
    from grading import lms
    bad = tmp_path / "roster.csv"
    bad.write_text("name,email\nA,a@x\n")
    with pytest.raises(ValueError, match="student_id"):
        lms.read_roster(bad)
    good = tmp_path / "good.csv"
    good.write_text("\ufeffstudent_id,email\n s1 ,s1@x\n,\n")
    assert lms.read_roster(good)[0]["student_id"] == "s1" and len(lms.read_roster(good)) == 1
