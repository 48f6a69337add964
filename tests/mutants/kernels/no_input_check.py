# The kernel accepts lowercase letters and other characters instead of raising ValueError.
# cell: kmer_kernel
# loses: test_kmer_kernel_input
# hint: raise ValueError
def kmer_kernel(s, t, ell):
    s, t = s.upper(), t.upper()
    kmers = lambda x: {x[i:i + ell] for i in range(len(x) - ell + 1)}
    return len(kmers(s) & kmers(t))
