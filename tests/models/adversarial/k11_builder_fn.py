from keras import layers, models
def build(units=32, vocab=200, n=2):
    m = models.Sequential()
    m.add(layers.Input(shape=(None,)))
    m.add(layers.Embedding(vocab, 16))
    for i in range(n):
        m.add(layers.GRU(units, return_sequences=i < n - 1, reset_after=False))
    m.add(layers.Dense(1, activation="sigmoid"))
    return m
# TRUTH: build()
