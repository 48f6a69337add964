# np.asarray(global_idx) has dtype float when global_idx is empty, and cannot index.
# cell: global_sliding_mask
# loses: test_global_sliding_mask
# hint: global_idx may be empty
def global_sliding_mask(n, w, global_idx):
    mask = sliding_window_mask(n, w).copy()
    idx = np.asarray(global_idx)
    mask[idx, :] = True
    mask[:, idx] = True
    return mask
