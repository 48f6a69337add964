# Labels from the sign of the Fiedler vector, without fixing node 0 to label 0.
# cell: spectral_split
# loses: test_spectral_split
# hint: node 0 must get label 0
def spectral_split(A):
    eigenvalues, eigenvectors = np.linalg.eigh(laplacian(A))
    return (eigenvectors[:, 1] > 0).astype(int)
