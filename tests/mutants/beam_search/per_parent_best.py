# Top-k per parent instead of the global top k: after the first step every hypothesis keeps
# only its own best continuation, so the search runs k greedy decoders side by side.
# cell: beam_search
# loses: test_beam_search, test_beam_search_limits
# hint: global top k
def beam_search(decoder, k, T):
    first = decoder.next_log_probs(())
    beam = sorted((((t,), lp) for t, lp in first.items()), key=lambda h: h[1], reverse=True)[:k]
    for _ in range(T - 1):
        new = []
        for seq, score in beam:
            lps = decoder.next_log_probs(seq)
            best = max(lps, key=lps.get)
            new.append((seq + (best,), score + lps[best]))
        beam = sorted(new, key=lambda h: h[1], reverse=True)
    return beam
