from keras import layers, Sequential, Input
model = Sequential([Input(shape=(12,)), layers.Reshape((-1, 4)), layers.LSTM(3)])
# TRUTH: model
