# The exam's false statement: the dimension of R^p x R^q taken as p * q.
# cell: vector_space_dim
# loses: test_vector_space_dim
# hint: Is (x, y) a p x q matrix?
def vector_space_dim(p, q):
    return p * q
