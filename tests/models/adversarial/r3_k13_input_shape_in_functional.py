from keras import layers, Model, Input
x = Input(shape=(4,))
out = layers.Dense(3, input_shape=(100,))(x)
model = Model(x, out)
# TRUTH: model
