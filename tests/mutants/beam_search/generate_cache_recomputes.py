# "Cached" generation that still runs the full forward pass over the whole sequence at every
# step: the tokens are right but nothing is saved.
# cell: generate
# loses: test_generate_cache
# hint: at most once
def generate(model, prompt, steps, use_cache):
    tokens = [int(t) for t in prompt]
    new = []
    for _ in range(steps):
        logits = model.forward(tokens)[-1]
        token = int(np.argmax(logits))
        tokens.append(token)
        new.append(token)
    return new
