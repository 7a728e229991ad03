from keras import layers, Sequential, Input
model = Sequential([Input(shape=(0, 4)), layers.LSTM(3)])
# TRUTH: model
