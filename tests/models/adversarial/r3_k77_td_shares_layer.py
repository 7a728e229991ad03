from keras import layers, Model, Input
x = Input(shape=(5, 4))
d = layers.Dense(3)
a = d(x)
b = layers.TimeDistributed(d)(x)
model = Model(x, layers.Concatenate()([a, b]))
# TRUTH: model
