from keras import layers, Model, Input
a = Input(shape=(4,))
b = Input(shape=(4,))
model = Model(a, layers.Dense(1)(b))
# TRUTH: model
