# Splitting by the eigenvector of the smallest eigenvalue, which is constant.
# cell: spectral_split
# loses: test_spectral_split
# hint: the eigenvector of the smallest eigenvalue is constant
def spectral_split(A):
    eigenvalues, eigenvectors = np.linalg.eigh(laplacian(A))
    f = eigenvectors[:, 0]
    return (np.sign(f) != np.sign(f[0])).astype(int)
