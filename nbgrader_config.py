"""The course's one nbgrader configuration. nbgrader reads it from the directory a
command runs in (the course root); the pipeline and the tests copy it unchanged."""
import os

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "ml-exercises"
# The gradebook: SQLite next to this file by default. For several graders at once,
# point it at PostgreSQL: c.CourseDirectory.db_url = "postgresql://..."

# The exchange that release_assignment / fetch / submit / collect use. On a shared
# JupyterHub point it at the shared folder; here it lives inside the course.
c.Exchange.root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "exchange")

# What students see where a solution was removed.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Per-cell time limit while grading. Our solutions need a few seconds per cell;
# a generous limit still stops a student's infinite loop.
c.Execute.timeout = 120
# Starting a kernel takes under a second, but much longer on a machine busy grading.
c.Execute.startup_timeout = 120

# Run student code in a sandboxed kernel (grading/sandbox.py): no course files, no
# network, a scratch folder, limits on memory, CPU time and processes. This is
# nbgrader 0.9's default list with Execute replaced by its sandboxed subclass.
# Without bubblewrap grading refuses to run, unless MLCOURSE_UNSANDBOXED=1.
c.Autograde.autograde_preprocessors = [
    "grading.sandbox.SandboxExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.Sandbox.memory_mb = 4096  # address space; importing torch alone reserves ~2 GB
c.Sandbox.cpu_seconds = 900  # CPU time of the whole notebook
c.Sandbox.processes = 128  # processes and threads
c.Sandbox.notebook_seconds = 1200  # wall clock of one student's autograde

# Keep the output of a runaway print from bloating the graded notebook.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 100

# Feedback for students: scores and the tests' failure messages, never hidden-test
# source or the traceback lines that quote it (grading/feedback.py).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "grading.feedback.StudentFeedback",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# What a student wrote or printed is shown as inert HTML in formgrader's grading pages
# and in the feedback pages (grading/safe_html.py): nbconvert's sanitize_html switch,
# its clean_html and markdown2html filters replaced by bleach with this course's
# allow-list (math, tables, embedded images, highlighted code survive; scripts,
# handlers, frames, forms, styles, foreign images and script links do not), a
# sanitizing preprocessor for outputs, and templates that add a Content-Security-Policy.
# Math renders offline: markdown's LaTeX becomes MathML (grading/mathrender.py), which
# browsers draw with no script and no network, before the cleaning.
# The top-level HTMLExporter is formgrader's; GenerateFeedback.HTMLExporter the
# feedback's (nbgrader picks its templates by these names otherwise).
from grading import safe_html  # noqa: E402

c.HTMLExporter.sanitize_html = True
c.HTMLExporter.skip_svg_encoding = False  # an SVG output is shown as an <img>: no script runs
c.HTMLExporter.exclude_anchor_links = True  # heading ids are dropped, so no dead ¶ links
c.HTMLExporter.filters = {
    "markdown2html": "grading.safe_html.SanitizedMarkdown",
    "clean_html": "grading.safe_html.clean_html",
    "content_security_policy": "grading.safe_html.policy_meta",
    "configured_mathjax_url": "grading.safe_html.MathJaxURL",
}
c.HTMLExporter.preprocessors = ["grading.safe_html.SanitizeOutputs"]
c.HTMLExporter.extra_template_basedirs = safe_html.TEMPLATE_DIRS
c.HTMLExporter.template_name = "mlcourse_formgrade"
c.HTMLExporter.template_file = "mlcourse.html.j2"  # extends nbgrader's index.html.j2
c.GenerateFeedback.HTMLExporter.template_name = "mlcourse_feedback"
# MathJax: formgrader loads the copy that jupyter-server-mathjax serves on the same
# server (relative to /formgrader/submissions/<id>/), so the TA's page runs no script
# from elsewhere and works offline; feedback pages, opened anywhere, load a fixed
# version from the CDN (its folder is the only script source their policy allows).
c.HTMLExporter.mathjax_url = (
    "../../../static/jupyter_server_mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe")
c.GenerateFeedback.HTMLExporter.mathjax_url = (
    "https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/MathJax.js?config=TeX-AMS_CHTML-full,Safe")

# For TAs (grading/similarity.py, grading/report.py, grading/lms.py).
# Similar answers: list a pair when the code two answers share (after normalising names,
# comments and layout, solution and provided code removed) is at least this share of either.
c.Similarity.threshold = 0.6
# The class report lists the students below this percent of the points.
c.ClassReport.struggling_percent = 50.0
# `nbgrader export --exporter=grading.lms.CanvasExport` (or MoodleExport): the roster
# mapping nbgrader ids to LMS ids, relative to the course root.
c.LmsExport.roster = "roster.csv"
