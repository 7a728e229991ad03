from keras import layers, Model, Input
inp = Input(shape=(10, 8))
out, fh, fc, bh, bc = layers.Bidirectional(layers.LSTM(16, return_state=True))(inp)
h = layers.Concatenate()([fh, bh])
y = layers.Dense(3)(h)
model = Model(inp, y)
# TRUTH: model
