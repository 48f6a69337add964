# Greedy decoding that returns the log-probability of the last token only, not the sum
# along the sequence.
# cell: greedy_decode
# loses: test_greedy_decode
# hint: sum of the log-probabilities
def greedy_decode(decoder, T):
    sequence, last = (), 0.0
    for _ in range(T):
        lps = decoder.next_log_probs(sequence)
        token = max(lps, key=lps.get)
        sequence, last = sequence + (token,), lps[token]
    return sequence, last
