from keras import layers, Model, Input
x = Input(shape=(4,))
y = layers.Dense(3)([x])
model = Model(x, y)
# TRUTH: model
