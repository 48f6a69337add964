"""What a student wrote or printed reaches the TA's formgrader and the student's
feedback page as inert HTML (issue 21).

Both pages are made by nbconvert's HTMLExporter with nbgrader's templates
(``formgrade`` and ``feedback``). nbgrader_config.py plugs in, for both:

- ``HTMLExporter.sanitize_html``: nbconvert's own switch. Its classic templates then
  pass HTML and Markdown outputs, raw cells and code through the ``clean_html``
  filter, and leave out JavaScript outputs, widget views and widget state.
- ``clean_html`` (the filter those templates call) is replaced by :func:`clean_html`:
  bleach, the sanitiser nbconvert itself uses, with the allow-list below. nbconvert's
  own list would show every ``<p>``, ``<h2>``, ``<img>`` or ``<th>`` as text.
- ``markdown2html`` is replaced by :class:`SanitizedMarkdown`: nbconvert's own
  Markdown rendering (math, attachments, highlighted code blocks), then
  :func:`clean_html` on its result. nbgrader's templates render Markdown cells in
  blocks of their own that skip ``sanitize_html``; this filter covers them, and it
  cleans the HTML after rendering, so that math and code keep their ``<`` and ``&``.
- :class:`SanitizeOutputs`, a preprocessor (nbconvert's SanitizeHTML, applied to
  outputs only): every output type other than text, images, LaTeX, JSON, HTML and
  Markdown is dropped (JavaScript, widgets, unknown types), HTML and Markdown are
  cleaned, an SVG is kept since the templates show it as an ``<img>`` (where no script
  of it runs), and HTML's ``isolated`` frame is turned off.
- the templates in grading/templates/ (``mlcourse_formgrade``, ``mlcourse_feedback``)
  extend nbgrader's and only add a Content-Security-Policy (:func:`policy_meta`) and
  load MathJax with a configuration that needs no ``eval``.

Disallowed tags are escaped, not removed: the TA sees what the student typed
(``<script>...`` as text), and nothing of it runs."""
import base64
import hashlib
import html
import os
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import bleach
import markupsafe
from bleach.css_sanitizer import CSSSanitizer
from jinja2 import pass_context
from nbconvert.preprocessors.sanitize import SanitizeHTML
from pygments.token import STANDARD_TYPES
from traitlets import Set
from traitlets.config import LoggingConfigurable

import nbgrader

from . import mathrender

# Where nbconvert finds our templates, and nbgrader's that they extend.
TEMPLATE_DIRS = [os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates"),
                 os.path.join(os.path.dirname(nbgrader.__file__), "server_extensions",
                              "formgrader", "templates")]

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul", "var",
})
# The class names nbconvert and Pygments put in highlighted code. Any other class
# (Bootstrap's or formgrader's own: navbar-fixed-top, score, tabbable) is dropped, so an
# answer cannot dress itself up as part of the page or reach formgrader's scripts.
CODE_CLASSES = frozenset(STANDARD_TYPES.values()) - {""} | {"highlight"}
IMAGE_TYPES = ("data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;",
               "data:image/svg+xml;")
LINK_SCHEMES = ("http", "https", "mailto")
# MathML, as grading/mathrender.py makes it of markdown's LaTeX: presentation elements
# only (no annotation-xml, which may carry HTML), and their layout attributes (no href).
MATHML_TAGS = frozenset({
    "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace",
    "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot", "mover", "munder", "munderover",
    "mtable", "mtr", "mtd", "mlabeledtr", "mstyle", "mpadded", "mphantom", "menclose",
    "merror", "mmultiscripts", "mprescripts", "none",
})
MATHML_ATTRIBUTES = frozenset({
    "display", "displaystyle", "mathvariant", "stretchy", "fence", "separator", "lspace",
    "rspace", "accent", "accentunder", "linethickness", "columnalign", "rowalign",
    "columnspacing", "rowspacing", "columnlines", "rowlines", "frame", "width", "height",
    "depth", "notation", "scriptlevel", "minsize", "maxsize", "movablelimits", "largeop",
    "symmetric", "form", "encoding", "xmlns", "align", "columnspan", "rowspan", "linebreak",
})


def _normalized(value):
    """A URL as a browser reads it (entities decoded, blanks and controls dropped,
    lower case), the way bleach normalises it before checking its protocol."""
    value = html.unescape(value)
    return re.sub(r"[`\x00-\x20\x7f-\xa0\s]+", "", value).lower()


def _attribute(tag, name, value):
    """bleach's attribute filter: which attributes survive, on which tags."""
    if tag in MATHML_TAGS:
        return name in MATHML_ATTRIBUTES and not _normalized(value).startswith(
            ("javascript:", "data:", "vbscript:"))
    if name in ("title", "lang", "dir"):
        return True
    if name == "class":
        return tag in ("span", "div", "pre", "code") and all(
            c in CODE_CLASSES or c.startswith("hl-") for c in value.split())
    if tag == "a" and name == "href":  # web and mail links only; never a script or a page
        url = _normalized(value)
        return urlsplit(url).scheme in LINK_SCHEMES and not url.startswith("//")
    if tag == "img":
        if name == "src":  # images embedded in the notebook (outputs, attachments) only
            return _normalized(value).startswith(IMAGE_TYPES)
        return name in ("alt", "width", "height")
    if tag in ("td", "th"):
        return name in ("style", "colspan", "rowspan", "align")
    if tag == "ol":
        return name in ("start", "type")
    if tag == "details":
        return name == "open"
    return False


CLEANER = bleach.Cleaner(
    tags=TAGS | MATHML_TAGS, attributes=_attribute, protocols=set(LINK_SCHEMES) | {"data"},
    strip=False, strip_comments=True,
    css_sanitizer=CSSSanitizer(allowed_css_properties={"text-align"}))


def clean_html(element):
    """The ``clean_html`` filter of nbconvert's templates, with this course's list."""
    element = element.decode() if isinstance(element, bytes) else str(element)
    return markupsafe.Markup(CLEANER.clean(element))  # noqa: S704 (it is the cleaned text)


class SanitizedMarkdown(LoggingConfigurable):
    """The ``markdown2html`` filter: nbconvert's rendering with the math as MathML
    (grading/mathrender.py: no MathJax needed, so it renders offline), then
    :func:`clean_html`."""
    jinja_pass_arg = pass_context(lambda: None).jinja_pass_arg  # like @pass_context

    def __call__(self, context, source):
        exporter = self.parent  # nbconvert registers a filter class with its exporter
        cell = context.get("cell", {})
        path = context.get("resources", {}).get("metadata", {}).get("path", "")
        return clean_html(mathrender.markdown(
            source, attachments=cell.get("attachments", {}), path=path,
            embed_images=exporter.embed_images, anchor_link_text=exporter.anchor_link_text,
            exclude_anchor_links=exporter.exclude_anchor_links, **exporter.lexer_options))


class MathJaxURL(LoggingConfigurable):
    """The ``configured_mathjax_url`` filter: the exporter's ``mathjax_url``, for the
    MathJax macro of grading/templates/ (a macro sees no ``resources``)."""

    def __call__(self, _):
        return self.parent.mathjax_url


class SanitizeOutputs(SanitizeHTML):
    """nbconvert's SanitizeHTML for the outputs of code cells (and raw cells).

    Markdown cells are left to :class:`SanitizedMarkdown`, which cleans the HTML they
    render to: cleaning their Markdown source would turn ``$a<b$`` into ``a&lt;b``."""
    safe_output_keys = Set({"metadata", "text/plain", "text/latex", "application/json",
                            "image/png", "image/jpeg", "image/svg+xml"}).tag(config=True)
    enabled = True

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "markdown":
            return cell, resources
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                html_meta = output.get("metadata", {}).get("text/html", {})
                if isinstance(html_meta, dict):
                    html_meta.pop("isolated", None)  # a frame would run what it holds
        return super().preprocess_cell(cell, resources, cell_index)

    def sanitize_html_tags(self, html_str):
        return str(clean_html(html_str))


# --- Content-Security-Policy -------------------------------------------------------

class _OwnScripts(HTMLParser):
    """The inline scripts and event handlers of a page's own template markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts, self.handlers, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.handlers += [value or "" for name, value in attrs if name.startswith("on")]
        self._in_script = tag == "script" and not dict(attrs).get("src")
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _hash(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _folder(url):
    """The folder of a URL, as a CSP source: MathJax loads the rest of itself from there."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path.rsplit('/', 1)[0]}/"


def policies(own_html, mathjax_url="", page_url=None, static_paths=()):
    """The Content-Security-Policies of a page whose own markup (the template's, not
    the notebook's) is ``own_html``: its inline scripts and handlers are allowed by
    hash, scripts from elsewhere only from MathJax's folder and, on a served page
    (``page_url`` is its path on the server), from the server's ``static_paths``.

    Two policies, both enforced: the first allows scripts from the page's own origin
    ('self', whose host the template does not know), the second only from the given
    paths of any host; together, only from those paths of the page's own server. So a
    file that a student submitted, which Jupyter serves under /files/ of the same
    server, cannot be loaded as a script either."""
    parser = _OwnScripts()
    parser.feed(str(own_html))
    hashes = sorted({_hash(s) for s in parser.scripts})
    if parser.handlers:
        hashes += ["'unsafe-hashes'"] + sorted({_hash(h) for h in parser.handlers})
    mathjax = []
    if mathjax_url:
        absolute = urlsplit(mathjax_url).scheme in ("http", "https")
        if absolute:
            mathjax = [_folder(mathjax_url)]
        elif page_url:
            static_paths = [*static_paths, urlsplit(urljoin(page_url, mathjax_url)).path
                            .rsplit("/", 1)[0] + "/"]
    served = page_url is not None
    own = ["'self'"] if served else []
    first = "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(own + mathjax + hashes),
        "style-src " + " ".join(own + mathjax + ["'unsafe-inline'"]),
        "img-src data:",
        "font-src " + " ".join(own + mathjax + ["data:"]),
        "connect-src " + ("'self'" if served else "'none'"),
        "base-uri 'none'",
        "form-action 'none'",
    ])
    if not served:
        return [first]
    second = "script-src " + " ".join([f"*:*{p}" for p in static_paths] + mathjax + hashes)
    return [first, second]


def policy_meta(own_html, resources, static_paths=None):
    """``<meta>`` elements with the policies of :func:`policies`, for a template.
    ``static_paths`` (on a page served by formgrader) are paths under ``base_url``."""
    page_url = None
    paths = ()
    if static_paths is not None:
        base = resources.get("base_url", "").rstrip("/")
        page_url = f"{base}/formgrader/submissions/{resources.get('submission_id', '')}/"
        paths = [base + p for p in static_paths]
    metas = [f'<meta http-equiv="Content-Security-Policy" content="{html.escape(p)}">'
             for p in policies(own_html, resources.get("mathjax_url", ""), page_url, paths)]
    return markupsafe.Markup("\n".join(metas))  # noqa: S704 (built here from escaped text)
