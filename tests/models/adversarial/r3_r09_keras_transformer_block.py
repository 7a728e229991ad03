import keras
from keras import layers
embed_dim = 32
num_heads = 2
ff_dim = 32
maxlen = 200
vocab_size = 20000
inputs = layers.Input(shape=(maxlen,))
x = layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)(inputs)
attn_output = layers.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)(x, x)
attn_output = layers.Dropout(0.1)(attn_output)
out1 = layers.LayerNormalization(epsilon=1e-6)(x + attn_output)
ffn = keras.Sequential([layers.Dense(ff_dim, activation="relu"), layers.Dense(embed_dim)])
ffn_output = ffn(out1)
x = layers.LayerNormalization(epsilon=1e-6)(out1 + ffn_output)
x = layers.GlobalAveragePooling1D()(x)
x = layers.Dropout(0.1)(x)
x = layers.Dense(20, activation="relu")(x)
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
# TRUTH: model
