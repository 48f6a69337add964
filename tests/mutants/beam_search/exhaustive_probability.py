# Exhaustive search that returns the probability of the best sequence instead of its
# total log-probability.
# cell: exhaustive_decode
# loses: test_exhaustive_decode
# hint: not a probability
def exhaustive_decode(decoder, T):
    best_sequence, best_prob = None, -1.0
    for sequence in itertools.product(decoder.vocab, repeat=T):
        prob = 1.0
        for t in range(T):
            prob *= math.exp(decoder.next_log_probs(sequence[:t])[sequence[t]])
        if prob > best_prob:
            best_sequence, best_prob = sequence, prob
    return best_sequence, best_prob
