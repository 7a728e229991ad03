from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5, 3)), layers.LSTM(4, stateful=True)])
# TRUTH: model
