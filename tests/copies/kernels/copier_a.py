# A correct answer of the student's own design (a set of ell-mers), different from
# the model solution. copier_b handed in the same answer with renamed variables.
# cell: spectrum_features
def spectrum_features(s, ell):
    # check the inputs first
    if isinstance(ell, bool) or not isinstance(ell, (int, np.integer)) or ell <= 0:
        raise ValueError("ell must be a positive integer")
    for letter in s:
        if letter not in ALPHABET:
            raise ValueError("the string is not DNA")
    features = np.zeros(4 ** ell)
    # every distinct ell-mer of s, each one counted once
    seen = set(s[i:i + ell] for i in range(len(s) - ell + 1))
    for kmer in seen:
        position = 0
        for letter in kmer:
            position = position * 4 + ALPHABET.find(letter)
        features[position] = 1
    return features
