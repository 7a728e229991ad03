from keras import layers, models
def build_model(n_layers=2, units=32, vocab=5000, n_classes=4):
    model = models.Sequential(name="clf")
    model.add(layers.Embedding(vocab, 64, input_shape=(100,)))
    for i in range(n_layers):
        last = i == n_layers - 1
        model.add(layers.GRU(units, return_sequences=not last, reset_after=False))
    model.add(layers.Dense(n_classes, activation="softmax"))
    return model
model = build_model()
# TRUTH: model
