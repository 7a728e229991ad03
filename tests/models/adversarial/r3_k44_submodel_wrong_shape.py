from keras import layers, Model, Input
i = Input(shape=(4,))
enc = Model(i, layers.Dense(8)(i))
x = Input(shape=(6,))
model = Model(x, layers.Dense(1)(enc(x)))
# TRUTH: model
