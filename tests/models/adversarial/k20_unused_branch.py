from keras import layers, Model, Input
inp = Input(shape=(6,))
side = layers.Dense(100)(inp)
y = layers.Dense(2)(inp)
model = Model(inp, y)
# TRUTH: model
