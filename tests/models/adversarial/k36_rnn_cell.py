from keras import layers, Sequential, Input
model = Sequential([Input(shape=(7, 3)), layers.RNN(layers.LSTMCell(5))])
# TRUTH: model
