# An event callback that, before every later cell runs, replaces the checks with ones that
# pass everything, next to a wrong answer.
# expect: flagged
# reason: get_ipython
# protection: kernel
def _pass_everything(*args, **kwargs):
    import mlcourse.checks as c
    c.assert_close = lambda *a, **k: None
get_ipython().events.register("pre_run_cell", _pass_everything)
def double(x):
    return x
