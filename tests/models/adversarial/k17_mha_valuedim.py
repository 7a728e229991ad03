from keras import layers, Model, Input
q = Input(shape=(10, 8)); v = Input(shape=(12, 6))
y = layers.MultiHeadAttention(num_heads=2, key_dim=4, value_dim=5, output_shape=7)(q, v)
model = Model([q, v], y)
# TRUTH: model
