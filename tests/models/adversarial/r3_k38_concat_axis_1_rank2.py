from keras import layers, Model, Input
a = Input(shape=(4,)); b = Input(shape=(6,))
out = layers.Dense(2)(layers.Concatenate(axis=1)([a, b]))
model = Model([a, b], out)
# TRUTH: model
