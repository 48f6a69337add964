# The kernel multiplies occurrence counts instead of counting shared distinct ell-mers.
# cell: kmer_kernel
# loses: test_kmer_kernel
# hint: counts once
from collections import Counter


def kmer_kernel(s, t, ell):
    spectrum_features(s, ell), spectrum_features(t, ell)  # validates the input
    cs = Counter(s[i:i + ell] for i in range(len(s) - ell + 1))
    ct = Counter(t[i:i + ell] for i in range(len(t) - ell + 1))
    return sum(cs[w] * ct[w] for w in cs)
