from keras import layers, Sequential
model = Sequential()
model.add(layers.LSTM(8, input_shape=(None, 3), return_sequences=True))
model.add(layers.LSTM(8))
model.add(layers.Dense(2))
# TRUTH: model
