from keras import layers, Sequential, Input
model = Sequential([Input(shape=(7, 3)), layers.GRU(5, use_bias=False), layers.Dense(2, use_bias=False)])
# TRUTH: model
