from keras import layers, Model, Input
q = Input(shape=(4, 8)); v = Input(shape=(6, 8))
y = layers.Attention(True)([q, v])
model = Model([q, v], layers.Dense(1)(y))
# TRUTH: model
