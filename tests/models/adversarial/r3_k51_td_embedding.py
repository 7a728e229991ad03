from keras import layers, Sequential, Input
model = Sequential([Input(shape=(3, 5)), layers.TimeDistributed(layers.Embedding(50, 4)), layers.Reshape((3, 20)), layers.LSTM(2)])
# TRUTH: model
