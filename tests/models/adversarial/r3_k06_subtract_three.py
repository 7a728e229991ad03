from keras import layers, Model, Input
a = Input(shape=(4,)); b = Input(shape=(4,)); c = Input(shape=(4,))
out = layers.Dense(2)(layers.Subtract()([a, b, c]))
model = Model([a, b, c], out)
# TRUTH: model
