from keras import layers, models
def build_model(n_layers=3, units=32, vocab=5000, n_classes=4):
    model = models.Sequential()
    model.add(layers.Input(shape=(100,)))
    model.add(layers.Embedding(vocab, 64, mask_zero=True))
    for i in range(n_layers):
        model.add(layers.GRU(units, return_sequences=i < n_layers - 1))
    model.add(layers.Dense(n_classes, activation="softmax"))
    return model
model = build_model()
# TRUTH: model
