# np.argsort of the read-out weights without reversing: the filters that vote most strongly
# AGAINST "enhancer" come first.
# cell: first_layer_motifs
# loses: test_first_layer_motifs, test_first_layer_motifs_recovery
# hint: largest first
def first_layer_motifs(model, top=3):
    conv = next(m for m in model.modules() if isinstance(m, nn.Conv1d))
    linear = next(m for m in model.modules() if isinstance(m, nn.Linear))
    W = conv.weight.detach().numpy()
    order = np.argsort(linear.weight.detach().numpy()[0])[:top]
    return ["".join("ACGT"[c] for c in W[f].argmax(axis=0)) for f in order]
