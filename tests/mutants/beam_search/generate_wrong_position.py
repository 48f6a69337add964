# Cached generation that embeds each new token at position "number of tokens generated so
# far", forgetting the prompt's length.
# cell: generate
# loses: test_generate
# hint: identical tokens
def generate(model, prompt, steps, use_cache):
    tokens = [int(t) for t in prompt]
    new = []
    if not use_cache:
        for _ in range(steps):
            token = int(np.argmax(model.forward(tokens)[-1]))
            tokens.append(token)
            new.append(token)
        return new
    keys, values = [], []
    for position, token in enumerate(tokens):
        x = model.embed(token, position)
        k, v = model.key_value(x)
        keys.append(k)
        values.append(v)
    for step in range(steps):
        token = int(np.argmax(model.output(x, model.query(x), np.array(keys), np.array(values))))
        tokens.append(token)
        new.append(token)
        x = model.embed(token, len(new))
        k, v = model.key_value(x)
        keys.append(k)
        values.append(v)
    return new
