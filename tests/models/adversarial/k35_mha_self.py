from keras import layers, Model, Input
x = Input(shape=(10, 8))
y = layers.MultiHeadAttention(num_heads=2, key_dim=4, use_bias=False)(x, x, x)
z = layers.LayerNormalization(center=False)(layers.Add()([x, y]))
model = Model(x, z)
# TRUTH: model
