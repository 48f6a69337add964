"""What students see in their feedback: nbgrader's own `generate_feedback`, with
this preprocessor in its pipeline (see nbgrader_config.py).

For every test cell it removes the hidden-test blocks from the source and replaces
each error's traceback (which quotes the hidden lines it ran) by the error's
message: the failure message the test wrote, with its hint. The score per question
comes from nbgrader's feedback template."""
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from . import notebooks

# Hints for errors that come from the student's cell rather than from a test.
GENERIC_HINTS = {
    "NotImplementedError": "this answer is still missing: replace `raise NotImplementedError()` "
                           "with your code.",
    "NameError": "a name the test needs is not defined: did the answer cell run without errors, "
                 "and does it define the name the question asks for?",
    "TypeError": "check the arguments and the type of what your function returns.",
}


class StudentFeedback(Preprocessor):
    enabled = Bool(True).tag(config=True)  # nbconvert's preprocessors start disabled

    def preprocess_cell(self, cell, resources, index):
        if notebooks.is_test(cell):
            cell.source = notebooks.HIDDEN_BLOCK.sub("# (hidden tests)\n", cell.source)
            cell.outputs = [_student_view(out) for out in cell.get("outputs", [])
                            if out.output_type in ("error", "execute_result")]
        return cell, resources


def _student_view(output):
    if output.output_type != "error":
        return output  # a partial-credit number
    message = f"{output.ename}: {output.evalue}".rstrip()
    if "Hint:" not in message and output.ename in GENERIC_HINTS:
        message += "\nHint: " + GENERIC_HINTS[output.ename]
    output.traceback = message.splitlines()
    return output
