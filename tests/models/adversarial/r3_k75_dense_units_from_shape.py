from keras import layers, Model, Input
x = Input(shape=(6, 5))
h = layers.LSTM(x.shape[-1] * 2, return_sequences=True)(x)
o = layers.Dense(h.shape[-1] // 2)(h)
model = Model(x, o)
# TRUTH: model
