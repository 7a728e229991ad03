from keras import layers, Model, Input
x = Input(shape=(10, 8))
y = layers.MultiHeadAttention(2, 4)(x)
model = Model(x, y)
# TRUTH: model
