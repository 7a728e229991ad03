from keras import layers, Model, Input
a = Input(shape=(5, 4))
b = Input(shape=(3, 4))
c = layers.Concatenate(axis=1)([a, b])
out = layers.Dense(2)(layers.Flatten()(c))
model = Model([a, b], out)
# TRUTH: model
