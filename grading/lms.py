"""Grades into the course's LMS, through nbgrader's own export plugin interface:

    nbgrader export --exporter=grading.lms.CanvasExport   # -> canvas_grades.csv
    nbgrader export --exporter=grading.lms.MoodleExport   # -> moodle_grades.csv

Each writes one row per student of the roster the instructor provides (``roster.csv``
in the course root, ``c.LmsExport.roster``) and one column per assignment:

- Canvas: its gradebook import format, the columns of Canvas's own gradebook export
  (``Student, ID, SIS User ID, SIS Login ID, Section``), then one column per
  assignment, and the ``Points Possible`` row under the header. A column titled
  ``<name> (<Canvas assignment id>)`` updates that Canvas assignment; a plain title
  makes a new one (``c.LmsExport.assignment_columns`` maps our names to titles).
- Moodle: its grade import CSV (``First name, Last name, ID number, Email address``,
  then one column per grade item); map users by "Email address" or "ID number" in
  Moodle's import form.

A score is nbgrader's own: the submission's points (autograded and manual) minus the
late penalty nbgrader's ``AssignLatePenalties`` stored, never below 0 (the rule of
nbgrader's ``CsvExportPlugin``). A submission that could not be graded, one flagged
for review, one with open answers still to grade, or a missing submission gets an
EMPTY cell, never a 0, and a line in the list written next to the file
(``canvas_grades-attention.csv``: student, assignment, why). Students with grades
but no roster row are listed there too.

The roster is a CSV with a header; ``student_id`` (the nbgrader id, as in
``submitted/<student_id>/``) is required, every other column is optional:
``first_name, last_name, canvas_id, sis_user_id, sis_login_id, section, email,
id_number``."""
import csv
from pathlib import Path

from nbgrader.api import MissingEntry
from nbgrader.plugins import ExportPlugin
from traitlets import Dict, Unicode

from . import course

ROSTER_COLUMNS = ("student_id", "first_name", "last_name", "canvas_id", "sis_user_id",
                  "sis_login_id", "section", "email", "id_number")
CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_HEADER = ["First name", "Last name", "ID number", "Email address"]


def read_roster(path):
    """The roster rows (dicts with every ROSTER_COLUMNS key), in the file's order."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(
            f"no roster at {path}: write a CSV with a header row and at least the column "
            f"student_id (the nbgrader id), optionally {', '.join(ROSTER_COLUMNS[1:])}")
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        if "student_id" not in (reader.fieldnames or []):
            raise ValueError(f"{path}: the header has no student_id column")
        rows = []
        for row in reader:
            row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            if row.get("student_id"):
                rows.append({key: row.get(key, "") for key in ROSTER_COLUMNS})
    return rows


def number(x):
    """A score as the LMS reads it: 12, 12.5, 12.25 (no float noise)."""
    return f"{round(float(x), 4):g}"


class LmsExport(ExportPlugin):
    """Shared by the Canvas and Moodle exporters: grades, and why a cell is empty."""

    roster = Unicode("roster.csv", help="The roster CSV (relative to the course root): "
                     "student_id plus the LMS's ids of each student.").tag(config=True)
    assignment_columns = Dict({}, help="nbgrader assignment -> column title in the LMS "
                              "file, e.g. {'kernels': 'String kernels (4431)'}; default: "
                              "the assignment's name.").tag(config=True)
    default_to = "grades.csv"

    @property
    def root(self):
        return Path(self.parent.coursedir.root) if self.parent is not None else Path.cwd()

    def grades(self, gradebook):
        """``(assignments, points, roster, grades, attention)``: the assignments
        exported with their points possible, the roster rows, ``grades[(student,
        assignment)]`` = score or None, and ``attention`` = [(student, assignment, why)]."""
        roster_path = Path(self.roster)
        roster = read_roster(roster_path if roster_path.is_absolute() else self.root / roster_path)
        if self.student:
            wanted = {str(s) for s in self.student}
            roster = [r for r in roster if r["student_id"] in wanted]
        names = sorted(a.name for a in gradebook.assignments
                       if not self.assignment or a.name in {str(x) for x in self.assignment})
        points = {a: float(gradebook.find_assignment(a).max_score) for a in names}
        ids = [r["student_id"] for r in roster]
        grades, attention = {}, []
        for a in names:
            statuses = course.results(self.root, a, ids) if ids else {}
            for student in ids:
                grades[(student, a)], why = self._grade(gradebook, a, student, statuses.get(student))
                if why:
                    attention.append((student, a, why))
        known = set(ids)
        for student in sorted(s.id for s in gradebook.students):
            if student in known or (self.student and student not in self.student):
                continue
            for a in names:
                try:
                    gradebook.find_submission(a, student)
                except MissingEntry:
                    continue
                attention.append((student, a, "not in the roster: no row exported"))
        return names, points, roster, grades, attention

    def _grade(self, gradebook, assignment, student, result):
        try:
            submission = gradebook.find_submission(assignment, student)
        except MissingEntry:
            return None, "no submission"
        if result is not None and result.status == "not graded":
            return None, f"not graded: {result.reason}"
        if result is not None and result.status == "flagged":
            return None, f"flagged for review: {result.reason}"
        pending = sum(1 for nb in submission.notebooks for g in nb.grades
                      if g.needs_manual_grade)
        if pending:
            return None, f"{pending} answer(s) still to grade by hand (formgrader)"
        if submission.score is None:
            return None, "no score in the gradebook"
        penalty = float(submission.late_submission_penalty or 0.0)
        return max(0.0, float(submission.score) - penalty), ""

    def column(self, assignment):
        return self.assignment_columns.get(assignment, assignment)

    def export(self, gradebook):
        dest = Path(self.to or self.default_to)
        if not dest.is_absolute():
            dest = Path.cwd() / dest
        names, points, roster, grades, attention = self.grades(gradebook)
        dest.parent.mkdir(parents=True, exist_ok=True)
        with open(dest, "w", newline="", encoding="utf-8") as f:
            self.write(csv.writer(f), names, points, roster, grades)
        listing = dest.with_name(dest.stem + "-attention.csv")
        with open(listing, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["student_id", "assignment", "why the cell is empty"])
            writer.writerows(attention)
        self.log.info("Wrote %d students x %d assignments to %s", len(roster), len(names), dest)
        if attention:
            self.log.warning("%d empty cells or unexported grades need attention: see %s",
                             len(attention), listing)

    def write(self, writer, names, points, roster, grades):
        raise NotImplementedError


def _cell(value):
    return "" if value is None else number(value)


class CanvasExport(LmsExport):
    """Canvas's gradebook import CSV (see the module docstring)."""
    default_to = "canvas_grades.csv"

    def write(self, writer, names, points, roster, grades):
        writer.writerow(CANVAS_HEADER + [self.column(a) for a in names])
        writer.writerow(["    Points Possible", "", "", "", ""] + [number(points[a]) for a in names])
        for r in roster:
            name = ", ".join(x for x in (r["last_name"], r["first_name"]) if x) or r["student_id"]
            writer.writerow([name, r["canvas_id"], r["sis_user_id"], r["sis_login_id"], r["section"]]
                            + [_cell(grades[(r["student_id"], a)]) for a in names])


class MoodleExport(LmsExport):
    """Moodle's grade import CSV (see the module docstring)."""
    default_to = "moodle_grades.csv"

    def write(self, writer, names, points, roster, grades):
        writer.writerow(MOODLE_HEADER + [self.column(a) for a in names])
        for r in roster:
            writer.writerow([r["first_name"] or r["student_id"], r["last_name"], r["id_number"],
                             r["email"]] + [_cell(grades[(r["student_id"], a)]) for a in names])
