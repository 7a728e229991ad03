from keras import layers, Model, Input
a = Input(shape=(5, 4)); b = Input(shape=(5, 2))
c = layers.concatenate([a, b], axis=-1)
model = Model([a, b], layers.LSTM(3)(c))
# TRUTH: model
