"""Instructor commands, run as `python -m mlcourse {demo,releases,grade,bench,report,similarity,export,timing,notebook,text}`."""
import argparse
import sys
from pathlib import Path

from . import authoring, course, pipeline, report, similarity


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m mlcourse", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="regenerate releases, grade the demo class, write feedback, "
                                "print the gradebook")
    rel = sub.add_parser("releases", help="regenerate release/ from source/ with nbgrader")
    rel.add_argument("assignments", nargs="*", help="default: all")
    gr = sub.add_parser("grade", help="autograde every submission of an assignment (in the "
                                      "course in the current folder) on N workers, and print "
                                      "the gradebook table")
    gr.add_argument("assignment")
    gr.add_argument("--workers", type=int, default=None,
                    help="local worker processes (default: c.GradingWorkers.count, else one "
                         "per core)")
    gr.add_argument("--scheduler", default=None,
                    help="grade on a running Dask cluster: tcp://host:8786 "
                         "(default: c.GradingWorkers.scheduler, else a LocalCluster)")
    gr.add_argument("--force", action="store_true",
                    help="grade again submissions already graded from the same files")
    ben = sub.add_parser("bench", help="grading throughput: plain nbgrader autograde, 1 worker "
                                       "and N workers side by side on a synthetic class")
    ben.add_argument("assignments", nargs="*", help="default: all")
    ben.add_argument("--per-assignment", type=int, default=12,
                     help="submissions per assignment (default 12)")
    ben.add_argument("--workers", type=int, default=None, help="N (default: one per core)")
    rep = sub.add_parser("report", help="class report for TAs: reports/<assignment>/report.html")
    rep.add_argument("assignment")
    sim = sub.add_parser("similarity", help="similar answers for a human to look at: "
                                            "reports/<assignment>/similarity.html")
    sim.add_argument("assignment")
    exp = sub.add_parser("export", help="grades for the LMS with nbgrader export: "
                                        "exports/canvas_grades.csv and exports/moodle_grades.csv")
    exp.add_argument("--roster", default="roster.csv", help="the roster CSV (default: roster.csv)")
    tim = sub.add_parser("timing", help="time each solution notebook against its budget")
    tim.add_argument("assignments", nargs="*", help="default: all")
    nb = sub.add_parser("notebook", help="percent-format text file -> source notebook")
    nb.add_argument("text"), nb.add_argument("notebook")
    tx = sub.add_parser("text", help="source notebook -> percent-format text file, for editing")
    tx.add_argument("notebook"), tx.add_argument("text")
    args = parser.parse_args(argv)

    # a misspelt name gets one line, not a traceback (releases, timing and bench work on
    # the repository's own course)
    unknown = course.unknown_assignment(course.ROOT, getattr(args, "assignments", None) or [])
    if unknown:
        print(unknown)
        return 1
    if args.command == "demo":
        return pipeline.demo()
    if args.command == "releases":
        return pipeline.releases(args.assignments)
    if args.command == "grade":
        return pipeline.grade(args.assignment, workers=args.workers, scheduler=args.scheduler,
                              force=args.force)
    if args.command == "bench":
        from . import bench
        return bench.run(args.assignments, args.per_assignment, args.workers)
    # the course is the current folder, as for nbgrader's own commands
    here = Path.cwd()
    unknown = course.unknown_assignment(here, [args.assignment]) \
        if args.command in ("report", "similarity") else ""
    if unknown:
        print(unknown)
        return 1
    if args.command == "report":
        print(report.build(here, args.assignment))
        return 0
    if args.command == "similarity":
        path, pairs = similarity.build(here, args.assignment)
        print(f"{path}: {len(pairs)} pair(s)")
        return 0
    if args.command == "export":
        for path in pipeline.export_grades(here, args.roster):
            print(path)
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
