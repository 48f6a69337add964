# Candidates ranked by the log-probability of their last token instead of the total
# log-probability of the sequence (the stored scores are still the sums).
# cell: beam_search
# loses: test_beam_search, test_beam_search_limits
# hint: total log-probability
def beam_search(decoder, k, T):
    beam = [((), 0.0)]
    for _ in range(T):
        candidates = []
        for seq, score in beam:
            for token, lp in decoder.next_log_probs(seq).items():
                candidates.append((seq + (token,), score + lp, lp))
        candidates.sort(key=lambda c: c[2], reverse=True)
        beam = [(seq, score) for seq, score, _ in candidates[:k]]
    return beam
