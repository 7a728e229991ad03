import keras
from keras import layers
inp = keras.Input(shape=(100,))
x = layers.Embedding(5000, 32)(inp)
x = layers.Conv1D(32, 5, padding="Same", activation="relu")(x)
x = layers.MaxPooling1D(2)(x)
x = layers.LSTM(32, return_sequences=True)(x)
x = layers.Flatten()(x)
out = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inp, out)
# TRUTH: model
