from keras import layers, Model, Input
x = Input(shape=(4, 5, 6))
o = layers.MultiHeadAttention(num_heads=2, key_dim=3, attention_axes=(2,))(x, x)
model = Model(x, o)
# TRUTH: model
