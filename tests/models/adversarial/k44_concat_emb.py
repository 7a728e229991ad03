import keras
from keras import layers
a = keras.Input(shape=(5,)); b = keras.Input(shape=(5,))
ea = layers.Embedding(10, 3)(a); eb = layers.Embedding(20, 4)(b)
x = layers.Concatenate(axis=-1)([ea, eb])
x = layers.LSTM(2)(x)
model = keras.Model(inputs={"a": a, "b": b}, outputs=x)
# TRUTH: model
