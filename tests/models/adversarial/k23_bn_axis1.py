from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5, 4)), layers.BatchNormalization(axis=1), layers.LSTM(3)])
# TRUTH: model
