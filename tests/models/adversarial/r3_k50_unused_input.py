from keras import layers, Model, Input
a = Input(shape=(4,))
b = Input(shape=(4,))
model = Model([a, b], layers.Dense(1)(a))
# TRUTH: model
