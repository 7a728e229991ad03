from keras import layers, Model, Input
inp = Input(shape=(10, 8))
out, fh, bh = layers.Bidirectional(layers.GRU(16, return_state=True), merge_mode="mul")(inp)
y = layers.Dense(3)(layers.Concatenate()([out, fh, bh]))
model = Model(inp, y)
# TRUTH: model
