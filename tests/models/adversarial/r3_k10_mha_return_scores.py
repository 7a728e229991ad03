from keras import layers, Model, Input
x = Input(shape=(10, 16))
att, scores = layers.MultiHeadAttention(num_heads=2, key_dim=8)(x, x, return_attention_scores=True)
out = layers.Dense(3)(layers.GlobalAveragePooling1D()(att))
model = Model(x, out)
# TRUTH: model
