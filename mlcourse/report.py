"""The class report for TAs: one HTML page per assignment with PNG plots.

It shows the score distribution, the pass rate of every test cell, the most
frequent failure messages, the submissions that could not be graded (with the
reason) and those waiting for manual grading. Everything is read back from
nbgrader's gradebook, the autograded notebooks and the pipeline's run records."""
import html
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from . import course, notebooks  # noqa: E402


def failure_messages(root, name, student):
    """(test grade_id, first line of the failure message) for each failed test cell."""
    path = notebooks.notebook_path(Path(root, "autograded"), student, name)
    if not path.exists():
        return []
    out = []
    for gid, cell in notebooks.cells_by_id(notebooks.read(path)).items():
        for output in cell.get("outputs", []):
            if notebooks.is_test(cell) and output.get("output_type") == "error":
                first = (output.get("evalue") or "").strip().splitlines()
                out.append((gid, f"{output.get('ename')}: {first[0] if first else ''}"))
    return out


def build(root, name, out_dir=None):
    """Write reports/<name>/report.html (and its PNGs); return the HTML path."""
    root = Path(root)
    out_dir = Path(out_dir or root / "reports" / name)
    out_dir.mkdir(parents=True, exist_ok=True)
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

    _plot_scores(graded, out_dir / "scores.png", name)
    _plot_pass_rates(pass_rate, out_dir / "pass_rates.png", name)

    e = html.escape
    rows = lambda items: "".join("<tr>" + "".join(f"<td>{e(str(x))}</td>" for x in item)
                                 + "</tr>" for item in items)
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>{e(name)}: class report</title>
<style>body{{font-family:sans-serif;max-width:1000px;margin:2em auto}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:3px 8px;text-align:left}}</style></head><body>
<h1>Class report: {e(name)}</h1>
<p>{len(students)} submissions: {len(graded)} graded ({len(flagged)} flagged for review),
{len(not_graded)} could not be graded, {len(manual)} waiting for manual grading.</p>
<h2>Score distribution (autograded points)</h2><img src="scores.png" alt="score histogram">
<h2>Pass rate per test cell</h2><img src="pass_rates.png" alt="pass rate per test cell">
<h2>Most frequent failure messages</h2>
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
<th>manual points so far</th><th>open answers to grade</th></tr>
{rows((r.student, r.status, f"{r.score:g}/{r.max_score:g}" if r.status != "not graded" else "-",
       f"{r.percent:.0f}%" if r.status != "not graded" else "-", f"{r.manual_score:g}",
       r.manual_pending) for r in results.values())}</table>
</body></html>"""
    path = out_dir / "report.html"
    path.write_text(page)
    return path


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
