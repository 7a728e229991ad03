import tensorflow as tf

text_in = tf.keras.Input(shape=(None,), dtype="int32", name="text")
meta_in = tf.keras.Input(shape=(12,), name="meta")
x = tf.keras.layers.Embedding(input_dim=8000, output_dim=64, mask_zero=True)(text_in)
a = tf.keras.layers.LSTM(32)(x)
b = tf.keras.layers.GRU(32, go_backwards=True)(x)
m = tf.keras.layers.Dense(16, activation="relu")(meta_in)
merged = tf.keras.layers.concatenate([a, b, m])
merged = tf.keras.layers.LayerNormalization()(merged)
out = tf.keras.layers.Dense(3, activation="softmax", name="label")(merged)
model = tf.keras.Model(inputs=[text_in, meta_in], outputs=out)
