import keras
from keras import layers

max_features = 20000
maxlen = 200
embedding_dim = 128

inputs = keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(max_features, embedding_dim)(inputs)
x = layers.Bidirectional(layers.LSTM(64, return_sequences=True))(x)
x = layers.Bidirectional(layers.LSTM(64))(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
# TRUTH: model
