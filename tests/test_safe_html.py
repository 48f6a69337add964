"""The sanitised rendering of student content (grading/safe_html.py), without a
browser: the two pages nbgrader renders from a graded notebook (formgrader's manual
grading page and the feedback page), made with this course's configuration from a
notebook that carries the catalogue's payloads in its markdown answer and, as
outputs, what student code can display. tests/test_browser_xss.py opens the real
pages in Chromium."""
import base64
import copy
import hashlib
import os
import html
import re
from html.parser import HTMLParser

import nbformat
import pytest
from nbconvert.exporters import HTMLExporter

from conftest import TINY
from grading import authoring, course, notebooks, safe_html
from test_adversarial import CASES, submission

MARKDOWN_CASES = [c for c in CASES if c.name.startswith("xss_") and c.cell == "why"]
RICH = next(c for c in CASES if c.name == "rich_answer")
SET = "document.title='XSS-RAN'"
# What student code can display (as autograde records it): each must come out inert.
OUTPUTS = [
    nbformat.v4.new_output("display_data", {
        "text/html": f'<b>bold output</b><script>{SET}</script><img src=x onerror="{SET}">',
        "text/plain": "html"}),
    nbformat.v4.new_output("display_data", {"application/javascript": SET, "text/plain": "js"}),
    nbformat.v4.new_output("display_data", {"text/markdown": f'<img src=x onerror="{SET}"> md'}),
    nbformat.v4.new_output("display_data", {
        "image/svg+xml": f'<svg xmlns="http://www.w3.org/2000/svg" onload="{SET}">'
                         f'<script>{SET}</script></svg>'}),
    nbformat.v4.new_output("display_data", {
        "application/vnd.jupyter.widget-view+json": {"model_id": "x", "version_major": 2,
                                                     "version_minor": 0},
        "text/plain": "a widget"}),
    nbformat.v4.new_output("display_data", {"text/html": f'<img src=x onerror="{SET}"> isolated'},
                           metadata={"isolated": True}),
    nbformat.v4.new_output("display_data", {"image/png": f'"><img src=x onerror="{SET}">'}),
    nbformat.v4.new_output("display_data", {"application/x-unknown": f"<script>{SET}</script>"}),
    nbformat.v4.new_output("stream", name="stdout", text=f"<script>{SET}</script>\n"),
    nbformat.v4.new_output("error", ename="ValueError", evalue=f"<img src=x onerror=\"{SET}\">",
                           traceback=[f"<script>{SET}</script>"]),
]
MATHJAX_CDN = "https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/"


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    root = tmp_path_factory.mktemp("safe")
    course.make_course(root, [])
    text = root / "tiny.py"
    text.write_text(TINY)
    authoring.percent_to_notebook(text, root / "source" / "tiny" / "tiny.ipynb")
    return root, course.grading_config(root)


def render(config, nb, page):
    """The page formgrader (``formgrade``) or generate_feedback (``feedback``) would
    make of ``nb`` with the course's configuration."""
    root, cfg = config
    if page == "feedback":  # GenerateFeedback's exporter reads its nested section too
        cfg = copy.deepcopy(cfg)
        cfg.HTMLExporter.merge(cfg.GenerateFeedback.HTMLExporter)
        cfg.HTMLExporter.extra_template_paths = [  # as GenerateFeedback sets it: bootstrap.min.css
            os.path.join(safe_html.TEMPLATE_DIRS[1], "..", "static", "node_modules", "bootstrap",
                         "dist", "css")]
    exporter = HTMLExporter(config=cfg)  # formgrader's: no parent, the top-level section
    if page == "feedback":
        resources = {"nbgrader": {"notebook": "tiny", "score": 1, "max_score": 5,
                                  "late_penalty": 0}}
    else:
        resources = {"assignment_id": "tiny", "notebook_id": "tiny", "submission_id": "abc123",
                     "index": 0, "total": 1, "base_url": "/user/ta", "student": "s",
                     "last_name": None, "first_name": None, "notebook_path": "x"}
    nb = copy.deepcopy(nb)
    for cell in nb.cells:  # the scores GetGrades gives the feedback template
        if notebooks.meta(cell).get("grade"):
            cell.metadata.nbgrader["score"] = 0
    out, _ = exporter.from_notebook_node(nb, resources=resources)
    return out


def attacked(config, case):
    root, _ = config
    solution = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    nb = submission(case, solution, 9, root)
    notebooks.cells_by_id(nb)["double"].outputs = copy.deepcopy(OUTPUTS)
    return nb


class Page(HTMLParser):
    """Scripts, handlers and active elements of a page, and its CSP."""
    ACTIVE = {"iframe", "frame", "object", "embed", "form", "base", "svg", "video", "audio",
              "link", "style", "meta", "input", "button", "textarea"}

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.scripts, self.srcs, self.handlers, self.active, self.policies = [], [], [], [], []
        self.urls, self.in_body, self._script = [], False, None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.in_body = True
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append(a["content"])
        if tag == "script":
            if a.get("src"):
                self.srcs.append(a["src"])
            elif not a.get("type", "").startswith("math/"):
                self._script = ""
        self.handlers += [(tag, n, v) for n, v in attrs if n.startswith("on")]
        self.urls += [(tag, n, v) for n, v in attrs if n in ("href", "src", "action", "srcset")
                      and v is not None]
        if self.in_body and tag in self.ACTIVE:
            self.active.append((tag, a))

    def handle_data(self, data):
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None


def sha(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def script_sources(policy):
    return next(d.split()[1:] for d in policy.split(";") if d.split()[0] == "script-src")


FORMGRADER_ACTIVE = {("input", "score"), ("input", "extra-credit"), ("textarea", "comment"),
                     ("button", "btn"), ("link", None)}


@pytest.mark.parametrize("page", ["formgrade", "feedback"])
@pytest.mark.parametrize("case", MARKDOWN_CASES, ids=[c.name for c in MARKDOWN_CASES])
def test_answer_and_outputs_render_inert(config, case, page):
    out = render(config, attacked(config, case), page)
    found = Page(out)
    # the only scripts: formgrader's own (its static folder), MathJax and the inline
    # scripts of the templates, every one allowed by hash in each policy
    assert found.policies, "no Content-Security-Policy"
    for policy in found.policies:
        allowed = script_sources(policy)
        for script in found.scripts:
            assert sha(script) in allowed, script[:200]
    mathjax = "/static/jupyter_server_mathjax/MathJax.js" if page == "formgrade" else MATHJAX_CDN
    for src in found.srcs:
        assert "/formgrader/static/" in src or mathjax in src, src
    handlers = [h for h in found.handlers if h[2] not in ("toggle_name(true);", "toggle_name(false);")]
    assert not handlers, handlers
    active = [(t, a) for t, a in found.active if not (
        page == "formgrade" and (t in ("input", "textarea", "button", "link")
                                 and ("tabbable" in a.get("class", "") or t in ("button", "link"))))]
    assert not active, active
    for tag, name, value in found.urls:
        assert not re.match(r"\s*(javascript|vbscript|data:text)", value, re.I), (tag, name, value)
        if tag == "img":
            assert value.startswith("data:image/"), (tag, name, value)
    loads = [v for _, name, v in found.urls if name != "href"]  # what loads without a click
    assert "127.0.0.1:9" not in "".join(loads)  # nothing from the payloads' server
    if case.shows:
        assert case.shows in re.sub(r"<[^>]*>", "", out).replace("&lt;", "<").replace(
            "&gt;", ">").replace("&quot;", '"').replace("&#34;", '"'), case.shows


@pytest.mark.parametrize("page", ["formgrade", "feedback"])
def test_normal_answer_keeps_math_table_image_and_code(config, page):
    root, _ = config
    solution = notebooks.read(notebooks.notebook_path(root, "source", "tiny"))
    out = render(config, submission(RICH, solution, 9, root), page)
    # math as MathML (grading/mathrender.py), which the browser draws with no script
    text = html.unescape(out)
    assert out.count("<math") >= 4 and "$" not in re.sub(r"<script.*?</script>", "", text, flags=re.S)
    assert "\u2211" in text and "\u03b1" in text and "\u221e" in text  # sum, alpha, infinity
    assert '<th style="text-align:center;">feature space</th>' in out
    assert '<td style="text-align:right;"><math' in out
    assert '<img alt="the plot" src="data:image/png;base64,iVBORw0KGgo' in out  # the attachment
    assert '<a href="https://example.org/notes.html#kernels">the lecture notes</a>' in out
    assert '<span class="n">alpha</span>' in out and '<span class="c1"># a &lt; b &amp; c &gt; d' in out
    assert 'class="highlight hl-python"' in out  # the code cells' input is highlighted too
    assert "<strong>this</strong>" in out and "<h2>Representer theorem</h2>" in out


def test_formgrader_policy_allows_only_its_static_folder_and_mathjax():
    own = '<script>var a = 1;</script><script src="/x.js"></script><b onclick="f();">x</b>'
    first, second = safe_html.policies(own, "../../../static/jupyter_server_mathjax/MathJax.js?c=1",
                                       "/user/ta/formgrader/submissions/1/",
                                       ["/user/ta/formgrader/static/"])
    assert script_sources(first) == ["'self'", sha("var a = 1;"), "'unsafe-hashes'", sha("f();")]
    assert script_sources(second) == ["*:*/user/ta/formgrader/static/",
                                      "*:*/user/ta/static/jupyter_server_mathjax/",
                                      sha("var a = 1;"), "'unsafe-hashes'", sha("f();")]
    assert "default-src 'none'" in first and "img-src data:" in first and "base-uri 'none'" in first


def test_feedback_policy_allows_only_mathjax_from_its_folder():
    [policy] = safe_html.policies("<script>cfg()</script>", MATHJAX_CDN + "MathJax.js?config=X")
    assert script_sources(policy) == [MATHJAX_CDN, sha("cfg()")]
    assert "connect-src 'none'" in policy and "'self'" not in policy


@pytest.mark.parametrize("markup, kept", [
    ('<img src=x onerror="alert(1)">', "<img>"),
    ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href=" &#14;javascript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="JaVaScRiPt&colon;alert(1)">x</a>', "<a>x</a>"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "<a>x</a>"),
    ('<a href="/logout">x</a>', "<a>x</a>"),  # no link into the TA's own server
    ('<a href="https://example.org/a" target="_blank">x</a>', '<a href="https://example.org/a">x</a>'),
    ('<img src="http://example.org/track.png">', "<img>"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="f">', '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="f">'),
    ('<img src="data:text/html;base64,PHN2Zz4=">', "<img>"),
    ('<script>alert(1)</script>', "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('<span class="navbar-fixed-top k">x</span>', "<span>x</span>"),
    ('<h2 id="why">x</h2>', "<h2>x</h2>"),  # ids would clobber formgrader's (its score inputs)
    ('<table><tr><td style="text-align:right; background: url(http://x)">1</td></tr></table>',
     '<table><tbody><tr><td style="text-align:right;">1</td></tr></tbody></table>'),
])
def test_clean_html(markup, kept):
    assert safe_html.clean_html(markup) == kept
