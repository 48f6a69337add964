# The consensus letters read with the alphabet "ATCG" instead of the channel order A, C, G, T.
# cell: first_layer_motifs
# loses: test_first_layer_motifs, test_first_layer_motifs_recovery
# hint: channels 0-3 = A, C, G, T
def first_layer_motifs(model, top=3):
    conv = next(m for m in model.modules() if isinstance(m, nn.Conv1d))
    linear = next(m for m in model.modules() if isinstance(m, nn.Linear))
    W = conv.weight.detach().numpy()
    order = np.argsort(-linear.weight.detach().numpy()[0])[:top]
    return ["".join("ATCG"[c] for c in W[f].argmax(axis=0)) for f in order]
