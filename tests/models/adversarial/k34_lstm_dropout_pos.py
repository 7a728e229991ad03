from keras import layers, Sequential, Input
model = Sequential([Input(shape=(7, 3)), layers.GRU(5, "tanh", "sigmoid", False)])
# TRUTH: model
