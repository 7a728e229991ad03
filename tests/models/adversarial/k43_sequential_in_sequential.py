from keras import layers, Sequential, Input
enc = Sequential([layers.LSTM(6, return_sequences=True), layers.LSTM(3)])
model = Sequential([Input(shape=(7, 3)), enc, layers.RepeatVector(7), layers.LSTM(6, return_sequences=True), layers.TimeDistributed(layers.Dense(3))])
# TRUTH: model
