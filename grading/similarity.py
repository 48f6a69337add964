"""The similarity report: answers two submissions share, for a human to look at.

For each answer cell of an assignment, every pair of submissions is compared with
copydetect (https://github.com/blingenf/copydetect), which fingerprints code the way
MOSS does: it tokenizes the code with Pygments and replaces every variable, function
and class name by one letter and every string by another, dropping comments and
whitespace, so renamed variables, new comments and reformatting do not hide a copy;
then it hashes all k-grams of that normalised text and keeps a winnowed subset. The
code that every student is given or that the instructor wrote is boilerplate: the
fingerprints of the source notebook (solutions, tests) and of the release (provided
code, stubs) are removed before comparing, so a student who writes the model
solution, or keeps the provided lines, matches nobody. Markdown answers are compared
as plain text, with the question texts as boilerplate.

A pair is listed when the shared fingerprinted code is at least ``c.Similarity.threshold``
of either answer. The page (reports/<a>/similarity.html, linked from the class report)
shows the two answers side by side with the shared parts marked. It flags for a
human; it never changes a grade."""
import html
import io
import itertools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from copydetect import CodeFingerprint, compare_files
from copydetect.utils import highlight_overlap
from traitlets import Float, Int
from traitlets.config import Configurable

from . import course, notebooks


class Similarity(Configurable):
    """Settings of the similarity report (nbgrader_config.py: ``c.Similarity.*``)."""
    threshold = Float(0.6, help="List a pair when the code the two answers share is at "
                      "least this share of either answer's code (copydetect's similarity, "
                      "0-1).").tag(config=True)
    noise = Int(25, help="copydetect's noise threshold: matches shorter than this many "
                "normalised characters are ignored (the k of the k-grams).").tag(config=True)
    guarantee = Int(30, help="copydetect's guarantee threshold: matches at least this long "
                    "are always found (sets the winnowing window).").tag(config=True)
    min_chars = Int(40, help="Answers with fewer normalised characters of their own (after "
                    "removing provided and solution code) are not compared.").tag(config=True)


@dataclass
class Pair:
    cell: str
    students: tuple  # (a, b)
    similarity: tuple  # share of each answer found in the other, 0-1
    code: tuple  # each answer as HTML, escaped, the shared parts in <mark>

    @property
    def score(self):
        return max(self.similarity)


def settings(root):
    return Similarity(config=course.grading_config(root))


def _fingerprint(text, conf, boilerplate=None, markdown=False, window=None):
    return CodeFingerprint("answer.md" if markdown else "answer.py", conf.noise,
                           window or max(1, conf.guarantee - conf.noise + 1), boilerplate,
                           filter=not markdown, language=None if markdown else "python",
                           fp=io.StringIO(text))


def _boilerplate(root, name, conf, markdown):
    """Fingerprints of every cell the instructor wrote: the source notebook and the release."""
    hashes = []
    for path in sorted(Path(root, "source", name).glob("*.ipynb")) + \
            sorted(Path(root, "release", name).glob("*.ipynb")):
        for cell in notebooks.read(path).cells:
            if (cell.cell_type == "markdown") == markdown and cell.source.strip():
                hashes.extend(_fingerprint(cell.source, conf, markdown=markdown, window=1).hashes)
    return np.unique(np.array(hashes, dtype=np.int64))


def answers(root, name):
    """``{grade_id: {student: source}}`` of the answer cells, from submitted/, and the
    students whose notebook could not be read."""
    sources = course.source_notebooks(root, name)
    keys = course.cell_keys([(nb_name, notebooks.meta(c)["grade_id"])
                             for nb_name, nb in sources.items() for c in nb.cells
                             if notebooks.is_answer(c)])
    ids = {key: next(c.cell_type for c in sources[nb_name].cells
                     if notebooks.meta(c).get("grade_id") == gid)
           for (nb_name, gid), key in keys.items()}
    out, unreadable = {key: {} for key in ids}, []
    for student in course.submitted_students(root, name):
        for nb_name in sources:
            path = Path(root, "submitted", student, name, f"{nb_name}.ipynb")
            if not path.exists():
                continue
            try:
                cells = notebooks.cells_by_id(notebooks.read(path))
            except Exception:  # not JSON, not a notebook: the class report lists it
                unreadable.append(student)
                continue
            for (nb, gid), key in keys.items():
                if nb == nb_name and gid in cells and cells[gid].cell_type == ids[key]:
                    out[key][student] = cells[gid].source
    return out, ids, unreadable


def _mark(text, slices):
    if slices.shape[0] == 0 or slices.shape[1] == 0:
        return html.escape(text)
    marked, _ = highlight_overlap(text, slices, "<mark>", "</mark>", escape_html=True)
    return marked


def find_pairs(root, name, conf=None):
    """Every pair of answers at or above the threshold, most similar first, and the
    students whose notebook could not be read."""
    conf = conf or settings(root)
    by_cell, kinds, unreadable = answers(root, name)
    boiler = {md: _boilerplate(root, name, conf, md) for md in (False, True)}
    pairs = []
    for gid, texts in by_cell.items():
        markdown = kinds[gid] == "markdown"
        prints = {}
        for student, text in texts.items():
            fp = _fingerprint(text, conf, boiler[markdown], markdown)
            if fp.token_coverage >= conf.min_chars:
                prints[student] = fp
        for a, b in itertools.combinations(sorted(prints), 2):
            _, sims, (slices_a, slices_b) = compare_files(prints[a], prints[b])
            sims = tuple(min(1.0, float(s)) for s in sims)
            if max(sims) >= conf.threshold:
                pairs.append(Pair(gid, (a, b), sims, (_mark(prints[a].raw_code, slices_a),
                                                      _mark(prints[b].raw_code, slices_b))))
    pairs.sort(key=lambda p: -p.score)
    return pairs, unreadable


STYLE = """body{font-family:sans-serif;max-width:1400px;margin:2em auto;padding:0 1em}
.pair{display:flex;gap:1em}.pair>div{flex:1;min-width:0}
pre{background:#f6f6f6;border:1px solid #ddd;padding:.5em;overflow-x:auto;white-space:pre-wrap}
mark{background:#ffd27a}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}"""


def build(root, name, out_dir=None, conf=None):
    """Write reports/<name>/similarity.html; return ``(path, pairs)``."""
    root = Path(root)
    conf = conf or settings(root)
    out_dir = Path(out_dir or root / "reports" / name)
    out_dir.mkdir(parents=True, exist_ok=True)
    pairs, unreadable = find_pairs(root, name, conf)
    e = html.escape
    summary = "".join(
        f"<tr><td><a href='#pair{i}'>{e(p.cell)}</a></td><td>{e(p.students[0])}</td>"
        f"<td>{e(p.students[1])}</td><td>{100 * p.similarity[0]:.0f}% / "
        f"{100 * p.similarity[1]:.0f}%</td></tr>" for i, p in enumerate(pairs))
    details = "".join(
        f"<h3 id='pair{i}'>{e(p.cell)}: {e(p.students[0])} and {e(p.students[1])}</h3>"
        f"<div class='pair'><div><b>{e(p.students[0])}</b> ({100 * p.similarity[0]:.0f}% "
        f"of this answer is shared)<pre>{p.code[0]}</pre></div><div><b>{e(p.students[1])}</b> "
        f"({100 * p.similarity[1]:.0f}% of this answer is shared)<pre>{p.code[1]}</pre></div></div>"
        for i, p in enumerate(pairs))
    skipped = (f"<p>Not compared (the notebook could not be read): "
               f"{e(', '.join(unreadable))}.</p>" if unreadable else "")
    page = f"""<!doctype html><html><head><meta charset="utf-8">
<title>{e(name)}: similar answers</title><style>{STYLE}</style></head><body>
<h1>Similar answers: {e(name)}</h1>
<p>Pairs of submissions whose answer to one cell is alike after normalising names,
comments and formatting (copydetect's winnowing, as MOSS does), with the instructor's
solution and the release's provided code removed. A pair is listed when the shared code is
at least {100 * conf.threshold:.0f}% of either answer (<code>c.Similarity.threshold</code>).
This page flags answers for a human to read; it never changes a grade.
<a href="report.html">Back to the class report</a>.</p>
<p>{len(pairs)} pair(s) found.</p>{skipped}
<table><tr><th>answer cell</th><th>student</th><th>student</th><th>shared</th></tr>{summary}</table>
{details}
</body></html>"""
    path = out_dir / "similarity.html"
    path.write_text(page)
    return path, pairs
