"""Math that renders offline: LaTeX in markdown becomes MathML when the HTML is made.

nbconvert's HTML (nbgrader's feedback pages and formgrader's views) leaves ``$...$``
in the page for MathJax, which nbgrader's templates load from a CDN: without the web
a student sees raw dollars. This module is nbconvert's own markdown renderer
(``IPythonRenderer`` with ``MarkdownWithMath``) with its math nodes converted to MathML
by latex2mathml (a pure-Python LaTeX-to-MathML converter); browsers draw MathML
themselves (Chromium, Firefox, Safari), with no script, no font download and no
network. ``nbgrader_config.py`` puts it in place of nbconvert's ``markdown2html`` filter
(``c.HTMLExporter.filters``); the class report uses ``markdown`` below.

Math that latex2mathml cannot convert is kept as its TeX source in a <code> element
(escaped), never as raw dollars."""
import html

from jinja2 import pass_context
from latex2mathml.converter import convert
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath


def to_mathml(tex, display=False):
    """MathML for one formula; its TeX source (escaped) if it cannot be converted."""
    try:
        mathml = convert(tex.strip(), display="block" if display else "inline")
    except Exception:
        return f'<code class="tex-source">{html.escape(tex)}</code>'
    # One line: a blank line inside would end the HTML block in later markdown passes.
    return " ".join(mathml.split("\n"))


class MathMLRenderer(IPythonRenderer):
    """nbconvert's markdown renderer, its math rendered to MathML."""

    def block_math(self, body):
        return to_mathml(body, display=True)

    def inline_math(self, body):
        return to_mathml(body)

    def latex_environment(self, name, body):
        return to_mathml(f"\\begin{{{name}}}{body}\\end{{{name}}}", display=True)


def markdown(source, **renderer_options):
    """Markdown (with math) to HTML, the math as MathML."""
    renderer = MathMLRenderer(escape=False, **renderer_options)
    return MarkdownWithMath(renderer=renderer).render(source)


@pass_context
def markdown2html(context, source):
    """The ``markdown2html`` filter of nbconvert's HTMLExporter, math as MathML."""
    cell = context.get("cell", {})
    path = context.get("resources", {}).get("metadata", {}).get("path", "")
    return markdown(source, attachments=cell.get("attachments", {}), path=path)
