from keras import layers, Model, Input
a = Input(shape=(10, 4))
b = Input(shape=(12, 4))
c = layers.Concatenate()([a, b])
out = layers.Dense(1)(layers.Flatten()(c))
model = Model([a, b], out)
# TRUTH: model
