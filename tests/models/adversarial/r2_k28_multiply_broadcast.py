from keras import layers, Model, Input
g = Input(shape=(1,))
x = Input(shape=(6,))
out = layers.Dense(2)(layers.Multiply()([g, x]))
model = Model([g, x], out)
# TRUTH: model
