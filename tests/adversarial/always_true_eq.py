# An answer object whose == is always True (and that pretends to be close to anything).
# expect: graded
class Anything:
    def __eq__(self, other):
        return True
    __ne__ = lambda self, other: False
    __lt__ = __le__ = __gt__ = __ge__ = __eq__
    def __sub__(self, other):
        return 0.0
    __rsub__ = __sub__
    def __abs__(self):
        return 0.0
def double(x):
    return Anything()
