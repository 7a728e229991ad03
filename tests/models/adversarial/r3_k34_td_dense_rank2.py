from keras import layers, Sequential, Input
model = Sequential([Input(shape=(12, 4)), layers.TimeDistributed(layers.Dense(3)), layers.TimeDistributed(layers.Flatten()), layers.Flatten(), layers.Dense(1)])
# TRUTH: model
