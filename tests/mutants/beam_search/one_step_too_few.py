# One step too few: the first token is counted as already chosen, so the loop runs T - 1
# times and the sequences are one token short.
# cell: beam_search
# loses: test_beam_search, test_beam_search_limits
# hint: one per step
def beam_search(decoder, k, T):
    beam = [((), 0.0)]
    for _ in range(T - 1):
        candidates = [(seq + (token,), score + logp) for seq, score in beam
                      for token, logp in decoder.next_log_probs(seq).items()]
        beam = sorted(candidates, key=lambda h: h[1], reverse=True)[:k]
    return beam
