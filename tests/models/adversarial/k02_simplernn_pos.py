from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5, 4)), layers.SimpleRNN(8, "relu", False)])
# TRUTH: model
