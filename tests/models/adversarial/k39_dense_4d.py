from keras import layers, Sequential, Input
model = Sequential([Input(shape=(3, 4, 5)), layers.Dense(2), layers.Reshape((12, 2)), layers.LSTM(3)])
# TRUTH: model
