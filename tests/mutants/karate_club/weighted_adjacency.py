# networkx's interaction counts leak into A: to_numpy_array uses the edge `weight` by default.
# cell: load_karate
# loses: test_load_karate
# hint: entries must be 0 or 1
def load_karate():
    G = nx.karate_club_graph()
    A = nx.to_numpy_array(G, nodelist=range(34))
    labels = np.array([0 if G.nodes[v]["club"] == "Mr. Hi" else 1 for v in range(34)])
    return A, labels
