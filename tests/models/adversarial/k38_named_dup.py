from keras import layers, Model, Input
inp = Input(shape=(6,))
d = layers.Dense(6)
x = d(inp)
x = d(x)
x = d(x)
model = Model(inp, x)
# TRUTH: model
