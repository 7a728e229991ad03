from keras import layers, Model, Input
inp = Input(shape=(5, 3))
f, b = layers.Bidirectional(layers.LSTM(4, return_sequences=True), merge_mode=None)(inp)
y = layers.Dense(2)(layers.Concatenate()([f, b]))
model = Model(inp, y)
# TRUTH: model
