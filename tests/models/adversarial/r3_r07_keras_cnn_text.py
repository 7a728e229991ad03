import keras
from keras import layers
vocab_size = 10000
embedding_dim = 64
sequence_length = 250
inputs = keras.Input(shape=(sequence_length,), dtype="int64")
x = layers.Embedding(vocab_size, embedding_dim)(inputs)
x = layers.Dropout(0.5)(x)
x = layers.Conv1D(128, 7, padding="valid", activation="relu", strides=3)(x)
x = layers.Conv1D(128, 7, padding="valid", activation="relu", strides=3)(x)
x = layers.GlobalMaxPooling1D()(x)
x = layers.Dense(128, activation="relu")(x)
x = layers.Dropout(0.5)(x)
predictions = layers.Dense(1, activation="sigmoid", name="predictions")(x)
model = keras.Model(inputs, predictions)
# TRUTH: model
