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

# Run student code in a sandboxed kernel (mlcourse/sandbox.py): no course files, no
# network, a scratch folder, limits on memory, CPU time and processes. This is
# nbgrader 0.9's default list with Execute replaced by its sandboxed subclass.
# Without bubblewrap grading refuses to run, unless MLCOURSE_UNSANDBOXED=1.
c.Autograde.autograde_preprocessors = [
    "mlcourse.sandbox.SandboxExecute",
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
# source or the traceback lines that quote it (mlcourse/feedback.py).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "mlcourse.feedback.StudentFeedback",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
