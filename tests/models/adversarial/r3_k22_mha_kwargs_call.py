from keras import layers, Model, Input
q = Input(shape=(5, 8))
v = Input(shape=(7, 6))
k = Input(shape=(7, 5))
o = layers.MultiHeadAttention(num_heads=2, key_dim=4)(query=q, key=k, value=v)
model = Model([q, v, k], o)
# TRUTH: model
