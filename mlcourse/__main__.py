"""`python -m mlcourse ...`: the instructor's commands, which live in the `grading`
package (kept apart from what notebooks import). Running this module is the only way
this package reaches them; importing `mlcourse` never loads `grading`."""
import sys

from grading.cli import main

sys.exit(main())
