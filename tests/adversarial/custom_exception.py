# A custom exception handler that swallows every error of later cells, so that a failed
# assert shows no error, next to a wrong answer. nbgrader's own Execute already turns an
# error reply that comes without an error output into one, so no protection of ours is
# needed for the points; the grading kernel restores its own handlers for the tests anyway.
# expect: flagged
# reason: get_ipython
get_ipython().set_custom_exc((BaseException,), lambda shell, etype, value, tb, tb_offset=None: None)
get_ipython().showtraceback = lambda *args, **kwargs: None
def double(x):
    return x
