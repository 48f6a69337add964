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
