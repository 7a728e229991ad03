import keras
model = keras.Sequential()
model.add(keras.layers.Embedding(500, 16))
model.add(keras.layers.Bidirectional(keras.layers.LSTM(32, return_sequences=True)))
model.add(keras.layers.TimeDistributed(keras.layers.Dense(5)))
model.build((None, 20))
# TRUTH: model
