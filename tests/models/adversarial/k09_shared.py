import keras
from keras import layers
a = keras.Input(shape=(None,), dtype="int32")
b = keras.Input(shape=(None,), dtype="int32")
emb = layers.Embedding(1000, 32, mask_zero=True)
enc = layers.Bidirectional(layers.GRU(16), merge_mode="sum")
x = layers.concatenate([enc(emb(a)), enc(emb(b))])
x = layers.Dense(8, activation="relu")(x)
out = layers.Dense(1)(x)
model = keras.Model([a, b], out)
# TRUTH: model
