# beam_history records all candidates of a step, before they are cut to the k best.
# cell: beam_history
# loses: test_beam_history
# hint: AFTER pruning
def beam_history(decoder, k, T):
    beam, history = [((), 0.0)], []
    for _ in range(T):
        candidates = [(seq + (token,), score + logp) for seq, score in beam
                      for token, logp in decoder.next_log_probs(seq).items()]
        candidates.sort(key=lambda h: h[1], reverse=True)
        history.append(candidates)
        beam = candidates[:k]
    return history
