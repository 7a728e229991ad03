from keras import layers, Model, Input
a = Input(shape=(5, 4)); b = Input(shape=(5, 4))
d = layers.Dense(3)
out = layers.Concatenate()([d(a), d(b)])
model = Model([a, b], out)
# TRUTH: model
