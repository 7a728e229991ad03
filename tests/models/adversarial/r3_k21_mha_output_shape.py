from keras import layers, Model, Input
q = Input(shape=(5, 8))
v = Input(shape=(7, 6))
o = layers.MultiHeadAttention(2, 4, value_dim=3, output_shape=10, use_bias=False)(q, v)
model = Model([q, v], layers.Dense(1)(o))
# TRUTH: model
