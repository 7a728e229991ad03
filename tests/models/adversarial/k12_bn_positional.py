from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5, 4)), layers.LSTM(8, return_sequences=True), layers.BatchNormalization(-1, 0.9, 1e-3, False, False), layers.Flatten(), layers.Dense(2)])
# TRUTH: model
