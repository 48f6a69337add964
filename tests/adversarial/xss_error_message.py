# An answer whose value is markup, so that the tests' failure messages and the error outputs quote it.
# expect: graded
# points: 0
# shows: onerror
def double(x):
    raise ValueError("<img src=x onerror=\"document.title='XSS-RAN'; fetch('http://127.0.0.1:__PORT__/xss_error_message')\">")
