"""The class report for TAs: one HTML page per assignment with PNG plots.

For teaching: per question part (each test cell and each manually graded answer) the
mean score, the share of submissions with full marks and how well the part separates
strong from weak submissions (the discrimination index); a student x question heat
map; the hints the class was shown most often (which mistake the class made most);
the students below ``c.ClassReport.struggling_percent``; each student's row links to
their feedback page, and the page links to the similarity report. For grading: the
score distribution, the pass rate of every test cell, the most frequent failure
messages, the submissions that could not be graded (with the reason), those flagged
for review and those waiting for manual grading. Everything is read back from
nbgrader's gradebook, the autograded notebooks and the pipeline's run records.

Every string a student controls (ids, messages, code) is escaped; question texts
come from the instructor's source notebook, their math rendered as MathML
(grading/mathrender.py), so the page needs no script and no network."""
import html
import os
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from traitlets import Float  # noqa: E402
from traitlets.config import Configurable  # noqa: E402

from . import course, mathrender, notebooks, similarity  # noqa: E402


class ClassReport(Configurable):
    """Settings of the class report (nbgrader_config.py: ``c.ClassReport.*``)."""
    struggling_percent = Float(50.0, help="List the students whose share of the points "
                               "graded so far is below this percent.").tag(config=True)


def failure_messages(root, name, student):
    """(test grade_id, first line of the failure message) for each failed test cell."""
    return [(gid, f"{ename}: {lines[0] if lines else ''}")
            for gid, ename, lines in _errors(root, name, student)]


def hints(root, name, student):
    """(test grade_id, hint) for each hint a failed test cell showed the student."""
    out = []
    for gid, _, lines in _errors(root, name, student):
        for line in lines:
            found = re.search(r"Hint:\s*(.+)", line)
            if found:
                out.append((gid, found.group(1).strip()))
                break
    return out


def _keys(root, name):
    """(notebook, grade_id) -> the name the report gives the part (course.cell_keys)."""
    return course.cell_keys([(nb_name, notebooks.meta(c)["grade_id"])
                             for nb_name, nb in course.source_notebooks(root, name).items()
                             for c in nb.cells if notebooks.meta(c).get("grade")])


def _errors(root, name, student):
    keys, out = _keys(root, name), []
    for nb_name in course.source_notebooks(root, name):
        path = Path(root, "autograded", student, name, f"{nb_name}.ipynb")
        if not path.exists():
            continue
        for gid, cell in notebooks.cells_by_id(notebooks.read(path)).items():
            for output in cell.get("outputs", []):
                if notebooks.is_test(cell) and output.get("output_type") == "error":
                    lines = (output.get("evalue") or "").strip().splitlines()
                    out.append((keys.get((nb_name, gid), gid), output.get("ename"), lines))
    return out


def question_parts(root, name):
    """``[(part, kind, points, question markdown)]`` in notebook order: every test cell
    ("test") and manually graded answer ("manual") of the source notebooks, with the
    first paragraph of the question text above it."""
    keys, parts = _keys(root, name), []
    for nb_name, source in course.source_notebooks(root, name).items():
        question = ""
        for cell in source.cells:
            m = notebooks.meta(cell)
            if cell.cell_type == "markdown" and not m.get("solution"):
                question = _first_paragraph(cell.source) or question
            elif m.get("grade"):
                kind = "manual" if m.get("solution") else "test"
                parts.append((keys[(nb_name, m["grade_id"])], kind, float(m.get("points", 0)),
                              question))
    return parts


def _first_paragraph(text, limit=400):
    for para in re.split(r"\n\s*\n", text):
        para = para.strip()
        if para and not para.startswith("#") and para.count("$") % 2 == 0:
            if len(para) > limit:  # cut at a sentence end where the math is balanced
                cut = [m.end() for m in re.finditer(r"[.:;?]\s", para[:limit])
                       if para[:m.end()].count("$") % 2 == 0]
                para = para[:cut[-1]].strip() + " ..." if cut else para[:0]
            if para:
                return para
    return ""


def part_scores(root, name, students, parts):
    """``{student: {grade_id: score or None}}`` from nbgrader's gradebook: None for a
    manual answer not graded yet or a cell without a score."""
    from nbgrader.api import Gradebook, MissingEntry

    out, keys = {}, _keys(root, name)
    with Gradebook(course.db_url(root)) as gb:
        for student in students:
            try:
                grades = {keys.get((nb_name, g.name), g.name): g
                          for nb_name in course.source_notebooks(root, name)
                          for g in gb.find_submission_notebook(nb_name, name, student).grades}
            except MissingEntry:
                continue
            row = {}
            for gid, kind, _, _ in parts:
                g = grades.get(gid)
                if g is None or (kind == "test" and g.auto_score is None) or \
                        (g.needs_manual_grade and g.manual_score is None):
                    row[gid] = None
                else:
                    row[gid] = float(g.score)
            out[student] = row
    return out


def discrimination(fractions, totals):
    """Upper-lower discrimination index of one question part: the mean share of its
    points in the top 27% of submissions (by share of all points) minus that in the
    bottom 27%; from -1 to 1, near 0 when the part does not separate strong from weak
    submissions. None with fewer than 4 scored submissions."""
    pairs = [(t, f) for t, f in zip(totals, fractions) if f is not None]
    if len(pairs) < 4:
        return None
    pairs.sort(key=lambda p: p[0])
    k = max(1, round(0.27 * len(pairs)))
    return float(np.mean([f for _, f in pairs[-k:]]) - np.mean([f for _, f in pairs[:k]]))


def build(root, name, out_dir=None, similar=None):
    """Write reports/<name>/report.html (its PNGs, and similarity.html beside it unless
    ``similar`` pairs are given); return the HTML path."""
    root = Path(root)
    out_dir = Path(out_dir or root / "reports" / name)
    out_dir.mkdir(parents=True, exist_ok=True)
    config = ClassReport(config=course.grading_config(root))
    students = course.submitted_students(root, name)
    results = course.results(root, name, students)
    graded = [r for r in results.values() if r.status != "not graded"]
    not_graded = [r for r in results.values() if r.status == "not graded"]
    flagged = [r for r in results.values() if r.status == "flagged"]
    manual = [r for r in graded if r.manual_pending]
    cells = list(next(iter(graded)).cell_max) if graded else []
    pass_rate = {gid: sum(r.cells.get(gid) == r.cell_max[gid] for r in graded) / len(graded)
                 for gid in cells}
    failures = Counter(f for r in graded for f in failure_messages(root, name, r.student))
    # A missing answer is not a mistake: counted apart, so the table shows real ones.
    missing = sum(n for (_, msg), n in failures.items() if msg.startswith("NotImplementedError"))
    failures = Counter({k: n for k, n in failures.items() if not k[1].startswith("NotImplementedError")})
    hint_counts = Counter(h for r in graded for h in set(hints(root, name, r.student)))
    if similar is None:
        similar = similarity.build(root, name, out_dir)[1]

    parts = question_parts(root, name)
    scores = part_scores(root, name, [r.student for r in graded], parts)
    points = {gid: p for gid, _, p, _ in parts}
    share = {s: _share(row, points) for s, row in scores.items()}
    stats = []
    for gid, kind, p, question in parts:
        got = [scores[s][gid] for s in scores if scores[s][gid] is not None]
        fractions = [None if scores[s][gid] is None else scores[s][gid] / p if p else 0.0
                     for s in scores]
        stats.append((gid, kind, p, question, len(got), np.mean(got) if got else None,
                      np.mean([g >= p for g in got]) if got else None,
                      discrimination(fractions, [share[s] or 0.0 for s in scores])))
    struggling = sorted(((s, v) for s, v in share.items()
                         if v is not None and 100 * v < config.struggling_percent),
                        key=lambda x: x[1])

    _plot_scores(graded, out_dir / "scores.png", name)
    _plot_pass_rates(pass_rate, out_dir / "pass_rates.png", name)
    _plot_heatmap(scores, parts, share, out_dir / "heatmap.png", name)

    e = html.escape
    rows = lambda items: "".join("<tr>" + "".join(f"<td>{e(str(x))}</td>" for x in item)
                                 + "</tr>" for item in items)
    fmt = lambda x, f="{:.2f}": "-" if x is None else f.format(x)
    # The question text on the first part it belongs to; the parts after it share it.
    shown = [q if i == 0 or q != stats[i - 1][3] else "" for i, (_, _, _, q, *_) in enumerate(stats)]
    part_rows = "".join(
        f"<tr><td>{e(gid)}</td><td>{kind}</td><td class='q'>{mathrender.markdown(q) if q else ''}</td>"
        f"<td>{n}</td><td>{fmt(mean, '{:.2f}')}/{p:g}</td><td>{fmt(full, '{:.0%}')}</td>"
        f"<td>{fmt(d)}</td></tr>" for (gid, kind, p, _, n, mean, full, d), q in zip(stats, shown))
    hint_total = len(graded) or 1
    hint_rows = "".join(f"<tr><td>{n}</td><td>{n / hint_total:.0%}</td><td>{e(gid)}</td>"
                        f"<td>{e(hint)}</td></tr>"
                        for (gid, hint), n in hint_counts.most_common(10))
    weakest = lambda s: ", ".join(e(gid) for gid, _, p, _ in sorted(
        (x for x in parts if scores[s][x[0]] is not None and x[2] and scores[s][x[0]] < x[2]),
        key=lambda x: scores[s][x[0]] / x[2])[:4])
    struggling_rows = "".join(f"<tr><td>{self_link(root, name, s, out_dir)}</td><td>{100 * v:.0f}%</td>"
                              f"<td>{weakest(s)}</td></tr>" for s, v in struggling)
    all_rows = "".join(
        "<tr>" + "".join(f"<td>{e(str(x))}</td>" for x in (
            r.student, r.status, f"{r.score:g}/{r.max_score:g}" if r.status != "not graded" else "-",
            f"{r.percent:.0f}%" if r.status != "not graded" else "-", f"{r.manual_score:g}",
            r.manual_pending)) + f"<td>{feedback_link(root, name, r.student, out_dir)}</td></tr>"
        for r in results.values())
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>{e(name)}: class report</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}}td.q{{max-width:420px;font-size:90%}}
img{{max-width:100%}}</style></head><body>
<h1>Class report: {e(name)}</h1>
<p>{len(students)} submissions: {len(graded)} graded ({len(flagged)} flagged for review),
{len(not_graded)} could not be graded, {len(manual)} waiting for manual grading.
<a href="similarity.html">Similar answers</a>: {len(similar)} pair(s) to look at.</p>
<h2>Where the class struggles</h2>
<h3>Question parts</h3>
<p>Per test cell and manually graded answer: the submissions with a score for it, the mean
score, the share with full marks, and the discrimination index (mean share of the part's
points in the top 27% of submissions minus the bottom 27%, ranked by share of all points
graded so far; near 0 or below: the part does not separate strong from weak submissions).</p>
<table><tr><th>part</th><th>kind</th><th>question</th><th>scored</th><th>mean</th><th>full marks</th>
<th>discrimination</th></tr>{part_rows}</table>
<h3>Student x question</h3><img src="heatmap.png" alt="heat map: share of points per student and question part">
<h3>Most frequent hints shown (the class's most common mistakes)</h3>
<table><tr><th>students</th><th>share</th><th>test cell</th><th>hint</th></tr>{hint_rows}</table>
<h3>Students below {config.struggling_percent:g}% of the points graded so far</h3>
<table><tr><th>student</th><th>share of points</th><th>weakest parts</th></tr>{struggling_rows}</table>
<h2>Score distribution (autograded points)</h2><img src="scores.png" alt="score histogram">
<h2>Pass rate per test cell</h2><img src="pass_rates.png" alt="pass rate per test cell">
<h2>Most frequent failure messages</h2>
<p>Not counted here: {missing} failed test cell(s) whose answer is still missing
(<code>NotImplementedError</code>).</p>
<table><tr><th>count</th><th>test cell</th><th>message</th></tr>
{rows((n, gid, msg) for (gid, msg), n in failures.most_common(15))}</table>
<h2>Could not be graded</h2>
<table><tr><th>student</th><th>reason</th></tr>{rows((r.student, r.reason) for r in not_graded)}</table>
<h2>Flagged for review</h2>
<table><tr><th>student</th><th>reason</th></tr>{rows((r.student, r.reason) for r in flagged)}</table>
<h2>Waiting for manual grading</h2>
<table><tr><th>student</th><th>open answers to grade</th></tr>
{rows((r.student, r.manual_pending) for r in manual)}</table>
<h2>All submissions</h2>
<table><tr><th>student</th><th>status</th><th>autograded points</th><th>percent</th>
<th>manual points so far</th><th>open answers to grade</th><th>feedback</th></tr>
{all_rows}</table>
</body></html>"""
    path = out_dir / "report.html"
    path.write_text(page)
    return path


def _share(row, points):
    scored = [(s, points[g]) for g, s in row.items() if s is not None]
    total = sum(p for _, p in scored)
    return sum(s for s, _ in scored) / total if total else None


def feedback_href(root, name, student, out_dir):
    """The relative link from the report to the student's feedback page, or None."""
    pages = sorted(Path(root, "feedback", student, name).glob("*.html"))
    page = Path(root, "feedback", student, name, f"{name}.html")
    page = page if page.exists() else (pages[0] if pages else None)  # the first notebook's
    if page is None:
        return None
    rel = os.path.relpath(page, out_dir)
    return "/".join(quote(part, safe="") for part in Path(rel).parts)


def feedback_link(root, name, student, out_dir):
    href = feedback_href(root, name, student, out_dir)
    return f'<a href="{html.escape(href)}">feedback</a>' if href else "-"


def self_link(root, name, student, out_dir):
    """The student's id, escaped, linked to their feedback page when there is one."""
    href = feedback_href(root, name, student, out_dir)
    text = html.escape(student)
    return f'<a href="{html.escape(href)}">{text}</a>' if href else text


def _label(text):
    """Plain text for a matplotlib label: no mathtext from a student's id."""
    return text.replace("$", r"\$")


def _plot_scores(graded, path, name):
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.hist([r.percent for r in graded], bins=range(0, 105, 5), color="tab:blue", edgecolor="white")
    ax.set_xlabel("autograded score (% of points)")
    ax.set_ylabel("submissions")
    ax.set_title(f"{name}: score distribution of {len(graded)} graded submissions")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _plot_pass_rates(pass_rate, path, name):
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(pass_rate) + 1.2))
    ids = list(pass_rate)[::-1]
    ax.barh(ids, [100 * pass_rate[g] for g in ids], color="tab:green")
    ax.set_xlim(0, 100)
    ax.set_xlabel("submissions with full points on the cell (%)")
    ax.set_title(f"{name}: pass rate per test cell")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _plot_heatmap(scores, parts, share, path, name):
    """Students (rows, strongest first) x question parts (columns): share of the part's
    points; grey where there is no score yet (a manual answer not graded)."""
    students = sorted(scores, key=lambda s: (-(share[s] or 0.0), s))
    ids = [gid for gid, _, p, _ in parts if p]
    grid = np.array([[np.nan if scores[s][g] is None else scores[s][g] / p
                      for g, _, p, _ in parts if p] for s in students]).reshape(len(students), len(ids))
    fig, ax = plt.subplots(figsize=(max(6, 0.32 * len(ids) + 3), max(2.5, 0.3 * len(students) + 2)))
    cmap = plt.get_cmap("RdYlGn").with_extremes(bad="#cccccc")
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(ids)), [_label(g) for g in ids], rotation=90, fontsize=7)
    ax.set_yticks(range(len(students)), [_label(s) for s in students], fontsize=7)
    ax.set_xlabel("question part (test cell or manually graded answer)")
    ax.set_title(f"{name}: share of each part's points (grey: not graded yet)")
    fig.colorbar(image, ax=ax, fraction=0.03, label="share of the part's points")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
