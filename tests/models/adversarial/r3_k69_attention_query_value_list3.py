from keras import layers, Model, Input
q = Input(shape=(5, 4)); v = Input(shape=(7, 4))
a = layers.Attention()([q, v, v])
model = Model([q, v], layers.Dense(2)(a))
# TRUTH: model
