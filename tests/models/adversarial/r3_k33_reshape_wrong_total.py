from keras import layers, Sequential, Input
model = Sequential([Input(shape=(12,)), layers.Reshape((5, 3)), layers.LSTM(2)])
# TRUTH: model
