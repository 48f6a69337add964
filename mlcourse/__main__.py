"""Instructor commands: `python -m mlcourse {demo,releases,grade,report,timing,notebook,text}`."""
import argparse
import sys

from . import authoring, pipeline, report
from .course import ROOT


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m mlcourse", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="regenerate releases, grade the demo class, write feedback, "
                                "print the gradebook")
    rel = sub.add_parser("releases", help="regenerate release/ from source/ with nbgrader")
    rel.add_argument("assignments", nargs="*", help="default: all")
    gr = sub.add_parser("grade", help="autograde every submission of an assignment, one "
                                      "student at a time, and print the gradebook table")
    gr.add_argument("assignment")
    rep = sub.add_parser("report", help="class report for TAs: reports/<assignment>/report.html")
    rep.add_argument("assignment")
    tim = sub.add_parser("timing", help="time each solution notebook against its budget")
    tim.add_argument("assignments", nargs="*", help="default: all")
    nb = sub.add_parser("notebook", help="percent-format text file -> source notebook")
    nb.add_argument("text"), nb.add_argument("notebook")
    tx = sub.add_parser("text", help="source notebook -> percent-format text file, for editing")
    tx.add_argument("notebook"), tx.add_argument("text")
    args = parser.parse_args(argv)

    if args.command == "demo":
        return pipeline.demo()
    if args.command == "releases":
        return pipeline.releases(args.assignments)
    if args.command == "grade":
        return pipeline.grade(args.assignment)
    if args.command == "report":
        print(report.build(ROOT, args.assignment))
        return 0
    if args.command == "timing":
        return pipeline.timing(args.assignments)
    if args.command == "notebook":
        authoring.percent_to_notebook(args.text, args.notebook)
    if args.command == "text":
        authoring.notebook_to_percent(args.notebook, args.text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
