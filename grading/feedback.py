"""What students see in their feedback: nbgrader's own `generate_feedback`, with
this preprocessor in its pipeline (see nbgrader_config.py).

For every test cell it removes the hidden-test blocks from the source and replaces
each error's traceback (which quotes the hidden lines it ran) by the error's
message: the failure message the test wrote, with its hint. The score per question
comes from nbgrader's feedback template.

Student code can also carry hidden text out on its own (an exception message, a
returned value a failure message quotes, anything printed in a later cell), so every
output of every cell is searched for the hidden tests' lines: whole lines, and long
lines anywhere in the text, are replaced by "(hidden test text removed)"."""
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Integer

from . import notebooks

REMOVED = "(hidden test text removed)"

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
    mask_hidden = Bool(True, help="Remove hidden-test lines from every output. Off only in "
                       "the tests that prove what it protects").tag(config=True)
    fragment_chars = Integer(20, help="Hidden lines at least this long are removed wherever "
                             "they appear in an output, not only as whole lines").tag(config=True)

    def preprocess(self, nb, resources):
        hidden = notebooks.secret_lines(nb, patterns=(notebooks.HIDDEN_BLOCK,), min_chars=1)
        self._hidden = hidden if self.mask_hidden else set()
        self._fragments = sorted((h for h in self._hidden if len(h) >= self.fragment_chars),
                                 key=len, reverse=True)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if notebooks.is_test(cell):
            cell.source = notebooks.HIDDEN_BLOCK.sub("# (hidden tests)\n", cell.source)
            cell.outputs = [_student_view(out) for out in cell.get("outputs", [])
                            if out.output_type in ("error", "execute_result")]
        for output in cell.get("outputs", []):
            for key in ("text", "evalue", "traceback", "data"):
                if key in output:
                    output[key] = self._mask(output[key])
        return cell, resources

    def _mask(self, value):
        """``value`` (text, a list of lines, or a dict of MIME data) with hidden lines removed."""
        if isinstance(value, list):
            return [self._mask(v) for v in value]
        if isinstance(value, dict):
            return {k: self._mask(v) for k, v in value.items()}
        if not isinstance(value, str):
            return value
        lines = [REMOVED if line.strip() in self._hidden else line
                 for line in value.split("\n")]
        text = "\n".join(lines)
        for fragment in self._fragments:
            text = text.replace(fragment, REMOVED)
        return text


def _student_view(output):
    if output.output_type != "error":
        return output  # a partial-credit number
    message = f"{output.ename}: {output.evalue}".rstrip()
    if "Hint:" not in message and output.ename in GENERIC_HINTS:
        message += "\nHint: " + GENERIC_HINTS[output.ename]
    output.traceback = message.splitlines()
    return output
