from keras import layers, Model, Input
x = Input(shape=(5, 4))
d = layers.Dense(3)
b = layers.TimeDistributed(d)(x)
c = d(layers.Flatten()(x))
model = Model(x, layers.Concatenate()([layers.Flatten()(b), c]))
# TRUTH: model
