# Markup printed to stdout and raised as an error message by the student's code.
# expect: graded
# points: 3
# shows: <script>document.title
print("<script>document.title='XSS-RAN'; fetch('http://127.0.0.1:__PORT__/xss_stdout')</script>")
try:
    raise ValueError("<img src=x onerror=\"document.title='XSS-RAN'\">")
except ValueError as e:
    print(repr(e))


def double(x):
    return 2 * x
