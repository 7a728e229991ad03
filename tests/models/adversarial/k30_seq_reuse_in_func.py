import keras
from keras import layers
enc = keras.Sequential([layers.LSTM(8)])
a = keras.Input(shape=(5, 3)); b = keras.Input(shape=(5, 3))
y = layers.Dense(1)(layers.Subtract()([enc(a), enc(b)]))
model = keras.Model([a, b], y)
# TRUTH: model
