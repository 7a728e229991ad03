from keras import layers, Sequential, Input
model = Sequential([Input(shape=(3, 5, 4)), layers.TimeDistributed(layers.Bidirectional(layers.GRU(6, reset_after=False))), layers.Flatten(), layers.Dense(2)])
# TRUTH: model
