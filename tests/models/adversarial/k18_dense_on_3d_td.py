from keras import layers, Sequential, Input
model = Sequential([Input(shape=(12, 6)), layers.Dense(4), layers.TimeDistributed(layers.Dense(3)), layers.GlobalMaxPooling1D(keepdims=True), layers.Flatten(), layers.Dense(2)])
# TRUTH: model
