# Each hypothesis keeps its top-k continuations, but the k^2 candidates are never cut back
# to the global top k: the beam grows at every step.
# cell: beam_search
# loses: test_beam_search
# may_lose: test_beam_search_limits, test_beam_search_calls
# hint: do not keep every child
def beam_search(decoder, k, T):
    beam = [((), 0.0)]
    for _ in range(T):
        new = []
        for seq, score in beam:
            lps = decoder.next_log_probs(seq)
            top = sorted(lps.items(), key=lambda item: item[1], reverse=True)[:k]
            new.extend((seq + (tok,), score + lp) for tok, lp in top)
        beam = sorted(new, key=lambda h: h[1], reverse=True)
    return beam
