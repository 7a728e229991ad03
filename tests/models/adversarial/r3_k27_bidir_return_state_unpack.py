from keras import layers, Model, Input
x = Input(shape=(None, 10))
out, fh, fc, bh, bc = layers.Bidirectional(layers.LSTM(8, return_state=True))(x)
state = layers.Concatenate()([fh, bh])
y = layers.Dense(3)(state)
model = Model(x, y)
# TRUTH: model
